/* compare_out.h - bmdsim compare's outputs (cmd_compare.c: the table; compare_out.c: files,
   figures and the report). Internal to the executable. */
#ifndef BMD_CLI_COMPARE_OUT_H
#define BMD_CLI_COMPARE_OUT_H

#include <stdio.h>

#include <bmd/compare.h>

struct cJSON;

/* The values compared in "the assumptions that differ between the columns": the c2 keys
   and the early warning, each with its evidence. */
#define CMP_NDIFF 12
const char *cmp_diff_field(int k);
/* cmp_diff_cell - column col's value of item k and its evidence class: "30 (assumed)". */
void cmp_diff_cell(const struct bmd_compare *cmp, int col, int k, char *buf, size_t cap);
/* cmp_diff_differs - 1 if item k differs between some columns. */
int cmp_diff_differs(const struct bmd_compare *cmp, int k);
/* cmp_interceptors - "10 gbi-2stage-mda, 24 sm-3-ib": the interceptors by type. */
void cmp_interceptors(const struct bmd_scenario *sc, char *buf, size_t cap);
/* cmp_reach_text - "engageable", "kinematic, EW cue", "only on launch cue", "no reach". */
void cmp_reach_text(const struct bmd_compare_reach *r, char *buf, size_t cap);
/* cmp_json - the whole comparison as JSON (NULL when out of memory). */
struct cJSON *cmp_json(const struct bmd_compare *cmp, long trials);
/* cmp_csv - the side-by-side table as CSV (csv.h); 0 or -1 with errno. */
int cmp_csv(FILE *fp, const struct bmd_compare *cmp);
/* cmp_write_outputs - the CSV file, the output folder (compare.json, compare.csv, the
   figures) and the report, each whole or not at all; returns an exit code (error printed). */
int cmp_write_outputs(const struct bmd_compare *cmp, const struct bmd_catalog *cat, long trials, const char *csv,
                      const char *out, const char *report, int formats);

#endif
