/* test_outfile.c - temp-and-rename output files: a committed file appears whole, an aborted
   one leaves the previous file, the live table (signal cleanup) finds every open temporary
   file and is capped at BMD_OUTFILE_MAX_LIVE. Targets that are not regular files (a FIFO, a
   socket, a directory, a symbolic link, a device node where the test may make one) are
   refused and left as they were. Sets: a new folder appears whole at the commit; into an
   existing folder only the set's files are replaced, other files stay; a target that is
   not a regular file stops the commit before anything is replaced; an aborted set and a
   signal handler's cleanup leave nothing behind; a failure recorded on another thread is
   reported with its file and reason. */
/* mknod and S_IFCHR are XSI */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bmd/outfile.h>
#include <bmd/status.h>

#include "check.h"

static int exists(const char *p) { return access(p, F_OK) == 0; }

/* the number of entries of folder dir besides . and .. */
static int entries(const char *dir) {
  char cmd[600];
  FILE *p;
  int n = -1;
  snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
  p = popen(cmd, "r");
  if (p) {
    if (fscanf(p, "%d", &n) != 1) n = -1;
    pclose(p);
  }
  return n;
}

static int write_in(const char *dir, const char *name, const char *text) {
  char path[700];
  struct bmd_outfile f;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  if (bmd_outfile_open(&f, path) != BMD_OK) return -1;
  fputs(text, f.fp);
  return bmd_outfile_commit(&f) == BMD_OK ? 0 : -1;
}

struct fail_job {
  const char *dir;
};

/* a failure on another thread: a write into a set that fails with ENOSPC */
static void *fail_thread(void *pv) {
  struct fail_job *j = pv;
  char path[700];
  struct bmd_outfile f;
  snprintf(path, sizeof path, "%s/map.png", j->dir);
  if (bmd_outfile_open(&f, path) == BMD_OK) bmd_outfile_fail(&f, ENOSPC);
  return NULL;
}

static int read_is(const char *p, const char *want) {
  char buf[256] = "";
  FILE *fp = fopen(p, "r");
  size_t n;
  if (!fp) return 0;
  n = fread(buf, 1, sizeof buf - 1, fp);
  buf[n] = '\0';
  fclose(fp);
  return strcmp(buf, want) == 0;
}

int main(void) {
  char dir[] = "/tmp/bmd-outfile-XXXXXX", path[512];
  setvbuf(stdout, NULL, _IONBF, 0);
  static struct bmd_outfile many[BMD_OUTFILE_MAX_LIVE + 1];
  struct bmd_outfile a, b;
  CHECK(mkdtemp(dir) != NULL);
  snprintf(path, sizeof path, "%s/out.txt", dir);

  /* commit: the target holds the new text; abort: the previous text stays */
  CHECK_INT_EQ(bmd_outfile_open(&a, path), BMD_OK);
  fputs("old", a.fp);
  CHECK(exists(a.tmp) && !exists(path));
  CHECK_INT_EQ(bmd_outfile_commit(&a), BMD_OK);
  CHECK(read_is(path, "old") && !exists(a.tmp));
  CHECK_INT_EQ(bmd_outfile_open(&a, path), BMD_OK);
  fputs("new, half", a.fp);
  bmd_outfile_abort(&a);
  CHECK(read_is(path, "old") && !exists(a.tmp));

  /* what a SIGINT handler does: every open temporary file goes, the target stays */
  CHECK_INT_EQ(bmd_outfile_open(&a, path), BMD_OK);
  CHECK_INT_EQ(bmd_outfile_open(&b, path), BMD_OK);
  CHECK(strcmp(a.tmp, b.tmp) != 0);
  fputs("x", a.fp);
  fflush(a.fp);
  bmd_outfile_unlink_live();
  CHECK(!exists(a.tmp) && !exists(b.tmp));
  CHECK(read_is(path, "old"));
  CHECK_INT_EQ(bmd_outfile_commit(&a), BMD_EIO); /* its file is gone: nothing renamed */
  CHECK(read_is(path, "old"));
  bmd_outfile_abort(&b);

  /* the cap: one more than BMD_OUTFILE_MAX_LIVE open at once fails with EMFILE */
  for (int i = 0; i < BMD_OUTFILE_MAX_LIVE; i++) CHECK_INT_EQ(bmd_outfile_open(&many[i], path), BMD_OK);
  errno = 0;
  CHECK_INT_EQ(bmd_outfile_open(&many[BMD_OUTFILE_MAX_LIVE], path), BMD_EIO);
  CHECK_INT_EQ(errno, EMFILE);
  for (int i = 0; i < BMD_OUTFILE_MAX_LIVE; i++) bmd_outfile_abort(&many[i]);
  /* slots are free again */
  CHECK_INT_EQ(bmd_outfile_open(&a, path), BMD_OK);
  bmd_outfile_abort(&a);

  /* targets that are not regular files: refused, left alone */
  {
    char fifo[600], sock[600], link[600], sub[600], dev[600], why[160];
    struct sockaddr_un sa;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct stat sb;
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    snprintf(sock, sizeof sock, "%s/sock", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(dev, sizeof dev, "%s/null", dir);
    CHECK(mkfifo(fifo, 0600) == 0);
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (strlen(sock) < sizeof sa.sun_path) memcpy(sa.sun_path, sock, strlen(sock) + 1);
    CHECK(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0);
    CHECK(symlink(path, link) == 0);
    CHECK(mkdir(sub, 0755) == 0);
    CHECK_INT_EQ(bmd_outfile_check(path, why, sizeof why), BMD_OK);          /* a regular file */
    CHECK_INT_EQ(bmd_outfile_check(fifo, why, sizeof why), BMD_EINVAL);
    CHECK(strstr(why, "FIFO") != NULL);
    CHECK_INT_EQ(bmd_outfile_open(&a, fifo), BMD_EINVAL);
    CHECK(strstr(a.why, "FIFO") != NULL);
    CHECK_INT_EQ(bmd_outfile_open(&a, sock), BMD_EINVAL);
    CHECK(strstr(a.why, "socket") != NULL);
    CHECK_INT_EQ(bmd_outfile_open(&a, link), BMD_EINVAL);
    CHECK(strstr(a.why, "symbolic link") != NULL);
    CHECK_INT_EQ(bmd_outfile_open(&a, sub), BMD_EINVAL);
    CHECK(strstr(a.why, "directory") != NULL);
    /* a device node: made here only where allowed (as root); /dev itself is never touched */
    if (mknod(dev, S_IFCHR | 0600, makedev(1, 3)) == 0) {
      CHECK_INT_EQ(bmd_outfile_open(&a, dev), BMD_EINVAL);
      CHECK(strstr(a.why, "device") != NULL);
      CHECK(lstat(dev, &sb) == 0 && S_ISCHR(sb.st_mode));
      unlink(dev);
    } else {
      printf("device node not tested (mknod: %s)\n", strerror(errno));
    }
    CHECK(lstat(fifo, &sb) == 0 && S_ISFIFO(sb.st_mode));
    CHECK(lstat(link, &sb) == 0 && S_ISLNK(sb.st_mode));
    CHECK(lstat(sock, &sb) == 0 && S_ISSOCK(sb.st_mode));
    CHECK_INT_EQ(entries(dir), 5);   /* out.txt and the four: no temporary file made */
    if (fd >= 0) close(fd);
    unlink(fifo);
    unlink(sock);
    unlink(link);
    rmdir(sub);
  }

  /* sets */
  {
    struct bmd_outfile_set s;
    char set_dir[600], p[700], rec[600];
    snprintf(set_dir, sizeof set_dir, "%s/deep/run/", dir);   /* parents made; trailing '/' */
    /* a new folder: nothing visible until the commit, then all of it */
    CHECK_INT_EQ(bmd_outfile_set_open(&s, set_dir), BMD_OK);
    snprintf(p, sizeof p, "%s/deep/run", dir);
    CHECK(!exists(p));
    CHECK(write_in(s.tmp, "a.csv", "A1") == 0 && write_in(s.tmp, "b.json", "B1") == 0);
    CHECK(!exists(p));
    CHECK_INT_EQ(bmd_outfile_set_commit(&s), BMD_OK);
    CHECK_INT_EQ(entries(p), 2);
    snprintf(p, sizeof p, "%s/deep/run/a.csv", dir);
    CHECK(read_is(p, "A1"));
    /* an existing folder: the set's files replaced, a file of the user's kept */
    snprintf(p, sizeof p, "%s/deep/run/mine.txt", dir);
    CHECK(write_in(set_dir, "mine.txt", "keep") == 0);
    CHECK_INT_EQ(bmd_outfile_set_open(&s, set_dir), BMD_OK);
    CHECK(write_in(s.tmp, "a.csv", "A2") == 0 && write_in(s.tmp, "c.png", "C2") == 0);
    CHECK_INT_EQ(bmd_outfile_set_commit(&s), BMD_OK);
    CHECK(read_is(p, "keep"));
    snprintf(p, sizeof p, "%s/deep/run/a.csv", dir);
    CHECK(read_is(p, "A2"));
    snprintf(p, sizeof p, "%s/deep/run/b.json", dir);
    CHECK(read_is(p, "B1"));
    snprintf(p, sizeof p, "%s/deep/run", dir);
    CHECK_INT_EQ(entries(p), 4);   /* a b c mine: no temporary folder left */
    /* a set file that would replace a symbolic link: refused before anything moves */
    snprintf(p, sizeof p, "%s/deep/run/c.png", dir);
    unlink(p);
    CHECK(symlink("/nonexistent", p) == 0);
    CHECK_INT_EQ(bmd_outfile_set_open(&s, set_dir), BMD_OK);
    CHECK(write_in(s.tmp, "a.csv", "A3") == 0 && write_in(s.tmp, "c.png", "C3") == 0);
    CHECK_INT_EQ(bmd_outfile_set_commit(&s), BMD_EINVAL);
    CHECK(strstr(s.why, "c.png") && strstr(s.why, "symbolic link"));
    snprintf(p, sizeof p, "%s/deep/run/a.csv", dir);
    CHECK(read_is(p, "A2"));   /* not A3: all or nothing */
    snprintf(p, sizeof p, "%s/deep/run", dir);
    CHECK_INT_EQ(entries(p), 4);
    snprintf(p, sizeof p, "%s/deep/run/c.png", dir);
    unlink(p);
    /* abort; and a failure on another thread, reported with its file and reason */
    CHECK_INT_EQ(bmd_outfile_set_open(&s, set_dir), BMD_OK);
    CHECK(write_in(s.tmp, "a.csv", "A4") == 0);
    {
      struct fail_job j = {s.tmp};
      pthread_t th;
      CHECK(pthread_create(&th, NULL, fail_thread, &j) == 0);
      pthread_join(th, NULL);
    }
    CHECK(bmd_outfile_set_error(&s, rec, sizeof rec) == 1);
    CHECK(strcmp(rec, "map.png: no space left on device") == 0);
    CHECK_INT_EQ(bmd_outfile_set_commit(&s), BMD_EIO);   /* a set with a failed file is not committed */
    snprintf(p, sizeof p, "%s/deep/run/a.csv", dir);
    CHECK(read_is(p, "A2"));
    CHECK_INT_EQ(bmd_outfile_set_open(&s, set_dir), BMD_OK);
    CHECK(write_in(s.tmp, "a.csv", "A5") == 0);
    bmd_outfile_set_abort(&s);
    bmd_outfile_set_abort(&s);   /* twice: a finished set */
    CHECK(read_is(p, "A2"));
    snprintf(p, sizeof p, "%s/deep/run", dir);
    CHECK_INT_EQ(entries(p), 3);
    /* what a signal handler does: a set's temporary folder and its files go */
    snprintf(p, sizeof p, "%s/fresh", dir);
    CHECK_INT_EQ(bmd_outfile_set_open(&s, p), BMD_OK);
    CHECK(write_in(s.tmp, "x.csv", "X") == 0);
    CHECK_INT_EQ(bmd_outfile_open(&a, p), BMD_OK);   /* and a file being written beside it */
    CHECK(exists(s.tmp));
    bmd_outfile_unlink_live();
    CHECK(!exists(s.tmp) && !exists(a.tmp) && !exists(p));
    bmd_outfile_abort(&a);
    bmd_outfile_set_abort(&s);
    /* a folder that is a file: refused */
    snprintf(p, sizeof p, "%s/out.txt", dir);
    CHECK_INT_EQ(bmd_outfile_set_open(&s, p), BMD_EINVAL);
    CHECK(strstr(s.why, "not a folder") != NULL);
    /* clean up */
    snprintf(p, sizeof p, "%s/deep/run/a.csv", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/deep/run/b.json", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/deep/run/mine.txt", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/deep/run", dir);
    CHECK(rmdir(p) == 0);
    snprintf(p, sizeof p, "%s/deep", dir);
    CHECK(rmdir(p) == 0);
  }

  /* the handler's final form (last: it holds for the rest of the process): the live file
     goes, and no file is created after it (a thread opening one then gets EINTR) */
  CHECK_INT_EQ(bmd_outfile_open(&a, path), BMD_OK);
  bmd_outfile_unlink_live_final();
  CHECK(!exists(a.tmp));
  errno = 0;
  CHECK_INT_EQ(bmd_outfile_open(&b, path), BMD_EIO);
  CHECK_INT_EQ(errno, EINTR);
  fclose(a.fp);

  unlink(path);
  CHECK(rmdir(dir) == 0); /* nothing left behind */
  return check_report("test_outfile");
}
