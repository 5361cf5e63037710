/*
 * sweep.h - parameter sweeps: one analysis (run, mc, coverage or footprint) repeated over
 * the cartesian product of parameter values applied to a base scenario, keeping named
 * metrics of each point (bmdsim sweep; file format in docs/sweep.md).
 *
 * A sweep file (YAML, strict, errors file:line:col) names the base scenario, the analysis
 * and its options, the parameters with their values (a list, or from/to/step), the metrics
 * to keep, the seed and a source text. Points are numbered 0 .. npoints-1 in the order of
 * nested loops over the parameters as listed, the LAST parameter varying fastest.
 *
 * Parameters are applied to a copy of the parsed base scenario (never by text
 * substitution): c2 fields, a uniform scale of every stage's Isp of every site's
 * interceptor, one site's inventory, dropping a site, the raid size and the seed.
 *
 * Reproducibility: every point runs with the sweep's seed (common random numbers: the
 * difference between two points comes from their parameters, not from other random draws;
 * Law, Simulation Modeling and Analysis, 5th ed. (2015), sec. 11.2), unless the sweep
 * varies `seed`, whose value is then the point's seed (replications). A point's metrics
 * depend on (sweep file, base scenario, point index) alone, so they are identical for any
 * number of MPI ranks or threads and any order of evaluation.
 *
 * Leaves out: parameters of sensors, threats' trajectories or the physics switches;
 * derived statistics across points (do them on the exported table).
 */
#ifndef BMD_SWEEP_H
#define BMD_SWEEP_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "diag.h"
#include "footprint.h"
#include "outcome.h"
#include "scenario.h"

#define BMD_SWEEP_MAX_PARAMS 16
#define BMD_SWEEP_MAX_VALUES 100000          /* values of one parameter */
#define BMD_SWEEP_MAX_POINTS 10000000L       /* points of the cartesian product */
#define BMD_SWEEP_MAX_RAID 1000              /* raid_size */
#define BMD_SWEEP_VALUE_MAX 48               /* a parameter value's text */
#define BMD_SWEEP_PARAM_NAME_MAX (BMD_NAME_MAX + 24)
#define BMD_SWEEP_MC_MAX_TRIALS 10000000L

enum bmd_sweep_analysis { BMD_SWEEP_RUN = 0, BMD_SWEEP_MC, BMD_SWEEP_COVERAGE, BMD_SWEEP_FOOTPRINT };

/* Metrics: (analysis, enum name, metric name, meaning). The run and mc metrics speak the
   outcome vocabulary of outcome.h (docs/outcomes.md); their names are built from it. */
#define BMD_SWEEP_METRICS(X)                                                                   \
  X(RUN, KILLED, BMD_OUTCOME_KILLED_NAME, "threats killed")                                     \
  X(RUN, LEAKED, BMD_OUTCOME_LEAKED_NAME, "threats engaged and not killed")                     \
  X(RUN, UNENGAGED, BMD_OUTCOME_UNENGAGED_NAME, "threats never fired at")                       \
  X(RUN, REACHED, BMD_OUTCOME_REACHED_TARGET, "threats that reached their target: leaked + unengaged") \
  X(RUN, ENGAGED, "engaged", "threats fired at: killed + leaked")                              \
  X(RUN, SPENT, "interceptors_spent", "interceptors fired, all sites")                         \
  X(MC, P_NONE, "p_none_" BMD_OUTCOME_REACHED_TARGET, "P(no threat reaches its target)")         \
  X(MC, P_NONE_LO, "p_none_" BMD_OUTCOME_REACHED_TARGET "_ci95_lo", "Wilson 95% interval, low end") \
  X(MC, P_NONE_HI, "p_none_" BMD_OUTCOME_REACHED_TARGET "_ci95_hi", "Wilson 95% interval, high end") \
  X(MC, REACHED_MEAN, BMD_OUTCOME_REACHED_TARGET "_mean", "threats that reached their target per trial, mean") \
  X(MC, REACHED_SD, BMD_OUTCOME_REACHED_TARGET "_sd", "threats that reached their target per trial, sd") \
  X(MC, KILLED_MEAN, BMD_OUTCOME_KILLED_NAME "_mean", "threats killed per trial, mean")          \
  X(MC, LEAKED_MEAN, BMD_OUTCOME_LEAKED_NAME "_mean", "threats leaked per trial, mean")          \
  X(MC, UNENGAGED_MEAN, BMD_OUTCOME_UNENGAGED_NAME "_mean", "threats unengaged per trial, mean") \
  X(MC, SPENT_MEAN, "spent_mean", "interceptors fired per trial, mean")                        \
  X(MC, SPENT_SD, "spent_sd", "interceptors fired per trial, sd")                              \
  X(COVERAGE, CORRIDORS, "corridors", "threat corridors")                                      \
  X(COVERAGE, CORR_ENG, "corridors_engageable", "corridors engageable by at least one site")   \
  X(COVERAGE, CORR_KIN, "corridors_kinematic", "corridors within kinematic reach of a site")   \
  X(COVERAGE, ROWS_ENG, "rows_engageable", "corridor x site pairs engageable")                 \
  X(COVERAGE, ROWS_KIN, "rows_kinematic", "corridor x site pairs within kinematic reach")      \
  X(FOOTPRINT, CELLS, "cells", "grid cells")                                                   \
  X(FOOTPRINT, CELLS_THR, "cells_threatened", "cells some launch reaches")                     \
  X(FOOTPRINT, CELLS_DEF, "cells_defended", "threatened cells engageable against every launch") \
  X(FOOTPRINT, CELLS_SLS, "cells_shoot_look_shoot", "cells with 2+ opportunities")            \
  X(FOOTPRINT, CELLS_KIN, "cells_kinematic", "cells within kinematic reach")                   \
  X(FOOTPRINT, AREA_THR, "area_threatened_km2", "area of threatened cells (km^2)")             \
  X(FOOTPRINT, AREA_DEF, "area_defended_km2", "area of defended cells (km^2)")                 \
  X(FOOTPRINT, DEF_FRAC, "defended_fraction", "area_defended_km2 / area_threatened_km2 (area-weighted)")

enum bmd_sweep_metric {
#define BMD_X_(an, id, name, doc) BMD_SWEEP_M_##id,
  BMD_SWEEP_METRICS(BMD_X_)
#undef BMD_X_
  BMD_SWEEP_M_COUNT
};

enum bmd_sweep_param_kind {
  BMD_SWEEP_P_DECISION_LATENCY = 0,   /* c2.decision_latency_s, >= 0 (s) */
  BMD_SWEEP_P_SSPK,                   /* c2.sspk in [0, 1] (replaces per-pair overrides too) */
  BMD_SWEEP_P_RELIABILITY,            /* c2.reliability in [0, 1] */
  BMD_SWEEP_P_SALVO,                  /* c2.salvo, 1..16 */
  BMD_SWEEP_P_DOCTRINE,               /* c2.doctrine: shoot-look-shoot | salvo */
  BMD_SWEEP_P_KILL_ASSESSMENT,        /* c2.kill_assessment_s, >= 0 (s) */
  BMD_SWEEP_P_SPEED_SCALE,            /* interceptor_speed_scale in [0.25, 4]: Isp factor */
  BMD_SWEEP_P_INVENTORY,              /* site.<name>.inventory, 0..100000 */
  BMD_SWEEP_P_ENABLED,                /* site.<name>.enabled: true | false */
  BMD_SWEEP_P_RAID_SIZE,              /* raid_size, 1..BMD_SWEEP_MAX_RAID */
  BMD_SWEEP_P_SEED,                   /* seed, 0..2^64-1 */
  BMD_SWEEP_P_GLIDE_LD,               /* glide.lift_to_drag in [0.5, 10]: every glider
                                         threat's L/D (glide.h) */
  BMD_SWEEP_P_GLIDE_BETA              /* glide.beta_kgm2 in [1000, 100000]: every glider
                                         threat's ballistic coefficient */
};

struct bmd_sweep_param {
  char name[BMD_SWEEP_PARAM_NAME_MAX];
  int kind;                           /* enum bmd_sweep_param_kind */
  int site;                           /* base scenario site index (site.* only), else -1 */
  int nvalues;
  char (*value)[BMD_SWEEP_VALUE_MAX]; /* [nvalues] canonical texts (numbers as %.15g) */
  double *num;                        /* [nvalues] numeric value (0/1 for booleans,
                                         doctrine enum; seeds: low 53 bits, see value) */
};

struct bmd_sweep {
  char name[BMD_NAME_MAX];            /* `sweep:`, default the file's base name */
  char source[BMD_SCEN_TEXT];
  char file[256];                     /* the sweep file, as given */
  char base[256];                     /* `base:` as written */
  int analysis;                       /* enum bmd_sweep_analysis */
  uint64_t seed;                      /* `seed:`, default the base scenario's */
  uint64_t hash;                      /* FNV-1a 64 of the sweep text and the base text */
  long mc_trials;                     /* mc: trials per point (default 200) */
  int coverage_thresholds;            /* coverage: 1 to run the burnout-speed bisection */
  struct bmd_footprint_opts fp;       /* footprint: options (threads set per run) */
  int nparams;
  struct bmd_sweep_param param[BMD_SWEEP_MAX_PARAMS];
  long npoints;                       /* product of the nvalues; 1 with no parameters */
  int nmetrics;
  int metric[BMD_SWEEP_M_COUNT];      /* enum bmd_sweep_metric, in the order kept */
  struct bmd_scenario sc;             /* the parsed base scenario (owned) */
};

/* A scenario with one point's parameters applied. sc borrows the base's radars and the
   catalog; the arrays below are owned and freed by bmd_sweep_scenario_release. */
struct bmd_sweep_scenario {
  struct bmd_scenario sc;
  uint64_t seed;                      /* the point's seed */
  struct bmd_scen_site *sites;
  struct bmd_scen_threat *threats;
  struct bmd_scen_sspk *sspk_pairs;
  struct bmd_missile *missiles;       /* scaled interceptor copies, one per distinct type */
  struct bmd_missile *gliders;        /* glider threat copies with the swept L/D or beta,
                                         one per distinct type */
};

/* bmd_sweep_parse - parse the sweep file text[0..len), named name (its directory is the
   base of a relative `base:` path), against catalog cat (which must outlive sw); loads the
   base scenario. Returns BMD_OK, BMD_EPARSE (d: file:line:col and message), BMD_EIO (base
   unreadable), BMD_ENOTFOUND (no such built-in scenario; d says so) or BMD_ENOMEM. On
   failure sw is empty (releasable). */
int bmd_sweep_parse(struct bmd_sweep *sw, const char *text, size_t len, const char *name,
                    const struct bmd_catalog *cat, struct bmd_diag *d);

/* bmd_sweep_load_file - read path and parse it. */
int bmd_sweep_load_file(struct bmd_sweep *sw, const char *path, const struct bmd_catalog *cat,
                        struct bmd_diag *d);

/* bmd_sweep_release - free the contents; accepts a zeroed or failed sweep. */
void bmd_sweep_release(struct bmd_sweep *sw);

/* bmd_sweep_analysis_name - "run", "mc", "coverage", "footprint". */
const char *bmd_sweep_analysis_name(int analysis);

/* bmd_sweep_metric_name - the name of metric m (enum bmd_sweep_metric), NULL if none. */
const char *bmd_sweep_metric_name(int m);

/* bmd_sweep_value_index - the index into param[p].value of point idx's value. */
int bmd_sweep_value_index(const struct bmd_sweep *sw, long idx, int p);

/* bmd_sweep_params_json - point idx's parameters as a JSON object in parameter order
   ({"c2.sspk":0.7,"c2.doctrine":"salvo",...}) into buf[cap]. Returns BMD_OK, or
   BMD_ERANGE if it does not fit. */
int bmd_sweep_params_json(const struct bmd_sweep *sw, long idx, char *buf, size_t cap);

/* bmd_sweep_apply - the base scenario with point idx's parameters applied, into out
   (release with bmd_sweep_scenario_release). Returns BMD_OK, BMD_EINVAL (idx out of
   range) or BMD_ENOMEM. */
int bmd_sweep_apply(const struct bmd_sweep *sw, long idx, struct bmd_sweep_scenario *out,
                    struct bmd_diag *d);

/* bmd_sweep_scenario_release - accepts a zeroed struct. */
void bmd_sweep_scenario_release(struct bmd_sweep_scenario *s);

/* bmd_sweep_point_run - apply point idx, run the sweep's analysis with threads worker
   threads (0: all cores; run is single-threaded) and write the kept metrics, in the order
   of sw->metric, into values[sw->nmetrics]. Returns BMD_OK, BMD_ERANGE (a threat of the
   point cannot reach its target; d says which), BMD_EINVAL or BMD_ENOMEM. */
int bmd_sweep_point_run(const struct bmd_sweep *sw, long idx, int threads, double *values,
                        struct bmd_diag *d);

#endif
