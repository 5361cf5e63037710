/* scenario_parts.h - between scenario.c (the parser) and arch.c (architecture and attack
   files: arch.h), for the scenario module only. */
#ifndef BMD_SCENARIO_PARTS_H
#define BMD_SCENARIO_PARTS_H

#include <bmd/arch.h>
#include <bmd/diag.h>

struct bmd_yamldoc;
struct bmd_catalog;
struct bmd_scenario;

/* One architecture or attack file held open while a scenario is parsed from it. */
struct bmd_part_doc {
  char *buf;                    /* the text read from a file (NULL for a built-in) */
  struct bmd_yamldoc *y;        /* NULL: none */
};

/* bmd_part_doc_open - the document of REF (arch.h); base_file is the file that names it
   (relative paths start from its directory; NULL: the working directory). When from is not
   NULL, a REF that is neither built-in nor a readable file is an error at node of from. */
int bmd_part_doc_open(struct bmd_part_doc *p, enum bmd_part k, const char *ref, const char *base_file,
                      const struct bmd_yamldoc *from, int node, struct bmd_diag *d);
void bmd_part_doc_close(struct bmd_part_doc *p);

/* bmd_part_refs_open - the architecture and attack a scenario document y names (pa, pt
   left empty when it gives the sections inline); a section given both ways is an error. */
int bmd_part_refs_open(const struct bmd_yamldoc *y, const char *file, struct bmd_part_doc *pa,
                       struct bmd_part_doc *pt, struct bmd_diag *d);

/* bmd_scenario_parse_docs - sc from a scenario document ys (NULL when composed), its
   architecture ya (ys when inline; NULL for an attack alone) and attack yt (ys when
   inline; NULL for an architecture alone). */
int bmd_scenario_parse_docs(struct bmd_scenario *sc, const struct bmd_yamldoc *ys, const struct bmd_yamldoc *ya,
                            const struct bmd_yamldoc *yt, const struct bmd_catalog *cat, struct bmd_diag *d);

#endif
