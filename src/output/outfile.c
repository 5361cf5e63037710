/* outfile.c - temp-and-rename output files (outfile.h). */
#include <bmd/outfile.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bmd/status.h>

/* the live temporary names (outfile.h); a slot's name is complete before used is set, and
   used is cleared only after the file is renamed or unlinked */
static struct {
  volatile sig_atomic_t used;
  char tmp[sizeof ((struct bmd_outfile *)0)->tmp];
} live[BMD_OUTFILE_MAX_LIVE];
static pthread_mutex_t live_mu = PTHREAD_MUTEX_INITIALIZER;

static int live_add(const char *tmp) {
  int slot = -1;
  pthread_mutex_lock(&live_mu);
  for (int i = 0; i < BMD_OUTFILE_MAX_LIVE && slot < 0; i++)
    if (!live[i].used) {
      memcpy(live[i].tmp, tmp, strlen(tmp) + 1);
      live[i].used = 1;
      slot = i;
    }
  pthread_mutex_unlock(&live_mu);
  return slot;
}

static void live_remove(const char *tmp) {
  pthread_mutex_lock(&live_mu);
  for (int i = 0; i < BMD_OUTFILE_MAX_LIVE; i++)
    if (live[i].used && strcmp(live[i].tmp, tmp) == 0) {
      live[i].used = 0;
      break;
    }
  pthread_mutex_unlock(&live_mu);
}

void bmd_outfile_unlink_live(void) {
  for (int i = 0; i < BMD_OUTFILE_MAX_LIVE; i++)
    if (live[i].used) unlink(live[i].tmp);
}

/* Another thread may be between registering a name and creating its file when a handler
   unlinks the live files: the unlink would come first and the file would outlive the
   process. So openers count themselves in (opening, with termination signals held in
   their own thread) and give up once dying is set; bmd_outfile_unlink_live_final sets
   dying, waits for the openers in flight (each a few system calls from done, none waiting
   on the handler), then unlinks. Sequentially consistent atomics order the two sides. */
static int opening, dying;

void bmd_outfile_unlink_live_final(void) {
  __atomic_store_n(&dying, 1, __ATOMIC_SEQ_CST);
  while (__atomic_load_n(&opening, __ATOMIC_SEQ_CST) > 0) {
  }
  bmd_outfile_unlink_live();
}

int bmd_outfile_open(struct bmd_outfile *f, const char *path) {
  static unsigned seq; /* under live_mu */
  sigset_t block, old;
  int fd = -1, e = 0;
  f->fp = NULL;
  if (strlen(path) >= sizeof f->path) {
    errno = ENAMETOOLONG;
    return BMD_EIO;
  }
  snprintf(f->path, sizeof f->path, "%s", path);
  /* The name is registered before the file exists, so that no moment has a temporary file
     a signal handler does not know of (mkstemp would create it first); O_EXCL makes the
     creation as safe as mkstemp's. Termination signals are held meanwhile in this thread. */
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  __atomic_add_fetch(&opening, 1, __ATOMIC_SEQ_CST);
  for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
    if (__atomic_load_n(&dying, __ATOMIC_SEQ_CST)) {
      e = EINTR;   /* the process is being terminated: no new file */
      break;
    }
    unsigned k;
    pthread_mutex_lock(&live_mu);
    k = ++seq;
    pthread_mutex_unlock(&live_mu);
    snprintf(f->tmp, sizeof f->tmp, "%s.tmp-%ld-%u", path, (long)getpid(), k);
    if (live_add(f->tmp) < 0) {
      e = EMFILE;
      break;
    }
    fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    e = errno;
    if (fd < 0) live_remove(f->tmp);
    if (fd < 0 && e != EEXIST) break;
  }
  __atomic_sub_fetch(&opening, 1, __ATOMIC_SEQ_CST);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (fd < 0) {
    errno = e;
    return BMD_EIO;
  }
  f->fp = fdopen(fd, "w");
  if (!f->fp) {
    e = errno;
    close(fd);
    unlink(f->tmp);
    live_remove(f->tmp);
    errno = e;
    return BMD_EIO;
  }
  return BMD_OK;
}

int bmd_outfile_commit(struct bmd_outfile *f) {
  int bad;
  if (!f->fp) return BMD_EIO;
  bad = fflush(f->fp) != 0 || ferror(f->fp);
  if (!bad) bad = fsync(fileno(f->fp)) != 0 && errno != EINVAL;
  if (fclose(f->fp) != 0) bad = 1;
  f->fp = NULL;
  if (!bad && rename(f->tmp, f->path) != 0) bad = 1;
  if (bad) {
    int e = errno;
    unlink(f->tmp);
    live_remove(f->tmp);
    errno = e;
    return BMD_EIO;
  }
  live_remove(f->tmp);
  return BMD_OK;
}

void bmd_outfile_abort(struct bmd_outfile *f) {
  if (!f || !f->fp) return;
  fclose(f->fp);
  f->fp = NULL;
  unlink(f->tmp);
  live_remove(f->tmp);
}
