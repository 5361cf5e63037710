/*
 * sim.h - the engine: one time-ordered simulation of a scenario (scenario.h). Threats fly
 * their aimed trajectories; early warning reports launches and cues radars; radars detect
 * and track (radar.h, track.h); the battle manager assigns each threat with a firm
 * fire-control track to the site that can intercept it first, by doctrine (shoot-look-shoot
 * where the engagement window allows a kill assessment and a second shot, else a salvo),
 * within inventory and launcher limits; intercepts succeed with probability
 * reliability x SSPK per interceptor, independently, drawn from a random stream seeded by
 * the scenario (same seed -> identical results); after the kill-assessment delay a
 * surviving threat is engaged again if a window remains. Everything is logged as events.
 *
 * Time: s after the scenario epoch, in steps of 1 s for sensing and decisions; intercepts
 * and kill assessments happen at their own times. Kill assessment is taken to be perfect.
 */
#ifndef BMD_SIM_H
#define BMD_SIM_H

#include "intercept.h"
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
  X(LEAK, "leak")                                                                    \
  X(THREAT_DESTROYED, "threat-destroyed")

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
                               reported azimuth (early warning) */
  long seq;                 /* order of logging, to keep same-time events in order */
  char note[112];
};

#define BMD_SIM_MAX_SHOTS 32

struct bmd_sim_shot {
  int site;
  double launch_t_s;        /* absolute */
  struct bmd_intercept ic;  /* geometry (times relative to threat launch) */
  int hit;
};

enum bmd_sim_outcome { BMD_OUTCOME_KILLED = 0, BMD_OUTCOME_LEAKED, BMD_OUTCOME_NOT_ENGAGED };
const char *bmd_sim_outcome_name(enum bmd_sim_outcome o);

struct bmd_sim_threat {
  int outcome;
  double launch_t_s, impact_t_s;     /* absolute */
  double first_detect_t_s;           /* absolute, NAN if never */
  int first_detect_radar;            /* -1: none */
  double firm_track_t_s;             /* absolute, NAN if never */
  double kill_t_s;                   /* NAN unless killed */
  int nshots;
  struct bmd_sim_shot shots[BMD_SIM_MAX_SHOTS];
  char why_not[96];                  /* last reason no engagement was possible */
  struct bmd_traj_result traj;       /* the flown trajectory (times relative to launch) */
};

struct bmd_sim_result {
  int nthreats;
  struct bmd_sim_threat *threats;
  long nevents, cap;
  struct bmd_sim_event *events;
  int nsites;
  int *spent;                        /* interceptors fired per site */
  int killed, leaked, not_engaged, engaged;
};

/* Progress report: done of total steps (threats flown, then simulated seconds). */
typedef void (*bmd_sim_progress)(void *ctx, long done, long total);

/* bmd_sim_run - run scenario sc with random seed seed; progress (may be NULL) is called now
   and then. Returns BMD_OK, BMD_ENOMEM, or BMD_ERANGE with d naming a threat that cannot
   reach its target (scenario error). */
int bmd_sim_run(const struct bmd_scenario *sc, unsigned long seed, struct bmd_sim_result *res,
                struct bmd_diag *d, bmd_sim_progress progress, void *progress_ctx);

/* bmd_sim_result_release - free everything; accepts a zeroed result. */
void bmd_sim_result_release(struct bmd_sim_result *res);

#endif
