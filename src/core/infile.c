/* infile.c - regular input files only, refused at once otherwise (infile.h). */
#include <bmd/infile.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bmd/status.h>

static const char *kind_of(mode_t m) {
  if (S_ISDIR(m)) return "a directory";
  if (S_ISFIFO(m)) return "a FIFO (named pipe)";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  return "not a regular file";
}

int bmd_infile_open(const char *path, int *fd_out, struct bmd_diag *d) {
  struct stat sb;
  int fd, fl;
  *fd_out = -1;
  /* O_NONBLOCK: a FIFO without a writer would block open(2) itself */
  do fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    int e = errno;
    /* a socket cannot be opened at all (ENXIO): say what it is rather than why */
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
      bmd_diag_set(d, path, 0, 0, "is %s, not a regular file", kind_of(sb.st_mode));
      return BMD_EPARSE;
    }
    bmd_diag_set(d, path, 0, 0, "cannot open: %s", strerror(e));
    return BMD_EIO;
  }
  if (fstat(fd, &sb) != 0) {
    int e = errno;
    close(fd);
    bmd_diag_set(d, path, 0, 0, "cannot read: %s", strerror(e));
    return BMD_EIO;
  }
  if (!S_ISREG(sb.st_mode)) {
    close(fd);
    bmd_diag_set(d, path, 0, 0, "is %s, not a regular file", kind_of(sb.st_mode));
    return BMD_EPARSE;
  }
  fl = fcntl(fd, F_GETFL);
  if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  *fd_out = fd;
  return BMD_OK;
}

int bmd_infile_fopen(const char *path, FILE **fp, struct bmd_diag *d) {
  int fd, st = bmd_infile_open(path, &fd, d);
  *fp = NULL;
  if (st != BMD_OK) return st;
  *fp = fdopen(fd, "r");
  if (!*fp) {
    close(fd);
    return BMD_ENOMEM;
  }
  return BMD_OK;
}

int bmd_infile_read(const char *path, size_t max, char **buf_out, size_t *len_out, struct bmd_diag *d) {
  struct stat sb;
  size_t cap, n = 0;
  char *buf;
  int fd, st = bmd_infile_open(path, &fd, d);
  *buf_out = NULL;
  *len_out = 0;
  if (st != BMD_OK) return st;
  if (fstat(fd, &sb) == 0 && (unsigned long long)sb.st_size > (unsigned long long)max) {
    close(fd);
    bmd_diag_set(d, path, 0, 0, "file larger than %zu bytes", max);
    return BMD_EPARSE;
  }
  /* the size is a hint (the file may grow meanwhile): read to the end, one byte past the
     cap at most */
  cap = fstat(fd, &sb) == 0 && sb.st_size > 0 ? (size_t)sb.st_size + 1 : 65536;
  if (cap > max + 1) cap = max + 1;
  buf = malloc(cap + 1);
  if (!buf) {
    close(fd);
    return BMD_ENOMEM;
  }
  for (;;) {
    ssize_t r;
    if (n == cap) {
      size_t nc = cap * 2 > max + 1 ? max + 1 : cap * 2;
      char *nb;
      if (n > max) break;
      nb = realloc(buf, nc + 1);
      if (!nb) {
        free(buf);
        close(fd);
        return BMD_ENOMEM;
      }
      buf = nb;
      cap = nc;
    }
    r = read(fd, buf + n, cap - n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int e = errno;
      free(buf);
      close(fd);
      bmd_diag_set(d, path, 0, 0, "cannot read: %s", strerror(e));
      return BMD_EIO;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  close(fd);
  if (n > max) {
    free(buf);
    bmd_diag_set(d, path, 0, 0, "file larger than %zu bytes", max);
    return BMD_EPARSE;
  }
  buf[n] = '\0';
  *buf_out = buf;
  *len_out = n;
  return BMD_OK;
}
