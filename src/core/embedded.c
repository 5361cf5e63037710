/* embedded.c - look-up in the table of embedded files (embedded.h). */
#include <bmd/embedded.h>

#include <string.h>

const struct bmd_embedded_file *bmd_embedded_find(const char *name) {
  for (const struct bmd_embedded_file *f = bmd_embedded_files; f->name; f++)
    if (strcmp(f->name, name) == 0) return f;
  for (const struct bmd_embedded_file *f = bmd_embedded_parts; f->name; f++)
    if (strcmp(f->name, name) == 0) return f;
  return NULL;
}
