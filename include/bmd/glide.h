/*
 * glide.h - hypersonic boost-glide vehicles (Avangard class): the glider's free flight
 * after the booster's burnout (pull-up, equilibrium glide with bank-angle steering,
 * terminal dive), its aim, and the closed forms of the equilibrium glide the tests and
 * docs/models/glide.md measure it against.
 *
 * Model (the point-mass glider of Acton, Science & Global Security 23 (2015) 191-219,
 * and Tracy & Wright, Science & Global Security 28 (2020) 135-170): a constant ballistic
 * coefficient beta = m / (C_D A) and lift L = lambda D with 0 <= lambda <= (L/D)_max. In
 * the Earth-fixed frame (v the Earth-relative velocity, as traj.h and ballistic.h):
 *   dv/dt = g(r) - 2 w x v - w x (w x r) - (D/m) v/|v| + (D/m) lambda (cos s n + sin s b)
 *   D/m = rho(h) |v|^2 / (2 beta)
 * with n the unit normal to v in the vertical plane (upward), b = v/|v| x n (to the right)
 * and s the bank angle. Lift does no work: the mechanical energy falls by D |v| / m per
 * unit time, whatever the steering (test_glide checks it).
 * Guidance (docs/models/glide.md section 2):
 *  - vertical channel: the lift that holds the equilibrium glide at the largest L/D,
 *      a_n = g_eff - 2 z w_p hdot + w_p^2 H ln((L/D)_max (D/m) / g_eff),
 *      g_eff = g - v_h^2 / r  (weight less the centrifugal relief),
 *    clamped to [0, (L/D)_max D/m]: above the equilibrium height the glider falls, below
 *    it climbs, and the phugoid after the pull-up is damped (z = 0.7, w_p = 2 pi / 100 s,
 *    H = 7 km, the density's scale height). With the lift saturated, the pull-up out of
 *    the booster's arc is the largest-L/D pull-up;
 *  - lateral channel: a fixed bank s (to_target = 0) or, steering to a target, a turn rate
 *    of (heading error) / 20 s, the bank limited to max_bank_deg;
 *  - dive: once the target is dive_deg or more below the local horizontal (less half the
 *    central angle to it, the Earth's curvature's part), pursuit of the
 *    line of sight, a = 3 |v|^2 / d (u - (u.v^) v^) less gravity's normal part (u the unit
 *    line of sight, d its length), limited to (L/D)_max D/m.
 * Equilibrium glide (gamma = 0, L = m g_eff, constant g and r; Eggers, Allen & Neice,
 * NACA Report 1382 (1958), the glide-range equation; Acton 2015 appendix):
 *   rho_eq(v) = 2 beta g_eff / ((L/D) v^2)                          (G1)
 *   s(v0 -> v1) = (L/D) (r/2) ln[(1 - v1^2/(g r)) / (1 - v0^2/(g r))]  (G2)
 *   t(v0 -> v1) = (L/D) sqrt(r/g) [atanh(v0/sqrt(g r)) - atanh(v1/sqrt(g r))]  (G3)
 */
#ifndef BMD_GLIDE_H
#define BMD_GLIDE_H

#include "aim.h"

/* the guidance law's constants (above); the tests and docs use these */
#define BMD_GLIDE_ZETA 0.7
#define BMD_GLIDE_OMEGA_RADPS (2.0 * 3.14159265358979323846 / 100.0)
#define BMD_GLIDE_SCALE_H_M 7000.0
#define BMD_GLIDE_TURN_TAU_S 20.0
#define BMD_GLIDE_PURSUIT_N 3.0
/* the pursuit's gain is held below the last BMD_GLIDE_PURSUIT_MIN_M of the line of sight
   (the turn rate would grow without bound at the target) */
#define BMD_GLIDE_PURSUIT_MIN_M 5000.0
#define BMD_GLIDE_BLEND_RAD (2.0 * 3.14159265358979323846 / 180.0)
/* the aim's range reserve: the booster is cut off where the glide without a dive would go
   this fraction beyond the target */
#define BMD_GLIDE_RESERVE 0.1

/* the right-hand side's parameters (plain data, one flight) */
struct bmd_glide_rhs_params {
  struct bmd_physics phys;
  double omega_radps;       /* Earth rotation rate (0 with rotation off) */
  double inv_beta;          /* 1 / beta (m^2/kg) */
  double ld_max;            /* (L/D)_max */
  double tan_max_bank;      /* tan(max_bank_deg) */
  double tan_bank;          /* to_target = 0: tan(bank_deg) */
  double dive_rad;          /* dive_deg (rad) */
  int to_target;
  double tgt_ecef_m[3];     /* the target on the surface */
  int layer;                /* atmosphere layer (set by the integrator) */
};

/* bmd_glide_rhs_init - the parameters of vehicle v's glide under physics phys and
   guidance g. */
void bmd_glide_rhs_init(struct bmd_glide_rhs_params *p, const struct bmd_vehicle *v,
                        const struct bmd_physics *phys, const struct bmd_glide_guide *g);

/* bmd_glide_rhs - the equations of motion above; y = (r_ecef_m, v_ecef_mps). */
void bmd_glide_rhs(double t_s, const double *y, double *dydt, void *params);

/* bmd_glide_eq_density - (G1): the density (kg/m^3) of the equilibrium glide at speed
   v_mps (horizontal) and distance r_m from the Earth's centre, gravity g_mps2, for beta
   and L/D; 0 at or above the circular speed (no lift needed). */
double bmd_glide_eq_density(double v_mps, double r_m, double g_mps2, double beta_kgm2,
                            double ld);

/* bmd_glide_eq_height - the US 1976 height (m) with density rho (bisection to 1 m between
   0 and 86 km); NAN outside that range. */
double bmd_glide_eq_height(double rho_kgm3);

/* bmd_glide_range_closed - (G2): the ground range (m) of an equilibrium glide from speed
   v0 to v1 < v0 (m/s) at radius r_m under gravity g_mps2. */
double bmd_glide_range_closed(double v0_mps, double v1_mps, double r_m, double g_mps2, double ld);

/* bmd_glide_time_closed - (G3): its duration (s). */
double bmd_glide_time_closed(double v0_mps, double v1_mps, double r_m, double g_mps2, double ld);

/* bmd_glide_aim - aim a BMD_AIM_GLIDE request with glider v: launched toward the target at
   the glider's pitch-over, the booster cut off where the glide without a dive would end
   BMD_GLIDE_RESERVE beyond the target (by bisection; a full burn where that is beyond the
   longest glide), then the glide's guidance steers to the target and dives on it. Fills
   out as bmd_aim_solve does (max_range_m: the longest glide toward the target's bearing,
   a full burn, bank 0, no dive). Returns BMD_OK (within 100 m, or rq->tol_m if larger),
   BMD_EINVAL (bad request), BMD_ERANGE (the target lies beyond the longest glide, limit
   BMD_AIM_LIMIT_RANGE) or BMD_ESOLVER (the guidance missed a target within reach). */
int bmd_glide_aim(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                  const struct bmd_aim_request *rq, struct bmd_aim_result *out);

#endif
