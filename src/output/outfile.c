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

/* The live sets: each one's temporary folder and the names of the files committed into it
   so far (a heap array of BMD_OUTFILE_SET_MAX_FILES names made at bmd_outfile_set_open, so
   a signal handler can unlink them without reading the folder). A name is complete before
   nnames counts it. err and err_name keep the first failure of a file of the set. */
#define SET_NAME_MAX 256
static struct {
  volatile sig_atomic_t used;
  volatile sig_atomic_t nnames;
  char tmp[sizeof ((struct bmd_outfile_set *)0)->tmp];
  char (*names)[SET_NAME_MAX];
  int err;
  char err_name[SET_NAME_MAX];
} sets[BMD_OUTFILE_MAX_SETS];

/* a + "/" + b into buf (cap bytes) without stdio (async-signal-safe); 0 if it does not fit */
static int join(char *buf, size_t cap, const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  if (na + 1 + nb + 1 > cap) return 0;
  memcpy(buf, a, na);
  buf[na] = '/';
  memcpy(buf + na + 1, b, nb + 1);
  return 1;
}

/* the live set whose temporary folder holds path, and path's base name; -1 if none.
   Under live_mu. */
static int set_of(const char *path, const char **base) {
  const char *slash = strrchr(path, '/');
  if (!slash) return -1;
  for (int i = 0; i < BMD_OUTFILE_MAX_SETS; i++)
    if (sets[i].used && strlen(sets[i].tmp) == (size_t)(slash - path) &&
        strncmp(sets[i].tmp, path, (size_t)(slash - path)) == 0) {
      *base = slash + 1;
      return i;
    }
  return -1;
}

/* record a file committed into a set (before its rename, so that a handler running
   meanwhile unlinks it too); -1 if the set is full */
static int set_note(const char *path) {
  const char *base;
  int i, rc = 0;
  pthread_mutex_lock(&live_mu);
  i = set_of(path, &base);
  if (i >= 0 && strlen(base) < SET_NAME_MAX) {
    int k, n = sets[i].nnames;
    for (k = 0; k < n; k++)
      if (strcmp(sets[i].names[k], base) == 0) break;
    if (k == n) {
      if (n == BMD_OUTFILE_SET_MAX_FILES) rc = -1;
      else {
        memcpy(sets[i].names[n], base, strlen(base) + 1);
        sets[i].nnames = n + 1;
      }
    }
  } else if (i >= 0) {
    rc = -1;
  }
  pthread_mutex_unlock(&live_mu);
  return rc;
}

/* keep the first failure of a file that belongs to a set */
static void set_fail(const char *path, int e) {
  const char *base;
  int i;
  pthread_mutex_lock(&live_mu);
  i = set_of(path, &base);
  if (i >= 0 && !sets[i].err) {
    sets[i].err = e ? e : EIO;
    snprintf(sets[i].err_name, sizeof sets[i].err_name, "%s", base);
  }
  pthread_mutex_unlock(&live_mu);
}

/* the files of live set i and its folder (no stdio, no allocation) */
static void set_unlink(int i) {
  char p[sizeof sets[0].tmp + SET_NAME_MAX + 16];
  int n = sets[i].nnames;
  for (int k = 0; k < n; k++)
    if (join(p, sizeof p, sets[i].tmp, sets[i].names[k])) unlink(p);
  if (join(p, sizeof p, sets[i].tmp, ".replaced")) rmdir(p);
  rmdir(sets[i].tmp);
}

void bmd_outfile_unlink_live(void) {
  for (int i = 0; i < BMD_OUTFILE_MAX_LIVE; i++)
    if (live[i].used) unlink(live[i].tmp);
  for (int i = 0; i < BMD_OUTFILE_MAX_SETS; i++)
    if (sets[i].used) set_unlink(i);
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

const char *bmd_outfile_reason(int e, char *buf, size_t n) {
  char tmp[128];
  int saved = errno;
  if (n == 0) return buf;
  /* strerror_r: the XSI form under _POSIX_C_SOURCE; strerror is not thread-safe */
  if (strerror_r(e, tmp, sizeof tmp) != 0) snprintf(tmp, sizeof tmp, "error %d", e);
  snprintf(buf, n, "%s", tmp);
  /* "No space left on device" -> "no space left on device" (git's message style) */
  if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z')) buf[0] = (char)(buf[0] - 'A' + 'a');
  errno = saved;
  return buf;
}

int bmd_outfile_check(const char *path, char *why, size_t n) {
  struct stat sb;
  const char *what = NULL;
  if (lstat(path, &sb) != 0) {
    int e = errno;
    if (e == ENOENT) return BMD_OK;
    if (why) bmd_outfile_reason(e, why, n);
    errno = e;
    return BMD_EIO;
  }
  if (S_ISREG(sb.st_mode)) return BMD_OK;
  if (S_ISLNK(sb.st_mode)) what = "is a symbolic link (bmdsim writes only regular files; give the link's target)";
  else if (S_ISDIR(sb.st_mode)) what = "is a directory, not a regular file";
  else if (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode)) what = "is a device, not a regular file";
  else if (S_ISFIFO(sb.st_mode)) what = "is a FIFO, not a regular file";
  else if (S_ISSOCK(sb.st_mode)) what = "is a socket, not a regular file";
  else what = "is not a regular file";
  if (why) snprintf(why, n, "%s", what);
  errno = EINVAL;
  return BMD_EINVAL;
}

int bmd_outfile_open(struct bmd_outfile *f, const char *path) {
  static unsigned seq; /* under live_mu */
  sigset_t block, old;
  int fd = -1, e = 0, st;
  f->fp = NULL;
  f->why[0] = '\0';
  if (strlen(path) >= sizeof f->path) {
    errno = ENAMETOOLONG;
    bmd_outfile_reason(errno, f->why, sizeof f->why);
    return BMD_EIO;
  }
  snprintf(f->path, sizeof f->path, "%s", path);
  if ((st = bmd_outfile_check(path, f->why, sizeof f->why)) != BMD_OK) {
    e = errno;
    set_fail(path, e);
    errno = e;
    return st;
  }
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
    bmd_outfile_reason(e, f->why, sizeof f->why);
    set_fail(path, e);
    errno = e;
    return BMD_EIO;
  }
  f->fp = fdopen(fd, "w");
  if (!f->fp) {
    e = errno;
    close(fd);
    unlink(f->tmp);
    live_remove(f->tmp);
    bmd_outfile_reason(e, f->why, sizeof f->why);
    set_fail(path, e);
    errno = e;
    return BMD_EIO;
  }
  return BMD_OK;
}

int bmd_outfile_commit(struct bmd_outfile *f) {
  int bad, e = 0;
  if (!f->fp) {
    snprintf(f->why, sizeof f->why, "not open");
    return BMD_EIO;
  }
  errno = 0;
  bad = fflush(f->fp) != 0 || ferror(f->fp);
  if (bad) e = errno ? errno : EIO;
  if (!bad && fsync(fileno(f->fp)) != 0 && errno != EINVAL) bad = 1, e = errno;
  errno = 0;
  if (fclose(f->fp) != 0 && !bad) bad = 1, e = errno ? errno : EIO;
  f->fp = NULL;
  if (!bad && set_note(f->path) != 0) bad = 1, e = EMFILE;   /* the set is full */
  if (!bad && rename(f->tmp, f->path) != 0) bad = 1, e = errno;
  if (bad) {
    unlink(f->tmp);
    live_remove(f->tmp);
    bmd_outfile_reason(e, f->why, sizeof f->why);
    set_fail(f->path, e);
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

void bmd_outfile_fail(struct bmd_outfile *f, int e) {
  if (!f || !f->fp) return;
  if (!e && ferror(f->fp)) {
    /* the reason was not kept: writing what is left again may give it (a disk still full) */
    errno = 0;
    fflush(f->fp);
    e = errno;
  }
  if (!e) e = EIO;
  bmd_outfile_reason(e, f->why, sizeof f->why);
  set_fail(f->path, e);
  bmd_outfile_abort(f);
  errno = e;
}

/* ---- sets ---------------------------------------------------------------------------- */

static void why_errno(struct bmd_outfile_set *s, const char *what, int e) {
  char r[96];
  bmd_outfile_reason(e, r, sizeof r);
  snprintf(s->why, sizeof s->why, "%s%s%s", what ? what : "", what ? ": " : "", r);
}

/* mkdir -p of path's parent folders (not path itself) */
static int mkdir_parents(const char *path) {
  char buf[4096];
  size_t n = strlen(path);
  if (n >= sizeof buf) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(buf, path, n + 1);
  for (size_t i = 1; i < n; i++) {
    if (buf[i] != '/') continue;
    buf[i] = '\0';
    if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -1;
    buf[i] = '/';
  }
  return 0;
}

static void hold_signals(sigset_t *old) {
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &block, old);
}

int bmd_outfile_set_open(struct bmd_outfile_set *s, const char *dir) {
  static unsigned seq; /* under live_mu */
  struct stat sb;
  size_t n = strlen(dir);
  sigset_t old;
  int e = 0, slot = -1, made = 0;
  char (*names)[SET_NAME_MAX] = NULL;
  s->slot = -1;
  s->why[0] = '\0';
  while (n > 1 && dir[n - 1] == '/') n--;   /* "out/run/" is "out/run" */
  if (n == 0 || n >= sizeof s->dir - 1) {
    snprintf(s->why, sizeof s->why, "%s", n == 0 ? "empty folder name" : "folder name too long");
    errno = EINVAL;
    return BMD_EINVAL;
  }
  memcpy(s->dir, dir, n);
  s->dir[n] = '\0';
  if (stat(s->dir, &sb) == 0) {
    if (!S_ISDIR(sb.st_mode)) {
      snprintf(s->why, sizeof s->why, "is not a folder");
      errno = ENOTDIR;
      return BMD_EINVAL;
    }
    s->fresh = 0;
  } else if (errno == ENOENT) {
    struct stat lb;
    if (lstat(s->dir, &lb) == 0) {   /* a link to nothing */
      snprintf(s->why, sizeof s->why, "is a symbolic link to nothing");
      errno = EINVAL;
      return BMD_EINVAL;
    }
    s->fresh = 1;
    if (mkdir_parents(s->dir) != 0) {
      why_errno(s, "cannot create its parent folders", errno);
      return BMD_EIO;
    }
  } else {
    why_errno(s, NULL, errno);
    return BMD_EIO;
  }
  names = malloc(sizeof *names * BMD_OUTFILE_SET_MAX_FILES);
  if (!names) {
    why_errno(s, NULL, ENOMEM);
    return BMD_EIO;
  }
  hold_signals(&old);
  __atomic_add_fetch(&opening, 1, __ATOMIC_SEQ_CST);
  for (int attempt = 0; attempt < 100 && !made; attempt++) {
    unsigned k;
    if (__atomic_load_n(&dying, __ATOMIC_SEQ_CST)) {
      e = EINTR;
      break;
    }
    pthread_mutex_lock(&live_mu);
    k = ++seq;
    if (s->fresh) snprintf(s->tmp, sizeof s->tmp, "%s.tmp-%ld-%u", s->dir, (long)getpid(), k);
    else snprintf(s->tmp, sizeof s->tmp, "%s/.bmdsim-tmp-%ld-%u", s->dir, (long)getpid(), k);
    /* registered before the folder exists (as bmd_outfile_open does for files) */
    for (int i = 0; i < BMD_OUTFILE_MAX_SETS && slot < 0; i++)
      if (!sets[i].used) {
        memcpy(sets[i].tmp, s->tmp, strlen(s->tmp) + 1);
        sets[i].names = names;
        sets[i].nnames = 0;
        sets[i].err = 0;
        sets[i].err_name[0] = '\0';
        sets[i].used = 1;
        slot = i;
      }
    pthread_mutex_unlock(&live_mu);
    if (slot < 0) {
      e = EMFILE;
      break;
    }
    if (mkdir(s->tmp, 0755) == 0) {
      made = 1;
    } else {
      e = errno;
      pthread_mutex_lock(&live_mu);
      sets[slot].used = 0;
      pthread_mutex_unlock(&live_mu);
      slot = -1;
      if (e != EEXIST) break;
    }
  }
  __atomic_sub_fetch(&opening, 1, __ATOMIC_SEQ_CST);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (!made) {
    free(names);
    why_errno(s, "cannot create a temporary folder", e);
    errno = e;
    return BMD_EIO;
  }
  s->slot = slot;
  return BMD_OK;
}

/* forget live set slot i and free its names (after its folder is gone or renamed) */
static void set_release(int i) {
  char (*names)[SET_NAME_MAX];
  pthread_mutex_lock(&live_mu);
  names = sets[i].names;
  sets[i].used = 0;
  sets[i].nnames = 0;
  sets[i].names = NULL;
  pthread_mutex_unlock(&live_mu);
  free(names);
}

void bmd_outfile_set_abort(struct bmd_outfile_set *s) {
  if (!s || s->slot < 0) return;
  set_unlink(s->slot);
  set_release(s->slot);
  s->slot = -1;
}

int bmd_outfile_set_error(const struct bmd_outfile_set *s, char *buf, size_t n) {
  int i = s ? s->slot : -1, e = 0;
  char r[96];
  if (n > 0) buf[0] = '\0';
  if (i < 0) return 0;
  pthread_mutex_lock(&live_mu);
  e = sets[i].err;
  if (e) snprintf(buf, n, "%s: %s", sets[i].err_name, bmd_outfile_reason(e, r, sizeof r));
  pthread_mutex_unlock(&live_mu);
  return e != 0;
}

/* move the committed files of set slot i from tmp into dir one by one (the folder exists),
   keeping the old versions in tmp/.replaced until all are in place */
static int set_move_files(struct bmd_outfile_set *s, int i) {
  enum { UNTOUCHED, SAVED_LINK, SAVED_MOVED, NEW_IN };
  int n = sets[i].nnames, rc = BMD_OK, k;
  char *state = calloc((size_t)(n > 0 ? n : 1), 1), *had = calloc((size_t)(n > 0 ? n : 1), 1);
  char from[sizeof s->tmp + SET_NAME_MAX + 16], to[sizeof s->dir + SET_NAME_MAX + 16],
      old[sizeof s->tmp + SET_NAME_MAX + 32], rep[sizeof s->tmp + 16];
  if (!state || !had) {
    free(state);
    free(had);
    why_errno(s, NULL, ENOMEM);
    return BMD_EIO;
  }
  /* every target first: nothing is replaced unless all may be */
  for (k = 0; k < n; k++) {
    char why[128];
    struct stat sb;
    if (!join(to, sizeof to, s->dir, sets[i].names[k])) {
      why_errno(s, sets[i].names[k], ENAMETOOLONG);
      rc = BMD_EIO;
      goto out;
    }
    int st = bmd_outfile_check(to, why, sizeof why);
    if (st != BMD_OK) {
      snprintf(s->why, sizeof s->why, "%s: %s", sets[i].names[k], why);
      rc = st;
      goto out;
    }
    had[k] = lstat(to, &sb) == 0;
  }
  join(rep, sizeof rep, s->tmp, ".replaced");
  if (mkdir(rep, 0755) != 0) {
    why_errno(s, NULL, errno);
    rc = BMD_EIO;
    goto out;
  }
  for (k = 0; k < n; k++) {
    join(from, sizeof from, s->tmp, sets[i].names[k]);
    join(to, sizeof to, s->dir, sets[i].names[k]);
    join(old, sizeof old, rep, sets[i].names[k]);
    if (had[k]) {
      if (link(to, old) == 0) state[k] = SAVED_LINK;
      else if (rename(to, old) == 0) state[k] = SAVED_MOVED;   /* no hard links here */
      else {
        why_errno(s, sets[i].names[k], errno);
        rc = BMD_EIO;
        break;
      }
    }
    if (rename(from, to) != 0) {
      why_errno(s, sets[i].names[k], errno);
      rc = BMD_EIO;
      break;
    }
    state[k] = NEW_IN;
  }
  if (rc != BMD_OK) {
    /* put back what was there: the old versions over the new, new files removed */
    for (int j = 0; j <= k && j < n; j++) {
      join(to, sizeof to, s->dir, sets[i].names[j]);
      join(old, sizeof old, rep, sets[i].names[j]);
      if (had[j] && state[j] != UNTOUCHED) rename(old, to);
      else if (!had[j] && state[j] == NEW_IN) unlink(to);
    }
  }
  for (int j = 0; j < n; j++) {   /* the saved old versions and anything left */
    join(old, sizeof old, rep, sets[i].names[j]);
    unlink(old);
  }
out:
  free(state);
  free(had);
  return rc;
}

int bmd_outfile_set_commit(struct bmd_outfile_set *s) {
  sigset_t old;
  int rc = BMD_OK, i = s ? s->slot : -1;
  if (i < 0) {
    if (s) snprintf(s->why, sizeof s->why, "not open");
    return BMD_EIO;
  }
  if (sets[i].err) {   /* a file failed and the caller commits anyway: refuse */
    char r[96];
    snprintf(s->why, sizeof s->why, "%s: %s", sets[i].err_name, bmd_outfile_reason(sets[i].err, r, sizeof r));
    bmd_outfile_set_abort(s);
    return BMD_EIO;
  }
  hold_signals(&old);
  if (s->fresh && rename(s->tmp, s->dir) == 0) {
    /* the whole folder appeared at once; its names are no longer the set's */
    set_release(i);
    s->slot = -1;
  } else {
    /* the folder exists (or appeared meanwhile): file by file */
    rc = set_move_files(s, i);
    set_unlink(i);
    set_release(i);
    s->slot = -1;
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return rc;
}
