/* live.c - a scenario replayed on a simulation clock as two SSE feeds (live.h). */
#include <bmd/live.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/plot_scenario.h>
#include <bmd/radar.h>
#include <bmd/status.h>
#include <bmd/traj.h>

#include "live_impl.h"


/* one interceptor's flight, for the ticks */
struct ifly {
  int threat, site;
  double t0_s, t1_s;        /* launch and intercept (absolute) */
  double tof_s;             /* flown time at t1 */
  double corr_ecef_m[3];    /* intercept point minus flown point at tof: blended in */
  int ok;                   /* 0: the flight failed; no positions */
  struct bmd_traj_result fl;
};

struct bmd_live_run {
  unsigned long seed;
  struct bmd_sim_result res;
  struct ifly *fly;
  int nfly;
  struct bmd_live_msg *ev;          /* engine events */
  long nev;
  struct bmd_live_site_change *log;
  long nlog;
  struct bmd_live_msg *obs;         /* observer messages, one per log entry */
  long nobs;
  double end_t_s;
  double *threat_end_s;     /* [nthreats] kill or impact (absolute) */
};

struct feedbuf {
  long first_id;            /* id of frame 0 of the current run */
  long next_id;             /* id the next released frame gets */
  long n, cap;
  struct bmd_live_frame *f;
  size_t *off;              /* [cap + 1] bytes before frame k */
};

struct bmd_live {
  const struct bmd_scenario *sc;
  struct bmd_sim_prep *prep;
  int loop;
  double speed;
  int paused, ended;
  double t_s;
  int run_no;
  struct bmd_live_run *run;
  struct feedbuf feed[BMD_LIVE_NFEEDS];
  long pos_ev, pos_obs;     /* next static message of each list */
  double next_tick_s, next_clock_s;
  struct bmd_live_radar_state *radar_now;      /* [nradars] as released */
  struct bmd_live_launcher_state *site_now;    /* [nsites] as released */
  struct bmd_live_stats stats;
  char *features;           /* /api/scenario features array, built once */
};

/* "seed": a number while JSON readers (JavaScript among them) hold it exactly, i.e. up to
   2^53; above, its decimal digits as a string, never rounded (as bmdsim run --json) */
static void add_seed(cJSON *j, unsigned long seed) {
  if ((unsigned long long)seed <= (1ULL << 53)) cJSON_AddNumberToObject(j, "seed", (double)seed);
  else {
    char buf[24];
    snprintf(buf, sizeof buf, "%lu", seed);
    cJSON_AddStringToObject(j, "seed", buf);
  }
}

/* ---------------------------------------------------------------- helpers */

static void geo_of(const struct bmd_scenario *sc, const double r[3], double *lat, double *lon, double *alt) {
  double la, lo, h;
  bmd_physics_from_ecef(&sc->phys, r, &la, &lo, &h);
  *lat = la / BMD_DEG;
  *lon = lo / BMD_DEG;
  *alt = h;
}

/* ---------------------------------------------------------------- runs */

static int cJSON_idx(cJSON *j, const char *key, int v) {
  return cJSON_AddNumberToObject(j, key, v) != NULL;
}

static char *event_body(const struct bmd_sim_event *e) {
  cJSON *j = cJSON_CreateObject();
  cJSON_AddStringToObject(j, "kind", bmd_sim_event_name((enum bmd_sim_event_kind)e->kind));
  cJSON_AddNumberToObject(j, "t_s", e->t_s);
  cJSON_idx(j, "threat", e->threat);
  cJSON_idx(j, "site", e->site);
  cJSON_idx(j, "radar", e->radar);
  cJSON_AddNumberToObject(j, "lat_deg", e->lat_deg);
  cJSON_AddNumberToObject(j, "lon_deg", e->lon_deg);
  cJSON_AddNumberToObject(j, "alt_m", e->alt_m);
  cJSON_AddNumberToObject(j, "value", e->value);
  /* the threat's end (threat-destroyed, reached-target) and the reason code (no-engagement,
     an unengaged threat's reached-target), in the words of docs/outcomes.md */
  if (e->outcome >= 0) cJSON_AddStringToObject(j, "outcome", bmd_outcome_name(e->outcome));
  if (e->reason != BMD_ENGAGE_NONE)
    cJSON_AddStringToObject(j, "reason", bmd_engage_reason_word((enum bmd_engage_reason)e->reason));
  cJSON_AddStringToObject(j, "note", e->note);
  return bmd_live_json_text(j);
}

/* the outcome counts as keys of j: killed, leaked, unengaged, reached_target */
static void add_counts(cJSON *j, const struct bmd_outcome_counts *c) {
  for (int o = 0; o < BMD_OUTCOME_COUNT; o++) cJSON_AddNumberToObject(j, bmd_outcome_name(o), c->n[o]);
  cJSON_AddNumberToObject(j, BMD_OUTCOME_REACHED_TARGET, c->reached_target);
}

static void fly_shots(const struct bmd_scenario *sc, struct bmd_live_run *run) {
  int n = 0;
  for (int i = 0; i < run->res.nthreats; i++) {
    const struct bmd_sim_threat *th = &run->res.threats[i];
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      struct ifly *f = &run->fly[n++];
      const struct bmd_scen_site *site = &sc->sites[sh->site];
      struct bmd_traj_opts o;
      struct bmd_traj_control c = {sh->ic.launch_az_deg, sh->ic.kick_deg, 1e30, {0}};
      double r_ic[3], r_fl[3];
      int st;
      f->threat = i;
      f->site = sh->site;
      f->t0_s = sh->launch_t_s;
      f->t1_s = th->launch_t_s + sh->ic.t_s;
      f->tof_s = sh->ic.tof_s;
      bmd_traj_opts_default(&o);
      o.phys = sc->phys;
      o.record = 1;
      o.io.h_max_s = 1.0;
      st = bmd_traj_fly(&site->interceptor->vehicle, &o, site->lat_deg, site->lon_deg, site->alt_m, &c, &f->fl);
      if ((st != BMD_OK && st != BMD_ERANGE) || f->fl.nsamples < 2 || !(f->t1_s > f->t0_s)) {
        bmd_traj_result_release(&f->fl);
        continue;
      }
      if (!bmd_traj_state_at(&f->fl, f->tof_s, NULL, r_fl, NULL)) {
        const struct bmd_traj_sample *last = &f->fl.samples[f->fl.nsamples - 1];
        memcpy(r_fl, last->r_ecef_m, sizeof r_fl);
      }
      bmd_physics_to_ecef(&sc->phys, sh->ic.lat_deg * BMD_DEG, sh->ic.lon_deg * BMD_DEG, sh->ic.alt_m, r_ic);
      for (int k = 0; k < 3; k++) f->corr_ecef_m[k] = r_ic[k] - r_fl[k];
      f->ok = 1;
    }
  }
  run->nfly = n;
}

void bmd_live_run_free(struct bmd_live_run *run) {
  if (!run) return;
  for (long k = 0; k < run->nev; k++) free(run->ev[k].body);
  for (long k = 0; k < run->nobs; k++) free(run->obs[k].body);
  for (int k = 0; k < run->nfly; k++) bmd_traj_result_release(&run->fly[k].fl);
  free(run->ev);
  free(run->obs);
  free(run->fly);
  free(run->log);
  free(run->threat_end_s);
  bmd_sim_result_release(&run->res);
  free(run);
}

int bmd_live_run_build(const struct bmd_live *lv, unsigned long seed, struct bmd_live_run **out) {
  const struct bmd_scenario *sc = lv->sc;
  struct bmd_live_run *run = calloc(1, sizeof *run);
  struct bmd_diag d;
  int nshots = 0;
  if (!run) return BMD_ENOMEM;
  run->seed = seed;
  if (bmd_sim_run_prepared(lv->prep, seed, NULL, &run->res, &d) != BMD_OK) goto fail;
  run->threat_end_s = calloc((size_t)run->res.nthreats + 1, sizeof *run->threat_end_s);
  if (!run->threat_end_s) goto fail;
  for (int i = 0; i < run->res.nthreats; i++) {
    const struct bmd_sim_threat *th = &run->res.threats[i];
    run->threat_end_s[i] = th->outcome == BMD_OUTCOME_KILLED && !isnan(th->kill_t_s) ? th->kill_t_s : th->impact_t_s;
    nshots += th->nshots;
  }
  run->fly = calloc((size_t)nshots + 1, sizeof *run->fly);
  run->ev = calloc((size_t)run->res.nevents + 1, sizeof *run->ev);
  if (!run->fly || !run->ev) goto fail;
  fly_shots(sc, run);
  for (long k = 0; k < run->res.nevents; k++) {
    run->ev[k].t_s = run->res.events[k].t_s;
    run->ev[k].body = event_body(&run->res.events[k]);
    if (!run->ev[k].body) goto fail;
    run->nev = k + 1;
    if (run->res.events[k].t_s > run->end_t_s) run->end_t_s = run->res.events[k].t_s;
  }
  if (bmd_live_site_log_build(sc, &run->res, run->threat_end_s, &run->log, &run->nlog) != BMD_OK) goto fail;
  if (bmd_live_observer_build(run->log, run->nlog, sc->radars, sc->nradars, sc->sites, sc->nsites, &run->obs) != BMD_OK)
    goto fail;
  run->nobs = run->nlog;
  for (long k = 0; k < run->nlog; k++)
    if (run->log[k].t_s > run->end_t_s) run->end_t_s = run->log[k].t_s;
  *out = run;
  return BMD_OK;
fail:
  bmd_live_run_free(run);
  return BMD_ENOMEM;
}

/* ---------------------------------------------------------------- feeds */

static void feed_clear(struct feedbuf *fb) {
  for (long k = 0; k < fb->n; k++) free(fb->f[k].text);
  fb->n = 0;
  fb->first_id = fb->next_id;
  if (fb->off) fb->off[0] = 0;
}

static void feed_release(struct feedbuf *fb) {
  feed_clear(fb);
  free(fb->f);
  free(fb->off);
  memset(fb, 0, sizeof *fb);
}

/* append one message to a feed: "id: N\ndata: {"id":N,"run":R,<body without its '{'>\n\n".
   droppable messages (ticks, clocks) are skipped beyond the caps. */
static int emit(struct bmd_live *lv, int feed, double t_s, const char *body, int droppable) {
  struct feedbuf *fb = &lv->feed[feed];
  size_t blen = strlen(body), cap;
  char *text;
  int n;
  if (blen < 2 || body[0] != '{') return BMD_EINVAL;
  if (droppable && (fb->n >= BMD_LIVE_MAX_MSGS || fb->off[fb->n] >= (size_t)BMD_LIVE_MAX_BYTES)) return BMD_OK;
  if (fb->n == fb->cap) {
    long nc = fb->cap ? 2 * fb->cap : 1024;
    void *f = realloc(fb->f, (size_t)nc * sizeof *fb->f);
    if (!f) return BMD_ENOMEM;
    fb->f = f;
    f = realloc(fb->off, (size_t)(nc + 1) * sizeof *fb->off);
    if (!f) return BMD_ENOMEM;
    fb->off = f;
    fb->cap = nc;
  }
  cap = blen + 96;
  text = malloc(cap);
  if (!text) return BMD_ENOMEM;
  n = snprintf(text, cap, "id: %ld\ndata: {\"id\":%ld,\"run\":%d%s%s\n\n", fb->next_id, fb->next_id, lv->run_no,
               body[1] == '}' ? "" : ",", body + 1);
  if (n < 0 || (size_t)n >= cap) {
    free(text);
    return BMD_ENOMEM;
  }
  fb->f[fb->n].id = fb->next_id++;
  fb->f[fb->n].t_s = t_s;
  fb->f[fb->n].text = text;
  fb->f[fb->n].len = (size_t)n;
  fb->off[fb->n + 1] = fb->off[fb->n] + (size_t)n;
  fb->n++;
  return BMD_OK;
}

static int emit_json(struct bmd_live *lv, int feed, double t_s, cJSON *j, int droppable) {
  char *s = bmd_live_json_text(j);
  int st;
  if (!s) return BMD_ENOMEM;
  st = emit(lv, feed, t_s, s, droppable);
  free(s);
  return st;
}

/* ---------------------------------------------------------------- positions */

static int threat_flying(const struct bmd_live_run *run, int i, double t) {
  return t >= run->res.threats[i].launch_t_s && t < run->threat_end_s[i];
}

static int threat_pos(const struct bmd_scenario *sc, const struct bmd_live_run *run, int i, double t,
                      double *lat, double *lon, double *alt) {
  const struct bmd_sim_threat *th = &run->res.threats[i];
  double r[3];
  if (!bmd_traj_state_at(&th->traj, t - th->launch_t_s, NULL, r, NULL)) return 0;
  geo_of(sc, r, lat, lon, alt);
  return 1;
}

static int ifly_pos(const struct bmd_scenario *sc, const struct ifly *f, double t, double *lat, double *lon,
                    double *alt) {
  double u, r[3];
  if (!f->ok || t < f->t0_s || t >= f->t1_s) return 0;
  u = (t - f->t0_s) / (f->t1_s - f->t0_s);
  if (!bmd_traj_state_at(&f->fl, u * f->tof_s, NULL, r, NULL)) {
    const struct bmd_traj_sample *last = &f->fl.samples[f->fl.nsamples - 1];
    memcpy(r, last->r_ecef_m, sizeof r);
  }
  for (int k = 0; k < 3; k++) r[k] += u * f->corr_ecef_m[k];
  geo_of(sc, r, lat, lon, alt);
  return 1;
}

/* anything (threat or interceptor) in flight at some time in [t0, t1] */
static int anything_flies(const struct bmd_live_run *run, double t0, double t1) {
  for (int i = 0; i < run->res.nthreats; i++)
    if (run->res.threats[i].launch_t_s <= t1 && run->threat_end_s[i] > t0) return 1;
  for (int k = 0; k < run->nfly; k++)
    if (run->fly[k].ok && run->fly[k].t0_s <= t1 && run->fly[k].t1_s > t0) return 1;
  return 0;
}

/* display precision of tick positions: 1e-6 deg (0.1 m) and 0.1 m; keeps ticks short */
static double r6(double x) { return round(x * 1e6) / 1e6; }
static double r1(double x) { return round(x * 10.0) / 10.0; }

static int emit_tick(struct bmd_live *lv, double t) {
  const struct bmd_live_run *run = lv->run;
  cJSON *j = cJSON_CreateObject(), *th = cJSON_CreateArray(), *ic = cJSON_CreateArray();
  cJSON_AddStringToObject(j, "kind", "tick");
  cJSON_AddNumberToObject(j, "t_s", t);
  cJSON_AddNumberToObject(j, "speed", lv->speed);
  cJSON_AddBoolToObject(j, "paused", lv->paused);
  for (int i = 0; i < run->res.nthreats; i++) {
    double la, lo, h;
    cJSON *o;
    if (!threat_flying(run, i, t) || !threat_pos(lv->sc, run, i, t, &la, &lo, &h)) continue;
    o = cJSON_CreateObject();
    cJSON_idx(o, "threat", i);
    cJSON_AddNumberToObject(o, "lat_deg", r6(la));
    cJSON_AddNumberToObject(o, "lon_deg", r6(lo));
    cJSON_AddNumberToObject(o, "alt_m", r1(h));
    cJSON_AddItemToArray(th, o);
  }
  for (int k = 0; k < run->nfly; k++) {
    double la, lo, h;
    cJSON *o;
    if (!ifly_pos(lv->sc, &run->fly[k], t, &la, &lo, &h)) continue;
    o = cJSON_CreateObject();
    cJSON_idx(o, "site", run->fly[k].site);
    cJSON_idx(o, "threat", run->fly[k].threat);
    cJSON_AddNumberToObject(o, "lat_deg", r6(la));
    cJSON_AddNumberToObject(o, "lon_deg", r6(lo));
    cJSON_AddNumberToObject(o, "alt_m", r1(h));
    cJSON_AddItemToArray(ic, o);
  }
  cJSON_AddItemToObject(j, "threats", th);
  cJSON_AddItemToObject(j, "interceptors", ic);
  return emit_json(lv, BMD_LIVE_EVENTS, t, j, 1);
}

static int emit_clock(struct bmd_live *lv, double t) {
  cJSON *j = cJSON_CreateObject();
  cJSON_AddStringToObject(j, "kind", "clock");
  cJSON_AddNumberToObject(j, "t_s", t);
  cJSON_AddNumberToObject(j, "speed", lv->speed);
  cJSON_AddBoolToObject(j, "paused", lv->paused);
  return emit_json(lv, BMD_LIVE_OBSERVER, t, j, 1);
}

static int emit_control(struct bmd_live *lv, const char *action) {
  int st = BMD_OK;
  for (int feed = 0; feed < BMD_LIVE_NFEEDS; feed++) {
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "kind", "control");
    cJSON_AddNumberToObject(j, "t_s", lv->t_s);
    cJSON_AddStringToObject(j, "action", action);
    cJSON_AddNumberToObject(j, "speed", lv->speed);
    cJSON_AddBoolToObject(j, "paused", lv->paused);
    if (emit_json(lv, feed, lv->t_s, j, 0) != BMD_OK) st = BMD_ENOMEM;
  }
  return st;
}

static int emit_end(struct bmd_live *lv) {
  const struct bmd_sim_result *r = &lv->run->res;
  int fired = 0;
  cJSON *j = cJSON_CreateObject();
  for (int s = 0; s < r->nsites; s++) fired += r->spent[s];
  cJSON_AddStringToObject(j, "kind", "end");
  cJSON_AddNumberToObject(j, "t_s", lv->t_s);
  add_counts(j, &r->count);
  cJSON_idx(j, "interceptors_fired", fired);
  return emit_json(lv, BMD_LIVE_EVENTS, lv->t_s, j, 0);
}

static void apply_change(struct bmd_live *lv, const struct bmd_live_site_change *c) {
  if (c->kind == BMD_LIVE_CH_RADAR && c->index < lv->sc->nradars) lv->radar_now[c->index] = c->radar;
  else if (c->kind == BMD_LIVE_CH_LAUNCHER && c->index < lv->sc->nsites) lv->site_now[c->index] = c->launcher;
}

/* release every message due by time t, in time order (engine events, then site changes,
   then ticks and clocks at equal times); lv->t_s follows */
static int release_until(struct bmd_live *lv, double t) {
  const struct bmd_live_run *run = lv->run;
  int st = BMD_OK;
  for (;;) {
    double te = lv->pos_ev < run->nev ? run->ev[lv->pos_ev].t_s : HUGE_VAL;
    double to = lv->pos_obs < run->nobs ? run->obs[lv->pos_obs].t_s : HUGE_VAL;
    double tt = lv->next_tick_s <= run->end_t_s ? lv->next_tick_s : HUGE_VAL;
    double tc = lv->next_clock_s <= run->end_t_s ? lv->next_clock_s : HUGE_VAL;
    double m = fmin(fmin(te, to), fmin(tt, tc));
    if (!(m <= t)) break;
    lv->t_s = fmax(lv->t_s, m);
    if (te <= m) {
      if (emit(lv, BMD_LIVE_EVENTS, te, run->ev[lv->pos_ev].body, 0) != BMD_OK) st = BMD_ENOMEM;
      lv->pos_ev++;
    } else if (to <= m) {
      if (emit(lv, BMD_LIVE_OBSERVER, to, run->obs[lv->pos_obs].body, 0) != BMD_OK) st = BMD_ENOMEM;
      apply_change(lv, &run->log[lv->pos_obs]);
      lv->pos_obs++;
    } else if (tt <= m) {
      if (emit_tick(lv, tt) != BMD_OK) st = BMD_ENOMEM;
      lv->next_tick_s = tt + (anything_flies(run, tt, tt + BMD_LIVE_IDLE_TICK_S) ? BMD_LIVE_TICK_S : BMD_LIVE_IDLE_TICK_S);
    } else {
      if (emit_clock(lv, tc) != BMD_OK) st = BMD_ENOMEM;
      lv->next_clock_s = tc + BMD_LIVE_IDLE_TICK_S;
    }
  }
  return st;
}

void bmd_live_restart(struct bmd_live *lv, struct bmd_live_run *run) {
  const struct bmd_scenario *sc = lv->sc;
  cJSON *j;
  bmd_live_run_free(lv->run);
  lv->run = run;
  lv->run_no++;
  lv->t_s = 0.0;
  lv->ended = 0;
  lv->pos_ev = lv->pos_obs = 0;
  lv->next_tick_s = lv->next_clock_s = 0.0;
  for (int feed = 0; feed < BMD_LIVE_NFEEDS; feed++) feed_clear(&lv->feed[feed]);
  for (int k = 0; k < sc->nradars; k++) memset(&lv->radar_now[k], 0, sizeof lv->radar_now[k]);
  for (int s = 0; s < sc->nsites; s++) {
    lv->site_now[s].loaded = sc->sites[s].inventory;
    lv->site_now[s].fired = 0;
  }
  j = cJSON_CreateObject();
  cJSON_AddStringToObject(j, "kind", "restart");
  cJSON_AddNumberToObject(j, "t_s", 0.0);
  add_seed(j, run->seed);
  cJSON_AddNumberToObject(j, "speed", lv->speed);
  cJSON_AddBoolToObject(j, "paused", lv->paused);
  emit_json(lv, BMD_LIVE_EVENTS, 0.0, j, 0);
  j = cJSON_CreateObject();
  cJSON_AddStringToObject(j, "kind", "restart");
  cJSON_AddNumberToObject(j, "t_s", 0.0);
  cJSON_AddNumberToObject(j, "speed", lv->speed);
  cJSON_AddBoolToObject(j, "paused", lv->paused);
  emit_json(lv, BMD_LIVE_OBSERVER, 0.0, j, 0);
  release_until(lv, 0.0);
}

int bmd_live_advance(struct bmd_live *lv, double wall_dt_s) {
  double target;
  int st;
  if (lv->paused || lv->ended || !(wall_dt_s > 0.0)) return 0;
  target = lv->t_s + lv->speed * wall_dt_s;
  st = release_until(lv, target);
  if (lv->pos_ev >= lv->run->nev && lv->pos_obs >= lv->run->nobs && target >= lv->run->end_t_s) {
    lv->t_s = lv->run->end_t_s;
    lv->ended = 1;
    if (emit_end(lv) != BMD_OK) st = BMD_ENOMEM;
    return st != BMD_OK ? -1 : lv->loop;
  }
  lv->t_s = fmin(target, lv->run->end_t_s);
  return st != BMD_OK ? -1 : 0;
}

void bmd_live_pause(struct bmd_live *lv) {
  lv->paused = 1;
  emit_control(lv, "pause");
}

void bmd_live_resume(struct bmd_live *lv) {
  lv->paused = 0;
  emit_control(lv, "resume");
}

int bmd_live_set_speed(struct bmd_live *lv, double x) {
  if (!(x > 0.0) || !(x <= BMD_LIVE_MAX_SPEED)) return BMD_EINVAL;
  lv->speed = x;
  emit_control(lv, "speed");
  return BMD_OK;
}

/* ---------------------------------------------------------------- life cycle */


int bmd_live_alloc(struct bmd_live **out, const struct bmd_scenario *sc, unsigned long seed, double speed,
                   int loop, struct bmd_diag *d) {
  struct bmd_live *lv;
  struct bmd_live_run *run = NULL;
  int st;
  *out = NULL;
  if (!(speed > 0.0) || !(speed <= BMD_LIVE_MAX_SPEED)) {
    bmd_diag_set(d, "", 0, 0, "speed %g is not in (0, %g]", speed, BMD_LIVE_MAX_SPEED);
    return BMD_EINVAL;
  }
  lv = calloc(1, sizeof *lv);
  if (!lv) goto oom;
  lv->sc = sc;
  lv->speed = speed;
  lv->loop = loop;
  for (int feed = 0; feed < BMD_LIVE_NFEEDS; feed++) {
    lv->feed[feed].first_id = lv->feed[feed].next_id = 1;
    lv->feed[feed].off = calloc(1, sizeof *lv->feed[feed].off);
    if (!lv->feed[feed].off) goto oom;
  }
  lv->radar_now = calloc((size_t)sc->nradars + 1, sizeof *lv->radar_now);
  lv->site_now = calloc((size_t)sc->nsites + 1, sizeof *lv->site_now);
  lv->features = bmd_live_features_build(sc);
  if (!lv->radar_now || !lv->site_now || !lv->features) goto oom;
  st = bmd_sim_prep_alloc(sc, &lv->prep, d, NULL, NULL);
  if (st != BMD_OK) {
    bmd_live_free(lv);
    return st;
  }
  if (bmd_live_run_build(lv, seed, &run) != BMD_OK) goto oom;
  bmd_live_restart(lv, run);
  *out = lv;
  return BMD_OK;
oom:
  bmd_live_free(lv);
  bmd_diag_set(d, sc->file, 0, 0, "%s", bmd_strerror(BMD_ENOMEM));
  return BMD_ENOMEM;
}

void bmd_live_free(struct bmd_live *lv) {
  if (!lv) return;
  for (int feed = 0; feed < BMD_LIVE_NFEEDS; feed++) feed_release(&lv->feed[feed]);
  bmd_live_run_free(lv->run);
  bmd_sim_prep_free(lv->prep);
  free(lv->radar_now);
  free(lv->site_now);
  free(lv->features);
  free(lv);
}

/* ---------------------------------------------------------------- accessors */

double bmd_live_time(const struct bmd_live *lv) { return lv->t_s; }
double bmd_live_end_time(const struct bmd_live *lv) { return lv->run->end_t_s; }
double bmd_live_speed(const struct bmd_live *lv) { return lv->speed; }
int bmd_live_paused(const struct bmd_live *lv) { return lv->paused; }
int bmd_live_ended(const struct bmd_live *lv) { return lv->ended; }
int bmd_live_run_number(const struct bmd_live *lv) { return lv->run_no; }
unsigned long bmd_live_seed(const struct bmd_live *lv) { return lv->run->seed; }
const struct bmd_scenario *bmd_live_scenario(const struct bmd_live *lv) { return lv->sc; }
const struct bmd_sim_result *bmd_live_result(const struct bmd_live *lv) { return &lv->run->res; }
struct bmd_live_stats *bmd_live_stats(struct bmd_live *lv) { return &lv->stats; }
const struct bmd_live_stats *bmd_live_stats_const(const struct bmd_live *lv) { return &lv->stats; }

long bmd_live_last_id(const struct bmd_live *lv, int feed) { return lv->feed[feed].next_id - 1; }

long bmd_live_first_index(const struct bmd_live *lv, int feed, long after_id) {
  const struct feedbuf *fb = &lv->feed[feed];
  if (after_id < fb->first_id || after_id >= fb->next_id) return 0;
  return after_id - fb->first_id + 1;
}

long bmd_live_nframes(const struct bmd_live *lv, int feed) { return lv->feed[feed].n; }

const struct bmd_live_frame *bmd_live_frame(const struct bmd_live *lv, int feed, long k) {
  const struct feedbuf *fb = &lv->feed[feed];
  return k >= 0 && k < fb->n ? &fb->f[k] : NULL;
}

size_t bmd_live_bytes_from(const struct bmd_live *lv, int feed, long k) {
  const struct feedbuf *fb = &lv->feed[feed];
  if (k < 0) k = 0;
  if (k >= fb->n) return 0;
  return fb->off[fb->n] - fb->off[k];
}

const struct bmd_live_site_change *bmd_live_site_log(const struct bmd_live *lv, long *n) {
  *n = lv->run->nlog;
  return lv->run->log;
}

/* ---------------------------------------------------------------- documents */

char *bmd_live_scenario_geojson(const struct bmd_live *lv) {
  cJSON *meta = cJSON_CreateObject();
  char *m, *out;
  size_t cap;
  cJSON_AddStringToObject(meta, "scenario", lv->sc->name);
  add_seed(meta, lv->run->seed);
  cJSON_AddNumberToObject(meta, "speed", lv->speed);
  cJSON_AddNumberToObject(meta, "end_t_s", lv->run->end_t_s);
  {
    /* the outcome vocabulary, for the page's words and their meanings */
    cJSON *oc = cJSON_AddObjectToObject(meta, "outcomes");
    for (int o = 0; o < BMD_OUTCOME_COUNT; o++) cJSON_AddStringToObject(oc, bmd_outcome_name(o), bmd_outcome_text(o));
    cJSON_AddStringToObject(oc, BMD_OUTCOME_REACHED_TARGET, BMD_OUTCOME_REACHED_TARGET_TEXT);
    cJSON_AddStringToObject(meta, "outcomes_doc", BMD_OUTCOME_DOC);
  }
  m = bmd_live_json_text(meta);
  if (!m) return NULL;
  cap = strlen(m) + strlen(lv->features) + 64;
  out = malloc(cap);
  if (out) snprintf(out, cap, "{\"type\":\"FeatureCollection\",\"bmdsim\":%s,\"features\":%s}", m, lv->features);
  free(m);
  return out;
}

static const char *threat_status(const struct bmd_live *lv, int i, double *lat, double *lon, double *alt) {
  const struct bmd_live_run *run = lv->run;
  const struct bmd_sim_threat *th = &run->res.threats[i];
  const struct bmd_scen_threat *tq = &lv->sc->threats[i];
  double t = lv->t_s;
  if (t < th->launch_t_s) {
    *lat = tq->from_lat_deg;
    *lon = tq->from_lon_deg;
    *alt = tq->from_alt_m;
    return "waiting";
  }
  if (!threat_pos(lv->sc, run, i, fmin(t, run->threat_end_s[i]), lat, lon, alt)) {
    *lat = th->traj.impact_lat_deg;
    *lon = th->traj.impact_lon_deg;
    *alt = 0.0;
  }
  if (t < run->threat_end_s[i]) return "flying";
  return bmd_outcome_name(th->outcome);
}

char *bmd_live_state_json(const struct bmd_live *lv) {
  const struct bmd_scenario *sc = lv->sc;
  cJSON *j = cJSON_CreateObject(), *a, *o, *cl, *counts;
  struct bmd_outcome_counts n;
  int fired = 0;
  memset(&n, 0, sizeof n);
  cJSON_idx(j, "run", lv->run_no);
  cJSON_AddNumberToObject(j, "t_s", lv->t_s);
  cJSON_AddNumberToObject(j, "end_t_s", lv->run->end_t_s);
  cJSON_AddNumberToObject(j, "speed", lv->speed);
  cJSON_AddBoolToObject(j, "paused", lv->paused);
  cJSON_AddBoolToObject(j, "ended", lv->ended);
  add_seed(j, lv->run->seed);
  cJSON_AddStringToObject(j, "scenario", sc->name);
  cJSON_AddNumberToObject(j, "last_event_id", (double)bmd_live_last_id(lv, BMD_LIVE_EVENTS));
  cJSON_AddNumberToObject(j, "last_observer_id", (double)bmd_live_last_id(lv, BMD_LIVE_OBSERVER));
  cl = cJSON_AddObjectToObject(j, "clients");
  cJSON_AddNumberToObject(cl, "events", (double)lv->stats.clients[BMD_LIVE_EVENTS]);
  cJSON_AddNumberToObject(cl, "observer", (double)lv->stats.clients[BMD_LIVE_OBSERVER]);
  a = cJSON_AddArrayToObject(j, "sites");
  for (int s = 0; s < sc->nsites; s++) {
    o = cJSON_CreateObject();
    cJSON_idx(o, "site", s);
    cJSON_AddStringToObject(o, "name", sc->sites[s].name);
    cJSON_idx(o, "loaded", lv->site_now[s].loaded);
    cJSON_idx(o, "fired", lv->site_now[s].fired);
    fired += lv->site_now[s].fired;
    cJSON_AddItemToArray(a, o);
  }
  a = cJSON_AddArrayToObject(j, "radars");
  for (int k = 0; k < sc->nradars; k++) {
    const struct bmd_live_radar_state *r = &lv->radar_now[k];
    cJSON *sec;
    o = cJSON_CreateObject();
    cJSON_idx(o, "radar", k);
    cJSON_AddStringToObject(o, "name", sc->radars[k].name);
    cJSON_AddBoolToObject(o, "emitting", r->emitting);
    cJSON_AddStringToObject(o, "mode", bmd_live_mode_name(r->mode));
    sec = cJSON_AddArrayToObject(o, "sector_az_deg");
    cJSON_AddItemToArray(sec, cJSON_CreateNumber(r->sector_az_deg[0]));
    cJSON_AddItemToArray(sec, cJSON_CreateNumber(r->sector_az_deg[1]));
    cJSON_AddItemToArray(a, o);
  }
  a = cJSON_AddArrayToObject(j, "threats");
  for (int i = 0; i < sc->nthreats && i < lv->run->res.nthreats; i++) {
    double la, lo, h;
    const char *st = threat_status(lv, i, &la, &lo, &h);
    o = cJSON_CreateObject();
    cJSON_idx(o, "threat", i);
    cJSON_AddStringToObject(o, "name", sc->threats[i].id);
    cJSON_AddStringToObject(o, "status", st);
    if (strcmp(st, "waiting") != 0 && strcmp(st, "flying") != 0) {
      const struct bmd_sim_threat *th = &lv->run->res.threats[i];
      bmd_outcome_counts_add(&n, th->outcome);
      if (th->outcome == BMD_OUTCOME_UNENGAGED)
        cJSON_AddStringToObject(o, "reason", bmd_engage_reason_word((enum bmd_engage_reason)th->reason));
    }
    cJSON_AddNumberToObject(o, "lat_deg", la);
    cJSON_AddNumberToObject(o, "lon_deg", lo);
    cJSON_AddNumberToObject(o, "alt_m", h);
    cJSON_AddItemToArray(a, o);
  }
  counts = cJSON_AddObjectToObject(j, "counts");
  add_counts(counts, &n);
  cJSON_idx(counts, "interceptors_fired", fired);
  return bmd_live_json_text(j);
}

char *bmd_live_metrics_text(const struct bmd_live *lv) {
  static const char *const feeds[] = {"events", "observer"};
  size_t cap = 4096, n = 0;
  char *out = malloc(cap);
  const struct bmd_live_stats *st = &lv->stats;
  if (!out) return NULL;
#define APPEND(...)                                                            \
  do {                                                                         \
    int w_ = snprintf(out + n, cap - n, __VA_ARGS__);                          \
    if (w_ > 0 && (size_t)w_ < cap - n) n += (size_t)w_;                       \
  } while (0)
  APPEND("# HELP bmdsim_clients Connected Server-Sent-Events clients.\n# TYPE bmdsim_clients gauge\n");
  for (int f = 0; f < BMD_LIVE_NFEEDS; f++) APPEND("bmdsim_clients{feed=\"%s\"} %ld\n", feeds[f], st->clients[f]);
  APPEND("# HELP bmdsim_events_sent_total Messages delivered to clients.\n# TYPE bmdsim_events_sent_total counter\n");
  for (int f = 0; f < BMD_LIVE_NFEEDS; f++) APPEND("bmdsim_events_sent_total{feed=\"%s\"} %ld\n", feeds[f], st->sent[f]);
  APPEND("# HELP bmdsim_messages_released_total Messages released on the simulation clock (last id).\n"
         "# TYPE bmdsim_messages_released_total counter\n");
  for (int f = 0; f < BMD_LIVE_NFEEDS; f++)
    APPEND("bmdsim_messages_released_total{feed=\"%s\"} %ld\n", feeds[f], bmd_live_last_id(lv, f));
  APPEND("# HELP bmdsim_clients_dropped_total Slow clients disconnected.\n# TYPE bmdsim_clients_dropped_total counter\n"
         "bmdsim_clients_dropped_total %ld\n", st->dropped);
  APPEND("# HELP bmdsim_sim_time_seconds Simulation clock.\n# TYPE bmdsim_sim_time_seconds gauge\n"
         "bmdsim_sim_time_seconds %.3f\n", lv->t_s);
  APPEND("# HELP bmdsim_sim_speed Simulated seconds per wall second.\n# TYPE bmdsim_sim_speed gauge\n"
         "bmdsim_sim_speed %g\n", lv->speed);
  APPEND("# HELP bmdsim_sim_lag_seconds Simulation clock behind speed x wall time.\n"
         "# TYPE bmdsim_sim_lag_seconds gauge\nbmdsim_sim_lag_seconds %.6f\n", st->lag_s);
  APPEND("# HELP bmdsim_sim_paused 1 while paused.\n# TYPE bmdsim_sim_paused gauge\nbmdsim_sim_paused %d\n", lv->paused);
  APPEND("# HELP bmdsim_run Runs started (restarts + 1).\n# TYPE bmdsim_run counter\nbmdsim_run %d\n", lv->run_no);
#undef APPEND
  return out;
}
