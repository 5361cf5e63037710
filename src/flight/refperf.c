/* refperf.c - the reference performance of a vehicle and the fit of its Isp (refperf.h). */
#include <bmd/refperf.h>

#include <math.h>
#include <string.h>

#include <bmd/aim.h>
#include <bmd/status.h>
#include <bmd/traj.h>

#define FIT_K_LO 0.4
#define FIT_K_HI 1.6
#define FIT_ITER 60

const char *bmd_refperf_conditions(int interceptor) {
  return interceptor
             ? "launched from 45.0 N 0.0 E at sea level due north; WGS-84 with J2 gravity, rotating "
               "Earth, drag; every stage burnt out; the pitch-over that gives the highest speed; speed "
               "relative to the Earth at the last burnout"
             : "launched from 45.0 N 0.0 E at sea level due north; WGS-84 with J2 gravity, rotating "
               "Earth, drag; every stage burnt out; the pitch-over that gives the longest range; "
               "range along the ground to impact";
}

int bmd_refperf_within(double value, double lo, double hi) {
  return value >= lo * (1.0 - BMD_REFPERF_TOL) && value <= hi * (1.0 + BMD_REFPERF_TOL);
}

int bmd_refperf_compute(const struct bmd_vehicle *v, int interceptor, struct bmd_refperf *out) {
  struct bmd_traj_opts o;
  struct bmd_traj_control c;
  struct bmd_traj_result r;
  double val = 0.0, kick = 0.0;
  int st;
  memset(out, 0, sizeof *out);
  bmd_traj_opts_default(&o);
  if (v->glide.have && !interceptor) {
    /* a glider: its glide at its own pitch-over, a full burn, no bank, no dive (glide.h) */
    memset(&c, 0, sizeof c);
    c.azimuth_deg = BMD_REFPERF_AZ_DEG;
    c.kick_deg = v->glide.kick_deg;
    c.cutoff_s = 1e30;
    st = bmd_traj_fly(v, &o, BMD_REFPERF_LAT_DEG, BMD_REFPERF_LON_DEG, 0.0, &c, &r);
    if (st != BMD_OK) return st == BMD_ERANGE ? BMD_ESOLVER : st;
    out->value = r.range_m / 1e3;
    out->kick_deg = c.kick_deg;
    out->burnout_t_s = r.burnout_t_s;
    out->burnout_alt_m = r.burnout_alt_m;
    out->burnout_gamma_deg = r.burnout_gamma_deg;
    return BMD_OK;
  }
  if (interceptor)
    st = bmd_aim_max_burnout_speed(v, &o, BMD_REFPERF_LAT_DEG, BMD_REFPERF_LON_DEG, BMD_REFPERF_AZ_DEG, &val, &kick);
  else
    st = bmd_aim_max_range(v, &o, BMD_REFPERF_LAT_DEG, BMD_REFPERF_LON_DEG, 0.0, BMD_REFPERF_AZ_DEG, &val, &kick);
  if (st != BMD_OK) return st;
  out->value = interceptor ? val : val / 1e3;
  out->kick_deg = kick;
  /* the burnout state of that flight (an interceptor that goes on into orbit still burnt out) */
  c.azimuth_deg = BMD_REFPERF_AZ_DEG;
  c.kick_deg = kick;
  c.cutoff_s = 1e30;
  st = bmd_traj_fly(v, &o, BMD_REFPERF_LAT_DEG, BMD_REFPERF_LON_DEG, 0.0, &c, &r);
  if (st != BMD_OK && st != BMD_ERANGE) return st;
  out->burnout_t_s = r.burnout_t_s;
  out->burnout_alt_m = r.burnout_alt_m;
  out->burnout_gamma_deg = r.burnout_gamma_deg;
  bmd_traj_result_release(&r);
  return BMD_OK;
}

/* the reference performance with every Isp times k; 0 when no flight */
static double perf_k(const struct bmd_vehicle *v, int interceptor, double k, struct bmd_refperf *p) {
  struct bmd_vehicle w = *v;
  for (int s = 0; s < w.nstages; s++) w.stage[s].isp_s *= k;
  if (bmd_refperf_compute(&w, interceptor, p) != BMD_OK) return 0.0;
  return p->value;
}

int bmd_refperf_fit(const struct bmd_vehicle *v, int interceptor, double target, double k0,
                    double *k, struct bmd_refperf *got) {
  double lo = FIT_K_LO, hi = FIT_K_HI, g;
  if (!(target > 0.0)) return BMD_EINVAL;
  if (k0 > 0.0) {
    g = perf_k(v, interceptor, k0, got);
    if (fabs(g / target - 1.0) < BMD_REFPERF_FIT_TOL) {
      *k = k0;
      return BMD_OK;
    }
  }
  /* the performance grows with the exhaust speed: bisection from k = 1 */
  for (int it = 0; it < FIT_ITER; it++) {
    *k = 0.5 * (lo + hi);
    g = perf_k(v, interceptor, *k, got);
    if (fabs(g / target - 1.0) < BMD_REFPERF_FIT_TOL) return BMD_OK;
    if (g < target) lo = *k;
    else hi = *k;
  }
  return BMD_ENOCONV;
}
