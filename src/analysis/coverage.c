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

/* The burnout-speed threshold of a row: the Isp scale at which the engageable answer
   flips, by bisection (bracketed first by steps of x0.7 down from an engageable row, or
   x1.3 up from one that is not), and the maximum burnout speed there. Each row's search
   is a sequence of scaled fans (scaled()); the rows that share a site and a fan sector
   (one group, below) run their searches in lockstep, and at each step every distinct
   scale asked for is flown once and serves every row that asked for it: their brackets'
   steps are the same scales, and so are their first bisections while their answers agree.
   A row's sequence of scales and answers is the one it would take alone (bmd_coverage_
   scaled_feasible's), so its threshold is too (test_coverage). */
enum { SEARCH_DONE, SEARCH_DOWN, SEARCH_UP, SEARCH_BISECT, SEARCH_FINAL };

struct search {
  int state;
  double lo, hi, v;          /* bracket; the last maximum burnout speed computed */
  double k;                  /* the scale asked for next */
  int want_vbo;              /* ...and whether with its maximum burnout speed */
  int f;                     /* the answer there: 1, 0 or a negative status */
  int vbo_set;               /* v was computed for this answer */
};

/* the scale a search in its state asks for next */
static void search_ask(struct search *q) {
  q->want_vbo = q->state == SEARCH_UP || q->state == SEARCH_FINAL;
  if (q->state == SEARCH_DOWN) q->k = q->lo;
  else if (q->state == SEARCH_UP) q->k = q->hi;
  else q->k = 0.5 * (q->lo + q->hi);
}

static void search_bisect(struct search *q) {
  /* invariant: engageable at hi, not at lo */
  q->state = q->hi - q->lo > SCALE_TOL * q->hi ? SEARCH_BISECT : SEARCH_FINAL;
}

static void search_start(struct search *q, struct bmd_coverage_row *r) {
  memset(q, 0, sizeof *q);
  q->v = nan("");
  r->threshold_burnout_speed_mps = r->threshold_isp_scale = nan("");
  if (r->feasible) {
    /* find a scale at or below the slowest speed considered that is not engageable */
    q->state = SEARCH_DOWN;
    q->lo = 1.0 * 0.7;
  } else {
    q->state = SEARCH_UP;
    q->hi = 1.0 * 1.3;
  }
  search_ask(q);
}

/* take the answer q->f (and q->v when q->vbo_set) at q->k, and ask for the next scale */
static void search_step(struct search *q, struct bmd_coverage_row *r) {
  int f = q->f;
  switch (q->state) {
    case SEARCH_DOWN:
      if (q->lo <= 0.1) {
        q->state = SEARCH_DONE;                       /* engageable even at 10% of its Isp */
      } else if (f != 1) {
        q->hi = 1.0;
        search_bisect(q);
      } else {
        q->lo *= 0.7;
      }
      break;
    case SEARCH_UP:
      if (f < 0 || isnan(q->v)) {
        q->state = SEARCH_DONE;
      } else if (f == 1) {
        q->lo = q->hi / 1.3;
        search_bisect(q);
      } else if (q->v > BMD_COVERAGE_MAX_SPEED_MPS) {
        q->state = SEARCH_DONE;                       /* not even at 10 km/s */
      } else {
        q->hi *= 1.3;
      }
      break;
    case SEARCH_BISECT:
      if (f < 0) {
        q->state = SEARCH_DONE;
        break;
      }
      if (f) q->hi = q->k;
      else q->lo = q->k;
      search_bisect(q);
      break;
    case SEARCH_FINAL:
      r->threshold_isp_scale = q->k;
      if (q->v >= BMD_COVERAGE_MIN_SPEED_MPS && q->v <= BMD_COVERAGE_MAX_SPEED_MPS)
        r->threshold_burnout_speed_mps = q->v;
      else
        r->threshold_isp_scale = nan("");
      q->state = SEARCH_DONE;
      break;
    default:
      break;
  }
  if (q->state != SEARCH_DONE) search_ask(q);
}

/* Rows are computed in groups that share a site and a fan sector, so that one fan serves
   them all and is freed after them (a few fans alive at a time rather than every site's
   and sector's for the whole run) */
struct group {
  int site, sector;          /* the fan: site, sector of FAN_SECTOR_DEG */
  int first, n;              /* rows gorder[first .. first + n) */
};

struct job {
  const struct bmd_scenario *sc;
  const struct bmd_coverage_opts *o;
  struct bmd_coverage *cov;
  struct group *groups;
  int *gorder;               /* row indices grouped */
  double *fan_az;            /* [row]: bmd_engage_fan_azimuth */
  int ngroups;
  double fan_tmax_s;
  pthread_mutex_t lock;
  int next, done, failed;
  bmd_coverage_progress progress;
  void *ctx;
};

/* the row's answers with the site's fan f toward the corridor; *vbo_az and *vbo: the
   maximum burnout speed last computed for this group and the sector azimuth it was for
   (NAN: none yet), reused when the row's sector azimuth is the same */
static int do_row(struct job *j, struct bmd_coverage_row *r, const struct bmd_fan *f,
                  double fan_az, double *vbo_az, double *vbo) {
  const struct bmd_scenario *sc = j->sc;
  const struct bmd_coverage_corridor *co = &j->cov->corridor[r->corridor];
  const struct bmd_scen_site *st = &sc->sites[r->site];
  const struct bmd_missile *ic = st->interceptor;
  struct bmd_engage_result all;
  struct bmd_engage_table tab;
  double lat = sc->c2.decision_latency_s;
  double cue_t[BMD_CUE_N] = {0.0, co->cue.ew_t_s, co->cue.detect_t_s, co->cue.firm_t_s};

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
  if (!(sector_az(fan_az) == *vbo_az)) {
    struct bmd_traj_opts o;
    double kick;
    bmd_traj_opts_default(&o);
    o.phys = sc->phys;
    *vbo_az = sector_az(fan_az);
    if (bmd_aim_max_burnout_speed(&ic->vehicle, &o, st->lat_deg, st->lon_deg, *vbo_az, vbo, &kick) != BMD_OK)
      *vbo = nan("");
  }
  r->burnout_speed_mps = *vbo;
  r->threshold_burnout_speed_mps = r->threshold_isp_scale = nan("");
  return BMD_OK;
}

/* the thresholds of the n rows rows[] of one group, their searches in lockstep; BMD_OK or
   BMD_ENOMEM */
static int group_thresholds(struct job *j, const int *rows, int n) {
  const struct bmd_scenario *sc = j->sc;
  struct search *q = calloc((size_t)n, sizeof *q);
  unsigned char *asked = malloc((size_t)n);
  int active = 0;
  if (!q || !asked) {
    free(q);
    free(asked);
    return BMD_ENOMEM;
  }
  for (int i = 0; i < n; i++) {
    search_start(&q[i], &j->cov->row[rows[i]]);
    active += q[i].state != SEARCH_DONE;
  }
  while (active > 0) {
    /* this step's distinct (sector, scale) asks, each flown once for every row asking it */
    memset(asked, 0, (size_t)n);
    for (int i = 0; i < n; i++) {
      const struct bmd_coverage_row *ri = &j->cov->row[rows[i]];
      double az = sector_az(j->fan_az[rows[i]]), vbo = nan("");
      const struct bmd_scen_site *st = &sc->sites[ri->site];
      struct bmd_vehicle v = st->interceptor->vehicle;
      struct bmd_fan f;
      int rc, want = 0;
      if (q[i].state == SEARCH_DONE || asked[i]) continue;
      for (int m = i; m < n; m++)
        if (q[m].state != SEARCH_DONE && !asked[m] && q[m].k == q[i].k &&
            sector_az(j->fan_az[rows[m]]) == az) {
          asked[m] = 2;                              /* in this batch */
          want |= q[m].want_vbo;
        }
      for (int s = 0; s < v.nstages; s++) v.stage[s].isp_s *= q[i].k;
      rc = bmd_fan_build(&f, &v, &sc->phys, st->lat_deg, st->lon_deg, st->alt_m, az, j->fan_tmax_s, FAN_DT_S);
      if (rc == BMD_OK && want) {
        struct bmd_traj_opts o;
        double kick;
        bmd_traj_opts_default(&o);
        o.phys = sc->phys;
        if (bmd_aim_max_burnout_speed(&v, &o, st->lat_deg, st->lon_deg, az, &vbo, &kick) != BMD_OK)
          vbo = nan("");
      }
      for (int m = i; m < n; m++) {
        struct bmd_engage_table tab;
        if (asked[m] != 2) continue;
        asked[m] = 1;
        if (rc != BMD_OK) {
          q[m].f = rc;
          q[m].vbo_set = 0;
          continue;
        }
        q[m].f = engageable(sc, &j->cov->corridor[j->cov->row[rows[m]].corridor], j->cov->row[rows[m]].site, &f,
                            j->o->dt_s, &tab);
        bmd_engage_table_release(&tab);
        q[m].vbo_set = q[m].want_vbo;
        if (q[m].want_vbo) q[m].v = vbo;
      }
      if (rc == BMD_OK) bmd_fan_release(&f);
    }
    active = 0;
    for (int i = 0; i < n; i++) {
      if (q[i].state == SEARCH_DONE) continue;
      search_step(&q[i], &j->cov->row[rows[i]]);
      active += q[i].state != SEARCH_DONE;
    }
  }
  free(q);
  free(asked);
  return BMD_OK;
}

/* one group: its fan built, its rows, the fan freed, then the thresholds */
static int do_group(struct job *j, const struct group *g) {
  const struct bmd_scen_site *st = &j->sc->sites[g->site];
  const int *rows = j->gorder + g->first;
  struct bmd_fan f;
  double vbo_az = nan(""), vbo = nan("");
  int rc = bmd_fan_build(&f, &st->interceptor->vehicle, &j->sc->phys, st->lat_deg, st->lon_deg,
                         st->alt_m, (g->sector + 0.5) * FAN_SECTOR_DEG, j->fan_tmax_s, FAN_DT_S);
  if (rc != BMD_OK) return BMD_ENOMEM;   /* as a fan the cache could not build */
  for (int i = 0; i < g->n && rc == BMD_OK; i++)
    rc = do_row(j, &j->cov->row[rows[i]], &f, j->fan_az[rows[i]], &vbo_az, &vbo);
  bmd_fan_release(&f);
  if (rc == BMD_OK && j->o->sweep) rc = group_thresholds(j, rows, g->n);
  return rc;
}

static void *worker(void *pv) {
  struct job *j = pv;
  for (;;) {
    int k, st;
    pthread_mutex_lock(&j->lock);
    k = j->failed ? j->ngroups : j->next++;
    pthread_mutex_unlock(&j->lock);
    if (k >= j->ngroups) break;
    st = do_group(j, &j->groups[k]);
    pthread_mutex_lock(&j->lock);
    if (st != BMD_OK && !j->failed) j->failed = st;
    j->done += j->groups[k].n;
    if (j->progress) j->progress(j->ctx, j->done, j->cov->nrows);
    pthread_mutex_unlock(&j->lock);
  }
  return NULL;
}

/* the rows grouped by site and fan sector (groups by their first row; rows by index
   within), largest groups first so that the threads finish together */
static int make_groups(struct job *j) {
  const struct bmd_scenario *sc = j->sc;
  struct bmd_coverage *cov = j->cov;
  int nsec = (int)lround(360.0 / FAN_SECTOR_DEG), *key;
  j->fan_az = malloc((size_t)cov->nrows * sizeof *j->fan_az + 1);
  j->gorder = malloc((size_t)cov->nrows * sizeof *j->gorder + 1);
  j->groups = calloc((size_t)cov->nrows + 1, sizeof *j->groups);
  key = malloc((size_t)cov->nrows * sizeof *key + 1);
  if (!j->fan_az || !j->gorder || !j->groups || !key) {
    free(key);
    return BMD_ENOMEM;
  }
  for (int r = 0; r < cov->nrows; r++) {
    const struct bmd_coverage_row *row = &cov->row[r];
    const struct bmd_scen_site *st = &sc->sites[row->site];
    j->fan_az[r] = bmd_engage_fan_azimuth(&cov->corridor[row->corridor].traj, &sc->phys, st->lat_deg, st->lon_deg);
    /* the sector as the fan cache finds it (fancache.c) */
    key[r] = row->site * nsec +
             (int)floor(fmod(fmod(j->fan_az[r], 360.0) + 360.0, 360.0) / FAN_SECTOR_DEG) % nsec;
  }
  /* groups in order of their first row, and the rows of each in index order */
  for (int r = 0; r < cov->nrows; r++) {
    int g;
    for (g = 0; g < j->ngroups; g++)
      if (j->groups[g].site * nsec + j->groups[g].sector == key[r]) break;
    if (g == j->ngroups) {
      j->groups[g].site = cov->row[r].site;
      j->groups[g].sector = key[r] % nsec;
      j->ngroups++;
    }
    j->groups[g].n++;
  }
  {
    int off = 0;
    for (int g = 0; g < j->ngroups; g++) {
      j->groups[g].first = off;
      off += j->groups[g].n;
      j->groups[g].n = 0;
    }
    for (int r = 0; r < cov->nrows; r++)
      for (int g = 0; g < j->ngroups; g++)
        if (j->groups[g].site * nsec + j->groups[g].sector == key[r]) {
          j->gorder[j->groups[g].first + j->groups[g].n++] = r;
          break;
        }
  }
  /* largest first (insertion sort, stable) */
  for (int a = 1; a < j->ngroups; a++)
    for (int b = a; b > 0 && j->groups[b].n > j->groups[b - 1].n; b--) {
      struct group t = j->groups[b];
      j->groups[b] = j->groups[b - 1];
      j->groups[b - 1] = t;
    }
  free(key);
  return BMD_OK;
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
  j.sc = sc;
  j.o = o;
  j.cov = cov;
  j.fan_tmax_s = fan_tmax(cov);
  st = make_groups(&j);
  if (st != BMD_OK) goto done;
  j.progress = progress;
  j.ctx = ctx;
  pthread_mutex_init(&j.lock, NULL);
  bmd_pool_run(o->threads, worker, &j);
  pthread_mutex_destroy(&j.lock);
  st = j.failed;
done:
  free(j.groups);
  free(j.gorder);
  free(j.fan_az);
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
