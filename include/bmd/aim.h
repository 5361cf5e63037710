/*
 * aim.h - targeting: the launch azimuth, pitch-over angle and thrust-termination time that
 * put a missile's impact on a target over the rotating Earth.
 *
 * Controls (traj.h): launch azimuth psi, pitch-over kappa, thrust-termination (cut-off) time
 * t_c <= T, the total burn. Their domain (kappa in [BMD_AIM_KICK_MIN_DEG,
 * BMD_AIM_KICK_MAX_DEG], t_c in (0, T]) is the same for the maximum range and for every aim,
 * so that "beyond the maximum range" and "no trajectory reaches it" are one statement.
 *
 * What reaches a target. The flights that land on one target form a curve in (psi, kappa,
 * t_c): two equations, three unknowns. Along it the apogee runs from the lowest at this
 * range to the highest, through the minimum-energy flight; each end is where the curve
 * leaves the domain (a full burn that only just reaches the target: the propellant binds;
 * or kappa at an end of its domain: the guidance binds) or where a flatter flight would
 * strike the ground before its burn ends. Neither kappa nor t_c is monotone along the
 * curve (it folds where the Earth's rotation carries a lofted flight back), so the curve
 * is followed by arc length. The shaping control of a future guidance (a glide's pull-up,
 * say) enters the same way: one more control, one more equation.
 *
 * Three trajectory types:
 *  - minimum energy: the burnout flight-path angle equals that of the minimum-energy
 *    Keplerian ellipse through the burnout point and the target, whose second focus lies on
 *    the chord, so that the flight-path angle is half the angle between the downward
 *    radial and the chord (the normal bisects the angle between the focal radii); for equal
 *    radii this is gamma* = 45 deg - Psi/4 (Bate, Mueller & White (1971) sec. 6.2;
 *    Wheelon (1959)), with positions taken in the inertial frame at burnout and impact
 *    time. Solved with GSL's hybridsj (Powell's hybrid method) on three residuals: down-
 *    and cross-range miss (km) and the flight-path condition; Jacobian by finite
 *    differences. Where the condition is out of reach (near the maximum range, or short
 *    atmospheric flights) the pitch-over is held at the maximum-range value and only
 *    azimuth and cut-off are solved (shape_fixed; bmd_aim_hit where Powell's method fails);
 *  - quasi-ballistic (BMD_AIM_QUASI): a depressed flight by bracketing, the flattest one or
 *    the minimum-energy one (quasi.h);
 *  - lofted / depressed: the apogee height is given (above / below the minimum-energy
 *    one). The curve of hits is walked from the minimum-energy flight to the end of that
 *    side by pseudo-arclength continuation (Allgower & Georg 1990); the end's apogee is the
 *    bound, and an apogee within it is solved between the two points of the walk that
 *    bracket it (docs/models/targeting.md sec. 6).
 *
 * Three answers, everywhere: BMD_OK (solved), BMD_ERANGE (physically impossible for this
 * missile and its guidance: the result's limit says which bound, the result gives its
 * value), and BMD_ESOLVER (the solver failed where a solution exists or may exist: a bug,
 * never to be reported as out of range).
 *
 * Maximum range: the longest ground range short of orbit, over pitch-over and cut-off. A
 * flight that passes the antipode of the launch point, or does not come down, reaches
 * every point of its bearing: the maximum range is then the distance to the antipode
 * (reaches_antipode). can_reach_orbit says that a burn has the energy of a circular orbit
 * at the 100 km entry interface. A more energetic missile never gets a shorter maximum
 * range (test_aim_shape).
 */
#ifndef BMD_AIM_H
#define BMD_AIM_H

#include <stddef.h>

#include "traj.h"

/* The shortest shot aimed (m of geodesic between launch point and target): a target
   closer than this is "at the launch point" (BMD_EINVAL), for bmd_aim_solve, the scenario
   parser and every command alike. */
#define BMD_AIM_MIN_RANGE_M 1e3

/* BMD_AIM_QUASI: quasi-ballistic, a depressed flight with the given apogee where one
   exists, else the flattest (quasi.h); bmd_aim_solve hands it to bmd_quasi_aim */
/* BMD_AIM_GLIDE: a boost-glide vehicle's flight, the booster's full burn and a guided
   glide and dive onto the target (glide.h); the only flight of a glider, and for gliders
   only (BMD_EINVAL with limit BMD_AIM_LIMIT_SHAPE otherwise) */
enum bmd_aim_kind { BMD_AIM_MIN_ENERGY = 0, BMD_AIM_LOFTED, BMD_AIM_DEPRESSED, BMD_AIM_QUASI,
                    BMD_AIM_GLIDE };

/* the pitch-over's domain (deg), for the maximum range and every aim alike: below 0.3 deg
   a flight rises vertically and lands where the Earth's rotation puts it; 89 deg, the
   thrust all but horizontal at the end of the pitch-over, is the bound the minimum-energy
   solver has always used (traj.h needs kappa < 90) */
#define BMD_AIM_KICK_MIN_DEG 0.3
#define BMD_AIM_KICK_MAX_DEG 89.0
/* the defaults of a request's budget and apogee tolerance */
#define BMD_AIM_MAX_FLIGHTS 4000
#define BMD_AIM_APOGEE_TOL_M 100.0

/* what makes an aim impossible (with BMD_ERANGE) */
enum bmd_aim_limit {
  BMD_AIM_LIMIT_NONE = 0,
  BMD_AIM_LIMIT_RANGE,         /* the target is beyond the maximum range toward it */
  BMD_AIM_LIMIT_APOGEE_HIGH,   /* the apogee asked for is above the highest at this range */
  BMD_AIM_LIMIT_APOGEE_LOW,    /* ... below the lowest at this range */
  BMD_AIM_LIMIT_SHAPE          /* with BMD_EINVAL: a glider asked for a ballistic shape, or
                                  a ballistic missile for a glide */
};

/* what bounds an apogee at a target */
enum bmd_aim_bound {
  BMD_AIM_BOUND_NONE = 0,      /* not computed */
  BMD_AIM_BOUND_FULL_BURN,     /* a full burn only just reaches the target (propellant) */
  BMD_AIM_BOUND_KICK,          /* the pitch-over at the end of its domain (guidance) */
  BMD_AIM_BOUND_GROUND         /* a flatter flight strikes the ground before its burn ends */
};

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
  double apogee_tol_m;                  /* lofted / depressed: stop when the apogee is
                                           within this (0: BMD_AIM_APOGEE_TOL_M) */
  long max_flights;                     /* give up with BMD_ESOLVER after this many
                                           trajectories of the search (0:
                                           BMD_AIM_MAX_FLIGHTS; a test provokes the
                                           failure path with a small budget) */
};

/* an apogee bound at a target: the end of the pitch-over interval that reaches it */
struct bmd_aim_apogee_bound {
  double apogee_km;      /* NAN: not computed */
  double kick_deg;       /* the pitch-over of the flight that sets it */
  int by;                /* enum bmd_aim_bound: what sets it */
};

struct bmd_aim_result {
  struct bmd_traj_control control;      /* the solution */
  double miss_m;                        /* geodesic impact-to-target distance */
  double target_range_m;                /* geodesic launch-to-target distance */
  double max_range_m;                   /* bmd_aim_solve: the maximum range toward the
                                           target's bearing (bmd_aim_max_range_toward);
                                           bmd_aim_refine: the caller's */
  double max_range_kick_deg;
  int reaches_antipode, can_reach_orbit; /* bmd_aim_solve: struct bmd_aim_reach's */
  double min_energy_apogee_km;          /* for lofted/depressed: the reference apogee */
  int limit;                            /* enum bmd_aim_limit: with BMD_ERANGE, the bound */
  struct bmd_aim_apogee_bound apogee_lo, apogee_hi; /* lofted/depressed: the lowest and the
                                           highest apogee of a flight to this target (a
                                           solved lofted aim computes the highest, a
                                           depressed one the lowest, an impossible one
                                           both; bmd_aim_apogee_bounds both) */
  int iterations;
  long flights;                         /* trajectories flown by the maximum-range search,
                                           the held-shape aim and the continuation (not
                                           Powell's minimum-energy iterations) */
  int shape_fixed;                      /* 1: the minimum-energy flight-path condition was
                                           out of reach; pitch-over held at the max-range
                                           value and only azimuth and cut-off solved */
};

/* the maximum range toward a bearing (bmd_aim_max_range_toward) */
struct bmd_aim_reach {
  double range_m;        /* the longest ground range along the bearing that a full burn
                            reaches, over the pitch-over's domain, the launch azimuth turned
                            so that the impact lies on the bearing; the distance to the
                            antipode when reaches_antipode */
  double kick_deg;       /* the pitch-over of that flight */
  double azimuth_deg;    /* its launch azimuth */
  int reaches_antipode;  /* 1: some full burn along the bearing passes the antipode of the
                            launch point or orbits: every point of the bearing is in reach */
  int can_reach_orbit;   /* 1: some full burn along the bearing has the specific energy of
                            a circular orbit at the 100 km entry interface (traj.h): the
                            missile has the energy to orbit */
};

/* bmd_aim_max_range - the farthest impact (m) of a launch at azimuth az_deg with a full
   burn, maximised over the pitch-over angle (returned in *kick_deg): a scan of 23 angles
   over the domain (0.3 to 89 deg) refined by Brent's method. The impact lands where the
   Earth's rotation turns it; its geodesic range counts, capped at the distance to the
   antipode, which a flight that passes the antipode or does not come down counts as
   reached. Where a burn cut at 97% flies farther than the full one, the cut-off is
   searched too (targeting.md sec. 2). BMD_OK, or BMD_ESOLVER when no flight lands. */
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
   pitch-over angles from 0.3 to 80 deg (full burn; trajectories that hit the ground before
   burnout excluded), and the angle. Used to fit interceptors to published burnout speeds. */
int bmd_aim_max_burnout_speed(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                              double lat_deg, double lon_deg, double az_deg,
                              double *speed_mps, double *kick_deg);

/* bmd_aim_max_range_toward - the maximum range toward the bearing from (lat, lon, alt)
   at azimuth az_deg (struct bmd_aim_reach): the scan of bmd_aim_max_range along the
   bearing, then the launch azimuth turned so that the maximum-range flight lands on the
   bearing (the Earth's rotation turns it off), the range measured along the bearing and
   maximised again by Brent's method near the scan's pitch-over. can_reach_orbit: an
   orbital flight in the scan, or, when the antipode is reached, the highest perigee over
   the pitch-over (Brent's method) above 100 km. BMD_OK or BMD_ESOLVER. */
int bmd_aim_max_range_toward(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                             double lat_deg, double lon_deg, double alt_m, double az_deg,
                             struct bmd_aim_reach *out);

/* bmd_aim_solve - aim at the target. Returns BMD_OK (miss_m < 100 m; lofted/depressed:
   apogee within apogee_tol_m), BMD_ERANGE (physically impossible: beyond max_range_m, or
   an apogee beyond this target's bounds; out->limit says which and out->apogee_lo/hi give
   the bounds), BMD_EINVAL (target at the launch point, bad apogee, a lofted apogee
   below the minimum-energy one or a depressed one above it) or BMD_ESOLVER (solver
   failure). */
int bmd_aim_solve(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                  const struct bmd_aim_request *rq, struct bmd_aim_result *out);

/* bmd_aim_hit - the flight to rq's target with the shaping control held: the pitch-over
   at kick_deg (within the domain), the launch azimuth and cut-off solved (from guess, or
   the target's azimuth and the whole burn when NULL) to rq->tol_m. BMD_OK (out->control,
   out->miss_m), BMD_ERANGE (even a full burn falls short at this pitch-over: limit
   BMD_AIM_LIMIT_RANGE), BMD_EINVAL (pitch-over outside the domain, target at the launch
   point) or BMD_ESOLVER. rq->kind and apogee are ignored. */
int bmd_aim_hit(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                const struct bmd_aim_request *rq, double kick_deg,
                const struct bmd_traj_control *guess, struct bmd_aim_result *out);

/* bmd_aim_apogee_bounds - the lowest and highest apogee of a flight from rq's launch point
   to its target (out->apogee_lo, out->apogee_hi), the maximum range
   toward it and the minimum-energy apogee. BMD_OK, BMD_ERANGE (out of range:
   BMD_AIM_LIMIT_RANGE), BMD_EINVAL or BMD_ESOLVER. */
int bmd_aim_apogee_bounds(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                          const struct bmd_aim_request *rq, struct bmd_aim_result *out);

/* bmd_aim_explain - what became of the target of request rq (status st, result r), as a
   predicate for a message that names the missile and the target first ("shahab-3: target
   london " + "is out of range: 3886 km away, maximum range 1277 km toward it"):
   "is out of reach on a lofted trajectory with apogee 5000 km: the highest apogee at this
   range (961 km) is 4021.7 km (a full burn only just reaches it); ...", "is at the launch
   point", or for BMD_ESOLVER "was not aimed: solver failure (ESOLVER): ... this is a bug in
   bmdsim: please report it ...". No trailing period. Writes at most n bytes into buf
   (always terminated); returns buf. */
const char *bmd_aim_explain(int st, const struct bmd_aim_request *rq,
                            const struct bmd_aim_result *r, char *buf, size_t n);

/* bmd_aim_answer - "solved", "impossible" or "solver_failure" for status st of an aim
   (BMD_OK, BMD_ERANGE, anything else), the "aim" key of the JSON outputs. */
const char *bmd_aim_answer(int st);

/* bmd_aim_limit_name - "none", "range", "apogee_high", "apogee_low". */
const char *bmd_aim_limit_name(int limit);

/* bmd_aim_bound_name - "none", "full_burn", "pitch_over_limit", "ground". */
const char *bmd_aim_bound_name(int by);

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
