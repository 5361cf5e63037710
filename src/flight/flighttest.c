/* flighttest.c - the full-burn lofted flight to a range, and the Isp calibration to a
   published lofted test (flighttest.h). */
#include <bmd/flighttest.h>

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include <bmd/aim.h>
#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/status.h>

#define KICK_LO_DEG 0.01     /* the steepest pitch-over tried (deg from the vertical) */
#define KICK_HI_DEG 89.0     /* the flattest */
#define KICK_FACTOR 1.25     /* the bracket search's step */
#define ROOT_ITER 100
#define ROOT_TOL_M 1.0       /* Brent stops when the down-range error is below this */
#define AZ_ITER 12
#define AZ_TOL_M 1.0         /* cross-range error accepted (m at the aim point) */
#define AZ_STEP_MAX_DEG 30.0 /* the largest azimuth step of the secant iteration */
#define MISS_MAX_M 1000.0    /* a solution must land within this of the aim point */
#define FIT_ITER 60

struct ctx {
  const struct bmd_vehicle *v;
  struct bmd_traj_opts o;
  const struct bmd_flighttest *t;
  double az_deg;             /* launch azimuth being tried */
  double aim_az_deg;         /* bearing of the aim point from the launch point */
  double aim_s_m;            /* its ground range */
  int status;                /* first flight error met inside the root finder */
};

/* signed down-range of the impact along the aim bearing (m) and the bearing error (deg) of
   the flight with pitch-over kick_deg; BMD_OK or the flight's error */
static int fly(struct ctx *c, double kick_deg, double *down_m, double *daz_deg,
               struct bmd_traj_result *r) {
  struct bmd_traj_control ctl = {c->az_deg, kick_deg, 1e30, {0}};
  double s, az;
  int st = bmd_traj_fly(c->v, &c->o, c->t->lat_deg, c->t->lon_deg, c->t->alt_m, &ctl, r);
  if (st != BMD_OK) return st;
  bmd_geodesic_inverse(c->o.phys.earth, c->t->lat_deg, c->t->lon_deg, r->impact_lat_deg,
                       r->impact_lon_deg, &s, &az, NULL);
  *daz_deg = bmd_wrap180_deg(az - c->aim_az_deg);
  *down_m = s * cos(*daz_deg * BMD_DEG);
  return BMD_OK;
}

static double residual(double kick_deg, void *pv) {
  struct ctx *c = pv;
  struct bmd_traj_result r;
  double down, daz;
  int st = fly(c, kick_deg, &down, &daz, &r);
  if (st != BMD_OK) {
    if (c->status == BMD_OK) c->status = st;
    return nan("");
  }
  return down - c->aim_s_m;
}

/* Brent's root of residual() on [lo, hi] (residual(lo) < 0 < residual(hi)) */
static int root(struct ctx *c, double lo, double hi, double *kick_deg) {
  gsl_function F = {residual, c};
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  int st = GSL_CONTINUE, it = 0;
  if (!s) return BMD_ENOMEM;
  c->status = BMD_OK;
  if (gsl_root_fsolver_set(s, &F, lo, hi) != GSL_SUCCESS) {
    gsl_root_fsolver_free(s);
    return c->status != BMD_OK ? c->status : BMD_ENOCONV;
  }
  while (st == GSL_CONTINUE && it++ < ROOT_ITER) {
    if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS || c->status != BMD_OK) break;
    double x = gsl_root_fsolver_root(s);
    double f = residual(x, c);
    if (isfinite(f) && fabs(f) < ROOT_TOL_M) st = GSL_SUCCESS;
    else if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 0.0,
                                    1e-12) == GSL_SUCCESS)
      st = GSL_SUCCESS;
  }
  *kick_deg = gsl_root_fsolver_root(s);
  gsl_root_fsolver_free(s);
  if (c->status != BMD_OK) return c->status;
  return st == GSL_SUCCESS ? BMD_OK : BMD_ENOCONV;
}

/* a bracket [*lo, *hi] of the steep side's root: residual(*lo) < 0 < residual(*hi), from a
   near-vertical launch up the pitch-over angles by factors of 1.25. A flight that goes on
   into orbit (possible for an ICBM pitched over far enough) counts as an overshoot, and the
   bracket's upper end is drawn back by bisection until its flight lands. BMD_OK, BMD_ERANGE
   (no pitch-over reaches the range), BMD_ENOCONV (even a near-vertical launch overshoots,
   or never comes down) or a flight's error. */
static int bracket(struct ctx *c, double *lo, double *hi) {
  double a = KICK_LO_DEG, fa = residual(a, c), b;
  /* a near-vertical launch that never comes down overshoots every range */
  if (!isfinite(fa)) return c->status != BMD_OK && c->status != BMD_ERANGE ? c->status : BMD_ENOCONV;
  if (fa >= 0.0) return BMD_ENOCONV;
  for (b = a * KICK_FACTOR; b < KICK_HI_DEG; b *= KICK_FACTOR) {
    double fb;
    c->status = BMD_OK;
    fb = residual(b, c);
    if (!isfinite(fb) && c->status == BMD_ERANGE) {
      /* into orbit: the root lies below b; find a landing flight beyond the range */
      double x = b;
      for (int k = 0; k < 40 && !(isfinite(fb) && fb > 0.0); k++) {
        x = 0.5 * (a + x);
        c->status = BMD_OK;
        fb = residual(x, c);
        if (isfinite(fb) && fb < 0.0) {
          a = x;
          x = b;
        } else if (!isfinite(fb) && c->status != BMD_ERANGE) {
          return c->status;
        }
      }
      if (!(isfinite(fb) && fb > 0.0)) return BMD_ENOCONV;
      b = x;
    } else if (!isfinite(fb)) {
      return c->status != BMD_OK ? c->status : BMD_ENOCONV;
    }
    if (fb > 0.0) {
      *lo = a;
      *hi = b;
      c->status = BMD_OK;
      return BMD_OK;
    }
    a = b;
  }
  return BMD_ERANGE;
}

int bmd_flighttest_full_burn(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                             const struct bmd_flighttest *test,
                             struct bmd_flighttest_result *out) {
  struct ctx c;
  struct bmd_traj_result r;
  double tlat, tlon, kick = 0.0, down, daz;
  int st;

  memset(&r, 0, sizeof r);
  memset(out, 0, sizeof *out);
  if (!(test->range_km > 1.0) || !isfinite(test->azimuth_deg)) return BMD_EINVAL;
  gsl_set_error_handler_off();
  memset(&c, 0, sizeof c);
  c.v = v;
  c.o = *o;
  c.o.record = 0;
  c.o.t_stop_s = 0.0;
  c.t = test;
  bmd_geodesic_direct(o->phys.earth, test->lat_deg, test->lon_deg, test->azimuth_deg,
                      test->range_km * 1e3, &tlat, &tlon);
  bmd_geodesic_inverse(o->phys.earth, test->lat_deg, test->lon_deg, tlat, tlon, &c.aim_s_m,
                       &c.aim_az_deg, NULL);
  c.az_deg = c.aim_az_deg;

  /* the launch azimuth by the secant method on the impact's bearing error: a lofted flight
     drifts west under the Coriolis force by up to the order of its range, so the bearing
     error does not follow the azimuth one for one */
  {
    double az_prev = 0.0, g_prev = 0.0, lo = KICK_LO_DEG, hi = KICK_HI_DEG;
    int done = 0;
    for (int it = 0; it < AZ_ITER && !done; it++) {
      double g, step;
      st = bracket(&c, &lo, &hi);
      if (st == BMD_ERANGE) {
        /* report how far the missile reaches along the aim bearing */
        double rmax, kick_max;
        if (bmd_aim_max_range(v, &c.o, test->lat_deg, test->lon_deg, test->alt_m, c.aim_az_deg,
                              &rmax, &kick_max) == BMD_OK)
          out->max_range_km = rmax / 1e3;
        return BMD_ERANGE;
      }
      if (st != BMD_OK) return st;
      st = root(&c, lo, hi, &kick);
      if (st != BMD_OK) return st;
      st = fly(&c, kick, &down, &daz, &r);
      if (st != BMD_OK) return st;
      g = daz;
      if (fabs(g * BMD_DEG) * c.aim_s_m < AZ_TOL_M) {
        done = 1;
        break;
      }
      step = it == 0 || g == g_prev ? -g : -g * (c.az_deg - az_prev) / (g - g_prev);
      step = fmax(-AZ_STEP_MAX_DEG, fmin(AZ_STEP_MAX_DEG, step));
      az_prev = c.az_deg;
      g_prev = g;
      c.az_deg += step;
    }
    if (!done) return BMD_ENOCONV;
  }
  out->control.azimuth_deg = c.az_deg;
  out->control.kick_deg = kick;
  out->control.cutoff_s = 1e30;
  out->apogee_km = r.apogee_alt_m / 1e3;
  out->range_km = r.range_m / 1e3;
  out->flight_time_s = r.impact_t_s;
  out->burnout_speed_mps = r.burnout_speed_mps;
  out->burnout_alt_km = r.burnout_alt_m / 1e3;
  out->burnout_gamma_deg = r.burnout_gamma_deg;
  bmd_geodesic_inverse(o->phys.earth, r.impact_lat_deg, r.impact_lon_deg, tlat, tlon,
                       &out->miss_m, NULL, NULL);
  return out->miss_m < MISS_MAX_M ? BMD_OK : BMD_ENOCONV;
}

/* the vehicle with every Isp times k */
static void scale_isp(const struct bmd_vehicle *v, double k, struct bmd_vehicle *w) {
  *w = *v;
  for (int s = 0; s < w->nstages; s++) w->stage[s].isp_s *= k;
}

/* the full-burn flight with every Isp times k, classified against the published apogee:
   -1 too weak (apogee below it), -2 the range out of reach (too weak, or so strong that
   every flight that does not land short goes on into orbit), +1 too strong (apogee above it,
   or even a near-vertical launch comes down beyond the aim point or never comes down), 0 a
   flight within rel_tol of it; BMD_OK, or the flight's or solver's error */
static int classify(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                    const struct bmd_flighttest *test, double k, double rel_tol, int *side,
                    struct bmd_flighttest_result *res) {
  struct bmd_vehicle w;
  int st;
  scale_isp(v, k, &w);
  st = bmd_flighttest_full_burn(&w, o, test, res);
  if (st == BMD_OK) {
    double e = res->apogee_km / test->apogee_km - 1.0;
    *side = fabs(e) < rel_tol ? 0 : e < 0.0 ? -1 : 1;
    return BMD_OK;
  }
  if (st == BMD_ERANGE) {
    *side = -2;
    return BMD_OK;
  }
  if (st == BMD_ENOCONV) {
    /* is it the vertical launch that overshoots? */
    struct bmd_traj_control c = {test->azimuth_deg, KICK_LO_DEG, 1e30, {0}};
    struct bmd_traj_result r;
    struct bmd_traj_opts oo = *o;
    double s;
    oo.record = 0;
    oo.t_stop_s = 0.0;
    st = bmd_traj_fly(&w, &oo, test->lat_deg, test->lon_deg, test->alt_m, &c, &r);
    if (st == BMD_ERANGE) {
      *side = 1;
      return BMD_OK;
    }
    if (st != BMD_OK) return st;
    bmd_geodesic_inverse(o->phys.earth, test->lat_deg, test->lon_deg, r.impact_lat_deg,
                         r.impact_lon_deg, &s, NULL, NULL);
    if (s >= test->range_km * 1e3) {
      *side = 1;
      return BMD_OK;
    }
    return BMD_ENOCONV;
  }
  return st;
}

int bmd_flighttest_fit_isp(const struct bmd_vehicle *v, const struct bmd_traj_opts *o,
                           const struct bmd_flighttest *test, double k_lo, double k_hi,
                           double rel_tol, double *k, struct bmd_flighttest_result *got) {
  struct bmd_flighttest_result r;
  int st, side, landed = 0;   /* landed: a k of the bracket's weak side flew a landing flight */
  if (!(k_lo > 0.0 && k_hi > k_lo && rel_tol > 0.0 && test->apogee_km > 0.0)) return BMD_EINVAL;
  /* the low end must fall short of the apogee, the high end reach it or pass it (a missile
     strong enough that no full-burn flight lands at the range goes into orbit: out of reach
     above a k that landed means too strong) */
  if ((st = classify(v, o, test, k_lo, rel_tol, &side, &r)) != BMD_OK) return st;
  if (side > 0) return BMD_ERANGE;
  landed = side == -1;
  if ((st = classify(v, o, test, k_hi, rel_tol, &side, &r)) != BMD_OK) return st;
  if (side == -1) return BMD_ERANGE;
  for (int it = 0; it < FIT_ITER; it++) {
    double km = 0.5 * (k_lo + k_hi);
    if ((st = classify(v, o, test, km, rel_tol, &side, &r)) != BMD_OK) return st;
    if (side == -2) side = landed ? 1 : -1;
    else if (side == -1) landed = 1;
    if (side == 0) {
      *k = km;
      *got = r;
      return BMD_OK;
    }
    if (side < 0) k_lo = km;
    else k_hi = km;
  }
  return BMD_ENOCONV;
}
