/* outfile.c - temp-and-rename output files (outfile.h). */
#include <bmd/outfile.h>

#include <errno.h>
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

int bmd_outfile_open(struct bmd_outfile *f, const char *path) {
  int fd;
  f->fp = NULL;
  if (strlen(path) >= sizeof f->path) {
    errno = ENAMETOOLONG;
    return BMD_EIO;
  }
  snprintf(f->path, sizeof f->path, "%s", path);
  snprintf(f->tmp, sizeof f->tmp, "%s.tmp-XXXXXX", path);
  fd = mkstemp(f->tmp);
  if (fd < 0) return BMD_EIO;
  if (live_add(f->tmp) < 0) {
    close(fd);
    unlink(f->tmp);
    errno = EMFILE;
    return BMD_EIO;
  }
  fchmod(fd, 0644);
  f->fp = fdopen(fd, "w");
  if (!f->fp) {
    int e = errno;
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
