/*
 * sim.h - the engine: one time-ordered simulation of a scenario (scenario.h). Threats fly
 * their aimed trajectories; early warning reports launches and cues radars; radars detect
 * and track (radar.h); each threat's track is a Kalman filter fed by every radar look,
 * kept as a covariance analysis along the true trajectory (track.h; its covariance is all
 * that the decisions read: docs/models/tracking.md, sec. 8); the battle manager (battle.h)
 * assigns each threat with a firm fire-control track to the site that can intercept it
 * first, by doctrine (shoot-look-shoot where the engagement window allows a kill assessment
 * and a second shot, else a salvo), within inventory and launcher limits; intercepts
 * succeed with probability reliability x SSPK per interceptor, independently, drawn from a
 * random stream seeded by the scenario (same seed -> identical results); after the
 * kill-assessment delay a surviving threat is engaged again if a window remains.
 * Everything is logged as events.
 *
 * Random streams: the run's seed (its low 32 bits) seeds GSL's taus2 for the hits, one
 * uniform deviate per interceptor in the order the intercepts happen, and nothing else;
 * the early-warning reports' errors in the event log come from a second taus2 stream,
 * seeded with the SplitMix64 finaliser of the seed, drawn only when the log is kept.
 *
 * Time: s after the scenario epoch, in steps of 1 s for sensing and decisions; intercepts
 * and kill assessments happen at their own times and are served at the next step. A run
 * without the event log visits only the steps at which something can happen (an action
 * due, a firm track, a decision due, an impact): the same run. Kill assessment is taken
 * to be perfect.
 *
 * Outcomes (outcome.h, docs/outcomes.md): every threat ends killed, leaked or unengaged;
 * an unengaged threat carries the reason no interceptor was fired (intercept.h's codes).
 * Each threat's end is one event: threat-destroyed (killed) at the intercept, or
 * reached-target (leaked or unengaged) at impact.
 *
 * Battle damage (damage.h, docs/models/damage.md): a threat whose missile states a warhead
 * and that reaches its target strikes at an impact point drawn about its aim point
 * (circular normal with the warhead's CEP); every land site and radar with a stated
 * hardness within a lethal radius of that point is disabled or destroyed at the impact
 * time (a "disabled" or "destroyed" event; res->loss). From then on a lost site fires
 * nothing (a salvo it had planned but not yet launched is cancelled and the threat is
 * planned again with the other sites; its interceptors already in flight fly on to their
 * intercepts), and a lost radar looks no more (the tracks it fed coast on the others'
 * looks, or on none, as the tracker models). The impact points come from a third taus2
 * stream, seeded with SplitMix64's second output after the seed, two deviates per
 * striking threat in impact order: the other streams, and every run in which no impact
 * can reach an element, are unchanged.
 */
#ifndef BMD_SIM_H
#define BMD_SIM_H

#include "intercept.h"
#include "outcome.h"
#include "scenario.h"
#include "traj.h"

#define BMD_SIM_EVENTS(X)                                                            \
  X(THREAT_LAUNCH, "threat-launch")                                                  \
  X(EW_REPORT, "early-warning")                                                      \
  X(DETECT, "detect")                                                                \
  X(FIRM_TRACK, "firm-track")                                                        \
  X(TRACK, "track")                                                                  \
  X(NO_ENGAGEMENT, "no-engagement")                                                  \
  X(ENGAGE, "engage")                                                                \
  X(INTERCEPTOR_LAUNCH, "interceptor-launch")                                        \
  X(KILL, "kill")                                                                    \
  X(MISS, "miss")                                                                    \
  X(KILL_ASSESSMENT, "kill-assessment")                                              \
  X(REACHED_TARGET, "reached-target")                                                \
  X(THREAT_DESTROYED, "threat-destroyed")                                            \
  X(ELEMENT_DISABLED, "disabled")                                                    \
  X(ELEMENT_DESTROYED, "destroyed")

enum bmd_sim_event_kind {
#define BMD_X_(name, word) BMD_SIM_##name,
  BMD_SIM_EVENTS(BMD_X_)
#undef BMD_X_
};

const char *bmd_sim_event_name(enum bmd_sim_event_kind k);

struct bmd_sim_event {
  double t_s;               /* s after the scenario epoch */
  int kind;                 /* enum bmd_sim_event_kind */
  int threat;               /* index into the scenario's threats, -1 none */
  int site;                 /* index into the scenario's sites, -1 none */
  int radar;                /* index into the scenario's radars, -1 none */
  double alt_m, lat_deg, lon_deg;   /* where (threat position, or intercept point) */
  double value;             /* closing speed (intercepts), position sigma (tracks),
                               reported azimuth (early warning), the probability of the
                               damage at the stated CEP (disabled, destroyed) */
  long seq;                 /* order of logging, to keep same-time events in order */
  int outcome;              /* enum bmd_outcome of the threat's end (threat-destroyed,
                               reached-target), else -1 */
  int reason;               /* enum bmd_engage_reason: why no engagement (no-engagement;
                               reached-target of an unengaged threat), else BMD_ENGAGE_NONE */
  char note[112];
};

#define BMD_SIM_MAX_SHOTS 32

struct bmd_sim_shot {
  int site;
  double launch_t_s;        /* absolute */
  struct bmd_intercept ic;  /* geometry (times relative to threat launch) */
  int hit;
};

struct bmd_sim_threat {
  int outcome;                       /* enum bmd_outcome */
  int reason;                        /* enum bmd_engage_reason: for an unengaged threat why no
                                        interceptor was fired (never BMD_ENGAGE_NONE): the
                                        first reason the battle manager found, or the
                                        sensors' if it never had a fire-control track; for
                                        the others the first reason an engagement was
                                        impossible, BMD_ENGAGE_NONE if none */
  double launch_t_s, impact_t_s;     /* absolute */
  double first_detect_t_s;           /* absolute, NAN if never */
  int first_detect_radar;            /* -1: none */
  double firm_track_t_s;             /* absolute, NAN if never */
  double kill_t_s;                   /* NAN unless killed */
  int nshots;
  struct bmd_sim_shot shots[BMD_SIM_MAX_SHOTS];
  struct bmd_traj_result traj;       /* the flown trajectory (times relative to launch) */
};

/* What became of one defence element (battle damage). */
struct bmd_sim_loss {
  int level;                         /* enum bmd_damage_level: intact, disabled, destroyed */
  double t_s;                        /* when it was lost (s after the epoch), NAN if intact */
  int threat;                        /* by which threat (its worst damage), -1 if intact */
  double p;                          /* the probability of that damage at the stated CEP */
  double miss_m;                     /* the impact's distance from the element (m) */
  int unused;                        /* sites: interceptors left when it was lost */
};

struct bmd_sim_result {
  int nthreats;
  struct bmd_sim_threat *threats;
  long nevents, cap;
  struct bmd_sim_event *events;
  int nsites;
  int *spent;                        /* interceptors fired per site */
  int nradars;
  struct bmd_sim_loss *loss;         /* [nsites + nradars]: each site, then each radar */
  struct bmd_outcome_counts count;   /* threats by outcome, and reached_target */
  int engaged;                       /* threats fired at (killed + leaked) */
};

/* Progress report: done of total steps (threats flown, then simulated seconds). */
typedef void (*bmd_sim_progress)(void *ctx, long done, long total);

/* bmd_sim_run - run scenario sc with random seed seed; progress (may be NULL) is called now
   and then. Returns BMD_OK, BMD_ENOMEM, or BMD_ERANGE with d naming a threat that cannot
   reach its target (scenario error). Equivalent to bmd_sim_prep_alloc, then
   bmd_sim_run_prepared with no perturbation, then bmd_sim_prep_free. */
int bmd_sim_run(const struct bmd_scenario *sc, unsigned long seed, struct bmd_sim_result *res,
                struct bmd_diag *d, bmd_sim_progress progress, void *progress_ctx);

/* bmd_sim_result_release - free everything; accepts a zeroed result. */
void bmd_sim_result_release(struct bmd_sim_result *res);

/*
 * Prepared runs (for Monte Carlo). What does not change from one run of a scenario to the
 * next is computed once in a struct bmd_sim_prep: every threat aimed and flown (threats on
 * the same path share one flight), the radars placed, and the interceptor fans built
 * eagerly for every site and every azimuth sector a threat corridor needs. A prep does
 * not change after bmd_sim_prep_alloc but for its covariance cache (below), so any number
 * of threads may run trials on one prep at once, each with its own struct bmd_sim_work.
 * The flights are Earth-fixed and the
 * Earth-fixed dynamics do not depend on time, so a threat launched dt later flies the same
 * trajectory dt later: launch-time perturbations re-aim nothing. The prep also holds when
 * each radar sees each flight, and a cache of track covariances, one per measurement
 * schedule, filled by the runs on first use under a lock (the only part of a prep that
 * changes; its entries never do), so that a schedule that recurs costs a look-up.
 */
struct bmd_sim_prep;
struct bmd_sim_work;

/* What one trial changes (all fields optional; a zeroed struct, or NULL, is the scenario as
   written, and reproduces bmd_sim_run exactly). Arrays are owned by the caller and are
   read during the run only. */
struct bmd_sim_perturb {
  const double *launch_dt_s;       /* [nthreats] added to each threat's launch time (s) */
  const double *ew_delay_dt_s;     /* [nthreats] added to the early-warning report delay (s);
                                      the delay is kept >= 0 */
  double decision_latency_dt_s;    /* added to c2.decision_latency_s; kept >= 0 */
  const double *sspk;              /* [nsites * nthreats], site-major: SSPK of site s's
                                      interceptor against threat i, replacing the scenario's */
  const double *reliability;       /* [nsites]: replacing c2.reliability */
};

/* Run flags: what a run records besides the per-threat outcomes and the spent counts. The
   outcomes, shots, hits, detections and firm tracks do not depend on them. */
enum bmd_sim_flag {
  BMD_SIM_EVENTS = 1,              /* the event log (res->events) */
  BMD_SIM_TRAJECTORIES = 2,        /* a copy of each threat's flight in res->threats[i].traj */
  BMD_SIM_FULL = 3                 /* both: what bmd_sim_run returns */
};

/* bmd_sim_prep_alloc - aim and fly the threats of sc and build the fans; sc must outlive
   the prep. progress (may be NULL) gets (threats flown, nthreats). Returns BMD_OK,
   BMD_ENOMEM, or BMD_ERANGE with d naming a threat that cannot reach its target. */
int bmd_sim_prep_alloc(const struct bmd_scenario *sc, struct bmd_sim_prep **prep,
                       struct bmd_diag *d, bmd_sim_progress progress, void *progress_ctx);

/* bmd_sim_prep_free - accepts NULL. */
void bmd_sim_prep_free(struct bmd_sim_prep *prep);

/* bmd_sim_prep_damage_possible - 1 if some threat's impact can reach a site or radar
   (battle damage), so that the engagement plan of one threat can depend on the fate of
   another; else 0. */
int bmd_sim_prep_damage_possible(const struct bmd_sim_prep *prep);

/* bmd_sim_prep_scenario - the scenario the prep was made from. */
const struct bmd_scenario *bmd_sim_prep_scenario(const struct bmd_sim_prep *prep);

/* bmd_sim_run_prepared - one run of the prepared scenario with random seed seed and
   perturbation pert (NULL: none), recording everything (BMD_SIM_FULL) into res, which the
   caller releases. With pert NULL the result equals bmd_sim_run's for the same seed,
   event for event. Returns BMD_OK or BMD_ENOMEM. */
int bmd_sim_run_prepared(const struct bmd_sim_prep *prep, unsigned long seed,
                         const struct bmd_sim_perturb *pert, struct bmd_sim_result *res,
                         struct bmd_diag *d);

/* bmd_sim_work_alloc - the per-thread state of repeated runs on one prep: all the engine's
   working memory, reused from run to run so that a run allocates nothing once warm.
   Returns BMD_OK or BMD_ENOMEM. */
int bmd_sim_work_alloc(const struct bmd_sim_prep *prep, struct bmd_sim_work **w);

/* bmd_sim_work_free - accepts NULL. */
void bmd_sim_work_free(struct bmd_sim_work *w);

/* bmd_sim_work_run - one run, recording what flags (enum bmd_sim_flag, 0 = outcomes and
   spent counts only, the fast mode) ask for. *res points into w and stays valid until the
   next run on w or bmd_sim_work_free. Outcomes, shots, hits and spent counts do not depend
   on flags. Returns BMD_OK or BMD_ENOMEM. */
int bmd_sim_work_run(struct bmd_sim_work *w, unsigned long seed, const struct bmd_sim_perturb *pert,
                     unsigned flags, const struct bmd_sim_result **res);

/*
 * The reference engine: the engine as it was at commit 2d8827a (src/engine/sim_ref.c),
 * kept unchanged so that the engine can be checked against it and measured beside it
 * (bmdsim mc --model reference; docs/models/montecarlo.md). Every radar look draws
 * measurement noise that an extended Kalman filter absorbs in every run; its random stream
 * serves the early-warning report errors, the radar noise and the hits in time order.
 * Outcomes, shots and spent counts only (no event log, no trajectory copies).
 */
struct bmd_sim_ref_work;

/* bmd_sim_ref_work_alloc - per-thread state of reference runs on prep. Returns BMD_OK or
   BMD_ENOMEM. */
int bmd_sim_ref_work_alloc(const struct bmd_sim_prep *prep, struct bmd_sim_ref_work **w);

/* bmd_sim_ref_work_free - accepts NULL. */
void bmd_sim_ref_work_free(struct bmd_sim_ref_work *w);

/* bmd_sim_ref_work_run - one reference run with seed and perturbation pert (NULL: none);
   *res points into w until the next run or bmd_sim_ref_work_free. Returns BMD_OK or
   BMD_ENOMEM. */
int bmd_sim_ref_work_run(struct bmd_sim_ref_work *w, unsigned long seed, const struct bmd_sim_perturb *pert,
                         const struct bmd_sim_result **res);

#endif
