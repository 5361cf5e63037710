/* test_outfile.c - temp-and-rename output files: a committed file appears whole, an aborted
   one leaves the previous file, the live table (signal cleanup) finds every open temporary
   file and is capped at BMD_OUTFILE_MAX_LIVE. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bmd/outfile.h>
#include <bmd/status.h>

#include "check.h"

static int exists(const char *p) { return access(p, F_OK) == 0; }

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
