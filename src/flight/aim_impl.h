/*
 * aim_impl.h - the parts of the targeting solver (aim.h) shared by its files: aim.c
 * (minimum energy, bmd_aim_solve), aim_reach.c (maximum range along a launch azimuth),
 * aim_hit.c (a flight measured against the target; the pitch-over held, azimuth and
 * cut-off solved; the maximum range toward the target's bearing) and aim_shape.c
 * (lofted and depressed: continuation along the curve of hits to each side's end, and the
 * apogee asked for between). Not installed: callers use aim.h.
 */
#ifndef BMD_AIM_IMPL_H
#define BMD_AIM_IMPL_H

#include <gsl/gsl_math.h>

#include <bmd/aim.h>

#define BMD_AIM_MISS_OK_M 100.0   /* the targeting requirement: a hit misses by less */

/* one aim's fixed data: launch point, target, tolerances, the flights spent */
struct bmd_aim_ctx {
  const struct bmd_vehicle *v;
  struct bmd_traj_opts o;            /* record off */
  double lat_deg, lon_deg, alt_m;    /* launch point */
  double tgt_lat_deg, tgt_lon_deg;
  double s_tgt_m, az_tgt_deg;        /* geodesic range and azimuth launch -> target */
  double s_anti_m;                   /* geodesic range launch -> its antipode */
  double total_burn_s;
  double tol_m;                      /* miss tolerance, each of along- and cross-track */
  double accept_m;                   /* the miss accepted where the flights' own noise
                                        keeps the iteration from tol_m (a flight that
                                        skims the atmosphere for thousands of km):
                                        BMD_AIM_MISS_OK_M or 2 tol_m */
  double apogee_tol_m;               /* apogee tolerance of a shaped trajectory */
  long flights, max_flights;         /* trajectories flown; the budget (BMD_ESOLVER past it) */
};

/* one flight's controls and where it lands relative to the target's bearing */
struct bmd_aim_pt {
  double kick_deg, azimuth_deg, cutoff_s;   /* the controls (cut-off <= total burn) */
  double along_m;      /* signed ground range along the bearing: s cos(d) with s the
                          geodesic range launch -> impact and d = impact azimuth - target
                          azimuth; past the antipode s_anti downrange_rad / pi (traj.h), so
                          that it grows on through the antipode and every revolution;
                          a flight that does not land: 1e12 m, beyond every target */
  double cross_deg;    /* d, wrapped to +-180 deg */
  double cross_m;      /* s sin(d) */
  double apogee_m;
  double impact_t_s;
  int crashed;         /* the impact came before thrust termination (flew into the ground
                          under thrust: the cut-off is then the impact time) */
  int nolanding;       /* does not land: orbital at burnout, or still flying a day later */
  int orbit;           /* orbital at burnout (BMD_TRAJ_ORBIT_PERIGEE_M) */
  int past_antipode;
};

/* bmd_aim_ctx_init - the context of request rq (launch point, target, tolerances). */
void bmd_aim_ctx_init(struct bmd_aim_ctx *c, const struct bmd_vehicle *v,
                      const struct bmd_traj_opts *o, const struct bmd_aim_request *rq);

/* bmd_aim_result_init - the fields of a result that are not zero when unset: the apogee
   bounds (NAN), the limit (none) */
void bmd_aim_result_init(struct bmd_aim_result *out);

/* bmd_aim_fly_pt - fly p's controls and fill the rest of p. BMD_OK (a flight that does
   not land too, with p->nolanding set), BMD_ESOLVER (the flight budget is spent), or the
   flight's error. */
int bmd_aim_fly_pt(struct bmd_aim_ctx *c, struct bmd_aim_pt *p);

/* bmd_aim_hit_at - hold the pitch-over at kick_deg and solve the launch azimuth and the
   cut-off so that the flight lands on the target, from guess (its azimuth and cut-off;
   kick ignored) and dadt_mps, an estimate of d along / d cut-off (m/s; <= 0 or NAN:
   found by a difference). BMD_OK: *out is the hit. BMD_ERANGE: even a full burn (or the
   flight until it strikes the ground) falls short of the target, *out that flight with
   its azimuth solved (cross-track within tolerance); or no launch azimuth steers the impact
   onto the target (a turn all the way round, as in bmd_aim_full_at). BMD_ESOLVER: no
   convergence, budget spent, or a flight failed. *dadt_out (may be NULL): the last slope,
   for a neighbour. */
int bmd_aim_hit_at(struct bmd_aim_ctx *c, double kick_deg, const struct bmd_aim_pt *guess,
                   double dadt_mps, struct bmd_aim_pt *out, double *dadt_out);

/* bmd_aim_full_at - the burn cut off at cutoff_s (the total burn or more: a full burn) at
   pitch-over kick_deg with the azimuth solved so that the impact lies on the target's
   bearing (cross-track within tolerance; not attempted for a flight that lands behind the
   launch point, passes the antipode or orbits: its along_m already says where it stands),
   from azimuth psi_guess_deg. BMD_OK, BMD_ERANGE (no launch azimuth puts the impact on the
   bearing: a turn of the launch all the way round leaves it on one side, as for a
   near-vertical climb that lands where the Earth's rotation puts it) or BMD_ESOLVER. */
int bmd_aim_full_at(struct bmd_aim_ctx *c, double kick_deg, double cutoff_s,
                    double psi_guess_deg, struct bmd_aim_pt *out);

/* bmd_aim_reach_ctx - bmd_aim_max_range_toward for c's launch point and bearing; *best:
   the flight that reaches farthest (a full burn, or a shorter one for a missile that flies
   farther so; azimuth solved). */
int bmd_aim_reach_ctx(struct bmd_aim_ctx *c, struct bmd_aim_reach *out, struct bmd_aim_pt *best);

/* bmd_aim_scan - bmd_aim_max_range with the flags of struct bmd_aim_reach (orbital and
   past-the-antipode flights seen in the scan); *flights (may be NULL) += flights flown */
int bmd_aim_scan(const struct bmd_vehicle *v, const struct bmd_traj_opts *o, double lat_deg,
                 double lon_deg, double alt_m, double az_deg, double *range_m, double *kick_deg,
                 int *antipode, int *orbit, long *flights);

/* bmd_aim_shape_solve - the lofted (side -1: the side where the pitch-over first falls from
   ref's) or depressed (+1) flight with apogee apogee_m to c's target, from ref, a hit (the
   minimum-energy or held-shape solution): the side walked to its end, its bound set
   (out->apogee_hi or _lo), then the apogee solved between the two points of the walk that
   bracket it. BMD_OK (*sol the hit), BMD_ERANGE (the apogee is beyond the bound:
   out->limit), BMD_ESOLVER. */
int bmd_aim_shape_solve(struct bmd_aim_ctx *c, int side, double apogee_m,
                        const struct bmd_aim_pt *ref, struct bmd_aim_pt *sol,
                        struct bmd_aim_result *out);

/* bmd_aim_shape_bound - the highest (side -1) or lowest (+1) apogee of the hits walked
   from ref to the side's end: *end is that hit, *by the enum bmd_aim_bound of the end.
   BMD_OK or BMD_ESOLVER. */
int bmd_aim_shape_bound(struct bmd_aim_ctx *c, int side, const struct bmd_aim_pt *ref,
                        struct bmd_aim_pt *end, int *by);

/* bmd_aim_set_bound - *b from the edge flight end and what sets it (enum bmd_aim_bound) */
void bmd_aim_set_bound(struct bmd_aim_apogee_bound *b, const struct bmd_aim_pt *end, int by);

/* bmd_aim_orbital_energy - 1 if flight r burnt out with the specific energy of a circular
   orbit at the entry interface (BMD_TRAJ_ORBIT_PERIGEE_M) or more: the energy to orbit,
   whether or not this pitch-over puts it in one */
int bmd_aim_orbital_energy(const struct bmd_physics *ph, const struct bmd_traj_result *r);

/* bmd_aim_brent_min - Brent's minimiser (GSL) on F inside the bracket a < x < b with
   f(x) below both ends, to a relative interval of 1e-4 (at most 50 iterations): the
   minimum's value negated in *best_val and its abscissa in *best_x. BMD_OK or
   BMD_ENOMEM. */
int bmd_aim_brent_min(gsl_function *F, double a, double fa, double x, double fx, double b,
                      double fb, double *best_val, double *best_x);

/* bmd_aim_antipode_m - the geodesic distance (m) from (lat, lon) to its antipode */
double bmd_aim_antipode_m(enum bmd_earth_shape shape, double lat_deg, double lon_deg);

#endif
