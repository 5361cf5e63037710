/*
 * family.h - a family of minimum-energy threat trajectories from one launch point, solved
 * and flown once on a polar grid of targets, from which the trajectory to any target in
 * between is interpolated instead of aimed and flown (the footprint's "threat
 * trajectories per corridor", footprint.h).
 *
 * Grid: azimuth nodes az0 + a * step (a = 0 .. naz-1, or all around the launch point),
 * and along each azimuth nu targets at ranges u_j = 0.98 (j / nu)^2 of that azimuth's
 * maximum range (bmd_aim_max_range; j = 1 .. nu; closer together at short range, where
 * the cut-off time changes fastest). Beyond 0.98 the minimum-energy condition soon
 * goes out of reach and the aim switches to a different trajectory shape (aim.h), which
 * must not be blended with the rest. Every member is aimed with bmd_aim_refine, started from the member
 * of the same range on the neighbouring azimuth (the middle azimuth first, each range
 * from the one below, the first from bmd_aim_solve).
 *
 * Interpolation (our model; measured against aimed and flown trajectories in
 * test_family and docs/analysis.md):
 *  - each member is turned about the axis through the Earth's centre and the launch point
 *    by its own impact azimuth, so that all members land on one reference meridian;
 *  - time is mapped piecewise onto s in [0, 1]: launch .. thrust termination, then
 *    thrust termination .. impact, so that every member's burnout falls at the same s;
 *  - positions, ds-derivatives and the two times are blended with weights linear in
 *    azimuth and cubic (Lagrange, 4 members) in u = range / maximum range, then turned
 *    to the target's azimuth. The maximum range at an azimuth is linear between nodes.
 * Members are recorded at <= 8 s steps and resampled with cubic Hermite polynomials on
 * positions and velocities (Hermite; error O(h^4)); the interpolated trajectory has a
 * sample at least every 1.5 s, and every 6 s above the atmosphere (geocentric radius over
 * the equator's plus 100 km), read linearly like a flown one (traj.h): g dt^2 / 8 = 45 m
 * there at most, against the ~1 km of the blend (test_family).
 * Not covered (BMD_EINVAL): targets closer than u_1 or farther than u_nu, azimuths outside
 * the nodes; a target whose members failed to solve (or took the other shape) gives
 * BMD_ENOCONV. The caller aims and flies those.
 */
#ifndef BMD_FAMILY_H
#define BMD_FAMILY_H

#include "traj.h"

struct bmd_family_opts {
  double az0_deg;        /* first azimuth node (target azimuth from the launch point) */
  double az_step_deg;    /* node spacing (> 0) */
  int naz;               /* nodes (>= 2); ignored when all_around */
  int all_around;        /* 1: nodes every az_step_deg all around (360 / step of them) */
  int nu;                /* members per azimuth (>= 4) */
  double tol_m;          /* aim tolerance of the members (0: 5 m) */
  int threads;           /* >= 1 */
};

struct bmd_family;

/* bmd_family_build - solve and fly the family of vehicle v launched from (lat, lon, alt)
   under options o (o->phys: the physics; tolerances as given). Returns BMD_OK,
   BMD_EINVAL (bad options), BMD_ENOMEM, or BMD_ENOCONV when no azimuth has a maximum
   range. Members that fail to solve are left out (see bmd_family_count). */
int bmd_family_build(struct bmd_family **out, const struct bmd_vehicle *v,
                     const struct bmd_traj_opts *o, double lat_deg, double lon_deg,
                     double alt_m, const struct bmd_family_opts *fo);
void bmd_family_free(struct bmd_family *f);

/* bmd_family_build_set - the families of n launch points at once (spec[k]: the point and
   its options, whose threads are ignored), on `threads` threads: each step of the build
   (maximum ranges, the middle node, the two sides, the resampling) is shared out over the
   items of every family together, so one family's serial steps overlap another's work.
   The families are those of n calls of bmd_family_build (test_family). st[k] gets each
   one's return and out[k] the family (NULL unless st[k] is BMD_OK). Returns BMD_OK, or
   BMD_EINVAL / BMD_ENOMEM for the set (out[] all NULL). */
struct bmd_family_spec {
  double lat_deg, lon_deg, alt_m;
  struct bmd_family_opts fo;
};
int bmd_family_build_set(struct bmd_family **out, int *st, int n, const struct bmd_vehicle *v,
                         const struct bmd_traj_opts *o, const struct bmd_family_spec *spec,
                         int threads);

/* bmd_family_solve_set - bmd_family_build_set without the last step: the members are
   solved and flown, and their recorded flights kept, but not yet resampled onto the
   tables that bmd_family_traj blends (it answers BMD_EINVAL until bmd_family_resample).
   bmd_family_count, bmd_family_max_range and bmd_family_guess answer as for a built
   family. A caller holding many families (the footprint's launch points) resamples each
   one when it needs it and frees it after: the resampled tables are about twice the
   recorded flights. */
int bmd_family_solve_set(struct bmd_family **out, int *st, int n, const struct bmd_vehicle *v,
                         const struct bmd_traj_opts *o, const struct bmd_family_spec *spec,
                         int threads);

/* bmd_family_resample - resample a family of bmd_family_solve_set (nothing to do for a
   built one): afterwards it is the family bmd_family_build_set gives, bit for bit
   (test_family). Returns BMD_OK, BMD_ENOMEM or BMD_ENOCONV (no member solved); on failure
   the family must only be freed. */
int bmd_family_resample(struct bmd_family *f);

/* bmd_family_max_range - the maximum range (m) at target azimuth az_deg and the pitch-over
   of its trajectory, both linear between nodes (the pitch-over is what an aim beyond the
   minimum-energy branch holds, aim.h); 0 when az_deg is outside the nodes. */
int bmd_family_max_range(const struct bmd_family *f, double az_deg, double *range_m,
                         double *kick_deg);

/* bmd_family_traj - the interpolated trajectory to the target at geodesic range_m and
   azimuth az_deg from the launch point: samples (t, r, v; mass 0), burnout, apogee, impact
   time and point. out->samples is reused (grown with realloc) and must be released with
   bmd_traj_result_release. Returns BMD_OK, BMD_ERANGE (beyond the maximum range),
   BMD_EINVAL (not covered), BMD_ENOCONV (a member needed failed) or BMD_ENOMEM. */
int bmd_family_traj(const struct bmd_family *f, double az_deg, double range_m,
                    struct bmd_traj_result *out);

/* bmd_family_guess - the control of the member nearest to (az_deg, range_m), its azimuth
   turned by the difference, as a starting guess for bmd_aim_refine, and (J not NULL) the
   Jacobian of that member's aim, for bmd_aim_refine's J (NAN in J[0] if it had none);
   0 when no member solved. */
int bmd_family_guess(const struct bmd_family *f, double az_deg, double range_m,
                     struct bmd_traj_control *c, double J[9]);

/* bmd_family_count - members in the family, how many failed to solve, how many cold aims
   (bmd_aim_solve) were needed, and the longest time of flight (s). */
void bmd_family_count(const struct bmd_family *f, long *members, long *failed, long *aims_full,
                      double *max_tof_s);

#endif
