/* aim.c - minimum-energy targeting by Powell's hybrid method and Broyden's method, and
   bmd_aim_solve, which ties the maximum range, the minimum-energy flight and the shaped
   (lofted, depressed) search together (aim.h). */
#include <bmd/aim.h>

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multiroots.h>

#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/glide.h>
#include <bmd/quasi.h>
#include <bmd/status.h>
#include <bmd/vec3.h>

#include "aim_impl.h"

#define SOLVE_TOL_KM 0.005  /* stop when both miss components are below 5 m */
#define MAX_ITER 60
/* Broyden's cut-off variable x[2] = logit(cutoff / total burn) beyond which the cut-off is
   within 1e-5 of the total burn (~2 ms for a 200 s burn): see broyden() */
#define X2_SATURATED 11.5
#define SATURATED (-1000)   /* broyden()'s return when the cut-off saturated */
/* iterations in a row with a saturated cut-off before Broyden gives up: fewer are not
   enough, an iterate can pass through saturation on its way to a minimum-energy root
   (with 1, one of the Europe footprint's 370 edge cells took the held shape; with 2, one
   cell of its --exact run; with 3, every cell of both is as without the test) */
#define SATURATED_ITERS 3
#define EDGE_FRACTION 0.95  /* refine: beyond this fraction of the maximum range, try the
                               held-pitch-over shape before the multi-start search */

struct solvectx {
  const struct bmd_vehicle *v;
  struct bmd_traj_opts o;
  const struct bmd_aim_request *rq;
  double s_tgt_m, az_tgt_deg;
  double total_burn_s;
  double r_tgt_ecef[3];
  int n;              /* 3: solve (az, w, z); 2: (az, z) with w held at w_fixed */
  double w_fixed;
  int shape_fixed;    /* the 2-D fallback was used */
  double tol_km, tol_gamma_deg;   /* convergence: miss components, flight-path condition */
};

static double wrap180(double a) {
  while (a > 180.0) a -= 360.0;
  while (a < -180.0) a += 360.0;
  return a;
}

/* The solver works on unbounded variables (az, w, z): the pitch-over angle is
   89 deg * L(w) and the cut-off time total_burn * L(z), with L the logistic function, so
   no iterate can ask for a burn longer than the propellant allows or a pitch-over outside
   (0, 89) deg, and the residuals stay smooth everywhere. */
static double logistic(double u) { return 1.0 / (1.0 + exp(-u)); }
static double logit(double p) { return log(p / (1.0 - p)); }
#define KICK_SPAN_DEG BMD_AIM_KICK_MAX_DEG

static void to_control(const struct solvectx *c, const double x[3], struct bmd_traj_control *ctl) {
  ctl->azimuth_deg = x[0];
  ctl->kick_deg = KICK_SPAN_DEG * logistic(x[1]);
  ctl->cutoff_s = c->total_burn_s * logistic(x[2]);
}

static void from_control(const struct solvectx *c, double az, double kick, double cutoff,
                         double x[3]) {
  double pk = fmin(fmax(kick / KICK_SPAN_DEG, 1e-4), 1.0 - 1e-4);
  double pc = fmin(fmax(cutoff / c->total_burn_s, 1e-4), 1.0 - 1e-6);
  x[0] = az;
  x[1] = logit(pk);
  x[2] = logit(pc);
}

/* residuals (km, km, deg) at solver variables x = (az, w, z) */
static int residuals(struct solvectx *c, const double x[3], double F[3]) {
  struct bmd_traj_control ctl;
  struct bmd_traj_result r;
  double s, az;
  to_control(c, x, &ctl);
  if (!isfinite(ctl.kick_deg) || !isfinite(ctl.cutoff_s) || !(ctl.kick_deg > 0.0) ||
      !(ctl.cutoff_s > 0.0))
    return GSL_EDOM;
  if (bmd_traj_fly(c->v, &c->o, c->rq->lat_deg, c->rq->lon_deg, c->rq->alt_m, &ctl, &r) != BMD_OK)
    return GSL_EDOM;
  bmd_geodesic_inverse(c->o.phys.earth, c->rq->lat_deg, c->rq->lon_deg, r.impact_lat_deg,
                       r.impact_lon_deg, &s, &az, NULL);
  F[0] = (s - c->s_tgt_m) / 1e3;
  F[1] = wrap180(az - c->az_tgt_deg) * BMD_DEG * c->s_tgt_m / 1e3;
  {
    /* minimum-energy ellipse through burnout and target, inertial frame */
    double W = bmd_physics_omega(&c->o.phys), tb = r.burnout_t_s, ti = r.impact_t_s;
    double rb[3], vb[3], rt[3], ch[3], rhat[3], down[3], vin[3];
    const double *p = r.burnout_r_ecef_m, *q = r.burnout_v_ecef_mps;
    vin[0] = q[0] - W * p[1];
    vin[1] = q[1] + W * p[0];
    vin[2] = q[2];
    rb[0] = cos(W * tb) * p[0] - sin(W * tb) * p[1];
    rb[1] = sin(W * tb) * p[0] + cos(W * tb) * p[1];
    rb[2] = p[2];
    vb[0] = cos(W * tb) * vin[0] - sin(W * tb) * vin[1];
    vb[1] = sin(W * tb) * vin[0] + cos(W * tb) * vin[1];
    vb[2] = vin[2];
    rt[0] = cos(W * ti) * c->r_tgt_ecef[0] - sin(W * ti) * c->r_tgt_ecef[1];
    rt[1] = sin(W * ti) * c->r_tgt_ecef[0] + cos(W * ti) * c->r_tgt_ecef[1];
    rt[2] = c->r_tgt_ecef[2];
    for (int i = 0; i < 3; i++) ch[i] = rt[i] - rb[i];
    bmd_vec3_unit(rb, rhat);
    for (int i = 0; i < 3; i++) down[i] = -rhat[i];
    double gstar = 0.5 * bmd_vec3_angle(down, ch);
    double gam = asin(bmd_vec3_dot(vb, rhat) / bmd_vec3_norm(vb));
    F[2] = (gam - gstar) / BMD_DEG;
  }
  return GSL_SUCCESS;
}

/* solver vector -> (az, w, z) */
static void unpack(const struct solvectx *c, const gsl_vector *xv, double x[3]) {
  x[0] = gsl_vector_get(xv, 0);
  if (c->n == 3) {
    x[1] = gsl_vector_get(xv, 1);
    x[2] = gsl_vector_get(xv, 2);
  } else {
    x[1] = c->w_fixed;
    x[2] = gsl_vector_get(xv, 1);
  }
}

static int f_cb(const gsl_vector *xv, void *pv, gsl_vector *fv) {
  struct solvectx *c = pv;
  double x[3], F[3];
  int st;
  unpack(c, xv, x);
  st = residuals(c, x, F);
  if (st != GSL_SUCCESS) return st;
  for (int i = 0; i < c->n; i++) gsl_vector_set(fv, i, F[i]);
  return GSL_SUCCESS;
}

static int fdf_cb(const gsl_vector *xv, void *pv, gsl_vector *fv, gsl_matrix *J) {
  struct solvectx *c = pv;
  double x[3], F0[3];
  static const int var2[2] = {0, 2}; /* which of (az, w, z) each 2-D unknown is */
  /* finite-difference steps well above the trajectory's numerical noise (< 1 mm) */
  const double hstep[3] = {1e-4, 1e-4, 1e-4};
  int st;
  unpack(c, xv, x);
  st = residuals(c, x, F0);
  if (st != GSL_SUCCESS) return st;
  for (int i = 0; i < c->n; i++) gsl_vector_set(fv, i, F0[i]);
  for (int j = 0; j < c->n; j++) {
    int v = c->n == 3 ? j : var2[j];
    double xp[3] = {x[0], x[1], x[2]}, Fp[3];
    double hj = hstep[v];
    xp[v] += hj;
    st = residuals(c, xp, Fp);
    if (st != GSL_SUCCESS) {
      hj = -hj;
      xp[v] = x[v] + hj;
      st = residuals(c, xp, Fp);
      if (st != GSL_SUCCESS) return st;
    }
    for (int i = 0; i < c->n; i++) gsl_matrix_set(J, i, j, (Fp[i] - F0[i]) / hj);
  }
  return GSL_SUCCESS;
}

static int df_cb(const gsl_vector *xv, void *pv, gsl_matrix *J) {
  gsl_vector *f = gsl_vector_alloc(((struct solvectx *)pv)->n);
  int st;
  if (!f) return GSL_ENOMEM;
  st = fdf_cb(xv, pv, f, J);
  gsl_vector_free(f);
  return st;
}

static int solve(struct solvectx *c, double x[3], int *iters) {
  const size_t n = (size_t)c->n;
  gsl_multiroot_function_fdf F = {f_cb, df_cb, fdf_cb, n, c};
  gsl_multiroot_fdfsolver *s = gsl_multiroot_fdfsolver_alloc(gsl_multiroot_fdfsolver_hybridsj, n);
  gsl_vector *xv = gsl_vector_alloc(n);
  int st = GSL_FAILURE, it = 0;
  if (!s || !xv) {
    gsl_multiroot_fdfsolver_free(s);
    gsl_vector_free(xv);
    return BMD_ENOMEM;
  }
  gsl_vector_set(xv, 0, x[0]);
  if (n == 3) {
    gsl_vector_set(xv, 1, x[1]);
    gsl_vector_set(xv, 2, x[2]);
  } else {
    c->w_fixed = x[1];
    gsl_vector_set(xv, 1, x[2]);
  }
  if (gsl_multiroot_fdfsolver_set(s, &F, xv) == GSL_SUCCESS) {
    do {
      it++;
      st = gsl_multiroot_fdfsolver_iterate(s);
      if (st != GSL_SUCCESS) break;
      const gsl_vector *f = gsl_multiroot_fdfsolver_f(s);
      if (fabs(gsl_vector_get(f, 0)) < c->tol_km && fabs(gsl_vector_get(f, 1)) < c->tol_km &&
          (n == 2 || fabs(gsl_vector_get(f, 2)) < c->tol_gamma_deg)) {
        st = GSL_SUCCESS;
        break;
      }
      st = GSL_CONTINUE;
    } while (it < MAX_ITER);
    unpack(c, gsl_multiroot_fdfsolver_root(s), x);
  }
  *iters = it;
  gsl_multiroot_fdfsolver_free(s);
  gsl_vector_free(xv);
  return st == GSL_SUCCESS ? BMD_OK : BMD_ENOCONV;
}

/* solve from several starting points (pitch-over x fraction of the burn) until one works */
static int solve_multi(struct solvectx *c, double az0, double kick0, double frac0, double x[3],
                       int *iters) {
  const double kf[3] = {1.0, 0.6, 1.5};
  const double ff[3] = {0.0, 0.9, 0.7};
  int total = 0, st = BMD_ENOCONV;
  for (int i = 0; i < 3 && st != BMD_OK; i++) {
    for (int j = 0; j < 3 && st != BMD_OK; j++) {
      int it = 0;
      double f = j == 0 ? frac0 : ff[j];
      from_control(c, az0, fmin(80.0, kick0 * kf[i]), f * c->total_burn_s, x);
      st = solve(c, x, &it);
      total += it;
    }
  }
  if (st != BMD_OK) {
    /* The flight-path condition is out of reach for some missiles (near the maximum range,
       or short atmospheric flights): hold the pitch-over at its maximum-range value and
       solve only azimuth and cut-off, which is then the least-propellant trajectory of
       that shape (reported to the caller as shape_fixed). */
    int it = 0;
    c->n = 2;
    from_control(c, az0, kick0, frac0 * c->total_burn_s, x);
    st = solve(c, x, &it);
    total += it;
    c->n = 3;
    if (st == BMD_OK) c->shape_fixed = 1;
  }
  *iters = total;
  return st;
}

/* the solver's context for request rq: target range, azimuth and position */
static void init_ctx(struct solvectx *c, const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                     const struct bmd_aim_request *rq, struct bmd_aim_result *out) {
  memset(out, 0, sizeof *out);
  gsl_set_error_handler_off();
  c->v = v;
  c->o = *o;
  c->o.record = 0;
  c->rq = rq;
  c->total_burn_s = bmd_vehicle_total_burn_s(v);
  c->n = 3;
  c->w_fixed = 0.0;
  c->shape_fixed = 0;
  c->tol_km = rq->tol_m > 0.0 ? rq->tol_m / 1e3 : SOLVE_TOL_KM;
  c->tol_gamma_deg = 1e-3;
  bmd_geodesic_inverse(o->phys.earth, rq->lat_deg, rq->lon_deg, rq->tgt_lat_deg,
                       rq->tgt_lon_deg, &c->s_tgt_m, &c->az_tgt_deg, NULL);
  bmd_physics_to_ecef(&o->phys, rq->tgt_lat_deg * BMD_DEG, rq->tgt_lon_deg * BMD_DEG, 0.0,
                      c->r_tgt_ecef);
  out->target_range_m = c->s_tgt_m;
}

/* the burn fraction of the search's first start toward the target: more of the burn the
   farther it is */
static double start_fraction(const struct solvectx *c, double rmax) {
  return fmin(0.98, 0.5 + 0.5 * c->s_tgt_m / rmax);
}

/* a miss the aim accepts: within BMD_AIM_MISS_OK_M or twice the requested tolerance */
static int miss_ok(const struct solvectx *c, double miss_m) {
  return miss_m < fmax(BMD_AIM_MISS_OK_M, 2.0 * c->tol_km * 1e3);
}

/* fly out->control and measure its miss (out->miss_m): BMD_OK if miss_ok, BMD_ENOCONV if
   not, or the flight's error */
static int check_miss(const struct solvectx *c, const struct bmd_vehicle *v,
                      const struct bmd_aim_request *rq, struct bmd_aim_result *out) {
  struct bmd_traj_result r;
  int st = bmd_traj_fly(v, &c->o, rq->lat_deg, rq->lon_deg, rq->alt_m, &out->control, &r);
  if (st != BMD_OK) return st;
  bmd_geodesic_inverse(c->o.phys.earth, r.impact_lat_deg, r.impact_lon_deg, rq->tgt_lat_deg,
                       rq->tgt_lon_deg, &out->miss_m, NULL, NULL);
  return miss_ok(c, out->miss_m) ? BMD_OK : BMD_ENOCONV;
}

/* the minimum-energy flight to c's target (the answer of a minimum-energy aim and the
   reference of a shaped one) as a point of the shaped search (*ref): the multi-start
   search from the maximum-range flight; where it fails, the held-pitch-over shape solved
   by bmd_aim_hit_at, which cannot miss a target within the maximum range unless the solver
   fails (BMD_ESOLVER) */
static int reference(struct solvectx *c, struct bmd_aim_ctx *tc, const struct bmd_aim_reach *reach,
                     const struct bmd_aim_pt *rbest, struct bmd_aim_result *out, struct bmd_aim_pt *ref) {
  struct bmd_aim_request me = *c->rq;
  const struct bmd_aim_request *rq = c->rq;
  double x[3];
  int st, iters = 0;
  me.kind = BMD_AIM_MIN_ENERGY;
  c->rq = &me;
  st = solve_multi(c, c->az_tgt_deg, reach->kick_deg, start_fraction(c, reach->range_m), x, &iters);
  c->rq = rq;
  out->iterations = iters;
  if (st == BMD_ENOMEM) return st;
  if (st == BMD_OK) {
    struct bmd_traj_control ctl;
    to_control(c, x, &ctl);
    out->shape_fixed = c->shape_fixed;
    ref->kick_deg = ctl.kick_deg;
    ref->azimuth_deg = ctl.azimuth_deg;
    ref->cutoff_s = ctl.cutoff_s;
    st = bmd_aim_fly_pt(tc, ref);
    /* the solution must be a hit (a landing, ahead of the antipode) */
    if (st == BMD_OK && !ref->nolanding && !ref->past_antipode && !ref->crashed) return BMD_OK;
  }
  st = bmd_aim_hit_at(tc, reach->kick_deg, rbest, nan(""), ref, NULL);
  out->shape_fixed = 1;
  return st == BMD_OK ? BMD_OK : BMD_ESOLVER;
}

/* the maximum range toward the target into out; BMD_ERANGE when the target is beyond it */
static int reach_target(struct bmd_aim_ctx *tc, struct bmd_aim_reach *reach, struct bmd_aim_pt *rbest,
                        struct bmd_aim_result *out) {
  int st = bmd_aim_reach_ctx(tc, reach, rbest);
  if (st != BMD_OK) return st;
  out->max_range_m = reach->range_m;
  out->max_range_kick_deg = reach->kick_deg;
  out->reaches_antipode = reach->reaches_antipode;
  out->can_reach_orbit = reach->can_reach_orbit;
  if (tc->s_tgt_m > reach->range_m) {
    out->limit = BMD_AIM_LIMIT_RANGE;
    return BMD_ERANGE;
  }
  return BMD_OK;
}

int bmd_aim_solve(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                  const struct bmd_aim_request *rq, struct bmd_aim_result *out) {
  struct solvectx c;
  struct bmd_aim_ctx tc;
  struct bmd_aim_reach reach;
  struct bmd_aim_pt rbest, ref, sol;
  int st, side;

  if ((rq->kind == BMD_AIM_GLIDE) != (v->glide.have != 0)) {
    bmd_aim_result_init(out);
    bmd_geodesic_inverse(o->phys.earth, rq->lat_deg, rq->lon_deg, rq->tgt_lat_deg, rq->tgt_lon_deg,
                         &out->target_range_m, NULL, NULL);
    out->limit = BMD_AIM_LIMIT_SHAPE;
    return BMD_EINVAL;
  }
  if (rq->kind == BMD_AIM_GLIDE) return bmd_glide_aim(v, o, rq, out);
  if (rq->kind == BMD_AIM_QUASI) return bmd_quasi_aim(v, o, rq, out);
  memset(&ref, 0, sizeof ref);
  init_ctx(&c, v, o, rq, out);
  bmd_aim_result_init(out);
  if (c.s_tgt_m < BMD_AIM_MIN_RANGE_M) return BMD_EINVAL;
  if (rq->kind != BMD_AIM_MIN_ENERGY && !(rq->apogee_km > 0.0)) return BMD_EINVAL;
  bmd_aim_ctx_init(&tc, v, o, rq);

  st = reach_target(&tc, &reach, &rbest, out);
  if (st == BMD_OK) st = reference(&c, &tc, &reach, &rbest, out, &ref);
  if (st != BMD_OK) goto done;
  sol = ref;
  if (rq->kind != BMD_AIM_MIN_ENERGY) {
    double h = rq->apogee_km * 1e3;
    out->min_energy_apogee_km = ref.apogee_m / 1e3;
    side = rq->kind == BMD_AIM_LOFTED ? -1 : 1;
    if ((double)side * (h - ref.apogee_m) > tc.apogee_tol_m) {
      st = BMD_EINVAL;
      goto done;
    }
    st = bmd_aim_shape_solve(&tc, side, h, &ref, &sol, out);
    if (st == BMD_ERANGE) {
      /* impossible: the other side's bound too, so that the answer gives the whole span */
      struct bmd_aim_pt end;
      int by;
      if (bmd_aim_shape_bound(&tc, -side, &ref, &end, &by) == BMD_OK) {
        bmd_aim_set_bound(side < 0 ? &out->apogee_lo : &out->apogee_hi, &end, by);
      }
    }
    if (st != BMD_OK) goto done;
  }
  out->control.azimuth_deg = wrap180(sol.azimuth_deg);
  out->control.kick_deg = sol.kick_deg;
  out->control.cutoff_s = sol.cutoff_s;
  st = check_miss(&c, v, rq, out);
  if (st == BMD_ENOCONV) st = BMD_ESOLVER;
done:
  out->flights = tc.flights;
  return st;
}

int bmd_aim_apogee_bounds(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                          const struct bmd_aim_request *rq, struct bmd_aim_result *out) {
  struct solvectx c;
  struct bmd_aim_ctx tc;
  struct bmd_aim_reach reach;
  struct bmd_aim_pt rbest, ref, end;
  int st, by;

  init_ctx(&c, v, o, rq, out);
  bmd_aim_result_init(out);
  if (c.s_tgt_m < BMD_AIM_MIN_RANGE_M) return BMD_EINVAL;
  bmd_aim_ctx_init(&tc, v, o, rq);
  st = reach_target(&tc, &reach, &rbest, out);
  if (st == BMD_OK) st = reference(&c, &tc, &reach, &rbest, out, &ref);
  if (st == BMD_OK) {
    out->min_energy_apogee_km = ref.apogee_m / 1e3;
    st = bmd_aim_shape_bound(&tc, -1, &ref, &end, &by);
    bmd_aim_set_bound(&out->apogee_hi, &end, by);
  }
  if (st == BMD_OK) {
    st = bmd_aim_shape_bound(&tc, 1, &ref, &end, &by);
    bmd_aim_set_bound(&out->apogee_lo, &end, by);
  }
  if (st != BMD_OK) out->apogee_lo.apogee_km = out->apogee_hi.apogee_km = nan("");
  out->flights = tc.flights;
  return st;
}

/* x += dx, with dx = -J^-1 F by Cramer's rule; 0 if J is singular */
static int newton_step(const double J[9], const double F[3], double dx[3]) {
  double a = J[0], b = J[1], c = J[2], d = J[3], e = J[4], f = J[5], g = J[6], h = J[7], k = J[8];
  double A = e * k - f * h, B = -(d * k - f * g), C = d * h - e * g;
  double det = a * A + b * B + c * C;
  if (!(fabs(det) > 1e-300) || !isfinite(det)) return 0;
  double inv[9] = {A / det, -(b * k - c * h) / det, (b * f - c * e) / det,
                   B / det, (a * k - c * g) / det,  -(a * f - c * d) / det,
                   C / det, -(a * h - b * g) / det, (a * e - b * d) / det};
  for (int i = 0; i < 3; i++) dx[i] = -(inv[3 * i] * F[0] + inv[3 * i + 1] * F[1] + inv[3 * i + 2] * F[2]);
  return 1;
}

static int converged(const struct solvectx *c, const double F[3]) {
  return fabs(F[0]) < c->tol_km && fabs(F[1]) < c->tol_km && fabs(F[2]) < c->tol_gamma_deg;
}

/* Broyden's method (Broyden, Math. Comp. 19 (1965) 577-593) from x with Jacobian J (a
   neighbour's, or by finite differences when J[0] is NAN): about two trajectories per
   target on a fine grid instead of the dozen of a cold start. */
static int broyden(struct solvectx *c, double x[3], double J[9], int *iters, double F[3]) {
  if (residuals(c, x, F) != GSL_SUCCESS) return BMD_ENOCONV;
  if (isnan(J[0])) {
    const double hstep = 1e-4;
    for (int j = 0; j < 3; j++) {
      double xp[3] = {x[0], x[1], x[2]}, Fp[3];
      xp[j] += hstep;
      if (residuals(c, xp, Fp) != GSL_SUCCESS) return BMD_ENOCONV;
      for (int i = 0; i < 3; i++) J[3 * i + j] = (Fp[i] - F[i]) / hstep;
    }
  }
  int nsat = 0;
  for (int it = 0; it < 12; it++) {
    double dx[3], xn[3], Fn[3], lam = 1.0, f0 = F[0] * F[0] + F[1] * F[1] + F[2] * F[2];
    int ok = 0;
    *iters = it + 1;
    if (converged(c, F)) return BMD_OK;
    if (!newton_step(J, F, dx)) return BMD_ENOCONV;
    for (int ls = 0; ls < 4 && !ok; ls++, lam *= 0.5) {   /* backtracking */
      for (int i = 0; i < 3; i++) xn[i] = x[i] + lam * dx[i];
      if (residuals(c, xn, Fn) != GSL_SUCCESS) continue;
      ok = Fn[0] * Fn[0] + Fn[1] * Fn[1] + Fn[2] * Fn[2] < f0 || ls == 3;
    }
    if (!ok) return BMD_ENOCONV;
    lam *= 2.0;
    {
      /* rank-one update: J += (dF - J s) s^T / (s . s), s = the step taken */
      double st[3] = {lam * dx[0], lam * dx[1], lam * dx[2]}, ss = st[0] * st[0] + st[1] * st[1] + st[2] * st[2];
      if (ss > 0.0)
        for (int i = 0; i < 3; i++) {
          double js = J[3 * i] * st[0] + J[3 * i + 1] * st[1] + J[3 * i + 2] * st[2];
          double u = (Fn[i] - F[i] - js) / ss;
          for (int j = 0; j < 3; j++) J[3 * i + j] += u * st[j];
        }
    }
    for (int i = 0; i < 3; i++) {
      x[i] = xn[i];
      F[i] = Fn[i];
    }
    /* the cut-off ran into the end of the burn (within 1e-5 of it) on SATURATED_ITERS
       iterations in a row with the residuals unmet: the flight-path condition wants a
       longer burn than the propellant gives, and the logistic would only creep further.
       Give up now (the held-pitch-over shape is the caller's next try near the maximum
       range). */
    nsat = x[2] > X2_SATURATED && !converged(c, F) ? nsat + 1 : 0;
    if (nsat >= SATURATED_ITERS) return SATURATED;
  }
  return converged(c, F) ? BMD_OK : BMD_ENOCONV;
}

/* the from-scratch fallback of bmd_aim_refine, at the default tolerance: where the warm
   start failed (near the maximum range), a loose tolerance lets the multi-start search stop
   on a lofted solution of the held-pitch-over fallback */
static int solve_tight(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                       const struct bmd_aim_request *rq, struct bmd_aim_result *out) {
  struct bmd_aim_request t = *rq;
  t.tol_m = 0.0;
  return bmd_aim_solve(v, o, &t, out);
}

/* the fallback of bmd_aim_refine for a caller that wants the minimum-energy branch alone
   (rq->branch_only): bmd_aim_solve's first start, from the maximum range already known,
   at the default tolerance; none of its further starts, its maximum-range scan or its
   held-pitch-over fallback (where they are needed the branch is out of reach, and the
   caller would leave the held answer out): BMD_ENOCONV then */
static int solve_branch(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                        const struct bmd_aim_request *rq, double rmax, double kick_max,
                        struct bmd_aim_result *out) {
  struct bmd_aim_request t = *rq;
  struct solvectx c;
  double x[3];
  int it = 0;
  t.tol_m = 0.0;
  init_ctx(&c, v, o, &t, out);
  out->max_range_m = rmax;
  out->max_range_kick_deg = kick_max;
  /* solve_multi's first start */
  from_control(&c, c.az_tgt_deg, fmin(80.0, kick_max), start_fraction(&c, rmax) * c.total_burn_s, x);
  if (solve(&c, x, &it) != BMD_OK) {
    out->iterations = it;
    return BMD_ENOCONV;
  }
  out->iterations = it;
  to_control(&c, x, &out->control);
  return check_miss(&c, v, rq, out);
}

/* bmd_aim_refine's last resort: the full search, or the branch's own for rq->branch_only */
static int refine_fallback(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                           const struct bmd_aim_request *rq, double rmax, double kick_max,
                           struct bmd_aim_result *out) {
  return rq->branch_only ? solve_branch(v, o, rq, rmax, kick_max, out) : solve_tight(v, o, rq, out);
}

int bmd_aim_refine(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                   const struct bmd_aim_request *rq, const struct bmd_traj_control *guess,
                   double max_range_m, double max_kick_deg, double J[9], struct bmd_aim_result *out) {
  struct solvectx c;
  double x[3], F[3];
  int st, iters = 0, by_broyden;

  if (rq->kind != BMD_AIM_MIN_ENERGY || !guess) return bmd_aim_solve(v, o, rq, out);
  init_ctx(&c, v, o, rq, out);
  bmd_aim_result_init(out);
  out->max_range_m = max_range_m;
  out->max_range_kick_deg = max_kick_deg;
  if (c.s_tgt_m < BMD_AIM_MIN_RANGE_M) return BMD_EINVAL;
  if (c.s_tgt_m > max_range_m) {
    out->limit = BMD_AIM_LIMIT_RANGE;
    return BMD_ERANGE;
  }
  from_control(&c, c.az_tgt_deg + wrap180(guess->azimuth_deg - c.az_tgt_deg), guess->kick_deg,
               guess->cutoff_s, x);
  {
    double Jl[9] = {nan("")};
    double *Jw = J ? J : Jl;
    double x0[3] = {x[0], x[1], x[2]};
    int given = !isnan(Jw[0]);   /* a neighbour's Jacobian, not one of our own */
    st = broyden(&c, x, Jw, &iters, F);
    /* a saturated cut-off is the target's doing, not the Jacobian's: no second try */
    if (st != BMD_OK && st != SATURATED && given) {
      /* the neighbour's Jacobian misled: once more with a fresh one */
      int it = 0;
      Jw[0] = nan("");
      x[0] = x0[0], x[1] = x0[1], x[2] = x0[2];
      st = broyden(&c, x, Jw, &it, F);
      iters += it;
    }
    by_broyden = st == BMD_OK;
    if (st != BMD_OK && c.s_tgt_m > EDGE_FRACTION * max_range_m) {
      /* near the maximum range the flight-path condition is often out of reach: the
         held-pitch-over shape that bmd_aim_solve falls back to, started from here instead
         of from its multi-start search */
      int it = 0;
      Jw[0] = nan("");
      c.n = 2;
      from_control(&c, x0[0], max_kick_deg, guess->cutoff_s, x);
      st = solve(&c, x, &it);
      c.n = 3;
      iters += it;
      if (st == BMD_OK) c.shape_fixed = out->shape_fixed = 1;
    }
    if (st != BMD_OK) {
      Jw[0] = nan("");   /* the neighbour's Jacobian misled: start afresh next time */
      x[0] = x0[0], x[1] = x0[1], x[2] = x0[2];
      st = solve(&c, x, &iters);
    }
  }
  if (st != BMD_OK) return refine_fallback(v, o, rq, max_range_m, max_kick_deg, out);
  out->iterations = iters;
  to_control(&c, x, &out->control);
  if (by_broyden) {
    /* the last trajectory flown was this solution's: its miss is in the residuals (to a
       fraction of a metre: along- and cross-range components at the target) */
    out->miss_m = 1e3 * hypot(F[0], F[1]);
    return miss_ok(&c, out->miss_m) ? BMD_OK : refine_fallback(v, o, rq, max_range_m, max_kick_deg, out);
  }
  st = check_miss(&c, v, rq, out);
  return st == BMD_ENOCONV ? refine_fallback(v, o, rq, max_range_m, max_kick_deg, out) : st;
}
