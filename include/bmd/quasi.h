/*
 * quasi.h - quasi-ballistic aiming: the depressed flight of a steered short-range missile
 * (Iskander-M class) with a requested apogee, found by bracketing so that it solves
 * wherever such a flight exists; the flattest flight (the lowest apogee, a full burn on the
 * depressed branch) where the requested apogee is below what the missile can reach at this
 * range, and the minimum-energy flight where it is above that flight's apogee (docs/models/quasi.md, section 1).
 *
 * The shape (eq. Q1-Q3 of that page): for a thrust cut-off t_c, the pitch-over angle k on
 * the depressed branch (the larger of the two angles that reach the target's range) is the
 * root of R(k; t_c) = s_target, bracketed by a scan down from 89 deg and refined by Brent's
 * method; the apogee H(t_c) of that flight falls as t_c grows (more energy, flatter flight),
 * so t_c with H(t_c) = H_requested is found by bisection. A requested apogee at or above the
 * minimum-energy flight's (short ranges) gives that flight: never higher than ballistic. The azimuth is corrected by fixed
 * point on the cross-range (the Earth's rotation turns the flight by well under a degree).
 * Each step is a flight of bmd_traj_fly: the solution is the flown one (miss < 100 m).
 */
#ifndef BMD_QUASI_H
#define BMD_QUASI_H

#include "aim.h"

/* bmd_quasi_aim - aim a BMD_AIM_QUASI request (rq->apogee_km > 0): a depressed flight with
   that apogee where one exists, else the flattest flight to the target. Fills out as
   bmd_aim_solve does. out->shape_fixed is 1 when the apogee is held at the flattest
   flight's (the requested one is below what the missile can fly to this target: the
   flown apogee is higher), 2 when the requested apogee is at or above the minimum-energy
   flight's (a short range: that flight is flown, by bmd_aim_solve, and
   out->min_energy_apogee_km is its apogee; otherwise it is NAN, not computed), else 0.
   Returns BMD_OK, BMD_EINVAL (bad request), BMD_ERANGE (the target is beyond the
   missile's maximum range, limit BMD_AIM_LIMIT_RANGE) or BMD_ESOLVER (a solver failure: no flight within 100 m of
   the target, or a bisection that did not close on the apogee between the two). */
int bmd_quasi_aim(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                  const struct bmd_aim_request *rq, struct bmd_aim_result *out);

#endif
