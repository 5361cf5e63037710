/* outfile.c - temp-and-rename output files (outfile.h). */
#include <bmd/outfile.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bmd/status.h>

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
  fchmod(fd, 0644);
  f->fp = fdopen(fd, "w");
  if (!f->fp) {
    int e = errno;
    close(fd);
    unlink(f->tmp);
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
    errno = e;
    return BMD_EIO;
  }
  return BMD_OK;
}

void bmd_outfile_abort(struct bmd_outfile *f) {
  if (!f || !f->fp) return;
  fclose(f->fp);
  f->fp = NULL;
  unlink(f->tmp);
}
