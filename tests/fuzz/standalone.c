/* standalone.c - main() for a fuzz target built without libFuzzer: runs
   LLVMFuzzerTestOneInput once on each file named on the command line, or on each file of
   each folder named (not recursive), and prints how many it ran. A crash, a sanitizer report
   or an abort() of the target's own invariant checks fails the CTest test that calls this. */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    fprintf(stderr, "standalone: cannot open %s\n", path);
    return -1;
  }
  size_t cap = FUZZ_MAX_INPUT + 1, n;
  unsigned char *buf = malloc(cap);
  if (!buf) {
    fclose(fp);
    return -1;
  }
  n = fread(buf, 1, cap, fp);
  fclose(fp);
  LLVMFuzzerTestOneInput(buf, n);
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  long ran = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "standalone: no such file or folder %s\n", argv[i]);
      return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
      if (run_file(argv[i]) != 0) return 1;
      ran++;
      continue;
    }
    DIR *dir = opendir(argv[i]);
    struct dirent *e;
    if (!dir) return 1;
    while ((e = readdir(dir))) {
      char path[4096];
      if (e->d_name[0] == '.') continue;
      snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
      if (run_file(path) != 0) {
        closedir(dir);
        return 1;
      }
      ran++;
    }
    closedir(dir);
  }
  printf("standalone: %ld inputs, no failure\n", ran);
  return ran > 0 ? 0 : 1;
}
