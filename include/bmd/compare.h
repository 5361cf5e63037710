/*
 * compare.h - one attack against several architectures (arch.h), side by side: the same
 * threats, the same seed, the same questions, one column per architecture
 * (docs/compare.md).
 *
 * Each column is the scenario bmd_scenario_compose gives (the architecture's sensors, sites
 * and c2; the attack's threats and seed; default physics; no uncertainty section), and each
 * question is answered by the analysis that answers it for one scenario:
 *   run       bmd_sim_run with the attack's seed (or the one given): each threat's outcome
 *             and reason, the counts, the interceptors fired;
 *   coverage  bmd_coverage_compute without the burnout-speed sweep: per threat corridor,
 *             whether some site of the architecture reaches it kinematically (launched on
 *             the first cue) and can engage it (launched on a fire-control track), and the
 *             latest cue that still allows an intercept from some site ("the cue it
 *             needs"): fire-control track, first detection, early warning, the launch
 *             itself, or none -- the reach against the Russian corridors of issue-style
 *             questions when the attack is russia-deterrent;
 *   mc        bmd_mc_run (the engine per trial): P(kill) of each threat and P(no threat
 *             reaches its target) with 95% Wilson intervals; the per-shot hit draws and
 *             radar noise are the only randomness (no uncertainty section);
 *   footprint bmd_footprint_compute against the attack's first missile from its launch
 *             points (at most 16), on one grid for every column: the defended fraction of
 *             the threatened area and the cells by class (footprint.h).
 * Columns are computed one after another; each analysis spreads over threads itself.
 */
#ifndef BMD_COMPARE_H
#define BMD_COMPARE_H

#include "catalog.h"
#include "coverage.h"
#include "diag.h"
#include "footprint.h"
#include "mc.h"
#include "scenario.h"
#include "sim.h"

enum { BMD_COMPARE_RUN = 1, BMD_COMPARE_COVERAGE = 2, BMD_COMPARE_MC = 4, BMD_COMPARE_FOOTPRINT = 8 };

#define BMD_COMPARE_MAX_COLUMNS 16

/* bmd_compare_what_parse - "run,coverage,mc,footprint" (any of them, in any order) into
   BMD_COMPARE_* bits; 0 when a word is not one of them (*bad: the word, in buf). */
unsigned bmd_compare_what_parse(const char *s, char *bad, size_t cap);

/* bmd_compare_what_word - "run", "coverage", "mc", "footprint" for one bit. */
const char *bmd_compare_what_word(unsigned bit);

/* The reach of one architecture against one threat corridor (question coverage). */
struct bmd_compare_reach {
  int kinematic;            /* 1: some site reaches it, launched on the first cue */
  int engageable;           /* 1: some site can engage it on a fire-control track */
  int cue;                  /* the latest cue (enum bmd_coverage_cue) with which some site
                               still intercepts; -1: none does */
  int site;                 /* the site engaging it with the latest cue, -1 */
};

struct bmd_compare_col {
  char arch[BMD_NAME_MAX];  /* as given (a name or a path) */
  struct bmd_scenario sc;
  struct bmd_sim_result run;            /* question run */
  struct bmd_coverage cov;              /* question coverage */
  struct bmd_compare_reach *reach;      /* [cov.ncorridors] */
  struct bmd_mc_result mc;              /* question mc */
  struct bmd_footprint fp;              /* question footprint */
  struct bmd_footprint_summary fs;
};

struct bmd_compare_opts {
  unsigned what;            /* BMD_COMPARE_* bits */
  int seed_given;           /* 0: the attack's seed */
  uint64_t seed;
  long trials;              /* mc */
  int threads;              /* >= 1 */
  double grid_deg;          /* footprint cell size */
  double lat_min_deg, lat_max_deg, lon_min_deg, lon_max_deg;  /* footprint region */
};

struct bmd_compare {
  unsigned what;
  uint64_t seed;
  char attack[BMD_NAME_MAX];
  int ncols;
  struct bmd_compare_col *col;
  struct bmd_footprint_opts fo;         /* the footprint's threat and launch points */
};

typedef void (*bmd_compare_progress)(void *ctx, long done, long total);

/* bmd_compare_opts_default - run only, the attack's seed, 1000 trials, one thread, a
   0.5-degree grid over Europe (30-72 N, 25 W-50 E). */
void bmd_compare_opts_default(struct bmd_compare_opts *o);

/* bmd_compare_run - compose each of narch architectures with attack and answer o->what.
   Returns BMD_OK, BMD_EPARSE/BMD_EIO/BMD_ENOTFOUND (d: which architecture or attack, and
   where), BMD_ERANGE (a threat that cannot reach its target), BMD_EINVAL (bad options) or
   BMD_ENOMEM; cmp is empty on failure. progress (may be NULL): done of total steps (one
   per column and question). */
int bmd_compare_run(struct bmd_compare *cmp, const struct bmd_catalog *cat, int narch, const char *const *arch,
                    const char *attack, const struct bmd_compare_opts *o, struct bmd_diag *d,
                    bmd_compare_progress progress, void *ctx);

/* bmd_compare_release - accepts a zeroed cmp. */
void bmd_compare_release(struct bmd_compare *cmp);

#endif
