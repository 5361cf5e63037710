/*
 * aim.h - targeting: the launch azimuth, pitch-over angle and thrust-termination time that
 * put a missile's impact on a target over the rotating Earth.
 *
 * Three trajectory types:
 *  - minimum energy: the burnout flight-path angle equals that of the minimum-energy
 *    Keplerian ellipse through the burnout point and the target, whose second focus lies on
 *    the chord, so that the flight-path angle is half the angle between the downward
 *    radial and the chord (the normal bisects the angle between the focal radii); for equal
 *    radii this is gamma* = 45 deg - Psi/4 (Bate, Mueller & White (1971) sec. 6.2;
 *    Wheelon (1959)),
 *    with positions taken in the inertial frame at burnout and impact time;
 *  - lofted / depressed: the apogee height is given (above / below the minimum-energy one);
 *  - quasi-ballistic: a depressed flight by bracketing, or the flattest one (quasi.h).
 * Solved with GSL's hybridsj (Powell's hybrid method) on three residuals: down-range and
 * cross-range miss (km) and the type's condition; Jacobian by finite differences with
 * steps chosen above the integrator's noise. The maximum range (full burn, best pitch-over,
 * toward the target's azimuth) is found first; a farther target is out of range.
 */
#ifndef BMD_AIM_H
#define BMD_AIM_H

#include "traj.h"

/* BMD_AIM_QUASI: quasi-ballistic, a depressed flight with the given apogee where one
   exists, else the flattest (quasi.h); bmd_aim_solve hands it to bmd_quasi_aim */
enum bmd_aim_kind { BMD_AIM_MIN_ENERGY = 0, BMD_AIM_LOFTED, BMD_AIM_DEPRESSED, BMD_AIM_QUASI };

struct bmd_aim_request {
  enum bmd_aim_kind kind;
  double apogee_km;                     /* lofted / depressed only */
  double lat_deg, lon_deg, alt_m;       /* launch point */
  double tgt_lat_deg, tgt_lon_deg;      /* target (on the surface) */
  double tol_m;                         /* stop when both miss components are below this
                                           (0: 5 m); e.g. a footprint's cells need less */
  int branch_only;                      /* bmd_aim_refine: 1 = the minimum-energy branch
                                           alone is wanted (a trajectory family): where
                                           the warm start fails, one cold start from the
                                           given maximum range instead of bmd_aim_solve's
                                           full search, which ends on the held pitch-over
                                           where the branch is out of reach */
};

struct bmd_aim_result {
  struct bmd_traj_control control;      /* the solution */
  double miss_m;                        /* geodesic impact-to-target distance */
  double target_range_m;                /* geodesic launch-to-target distance */
  double max_range_m;                   /* full burn, best pitch-over, this azimuth */
  double max_range_kick_deg;
  double min_energy_apogee_km;          /* for lofted/depressed: the reference apogee */
  int iterations;
  int shape_fixed;                      /* 1: the minimum-energy flight-path condition was
                                           out of reach; pitch-over held at the max-range
                                           value and only azimuth and cut-off solved */
};

/* bmd_aim_max_range - the farthest impact (m) along azimuth az_deg with a full burn,
   maximised over the pitch-over angle (returned in *kick_deg). */
int bmd_aim_max_range(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                      double lat_deg, double lon_deg, double alt_m, double az_deg,
                      double *range_m, double *kick_deg);

/* bmd_aim_max_range_near - bmd_aim_max_range started from a nearby azimuth's best
   pitch-over (kick_guess_deg): Brent's method in the bracket guess / 1.25 .. guess * 1.25
   when the guess is better than both ends (3 flights instead of the scan's 22), else the
   full scan. The same local maximum as bmd_aim_max_range where both bracket it (test_aim:
   range within 1 m). */
int bmd_aim_max_range_near(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                           double lat_deg, double lon_deg, double alt_m, double az_deg,
                           double kick_guess_deg, double *range_m, double *kick_deg);

/* bmd_aim_max_burnout_speed - the largest Earth-relative burnout speed (m/s) over
   pitch-over angles (full burn; trajectories that hit the ground before burnout excluded),
   and the angle. Used to fit interceptors to published burnout speeds. */
int bmd_aim_max_burnout_speed(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                              double lat_deg, double lon_deg, double az_deg,
                              double *speed_mps, double *kick_deg);

/* bmd_aim_solve - aim at the target. Returns BMD_OK (miss_m < 100 m), BMD_ERANGE (the
   target is beyond max_range_m, or no trajectory of the requested apogee reaches it),
   BMD_EINVAL (target at the launch point, bad apogee) or BMD_ENOCONV. */
int bmd_aim_solve(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                  const struct bmd_aim_request *rq, struct bmd_aim_result *out);

/* bmd_aim_refine - bmd_aim_solve for a minimum-energy trajectory, started from a nearby
   solution (guess: the control of a neighbouring target, e.g. the previous cell of a grid,
   best with its azimuth shifted by the difference of the two targets' azimuths)
   and with the maximum range along this azimuth already known (max_range_m, max_kick_deg;
   bmd_aim_max_range), which saves the range scan and most iterations. Solved by Broyden's
   method; J (may be NULL) carries the 3x3 Jacobian of the residuals from one call to the
   next (set J[0] = NAN before the first: it is then computed by finite differences; a
   given J that misleads Broyden is replaced by a fresh one for a second try). Broyden
   gives up once the cut-off has stayed at the end of the burn (within 1e-5 of it) for three
   iterations with the residuals unmet: the flight-path condition is then out of reach,
   whatever J.
   Beyond 0.95 of the maximum range, when Broyden does not converge, the held-pitch-over
   shape (the pitch-over at max_kick_deg, azimuth and cut-off solved; shape_fixed = 1) is
   tried next from the guess, as bmd_aim_solve would after its multi-start search. Then
   falls back to hybridsj, then to bmd_aim_solve. Same returns as bmd_aim_solve. */
int bmd_aim_refine(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                   const struct bmd_aim_request *rq, const struct bmd_traj_control *guess,
                   double max_range_m, double max_kick_deg, double J[9],
                   struct bmd_aim_result *out);

#endif
