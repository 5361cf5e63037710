/* vehicle.c - multi-stage rocket bookkeeping (vehicle.h). */
#include <bmd/vehicle.h>

#include <math.h>
#include <stdio.h>

#include <bmd/const.h>

double bmd_cd_eval(const struct bmd_cd_table *t, double mach) {
  int i;
  if (t->n <= 0) return 0.0;
  if (mach <= t->mach[0]) return t->cd[0];
  if (mach >= t->mach[t->n - 1]) return t->cd[t->n - 1];
  for (i = 1; i < t->n && t->mach[i] < mach; i++) {
  }
  double s = (mach - t->mach[i - 1]) / (t->mach[i] - t->mach[i - 1]);
  return t->cd[i - 1] + s * (t->cd[i] - t->cd[i - 1]);
}

double bmd_vehicle_total_burn_s(const struct bmd_vehicle *v) {
  double t = 0.0;
  for (int i = 0; i < v->nstages; i++) {
    t += v->stage[i].burn_time_s;
    if (i + 1 < v->nstages) t += v->stage[i].coast_s;
  }
  return t;
}

double bmd_vehicle_liftoff_kg(const struct bmd_vehicle *v) {
  double m = v->payload_kg;
  for (int i = 0; i < v->nstages; i++) m += v->stage[i].propellant_kg + v->stage[i].dry_kg;
  return m;
}

double bmd_vehicle_ideal_dv(const struct bmd_vehicle *v) {
  double dv = 0.0, m = bmd_vehicle_liftoff_kg(v);
  for (int i = 0; i < v->nstages; i++) {
    const struct bmd_stage *s = &v->stage[i];
    /* Tsiolkovsky: dv = Isp g0 ln(m0 / mf) */
    dv += s->isp_s * BMD_US76_G0_MPS2 * log(m / (m - s->propellant_kg));
    m -= s->propellant_kg + s->dry_kg;
  }
  return dv;
}

int bmd_vehicle_check(const struct bmd_vehicle *v, char *why, unsigned n) {
  if (v->nstages < 1 || v->nstages > BMD_VEHICLE_MAX_STAGES) {
    snprintf(why, n, "needs 1 to %d stages", BMD_VEHICLE_MAX_STAGES);
    return -1;
  }
  if (!(v->payload_kg > 0.0) || !isfinite(v->payload_kg)) {
    snprintf(why, n, "payload mass must be > 0");
    return -1;
  }
  if (!(v->rv_beta_kgm2 > 0.0)) {
    snprintf(why, n, "payload 'beta_kgm2' must be > 0");
    return -1;
  }
  for (int i = 0; i < v->nstages; i++) {
    const struct bmd_stage *s = &v->stage[i];
    const char *bad = NULL;
    if (!(s->propellant_kg > 0.0)) bad = "'propellant_kg' must be > 0";
    else if (!(s->dry_kg > 0.0)) bad = "'dry_kg' must be > 0";
    else if (!(s->isp_s > 0.0)) bad = "'isp_s' must be > 0";
    else if (!(s->burn_time_s > 0.0)) bad = "'burn_time_s' must be > 0";
    else if (!(s->area_m2 > 0.0)) bad = "'diameter_m' must be > 0";
    else if (s->coast_s < 0.0) bad = "'coast_s' must be >= 0";
    else if (s->cd.n < 1) bad = "drag table is empty";
    if (bad) {
      snprintf(why, n, "stage %d: %s", i + 1, bad);
      return -1;
    }
  }
  return 0;
}
