/*
 * flyout.h - the path an interceptor flew in a run, for the writers that draw it (the
 * profile and map figures, tracks.geojson and run.kml), so that all of them show the same
 * path and every one ends at the intercept point.
 *
 * Model: the engagement solver (intercept.h) finds the intercept in a fan of fly-outs
 * built along one azimuth per site and sector and used in every direction (fan.h); the
 * shot keeps the launch azimuth (toward the intercept point) and the pitch-over of the fan
 * trajectory through the point. The path here is that interceptor flown again from its
 * site at full burn under the scenario's physics (traj.h), and read at even times at most
 * max_dt_s apart (and at least 20 intervals from launch to intercept). Two corrections
 * make it end where the engine says the kill happened:
 *   1. the fan keeps no cross-range drift, so a flight launched straight at the intercept
 *      curves away from it under the Earth's rotation (tens of km for a 500 s flight); the
 *      azimuth is turned by the bearing error seen at the intercept time, in two to four
 *      passes, until the flight ends on the intercept's bearing (as a real interceptor
 *      would be aimed off);
 *   2. what remains, reported as gap_m, is the fan's error along the range and in altitude
 *      (under 5 % of the distance flown over every built-in scenario, 141 km at worst for
 *      a 3,300 km GBI shot: test_flyout); it is closed by shifting each point by t / tof of
 *      the gap (linearly in time, in ECEF), so the drawn path leaves the site as flown and
 *      ends on the kill point.
 */
#ifndef BMD_FLYOUT_H
#define BMD_FLYOUT_H

#include "scenario.h"
#include "sim.h"

struct bmd_flyout {
  int n;               /* points, launch to intercept */
  double *t_s;         /* time after the interceptor's launch (s) */
  double *lat_deg, *lon_deg, *alt_m;   /* geodetic, alt above the ellipsoid */
  double gap_m;        /* distance between the flown state at the intercept time and the
                          intercept point, before the shift (m) */
};

/* bmd_flyout_path - the path of shot sh (a shot of the run of scenario sc), points at
   most max_dt_s apart (> 0). BMD_OK; BMD_ENOMEM; BMD_EINVAL (max_dt_s, or a shot with no
   time of flight); or the integrator's error. Release with bmd_flyout_release. */
int bmd_flyout_path(const struct bmd_scenario *sc, const struct bmd_sim_shot *sh, double max_dt_s,
                    struct bmd_flyout *out);

/* bmd_flyout_release - free the arrays; accepts a zeroed or released path. */
void bmd_flyout_release(struct bmd_flyout *f);

#endif
