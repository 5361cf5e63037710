/* coverage.c - corridor x site reach, engageability and thresholds (coverage.h). */
#include <bmd/coverage.h>

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/aim.h>
#include <bmd/fan.h>
#include <bmd/pool.h>
#include <bmd/status.h>

#define FAN_SECTOR_DEG 10.0   /* as footprint.c: within 5 deg of the fan's azimuth */
#define FAN_DT_S 2.0
#define FAN_TMAX_S 1800.0
#define SCALE_TOL 0.004       /* bisection stops when the Isp scale is known to 0.4% (the
                                 burnout speed to about 0.5%, 30 m/s at 6 km/s) */

const char *bmd_coverage_cue_name(enum bmd_coverage_cue c) {
  static const char *const n[] = {"launch", "early-warning", "first-detection", "fire-control-track"};
  return (unsigned)c < BMD_CUE_N ? n[c] : "unknown";
}

const char *bmd_coverage_constraint_word(const struct bmd_coverage_row *r) {
  if (r->feasible) return r->constraint == BMD_ENGAGE_NOT_TRACKED ? "track-limited" : "reach-limited";
  return bmd_engage_reason_word((enum bmd_engage_reason)r->constraint);
}

static double sector_az(double az) {
  double a = fmod(fmod(az, 360.0) + 360.0, 360.0);
  return (floor(a / FAN_SECTOR_DEG) + 0.5) * FAN_SECTOR_DEG;
}

static double fan_tmax(const struct bmd_coverage *cov) {
  double t = 0.0;
  for (int c = 0; c < cov->ncorridors; c++) t = fmax(t, cov->corridor[c].traj.impact_t_s);
  return fmin(FAN_TMAX_S, t + 60.0);
}

/* engageable from site s with fan f? the scan in tab (released by the caller); negative
   when out of memory */
static int engageable(const struct bmd_scenario *sc, const struct bmd_coverage_corridor *co, int s,
                      const struct bmd_fan *f, double dt_s, struct bmd_engage_table *tab) {
  struct bmd_engage_params p;
  struct bmd_engage_result eng;
  bmd_reach_params(sc, s, 0.0, dt_s, &p);
  if (bmd_engage_table_build(tab, f, &co->traj, &sc->phys, &p) != BMD_OK) return BMD_ENOMEM;
  if (isnan(co->cue.firm_t_s)) return 0;
  bmd_engage_table_solve(tab, co->cue.firm_t_s + sc->c2.decision_latency_s, &eng);
  return eng.feasible;
}

static int scaled(const struct bmd_scenario *sc, const struct bmd_coverage *cov, int c, int s,
                  double k, double dt_s, double *vbo) {
  const struct bmd_coverage_corridor *co = &cov->corridor[c];
  const struct bmd_scen_site *st = &sc->sites[s];
  struct bmd_vehicle v = st->interceptor->vehicle;
  struct bmd_fan f;
  struct bmd_engage_table tab;
  double az = sector_az(bmd_engage_fan_azimuth(&co->traj, &sc->phys, st->lat_deg, st->lon_deg));
  int ok, rc;
  for (int i = 0; i < v.nstages; i++) v.stage[i].isp_s *= k;
  rc = bmd_fan_build(&f, &v, &sc->phys, st->lat_deg, st->lon_deg, st->alt_m, az, fan_tmax(cov), FAN_DT_S);
  if (rc != BMD_OK) return rc;
  ok = engageable(sc, co, s, &f, dt_s, &tab);
  bmd_fan_release(&f);
  bmd_engage_table_release(&tab);
  if (vbo) {
    struct bmd_traj_opts o;
    double kick;
    bmd_traj_opts_default(&o);
    o.phys = sc->phys;
    if (bmd_aim_max_burnout_speed(&v, &o, st->lat_deg, st->lon_deg, az, vbo, &kick) != BMD_OK)
      *vbo = nan("");
  }
  return ok;
}

int bmd_coverage_scaled_feasible(const struct bmd_scenario *sc, const struct bmd_coverage *cov,
                                 int corridor, int s, double isp_scale, double dt_s,
                                 double *burnout_mps) {
  if (corridor < 0 || corridor >= cov->ncorridors || s < 0 || s >= sc->nsites ||
      !(isp_scale > 0.0) || !(dt_s > 0.0))
    return BMD_EINVAL;
  return scaled(sc, cov, corridor, s, isp_scale, dt_s, burnout_mps);
}

/* the burnout-speed threshold of row r by bisection on the Isp scale */
static void threshold(const struct bmd_scenario *sc, const struct bmd_coverage *cov,
                      struct bmd_coverage_row *r, double dt_s) {
  double lo, hi, v;
  int base = r->feasible;
  r->threshold_burnout_speed_mps = r->threshold_isp_scale = nan("");
  if (base) {
    /* find a scale at or below the slowest speed considered that is not engageable */
    lo = 1.0;
    do {
      lo *= 0.7;
      if (scaled(sc, cov, r->corridor, r->site, lo, dt_s, NULL) != 1) break;
    } while (lo > 0.1);
    if (lo <= 0.1) return;                              /* engageable even at 10% of its Isp */
    hi = 1.0;
  } else {
    hi = 1.0;
    for (;;) {
      int f;
      hi *= 1.3;
      f = scaled(sc, cov, r->corridor, r->site, hi, dt_s, &v);
      if (f < 0 || isnan(v)) return;
      if (f == 1) break;
      if (v > BMD_COVERAGE_MAX_SPEED_MPS) return;       /* not even at 10 km/s */
    }
    lo = hi / 1.3;
  }
  /* invariant: engageable at hi, not at lo */
  while (hi - lo > SCALE_TOL * hi) {
    double mid = 0.5 * (lo + hi);
    int f = scaled(sc, cov, r->corridor, r->site, mid, dt_s, NULL);
    if (f < 0) return;
    if (f) hi = mid;
    else lo = mid;
  }
  r->threshold_isp_scale = 0.5 * (lo + hi);
  scaled(sc, cov, r->corridor, r->site, r->threshold_isp_scale, dt_s, &v);
  if (v >= BMD_COVERAGE_MIN_SPEED_MPS && v <= BMD_COVERAGE_MAX_SPEED_MPS) r->threshold_burnout_speed_mps = v;
  else r->threshold_isp_scale = nan("");
}

struct job {
  const struct bmd_scenario *sc;
  const struct bmd_coverage_opts *o;
  struct bmd_coverage *cov;
  struct bmd_fancache *fc;
  pthread_mutex_t lock;
  int next, done, failed;
  bmd_coverage_progress progress;
  void *ctx;
};

static int do_row(struct job *j, struct bmd_coverage_row *r) {
  const struct bmd_scenario *sc = j->sc;
  const struct bmd_coverage_corridor *co = &j->cov->corridor[r->corridor];
  const struct bmd_scen_site *st = &sc->sites[r->site];
  const struct bmd_missile *ic = st->interceptor;
  const struct bmd_fan *f;
  struct bmd_engage_result all;
  struct bmd_engage_table tab;
  double lat = sc->c2.decision_latency_s, fan_az;
  double cue_t[BMD_CUE_N] = {0.0, co->cue.ew_t_s, co->cue.detect_t_s, co->cue.firm_t_s};

  fan_az = bmd_engage_fan_azimuth(&co->traj, &sc->phys, st->lat_deg, st->lon_deg);
  f = bmd_fancache_get(j->fc, r->site, fan_az);
  if (!f) return BMD_ENOMEM;
  if (engageable(sc, co, r->site, f, j->o->dt_s, &tab) < 0) return BMD_ENOMEM;
  bmd_engage_table_solve(&tab, -HUGE_VAL, &all);
  bmd_engage_table_solve(&tab, co->cue.cue_t_s + lat, &r->kin);
  bmd_engage_table_solve(&tab, isnan(co->cue.firm_t_s) ? HUGE_VAL : co->cue.firm_t_s + lat, &r->eng);
  if (!all.feasible) r->kin.reason = r->eng.reason = all.reason;
  else if (!r->eng.feasible && isnan(co->cue.firm_t_s)) r->eng.reason = BMD_ENGAGE_NOT_TRACKED;
  r->kinematic_feasible = r->kin.feasible;
  r->feasible = r->eng.feasible;
  r->latest_launch_s = all.latest_launch_s;
  if (r->feasible)
    r->constraint = all.earliest.t_s < r->eng.earliest.t_s ? BMD_ENGAGE_NOT_TRACKED : BMD_ENGAGE_NONE;
  else
    r->constraint = r->eng.reason;
  r->max_decision_delay_s = isnan(co->cue.firm_t_s) || isnan(all.latest_launch_s) || !all.feasible
                                ? nan("") : all.latest_launch_s - co->cue.firm_t_s;
  r->latest_track_t_s = isnan(all.latest_launch_s) || !all.feasible ? nan("") : all.latest_launch_s - lat;
  for (int c = 0; c < BMD_CUE_N; c++) {
    struct bmd_engage_result er;
    if (isnan(cue_t[c])) {
      r->feasible_by_cue[c] = -1;
      r->window_by_cue_s[c] = nan("");
      continue;
    }
    bmd_engage_table_solve(&tab, cue_t[c] + lat, &er);
    r->feasible_by_cue[c] = er.feasible;
    r->window_by_cue_s[c] = er.feasible ? er.window_s : 0.0;
  }
  bmd_engage_table_release(&tab);
  /* the interceptor's reach over the ground at kill-vehicle altitudes, from the fan, under
     the limits the scan applies (altitude band, endurance, published reach) */
  r->reach_ground_m = bmd_reach_ground_m(f, &ic->kv);
  {
    struct bmd_traj_opts o;
    double kick;
    bmd_traj_opts_default(&o);
    o.phys = sc->phys;
    if (bmd_aim_max_burnout_speed(&ic->vehicle, &o, st->lat_deg, st->lon_deg, sector_az(fan_az),
                                  &r->burnout_speed_mps, &kick) != BMD_OK)
      r->burnout_speed_mps = nan("");
  }
  r->threshold_burnout_speed_mps = r->threshold_isp_scale = nan("");
  if (j->o->sweep) threshold(sc, j->cov, r, j->o->dt_s);
  return BMD_OK;
}

static void *worker(void *pv) {
  struct job *j = pv;
  for (;;) {
    int k, st;
    pthread_mutex_lock(&j->lock);
    k = j->failed ? j->cov->nrows : j->next++;
    pthread_mutex_unlock(&j->lock);
    if (k >= j->cov->nrows) break;
    st = do_row(j, &j->cov->row[k]);
    pthread_mutex_lock(&j->lock);
    if (st != BMD_OK && !j->failed) j->failed = st;
    j->done++;
    if (j->progress) j->progress(j->ctx, j->done, j->cov->nrows);
    pthread_mutex_unlock(&j->lock);
  }
  return NULL;
}

int bmd_coverage_compute(const struct bmd_scenario *sc, const struct bmd_coverage_opts *o,
                         struct bmd_coverage *cov, struct bmd_diag *d,
                         bmd_coverage_progress progress, void *ctx) {
  struct bmd_traj_opts topt;
  struct bmd_reach_ws *ws = NULL;
  struct job j;
  int st = BMD_OK;

  memset(cov, 0, sizeof *cov);
  memset(&j, 0, sizeof j);
  if (!(o->dt_s > 0.0) || o->threads < 1) return BMD_EINVAL;
  cov->corridor = calloc((size_t)sc->nthreats + 1, sizeof *cov->corridor);
  ws = bmd_reach_ws_alloc(sc);
  if (!cov->corridor || !ws) {
    st = BMD_ENOMEM;
    goto done;
  }
  bmd_traj_opts_default(&topt);
  topt.phys = sc->phys;
  /* corridors: threats with the same missile, path and trajectory type fly alike */
  for (int i = 0; i < sc->nthreats; i++) {
    const struct bmd_scen_threat *t = &sc->threats[i];
    struct bmd_coverage_corridor *co;
    struct bmd_aim_request rq = {(enum bmd_aim_kind)t->traj_kind, t->apogee_km, t->from_lat_deg,
                                 t->from_lon_deg, t->from_alt_m, t->to_lat_deg, t->to_lon_deg, 0.0, 0, 0.0, 0};
    struct bmd_aim_result ar;
    struct bmd_traj_opts ro = topt;
    int same = -1;
    for (int c = 0; c < cov->ncorridors && same < 0; c++) {
      const struct bmd_scen_threat *u = &sc->threats[cov->corridor[c].threat];
      if (u->missile == t->missile && u->from_lat_deg == t->from_lat_deg && u->from_lon_deg == t->from_lon_deg &&
          u->from_alt_m == t->from_alt_m && u->to_lat_deg == t->to_lat_deg && u->to_lon_deg == t->to_lon_deg &&
          u->traj_kind == t->traj_kind && u->apogee_km == t->apogee_km && u->rcs_dbsm == t->rcs_dbsm)
        same = c;
    }
    if (same >= 0) {
      cov->corridor[same].nthreats++;
      continue;
    }
    st = bmd_aim_solve(&t->missile->vehicle, &topt, &rq, &ar);
    if (st != BMD_OK) {
      /* impossible is the scenario's fault, a solver failure is not (aim.h) */
      char why[512];
      bmd_diag_set(d, sc->file, 0, 0, "threat '%s': %s from %s: target %s %s", t->id, t->missile->name,
                   t->from, t->to, bmd_aim_explain(st, &rq, &ar, why, sizeof why));
      st = st == BMD_ERANGE || st == BMD_EINVAL ? BMD_ERANGE : st == BMD_ENOMEM ? st : BMD_ESOLVER;
      goto done;
    }
    co = &cov->corridor[cov->ncorridors++];
    co->threat = i;
    co->nthreats = 1;
    ro.record = 1;
    ro.io.h_max_s = 2.0;
    st = bmd_traj_fly(&t->missile->vehicle, &ro, rq.lat_deg, rq.lon_deg, rq.alt_m, &ar.control, &co->traj);
    if (st != BMD_OK) goto done;
    bmd_reach_cue(ws, &co->traj, t->rcs_dbsm, &co->cue);
  }
  cov->nrows = cov->ncorridors * sc->nsites;
  cov->row = calloc((size_t)cov->nrows + 1, sizeof *cov->row);
  if (!cov->row) {
    st = BMD_ENOMEM;
    goto done;
  }
  for (int k = 0; k < cov->nrows; k++) {
    cov->row[k].corridor = k / (sc->nsites > 0 ? sc->nsites : 1);
    cov->row[k].site = k % (sc->nsites > 0 ? sc->nsites : 1);
  }
  st = bmd_fancache_alloc(&j.fc, sc, fan_tmax(cov), FAN_DT_S, FAN_SECTOR_DEG);
  if (st != BMD_OK) goto done;
  j.sc = sc;
  j.o = o;
  j.cov = cov;
  j.progress = progress;
  j.ctx = ctx;
  pthread_mutex_init(&j.lock, NULL);
  bmd_pool_run(o->threads, worker, &j);
  pthread_mutex_destroy(&j.lock);
  st = j.failed;
done:
  bmd_fancache_free(j.fc);
  bmd_reach_ws_free(ws);
  if (st != BMD_OK) {
    if (st != BMD_ERANGE && st != BMD_ESOLVER) bmd_diag_set(d, sc->file, 0, 0, "%s", bmd_strerror(st));
    bmd_coverage_release(cov);
  }
  return st;
}

void bmd_coverage_release(struct bmd_coverage *cov) {
  if (!cov) return;
  if (cov->corridor)
    for (int c = 0; c < cov->ncorridors; c++) bmd_traj_result_release(&cov->corridor[c].traj);
  free(cov->corridor);
  free(cov->row);
  memset(cov, 0, sizeof *cov);
}
