/*
 * embedded.h - the data and scenario files compiled into the binary (generated from
 * the YAML files of data/ and scenarios/ and the basemap data/atlas-50m.bin by
 * cmake/embed.cmake).
 */
#ifndef BMD_EMBEDDED_H
#define BMD_EMBEDDED_H

#include <stddef.h>

struct bmd_embedded_file {
  const char *name;   /* base name, e.g. "missiles.yaml" */
  const char *data;   /* NUL-terminated contents */
  size_t size;        /* bytes, without the NUL */
};

/* bmd_embedded_find - the embedded file called name, or NULL. */
const struct bmd_embedded_file *bmd_embedded_find(const char *name);

/* bmd_embedded_files - the table, ended by an entry with name NULL. */
extern const struct bmd_embedded_file bmd_embedded_files[];

/* bmd_embedded_parts - the architectures and attacks (arch.h), named
   "architectures/NAME.yaml" and "attacks/NAME.yaml"; bmd_embedded_find looks here too. */
extern const struct bmd_embedded_file bmd_embedded_parts[];

/* bmd_web_files - the web page of bmdsim serve (index.html, app.js, app.css; built from
   web/ by cmake/web.cmake), ended by an entry with name NULL. Linked into libbmd_server
   only. */
extern const struct bmd_embedded_file bmd_web_files[];

#endif
