/* damage.c - blast, lethal radius and kill probability of a warhead against a defence
   element (damage.h; docs/models/damage.md). */
#include <bmd/damage.h>

#include <math.h>
#include <stdio.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_bessel.h>

#define PA_KPA 101.325          /* sea-level atmosphere (kPa): Kinney & Graham's pa */
#define PSI_KPA 6.894757293168  /* 1 psi in kPa (1 lbf/in^2) */
#define KFT_M 304.8             /* 1000 ft in m */

const char *bmd_damage_level_word(enum bmd_damage_level l) {
  switch (l) {
  case BMD_DAMAGE_DISABLED: return "disabled";
  case BMD_DAMAGE_DESTROYED: return "destroyed";
  case BMD_DAMAGE_NONE: break;
  }
  return "intact";
}

/* Kinney & Graham (1985): free-air TNT burst, scaled distance z m/kg^(1/3); kPa */
static double kinney_graham_kpa(double z) {
  double a = z / 4.5, b = z / 0.048, c = z / 0.32, d = z / 1.35;
  return PA_KPA * 808.0 * (1.0 + a * a) / sqrt((1.0 + b * b) * (1.0 + c * c) * (1.0 + d * d));
}

/* Brode (1987) eq. 33: free-air nuclear burst, scaled range r kft/kt^(1/3); kPa */
static double brode_kpa(double r) {
  double x = 10.0 * r, x4 = x * x * x * x;
  double psi = 2.0 / r + 3.0 / pow(r, 1.5) + 1.6 / (r * r * r) * (1.0 + 105.0 * x4 / (1.0 + 12920.0 * x4 * x4));
  return psi * PSI_KPA;
}

double bmd_damage_overpressure_kpa(const struct bmd_warhead *w, double range_m) {
  switch (w->kind) {
  case BMD_WARHEAD_HE:
    return kinney_graham_kpa(range_m / cbrt(BMD_DAMAGE_SURFACE_FACTOR * w->tnt_kg));
  case BMD_WARHEAD_NUCLEAR:
    return brode_kpa(range_m / KFT_M / cbrt(BMD_DAMAGE_SURFACE_FACTOR * w->yield_kt));
  default:
    return 0.0;
  }
}

struct root_arg {
  const struct bmd_warhead *w;
  double p_kpa;
};

/* in log range and log pressure: p falls by orders of magnitude over the bracket */
static double root_f(double lnr, void *arg) {
  const struct root_arg *a = arg;
  return log(bmd_damage_overpressure_kpa(a->w, exp(lnr))) - log(a->p_kpa);
}

double bmd_damage_lethal_radius_m(const struct bmd_warhead *w, double p_kpa) {
  struct root_arg a = {w, p_kpa};
  gsl_function f = {root_f, &a};
  gsl_root_fsolver *s;
  double lo = log(BMD_DAMAGE_MIN_RANGE_M), hi = log(BMD_DAMAGE_MAX_RANGE_M), x = lo;
  if (w->kind == BMD_WARHEAD_NONE || !(p_kpa > 0.0)) return 0.0;
  gsl_set_error_handler_off();
  if (root_f(lo, &a) <= 0.0) return BMD_DAMAGE_MIN_RANGE_M;  /* never reached beyond it */
  if (root_f(hi, &a) >= 0.0) return BMD_DAMAGE_MAX_RANGE_M;
  s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  if (!s) return nan("");
  gsl_root_fsolver_set(s, &f, lo, hi);
  for (int it = 0; it < 200; it++) {
    if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS) break;
    x = gsl_root_fsolver_root(s);
    lo = gsl_root_fsolver_x_lower(s);
    hi = gsl_root_fsolver_x_upper(s);
    if (gsl_root_test_interval(lo, hi, 0.0, 1e-12) == GSL_SUCCESS) break;
  }
  gsl_root_fsolver_free(s);
  return exp(x);
}

double bmd_damage_sigma_m(double cep_m) { return cep_m / sqrt(2.0 * log(2.0)); }

struct rice_arg {
  double d, sigma;
};

/* the Rice density of the distance from the element, r, for an aim point d from it:
   r / s^2 exp(-(r^2 + d^2) / 2s^2) I0(r d / s^2), with I0 scaled (I0(x) = e^x I0s(x)) */
static double rice_pdf(double r, void *arg) {
  const struct rice_arg *a = arg;
  double s2 = a->sigma * a->sigma, x = r * a->d / s2;
  return r / s2 * exp(-(r - a->d) * (r - a->d) / (2.0 * s2)) * gsl_sf_bessel_I0_scaled(x);
}

double bmd_damage_probability(double lr_m, double cep_m, double offset_m) {
  double sigma, p = 0.0, err = 0.0;
  struct rice_arg a;
  gsl_function f;
  gsl_integration_workspace *ws;
  if (!(lr_m > 0.0)) return 0.0;
  if (!(cep_m > 0.0)) return offset_m <= lr_m ? 1.0 : 0.0;
  if (offset_m <= 0.0) return 1.0 - pow(0.5, (lr_m / cep_m) * (lr_m / cep_m));
  sigma = bmd_damage_sigma_m(cep_m);
  /* beyond 12 sigma of the disc the probability is below 1e-30 */
  if (offset_m - lr_m > 12.0 * sigma) return 0.0;
  a.d = offset_m;
  a.sigma = sigma;
  f.function = rice_pdf;
  f.params = &a;
  ws = gsl_integration_workspace_alloc(200);
  if (!ws) return nan("");
  gsl_set_error_handler_off(); /* errors are codes, as everywhere in bmdsim (aim.c) */
  /* the density is concentrated within a few sigma of r = d: integrate [lo, LR] */
  {
    double lo = offset_m - 12.0 * sigma;
    if (lo < 0.0) lo = 0.0;
    if (lo < lr_m) gsl_integration_qag(&f, lo, lr_m, 1e-14, 1e-10, 200, GSL_INTEG_GAUSS31, ws, &p, &err);
  }
  gsl_integration_workspace_free(ws);
  return p < 0.0 ? 0.0 : (p > 1.0 ? 1.0 : p);
}

int bmd_damage_check_hardness(const struct bmd_hardness *h, char *why, int whylen) {
  if (!(h->disable_kpa > 0.0) || !isfinite(h->disable_kpa)) {
    snprintf(why, (size_t)whylen, "'disable_kpa' must be a finite number > 0");
    return -1;
  }
  if (!(h->destroy_kpa >= h->disable_kpa) || !isfinite(h->destroy_kpa)) {
    snprintf(why, (size_t)whylen, "'destroy_kpa' must be finite and at least 'disable_kpa' (%g kPa)", h->disable_kpa);
    return -1;
  }
  return 0;
}
