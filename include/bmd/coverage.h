/*
 * coverage.h - can the architecture reach these threats? For every threat corridor of a
 * scenario (launch point -> target, one missile and trajectory type) and every
 * interceptor site: kinematic reach and engageability side by side (reach.h), the
 * engagement window and its earliest and latest intercept, the binding constraint, and
 * how the answer moves with the assumptions disputed in public:
 *   - interceptor burnout speed: the speed at which the engageable answer flips, found by
 *     bisection on a uniform scale of every stage's specific impulse (burn times and
 *     masses held, so thrust scales with it), the flown fan rebuilt at each step, the speed
 *     reported as the maximum burnout speed of the scaled interceptor (aim.h);
 *   - cue source: the answer when the launch may follow the threat's launch itself, the
 *     early-warning report, the first radar detection, or the fire-control track;
 *   - decision delay and track time: the largest delay (and latest track) that still
 *     allows an engageable launch, exactly: latest_launch - firm track (or - delay).
 * Everything else held as in the scenario. Rows are computed in groups sharing a site and
 * a fan sector (one fan for the group, freed after it; the groups' threshold searches in
 * lockstep, each distinct scale flown once for the rows asking for it, coverage.c), and
 * the groups are spread over threads; the results do not depend on the thread count or
 * on the grouping (each row's search takes the scales it would take alone).
 */
#ifndef BMD_COVERAGE_H
#define BMD_COVERAGE_H

#include "reach.h"
#include "scenario.h"
#include "traj.h"

/* cue sources for the sensitivity table */
enum bmd_coverage_cue { BMD_CUE_LAUNCH = 0, BMD_CUE_EARLY_WARNING, BMD_CUE_DETECTION, BMD_CUE_TRACK, BMD_CUE_N };
/* "launch", "early-warning", "first-detection", "fire-control-track" */
const char *bmd_coverage_cue_name(enum bmd_coverage_cue c);

#define BMD_COVERAGE_MAX_SPEED_MPS 10000.0  /* thresholds above this are reported as none */
#define BMD_COVERAGE_MIN_SPEED_MPS 1000.0   /* and below this */

struct bmd_coverage_corridor {
  int threat;                         /* the first scenario threat on this corridor */
  int nthreats;                       /* threats sharing it */
  struct bmd_traj_result traj;        /* flown once (samples recorded), launched at 0 */
  struct bmd_reach_cue cue;
};

struct bmd_coverage_row {
  int corridor, site;
  int kinematic_feasible;             /* launched on the first cue + decision delay */
  int feasible;                       /* engageable: fire-control track + decision delay */
  struct bmd_engage_result kin, eng;
  int constraint;                     /* enum bmd_engage_reason when not engageable; when
                                         engageable: BMD_ENGAGE_NONE if reach limits the
                                         window's start, BMD_ENGAGE_NOT_TRACKED if the
                                         track time does */
  double latest_launch_s;             /* latest launch allowing a kinematic intercept, s
                                         after threat launch; NAN if none */
  double max_decision_delay_s;        /* latest_launch - firm track; NAN if no track or
                                         no intercept */
  double latest_track_t_s;            /* latest_launch - decision delay; NAN if none */
  int feasible_by_cue[BMD_CUE_N];     /* -1: that cue never comes */
  double window_by_cue_s[BMD_CUE_N];
  double burnout_speed_mps;           /* the interceptor's, as in the catalog (fitted) */
  double threshold_burnout_speed_mps; /* NAN: the answer does not flip within
                                         [MIN, MAX]_SPEED */
  double threshold_isp_scale;         /* the Isp scale at the threshold, NAN if none */
  double reach_ground_m;              /* the farthest ground distance from the site at
                                         which the interceptor reaches the kill vehicle's
                                         altitude band (from its fan toward the corridor) */
};

struct bmd_coverage_opts {
  double dt_s;                        /* intercept scan step (1 s, as the engine) */
  int sweep;                          /* 1: burnout-speed thresholds (the slow part) */
  int threads;
};

struct bmd_coverage {
  int ncorridors;
  struct bmd_coverage_corridor *corridor;
  int nrows;                          /* ncorridors * nsites, corridor-major */
  struct bmd_coverage_row *row;
  double seconds;
};

typedef void (*bmd_coverage_progress)(void *ctx, long done, long total);

/* bmd_coverage_compute - returns BMD_OK, BMD_ERANGE (d names a threat that cannot reach
   its target), BMD_EINVAL or BMD_ENOMEM. */
int bmd_coverage_compute(const struct bmd_scenario *sc, const struct bmd_coverage_opts *o,
                         struct bmd_coverage *cov, struct bmd_diag *d,
                         bmd_coverage_progress progress, void *ctx);

/* bmd_coverage_scaled_feasible - is the row's corridor engageable from site s when the
   site's interceptor has every stage's Isp scaled by isp_scale? (1 yes, 0 no, negative
   status on failure); *burnout_mps (may be NULL) gets the scaled interceptor's maximum
   burnout speed. Used by the sweep and by tests to check a threshold. */
int bmd_coverage_scaled_feasible(const struct bmd_scenario *sc, const struct bmd_coverage *cov,
                                 int corridor, int s, double isp_scale, double dt_s,
                                 double *burnout_mps);

/* bmd_coverage_constraint_word - the engage reason word, or "reach-limited" /
   "track-limited" for engageable rows. */
const char *bmd_coverage_constraint_word(const struct bmd_coverage_row *r);

/* bmd_coverage_release - free everything; accepts a zeroed cov. */
void bmd_coverage_release(struct bmd_coverage *cov);

#endif
