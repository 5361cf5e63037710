/* quasi.c - quasi-ballistic aiming by bracketing (quasi.h). */
#include <bmd/quasi.h>

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include <bmd/geodesic.h>
#include <bmd/status.h>

#include "aim_impl.h"

#define MISS_OK_M 100.0   /* as bmd_aim_solve */
#define RANGE_TOL_M 0.5   /* the kick's root: |R - s| below this */
#define APOGEE_TOL_KM 0.01
#define KICK_TOP_DEG 89.0 /* the flattest pitch-over scanned (aim.c's domain) */
#define KICK_STEP_DEG 1.0

/* the outcome of a pitch-over search at one cut-off */
enum { Q_OK = 0, Q_TOO_FAR, Q_TOO_NEAR, Q_FAIL };

struct qctx {
  const struct bmd_vehicle *v;
  struct bmd_traj_opts o;
  const struct bmd_aim_request *rq;
  double s_tgt_m, az_tgt_deg, az_deg;
  int flights;
};

static double wrap180(double a) {
  a = fmod(a + 180.0, 360.0);
  if (a < 0.0) a += 360.0;
  return a - 180.0;
}

/* one flight: its down-range distance (m), the azimuth error of its impact (deg) and its
   apogee (km); 0, or -1 if the flight failed */
static int fly(struct qctx *c, double kick, double cutoff, double *s_m, double *daz, double *apo_km) {
  struct bmd_traj_control ctl = {c->az_deg, kick, cutoff, {0}};
  struct bmd_traj_result r;
  double az;
  c->flights++;
  if (bmd_traj_fly(c->v, &c->o, c->rq->lat_deg, c->rq->lon_deg, c->rq->alt_m, &ctl, &r) != BMD_OK) return -1;
  bmd_geodesic_inverse(c->o.phys.earth, c->rq->lat_deg, c->rq->lon_deg, r.impact_lat_deg, r.impact_lon_deg,
                       s_m, &az, NULL);
  if (daz) *daz = wrap180(az - c->az_tgt_deg);
  if (apo_km) *apo_km = r.apogee_alt_m / 1e3;
  return 0;
}

struct rootctx {
  struct qctx *c;
  double tc;
  int failed;
  double last_k, last_f;
};

static double range_residual(double k, void *pv) {
  struct rootctx *rc = pv;
  double s;
  if (fly(rc->c, k, rc->tc, &s, NULL, NULL) != 0) {
    rc->failed = 1;
    return 0.0;
  }
  rc->last_k = k;
  rc->last_f = s - rc->c->s_tgt_m;
  return rc->last_f;
}

/* The pitch-over angle on the depressed branch that reaches the target at cut-off t_c (eq.
   Q2): a scan from *kick (a neighbour's root, or 89 deg) toward the root in 1-deg steps,
   then Brent's method in the bracket. The depressed branch is where the range falls as the
   pitch-over grows: a scan downward that sees the range fall has passed the maximum range
   (Q_TOO_FAR); a range past the target at 89 deg is Q_TOO_NEAR. */
static int depressed_kick(struct qctx *c, double tc, double *kick, double *apo_km) {
  double k = fmin(*kick, KICK_TOP_DEG), s, kl, kh, fl, fh;
  if (fly(c, k, tc, &s, NULL, NULL) != 0) return Q_FAIL;
  if (s >= c->s_tgt_m) {
    /* root above: step up toward 89 deg */
    double sp = s;
    kl = k;
    fl = s - c->s_tgt_m;
    for (;;) {
      if (kl >= KICK_TOP_DEG) return Q_TOO_NEAR;
      kh = fmin(kl + KICK_STEP_DEG, KICK_TOP_DEG);
      if (fly(c, kh, tc, &s, NULL, NULL) != 0) return Q_FAIL;
      if (s > sp) {
        /* the range grew with the angle: kl was on the lofted side of the maximum */
        sp = s;
        kl = kh;
        fl = s - c->s_tgt_m;
        continue;
      }
      fh = s - c->s_tgt_m;
      if (fh < 0.0) break;
      sp = s;
      kl = kh;
      fl = fh;
    }
  } else {
    /* root below: step down; a falling range means the maximum is passed */
    double sp = s;
    kh = k;
    fh = s - c->s_tgt_m;
    for (;;) {
      kl = kh - KICK_STEP_DEG;
      if (kl <= 1.0) return Q_TOO_FAR;
      if (fly(c, kl, tc, &s, NULL, NULL) != 0) return Q_FAIL;
      if (s < sp) return Q_TOO_FAR;
      fl = s - c->s_tgt_m;
      if (fl >= 0.0) break;
      sp = s;
      kh = kl;
      fh = fl;
    }
  }
  /* Brent's method (GSL's brent root bracketing solver) on R(k) - s_target in [kl, kh],
     where fl >= 0 > fh */
  {
    struct rootctx rc = {c, tc, 0, 0.0, 0.0};
    gsl_function F = {range_residual, &rc};
    gsl_root_fsolver *sv = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    int ok = 0;
    (void)fl;
    (void)fh;
    if (!sv) return Q_FAIL;
    if (gsl_root_fsolver_set(sv, &F, kl, kh) == GSL_SUCCESS) {
      for (int it = 0; it < 100 && !rc.failed; it++) {
        if (gsl_root_fsolver_iterate(sv) != GSL_SUCCESS) break;
        double kr = gsl_root_fsolver_root(sv);
        if (rc.failed) break;
        if (fabs(rc.last_f) < RANGE_TOL_M && rc.last_k == kr) {
          ok = 1;
          break;
        }
        if (gsl_root_test_interval(gsl_root_fsolver_x_lower(sv), gsl_root_fsolver_x_upper(sv), 1e-11, 0.0) ==
            GSL_SUCCESS) {
          ok = 1;
          break;
        }
      }
      *kick = gsl_root_fsolver_root(sv);
    }
    gsl_root_fsolver_free(sv);
    if (!ok || rc.failed) return Q_FAIL;
  }
  {
    double daz;
    if (fly(c, *kick, tc, &s, &daz, apo_km) != 0) return Q_FAIL;
  }
  return Q_OK;
}

/* depressed_kick with the azimuth corrected for the cross-range (fixed point, eq. Q3):
   until the impact's azimuth from the launch point is within 1e-7 deg of the target's */
static int aimed_kick(struct qctx *c, double tc, double *kick, double *apo_km) {
  int st = Q_FAIL;
  for (int pass = 0; pass < 6; pass++) {
    double s, daz;
    st = depressed_kick(c, tc, kick, apo_km);
    if (st != Q_OK) return st;
    if (fly(c, *kick, tc, &s, &daz, NULL) != 0) return Q_FAIL;
    if (fabs(daz) < 1e-7) break;
    c->az_deg -= daz;
  }
  return st;
}

int bmd_quasi_aim(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                  const struct bmd_aim_request *rq, struct bmd_aim_result *out) {
  struct qctx c;
  double T = bmd_vehicle_total_burn_s(v), kick = KICK_TOP_DEG, apo, tc_b, kick_b, apo_b;
  int st;

  gsl_set_error_handler_off();
  memset(out, 0, sizeof *out);
  bmd_aim_result_init(out);
  out->min_energy_apogee_km = nan("");
  memset(&c, 0, sizeof c);
  c.v = v;
  c.o = *o;
  c.o.record = 0;
  c.o.t_stop_s = 0.0;
  c.rq = rq;
  bmd_geodesic_inverse(o->phys.earth, rq->lat_deg, rq->lon_deg, rq->tgt_lat_deg, rq->tgt_lon_deg, &c.s_tgt_m,
                       &c.az_tgt_deg, NULL);
  c.az_deg = c.az_tgt_deg;
  out->target_range_m = c.s_tgt_m;
  if (c.s_tgt_m < 1e3 || !(rq->apogee_km > 0.0) || !(T > 0.0)) return BMD_EINVAL;
  st = bmd_aim_max_range(v, &c.o, rq->lat_deg, rq->lon_deg, rq->alt_m, c.az_tgt_deg, &out->max_range_m,
                         &out->max_range_kick_deg);
  if (st != BMD_OK) return st;
  if (c.s_tgt_m > out->max_range_m) {
    out->limit = BMD_AIM_LIMIT_RANGE;
    return BMD_ERANGE;
  }

  /* the flattest flight: a full burn (eq. Q1), or, where even 89 deg overshoots, the
     latest cut-off that still reaches the target (bisection on the search's outcome) */
  st = aimed_kick(&c, T, &kick, &apo);
  if (st == Q_TOO_FAR) {
    out->limit = BMD_AIM_LIMIT_RANGE;
    return BMD_ERANGE;
  }
  if (st == Q_FAIL) return BMD_ESOLVER;
  tc_b = T;
  if (st == Q_TOO_NEAR) {
    double lo = 0.0, hi = T;
    int ok = 0;
    for (int it = 0; it < 60 && hi - lo > 1e-6 * T; it++) {
      double mid = 0.5 * (lo + hi), k = KICK_TOP_DEG, a;
      int s2 = aimed_kick(&c, mid, &k, &a);
      if (s2 == Q_FAIL) return BMD_ESOLVER;
      if (s2 == Q_TOO_NEAR) {
        hi = mid;
      } else {
        lo = mid;
        if (s2 == Q_OK) {
          ok = 1;
          kick = k;
          apo = a;
          tc_b = mid;
        }
      }
    }
    if (!ok) return BMD_ESOLVER;
  }
  kick_b = kick;
  apo_b = apo;

  if (rq->apogee_km <= apo_b + APOGEE_TOL_KM) {
    /* the requested apogee is below the flattest flight's: held there */
    out->shape_fixed = rq->apogee_km < apo_b - APOGEE_TOL_KM;
  } else {
    /* above the minimum-energy flight's apogee (a short range), the shape is that flight:
       a quasi-ballistic flight is never higher than a ballistic one */
    struct bmd_aim_request me = *rq;
    struct bmd_aim_result am;
    struct bmd_traj_result rm;
    me.kind = BMD_AIM_MIN_ENERGY;
    if (bmd_aim_solve(v, o, &me, &am) == BMD_OK &&
        bmd_traj_fly(v, &c.o, rq->lat_deg, rq->lon_deg, rq->alt_m, &am.control, &rm) == BMD_OK &&
        rm.apogee_alt_m / 1e3 <= rq->apogee_km) {
      double mr = out->max_range_m, mk = out->max_range_kick_deg;
      *out = am;
      out->max_range_m = mr;
      out->max_range_kick_deg = mk;
      out->min_energy_apogee_km = rm.apogee_alt_m / 1e3;
      out->shape_fixed = 2;
      out->iterations += c.flights;
      return BMD_OK;
    }
    /* H(t_c) falls as t_c grows: bisection for H = H_requested between the flattest
       flight's cut-off and an earlier one with a higher apogee or no reach */
    double lo = 0.0, hi = tc_b, k_hi = kick_b, best_err = HUGE_VAL;
    double tc_best = tc_b, k_best = kick_b;
    int found = 0;
    for (int it = 0; it < 80; it++) {
      double mid = 0.5 * (lo + hi), k = k_hi, a;
      int s2 = aimed_kick(&c, mid, &k, &a);
      if (s2 == Q_FAIL) return BMD_ESOLVER;
      if (s2 == Q_TOO_NEAR) return BMD_ESOLVER; /* not monotone: a solver failure */
      if (s2 == Q_TOO_FAR || a > rq->apogee_km) {
        lo = mid;
      } else {
        hi = mid;
        k_hi = k;
      }
      if (s2 == Q_OK && fabs(a - rq->apogee_km) < best_err) {
        best_err = fabs(a - rq->apogee_km);
        tc_best = mid;
        k_best = k;
        found = 1;
      }
      if (found && best_err < APOGEE_TOL_KM) break;
      if (hi - lo < 1e-7 * T) break;
    }
    /* the bisection closes on the requested apogee: the minimum-energy flight is above
       it, and the flattest below */
    if (!found || best_err >= APOGEE_TOL_KM) return BMD_ESOLVER;
    tc_b = tc_best;
    kick_b = k_best;
    /* the azimuth moved with the last bisection steps: aim again at this cut-off */
    if (aimed_kick(&c, tc_b, &kick_b, &apo) != Q_OK) return BMD_ESOLVER;
  }
  out->control.azimuth_deg = c.az_deg;
  out->control.kick_deg = kick_b;
  out->control.cutoff_s = tc_b;
  out->iterations = c.flights;
  out->flights = c.flights;
  {
    struct bmd_traj_result r;
    if (bmd_traj_fly(v, &c.o, rq->lat_deg, rq->lon_deg, rq->alt_m, &out->control, &r) != BMD_OK) return BMD_ESOLVER;
    bmd_geodesic_inverse(o->phys.earth, r.impact_lat_deg, r.impact_lon_deg, rq->tgt_lat_deg, rq->tgt_lon_deg,
                         &out->miss_m, NULL, NULL);
  }
  return out->miss_m < MISS_OK_M ? BMD_OK : BMD_ESOLVER;
}
