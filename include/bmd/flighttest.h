/*
 * flighttest.h - a missile's highest trajectory to a given range, and the calibration of a
 * poorly known parameter to a published lofted flight test.
 *
 * A lofted test (North Korea's ICBM tests, 2017-2023) is published as three numbers: the
 * apogee, the ground range and the flight time. Analysts read such a test as a full-burn
 * flight pitched up so steeply that it comes down at the stated range (D. Wright, UCS, 2017;
 * the same reading underlies every "range on a standard trajectory" quoted for these
 * missiles). bmdsim's model of that reading:
 *
 *   - every stage burnt to the end (no thrust termination);
 *   - the pitch-over angle on the steep side of the maximum-range one (the range grows with
 *     the pitch-over angle from a vertical launch up to the maximum range), chosen by Brent's
 *     root finder (GSL) so that the impact lies at the target's ground range;
 *   - the launch azimuth corrected until the impact lies on the target's bearing (the Earth's
 *     rotation turns a lofted flight's ground track by a few tenths of a degree);
 *   - the rest is bmdsim's ordinary flight (traj.h): guidance, drag, J2 gravity, rotating
 *     Earth.
 *
 * This trajectory is the highest the missile can fly to that range: a lofted flight to an
 * apogee below it needs thrust termination (aim.h's lofted solver), one above it cannot be
 * flown. So the apogee it reaches is the missile's capability at that range, and one
 * parameter of the missile (a common factor on every stage's Isp, the exhaust speed) can be
 * calibrated so that it equals a test's published apogee; the flight time then follows from
 * the physics and is compared with the published one.
 *
 * Validity: a flight whose maximum range (full burn, best pitch-over) exceeds the target's
 * range; the steep branch is assumed monotonic (range grows with the pitch-over angle below
 * the maximum-range one), which holds for the gravity-turn guidance of traj.h.
 */
#ifndef BMD_FLIGHTTEST_H
#define BMD_FLIGHTTEST_H

#include "traj.h"

/* A published flight test (or any aim point): launch point and the impact point reached
   along azimuth_deg at ground range range_km (geodesic). */
struct bmd_flighttest {
  double lat_deg, lon_deg, alt_m;       /* launch point (deg, deg, m above the ellipsoid) */
  double azimuth_deg;                   /* launch point to impact, clockwise from north */
  double range_km;                      /* ground range launch to impact (km) */
  double apogee_km;                     /* published apogee (km); used by the fit only */
};

/* The full-burn lofted flight found. */
struct bmd_flighttest_result {
  struct bmd_traj_control control;      /* azimuth, pitch-over; cutoff = full burn */
  double apogee_km;                     /* highest altitude above the ellipsoid */
  double range_km;                      /* ground range to impact */
  double flight_time_s;                 /* launch to impact */
  double burnout_speed_mps;             /* Earth-relative, at the last burnout */
  double burnout_alt_km;
  double burnout_gamma_deg;
  double miss_m;                        /* impact to the aim point (geodesic) */
  double max_range_km;                  /* with BMD_ERANGE only: full burn, best pitch-over,
                                           along the aim bearing; else 0 */
};

/* bmd_flighttest_full_burn - the highest trajectory of v from test's launch point to the
   point at test->range_km along test->azimuth_deg (the apogee field is not read).
   Returns BMD_OK (miss below 1 km), BMD_ERANGE (the point is beyond the maximum range along
   that azimuth: out->max_range_km says how far the missile reaches), BMD_ENOCONV (no
   pitch-over on the steep side lands at the range: reported as a solver failure, never as
   a physical limit), or an integrator error. */
int bmd_flighttest_full_burn(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                             const struct bmd_flighttest *test,
                             struct bmd_flighttest_result *out);

/* bmd_flighttest_fit_isp - the common factor k on every stage's Isp for which the full-burn
   flight of bmd_flighttest_full_burn peaks at test->apogee_km (bisection on k in
   [k_lo, k_hi], to rel_tol of the apogee; the apogee grows with k). A k at which the range
   is out of reach counts as too weak unless a smaller k of the bisection has landed there:
   then the missile is so strong that every flight that does not land short goes on into
   orbit (too strong). The bisection must therefore meet a landing flight before an
   orbital one, which holds when the bracket's middle lands (a bracket of a few tens of
   percent around a plausible factor). *got receives that flight. Returns BMD_OK, BMD_EINVAL (bad bracket or apogee), BMD_ERANGE (the apogee is
   outside what the bracket's ends give), BMD_ENOCONV (no convergence in 60 halvings), or
   the flight's error. */
int bmd_flighttest_fit_isp(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                           const struct bmd_flighttest *test, double k_lo, double k_hi,
                           double rel_tol, double *k, struct bmd_flighttest_result *got);

#endif
