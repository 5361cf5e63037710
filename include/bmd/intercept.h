/*
 * intercept.h - the intercept solver: for one threat trajectory and one interceptor site,
 * every time at which the interceptor (through its fly-out fan) can be where the threat is,
 * within the kill vehicle's altitude band, published reach and endurance (the longest
 * fly-out), at a sufficient closing speed, launched no earlier than the defence is ready. Reports the earliest and latest intercept, the
 * engagement window, intercept geometry, and the binding reason when there is none.
 *
 * Method: scan the threat trajectory every dt_s; at each threat point P(t) the fan gives the
 * interceptor's time of flight tau(P) (fan.h); the launch time is t - tau(P). Closing speed
 * is |v_threat - v_interceptor| and the crossing angle the angle between the two velocities
 * (180 deg = head on), both in the Earth-fixed frame at P; the interceptor's velocity lies in
 * the vertical plane through the site and P. Reference for the approach: Wilkening,
 * "A Simple Model for Calculating Ballistic Missile Defense Effectiveness", Science & Global
 * Security 8 (2000) 183-215 (engagement windows from fly-out times).
 */
#ifndef BMD_INTERCEPT_H
#define BMD_INTERCEPT_H

#include "fan.h"
#include "traj.h"

/* Why no intercept exists, from the first constraint that no threat point passes. The
   word is the reason code in every output (engage, coverage, and the unengaged threats of
   run, mc and serve: docs/outcomes.md). The solver here gives the reasons up to
   WINDOW_CLOSED, in the order its scan applies the constraints: reach (the fan and the
   published range), the altitude band, the kill vehicle's endurance (longest fly-out), the
   closing speed, the launch time; the engine (sim.h) adds the ones after it, which depend on
   the sensors, the stockpile and the battle manager rather than on the geometry of one
   site. The geometric reasons are ordered from farthest from an intercept to nearest: the
   engine reports, over all sites, the nearest. Sites have no azimuth limits in the model (an
   interceptor may be launched in any direction), so no reason speaks of a site's sector. */
#define BMD_ENGAGE_REASONS(X)                                                            \
  X(NONE, "none", "an intercept exists")                                                 \
  X(OUT_OF_RANGE, "out of range", "no point of the threat trajectory is within the interceptor's reach") \
  X(TOO_LOW, "too low", "the threat is within reach only below the kill vehicle's lowest intercept altitude") \
  X(TOO_HIGH, "too high", "the threat is within reach only above the kill vehicle's highest intercept altitude") \
  X(ENDURANCE, "beyond kill-vehicle endurance", "the threat is within reach in the kill vehicle's altitude band only after a longer fly-out than the kill vehicle lasts") \
  X(TAIL_CHASE, "tail chase", "the interceptor could only chase the threat from behind: too slowly to close, or launched before the threat itself") \
  X(NOT_TRACKED, "not tracked in time", "the interceptor could reach the threat only if launched before the cue and decision delay allow") \
  X(WINDOW_CLOSED, "launch window closed", "the interceptor would have to be launched before the threat itself") \
  X(NOT_DETECTED, "not detected", "no radar of the scenario detected the threat before it reached its target") \
  X(NO_FIRE_CONTROL_TRACK, "no fire-control track", "radars detected the threat, but none held the firm fire-control track an engagement needs") \
  X(TRACK_TOO_POOR, "track too poor", "an intercept was in reach, but the track's error (3 sigma) was more than the kill vehicle can divert in its homing time") \
  X(NO_INVENTORY, "no inventory", "a site that could have engaged had no interceptor left, or no launcher ready, when it would have had to fire") \
  X(NO_SITE, "no site", "the scenario has no interceptor site")                         \
  X(SITE_LOST, "site destroyed", "a site that could have engaged had been destroyed or disabled by a threat's impact (battle damage)")

enum bmd_engage_reason {
#define BMD_X_(name, word, text) BMD_ENGAGE_##name,
  BMD_ENGAGE_REASONS(BMD_X_)
#undef BMD_X_
};

/* bmd_engage_reason_word - "out of range", ...; bmd_engage_reason_text - one sentence. */
const char *bmd_engage_reason_word(enum bmd_engage_reason r);
const char *bmd_engage_reason_text(enum bmd_engage_reason r);

struct bmd_engage_params {
  double site_lat_deg, site_lon_deg, site_alt_m;
  double ready_t_s;         /* earliest interceptor launch, s after threat launch */
  double min_alt_m;         /* kill vehicle altitude band */
  double max_alt_m;
  double min_closing_mps;
  double max_range_m;       /* published maximum ground reach, 0 = none */
  double dt_s;              /* scan step over the threat trajectory (e.g. 1 s) */
  double max_tof_s;         /* kill-vehicle endurance: the longest time from interceptor
                               launch to intercept (s), 0 = none (catalog.h's
                               bmd_kill_vehicle_limits fills the kill-vehicle fields) */
};

struct bmd_intercept {
  double t_s;               /* intercept time, s after threat launch */
  double launch_t_s;        /* interceptor launch, s after threat launch */
  double tof_s;             /* interceptor time of flight */
  double alt_m, lat_deg, lon_deg;
  double ground_range_m;    /* from the site */
  double closing_mps;
  double crossing_deg;      /* angle between the velocities; 180 = head on */
  double launch_az_deg;     /* interceptor launch azimuth from the site */
  double kick_deg;          /* pitch-over of the fan trajectory through the point */
};

struct bmd_engage_result {
  int feasible;                      /* 1 if an intercept exists */
  enum bmd_engage_reason reason;     /* BMD_ENGAGE_NONE when feasible */
  struct bmd_intercept earliest, latest;
  double window_s;                   /* latest.t_s - earliest.t_s */
  double latest_launch_s;            /* latest launch that still meets the threat within
                                        the altitude band and closing-speed limit,
                                        regardless of readiness; NAN if none */
  long npoints;                      /* feasible scan points */
};

/* bmd_engage_solve - threat: a recorded trajectory (traj.h samples, Earth-fixed) of a
   threat launched at t = 0. Returns BMD_OK (res filled, feasible or with a reason) or
   BMD_EINVAL (no samples, bad parameters). */
int bmd_engage_solve(const struct bmd_fan *fan, const struct bmd_traj_result *threat,
                     const struct bmd_physics *phys, const struct bmd_engage_params *p,
                     struct bmd_engage_result *res);

/* A precomputed engagement table: every scan point of bmd_engage_solve that passes the
   geometric tests (range, altitude band, closing speed), whatever the ready time, with the
   counts that decide the reason when none is usable. Solving against it for a ready time
   gives exactly bmd_engage_solve's result for the same parameters with that ready_t_s,
   without re-scanning the trajectory (used by the engine's prepared runs, sim.h). */
/* One scan point as the scan keeps it: what bmd_intercept reports, before the angles
   (latitude, longitude, azimuth, crossing angle) that only the points reported need. */
struct bmd_engage_point {
  double t_s, launch_t_s, tof_s, alt_m, ground_range_m, closing_mps, kick_deg;
  double slat, clat, slon, clon;     /* sines and cosines of the geodetic lat, lon at P */
  double az1_y, az1_x, daz1_deg;     /* launch azimuth: atan2(y, x) + the correction */
  double vt_enu[3], vi_enu[3];       /* threat and interceptor velocities, ENU at P */
};

struct bmd_engage_table {
  long n, cap;
  struct bmd_engage_point *pts;      /* [n], in scan order (increasing t_s) */
  long n_reach, n_band, n_close;     /* n_band -1 / -2: reachable only too low / too high */
  long n_endure;                     /* in the band within the kill vehicle's endurance */
  double max_launch_s;
  int receding_at_max;
};

/* bmd_engage_table_build - scan as bmd_engage_solve does, ignoring p->ready_t_s. Returns
   BMD_OK, BMD_EINVAL (no samples, bad parameters) or BMD_ENOMEM; tab is empty on error. */
int bmd_engage_table_build(struct bmd_engage_table *tab, const struct bmd_fan *fan,
                           const struct bmd_traj_result *threat, const struct bmd_physics *phys,
                           const struct bmd_engage_params *p);

/* A threat trajectory read at the scan times t = i dt_s (i = 0, 1, ... while t <= the last
   sample's time): each point's state, and its geodetic height and the sines and cosines
   of its latitude and longitude, computed on first use and kept, so that the scans of
   several sites over one threat read and convert each point once. */
struct bmd_scan_track {
  const struct bmd_traj_result *threat;
  struct bmd_physics phys;
  double dt_s;
  double vmax_mps;          /* bmd_traj_speed_bound of the threat, once for all scans */
  long n, cap;              /* points; allocated */
  unsigned char *have;      /* [n]: 0 not read, 1 state, 2 state and geodetic */
  double *pt;               /* [n * BMD_SCAN_TRACK_STRIDE]: r (m), v (m/s), h (m),
                               sin lat, cos lat, sin lon, cos lon */
};
#define BMD_SCAN_TRACK_STRIDE 11

/* bmd_scan_track_set - start a track of threat (which must outlive its use) for scans
   every dt_s under physics phys, reusing trk's memory (zero it before the first call).
   Returns BMD_OK, BMD_EINVAL (no samples, dt_s <= 0) or BMD_ENOMEM. */
int bmd_scan_track_set(struct bmd_scan_track *trk, const struct bmd_traj_result *threat,
                       const struct bmd_physics *phys, double dt_s);

/* bmd_scan_track_release - free the track's memory; accepts a zeroed track. */
void bmd_scan_track_release(struct bmd_scan_track *trk);

/* bmd_engage_table_build_track - bmd_engage_table_build over a track's points (its threat,
   physics and step; p->dt_s is ignored): the same table, bit for bit (test_intercept). */
int bmd_engage_table_build_track(struct bmd_engage_table *tab, const struct bmd_fan *fan,
                                 struct bmd_scan_track *trk, const struct bmd_engage_params *p);

/* bmd_engage_table_build_coarse - bmd_engage_table_build_track striding through windows
   (stride 1: the same table, bit for bit). Outside a window the scan goes point by point
   (passing over what its tests rule out), so every window is entered where the full scan
   enters it; from a passing point it jumps stride points. If that point passes too and
   the time of flight and closing speed are smooth over the last three strided points
   (second differences under 2 s and 40 m/s), the points in between are taken to pass,
   their quantities linear between the two; otherwise (a window's first stride, a change
   of the fan's branch, a window's end) they are scanned one by one. Only a gap shorter
   than the stride inside a smooth window is missed (filled in). The accuracy against the
   full scan is in docs/models/intercept.md and test_intercept. Returns as
   bmd_engage_table_build, and BMD_EINVAL for stride < 1. */
int bmd_engage_table_build_coarse(struct bmd_engage_table *tab, const struct bmd_fan *fan,
                                  struct bmd_scan_track *trk, const struct bmd_engage_params *p,
                                  int stride);

/* bmd_engage_table_solve - the result of bmd_engage_solve for ready time ready_t_s (s after
   threat launch). */
void bmd_engage_table_solve(const struct bmd_engage_table *tab, double ready_t_s,
                            struct bmd_engage_result *res);

/* bmd_engage_table_result - bmd_engage_table_solve's result from what its scan finds for a
   ready time: the first and last points launchable then (launch_t_s >= ready time; indices
   into tab->pts) and how many are (npoints, 0 for none: first and last are then unused).
   For a caller that finds them faster than the scan (the battle manager's index,
   battle.h). */
void bmd_engage_table_result(const struct bmd_engage_table *tab, long first, long last, long npoints,
                             struct bmd_engage_result *res);

/* bmd_engage_table_release - free the points; accepts a zeroed table. */
void bmd_engage_table_release(struct bmd_engage_table *tab);

/* bmd_engage_fan_azimuth - the azimuth (deg) from the site to the threat trajectory's
   closest approach: the direction along which to build the fan for this engagement. */
double bmd_engage_fan_azimuth(const struct bmd_traj_result *threat, const struct bmd_physics *phys,
                              double site_lat_deg, double site_lon_deg);

/* bmd_engage_fan_azimuth_approx - the same azimuth on the sphere through the geodetic
   positions, without the ellipsoid's geodesic: within BMD_FAN_AZ_APPROX_DEG of it
   (geodesic.h's auxiliary sphere, without the ellipsoid's correction: test_intercept
   measures <= 0.15 deg at ranges to 10,000 km), for callers that only need
   the fan's sector away from its edges (reach.c), at a tenth of the cost. */
#define BMD_FAN_AZ_APPROX_DEG 0.5
double bmd_engage_fan_azimuth_approx(const struct bmd_traj_result *threat,
                                     const struct bmd_physics *phys, double site_lat_deg,
                                     double site_lon_deg);

#endif
