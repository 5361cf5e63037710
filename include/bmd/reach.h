/*
 * reach.h - what a defence architecture can do against one threat trajectory, without
 * the engine's random draws: when its sensors report and track the threat, and for each
 * interceptor site two answers side by side (the distinction on which public claims
 * divide):
 *   kinematic reach  the interceptor can physically meet the threat (within the kill
 *                    vehicle's altitude band, closing speed and reach), launched as early
 *                    as the scenario's first cue (early-warning report or first radar
 *                    detection) plus the decision delay allows;
 *   engageable       also launched only after a fire-control-quality track (the first
 *                    time the scenario's radars have made firm_track_updates measurements,
 *                    at least one by a fire-control radar) plus the decision delay.
 * It also counts the sequential engagement opportunities across all sites: the first
 * intercept as early as possible, each next interceptor launched only after the kill
 * assessment of the previous one (shoot-look-shoot), until no site can intercept again.
 *
 * The sensing follows the engine (sim.h) tick by tick (1 s) with the measurement noise
 * left out, so the times are the engine's expected ones. Left out: the kill vehicle's
 * divert check against the track error (the engine does it), launcher and inventory
 * limits, and the contention of several threats for the same sensors and launchers.
 * Reference for engagement windows and shot opportunities: Wilkening, "A Simple Model for
 * Calculating Ballistic Missile Defense Effectiveness", Science & Global Security 8
 * (2000) 183-215.
 */
#ifndef BMD_REACH_H
#define BMD_REACH_H

#include "fancache.h"
#include "intercept.h"
#include "radar.h"
#include "scenario.h"

#define BMD_REACH_MAX_OPPORTUNITIES 8

/* When the sensors see the threat; s after threat launch, NAN when never. */
struct bmd_reach_cue {
  double ew_t_s;            /* early-warning report */
  double detect_t_s;        /* first radar detection */
  int detect_radar;         /* index into sc->radars, -1 */
  double firm_t_s;          /* fire-control-quality track */
  int firm_radar;           /* the radar whose update made it firm, -1 */
  double cue_t_s;           /* the first cue: min(ew, detect); 0 when neither exists
                               (the launch time is then taken as known: kinematics only) */
};

/* Per site. */
struct bmd_reach_site {
  struct bmd_engage_result all;   /* any launch time */
  struct bmd_engage_result kin;   /* launched no earlier than cue + decision delay */
  struct bmd_engage_result eng;   /* launched no earlier than firm track + decision delay */
  double fan_az_deg;              /* an azimuth in the fan's sector (the fan was built along
                                     the sector's middle; approximate, reach.c) */
};

struct bmd_reach {
  struct bmd_reach_cue cue;
  int nsites;
  struct bmd_reach_site *site;    /* [nsites], owned */
  int opportunities;              /* sequential engageable engagements, all sites */
  int kin_opportunities;          /* the same from the kinematic ready time */
  int first_site;                 /* site of the earliest engageable intercept, -1 */
  int kin_first_site;
  struct bmd_intercept first;     /* the earliest engageable intercept (if any) */
  struct bmd_intercept kin_first;
};

/* A workspace for one thread: radars placed once, scratch buffers. */
struct bmd_reach_ws;

/* bmd_reach_ws_alloc - for scenario sc; NULL when out of memory. */
struct bmd_reach_ws *bmd_reach_ws_alloc(const struct bmd_scenario *sc);
void bmd_reach_ws_free(struct bmd_reach_ws *ws);

/* bmd_reach_ws_set_stride - the sites' scans of bmd_reach_eval stride through engagement
   windows by this many points, interpolating where a window is smooth
   (bmd_engage_table_build_coarse); 1, the default, reads every point. */
void bmd_reach_ws_set_stride(struct bmd_reach_ws *ws, int stride);

/* bmd_reach_cue - the sensing timeline of a recorded threat trajectory (traj.h samples,
   launched at t = 0) of radar cross section rcs_dbsm. */
void bmd_reach_cue(struct bmd_reach_ws *ws, const struct bmd_traj_result *threat, double rcs_dbsm,
                   struct bmd_reach_cue *cue);

/* bmd_reach_params - the engagement parameters of site s (kill vehicle limits, reach) for
   a given ready time and scan step. */
void bmd_reach_params(const struct bmd_scenario *sc, int s, double ready_t_s, double dt_s,
                      struct bmd_engage_params *p);

/* bmd_reach_ground_m - an interceptor's reach over the ground at kill-vehicle altitudes from
   its fan (the rings of the coverage map, coverage.h's reach_ground_m): the farthest
   downrange at which a fan trajectory is inside the kill vehicle's altitude band within its
   endurance (bmd_fan_ground_reach), no farther than its published reach. The limits are
   those every engagement applies (catalog.h's bmd_kill_vehicle_limits), so the ring is the
   reach an engagement can use. */
double bmd_reach_ground_m(const struct bmd_fan *fan, const struct bmd_kill_vehicle *kv);

/* bmd_reach_eval - everything above for one threat trajectory; fans from fc; scan step
   dt_s (1 s as the engine; 2 s for maps). r->site is allocated (bmd_reach_release).
   Returns BMD_OK, BMD_ENOMEM, or BMD_EINVAL (trajectory without samples). */
int bmd_reach_eval(struct bmd_reach_ws *ws, struct bmd_fancache *fc,
                   const struct bmd_traj_result *threat, double rcs_dbsm, double dt_s,
                   struct bmd_reach *r);

/* bmd_reach_release - free r->site; accepts a zeroed r. */
void bmd_reach_release(struct bmd_reach *r);

#endif
