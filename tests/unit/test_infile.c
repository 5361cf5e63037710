/* test_infile.c - input files: regular files are read whole; a FIFO (with no writer, which
   would block a plain open), a device, a directory and a socket are refused at once with
   what they are; a file beyond the cap is refused from its size. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <bmd/infile.h>
#include <bmd/status.h>

#include "check.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(void) {
  char dir[] = "/tmp/test_infile.XXXXXX", path[256], *buf = NULL;
  struct bmd_diag d;
  size_t len = 0;
  FILE *fp;
  double t0;
  CHECK(mkdtemp(dir) != NULL);

  snprintf(path, sizeof path, "%s/a.yaml", dir);
  fp = fopen(path, "w");
  fputs("x: 1\n", fp);
  fclose(fp);
  CHECK_INT_EQ(bmd_infile_read(path, 100, &buf, &len, &d), BMD_OK);
  CHECK_INT_EQ(len, 5);
  CHECK(buf && strcmp(buf, "x: 1\n") == 0);
  free(buf);
  CHECK_INT_EQ(bmd_infile_read(path, 4, &buf, &len, &d), BMD_EPARSE);
  CHECK(strstr(d.msg, "larger than 4 bytes") != NULL);
  CHECK(buf == NULL);
  CHECK_INT_EQ(bmd_infile_fopen(path, &fp, &d), BMD_OK);
  CHECK(fp && fgetc(fp) == 'x');
  if (fp) fclose(fp);

  /* an empty file is a file */
  snprintf(path, sizeof path, "%s/empty", dir);
  fclose(fopen(path, "w"));
  CHECK_INT_EQ(bmd_infile_read(path, 100, &buf, &len, &d), BMD_OK);
  CHECK_INT_EQ(len, 0);
  free(buf);

  /* a FIFO with no writer: refused at once (a plain open would wait for ever) */
  snprintf(path, sizeof path, "%s/fifo", dir);
  CHECK(mkfifo(path, 0600) == 0);
  t0 = now();
  CHECK_INT_EQ(bmd_infile_read(path, 100, &buf, &len, &d), BMD_EPARSE);
  CHECK(now() - t0 < 5.0); /* generous: "at once", not a timing claim */
  CHECK(strstr(d.msg, "FIFO") != NULL);
  CHECK(strcmp(d.file, path) == 0);
  CHECK_INT_EQ(bmd_infile_fopen(path, &fp, &d), BMD_EPARSE);
  unlink(path);

  CHECK_INT_EQ(bmd_infile_read("/dev/null", 100, &buf, &len, &d), BMD_EPARSE);
  CHECK(strstr(d.msg, "character device") != NULL);
  CHECK_INT_EQ(bmd_infile_read(dir, 100, &buf, &len, &d), BMD_EPARSE);
  CHECK(strstr(d.msg, "a directory") != NULL);

  /* a socket */
  {
    struct sockaddr_un sa;
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s/sock", dir);
    CHECK(s >= 0 && bind(s, (struct sockaddr *)&sa, sizeof sa) == 0);
    CHECK_INT_EQ(bmd_infile_read(sa.sun_path, 100, &buf, &len, &d), BMD_EPARSE);
    CHECK(strstr(d.msg, "socket") != NULL);
    close(s);
    unlink(sa.sun_path);
  }

  snprintf(path, sizeof path, "%s/missing", dir);
  CHECK_INT_EQ(bmd_infile_read(path, 100, &buf, &len, &d), BMD_EIO);
  CHECK(strstr(d.msg, "cannot open: No such file") != NULL);

  snprintf(path, sizeof path, "%s/a.yaml", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/empty", dir);
  unlink(path);
  rmdir(dir);
  return check_report("test_infile");
}
