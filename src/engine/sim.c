/* sim.c - the time-ordered engagement engine (sim.h). */
#include <bmd/sim.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <bmd/aim.h>
#include <bmd/const.h>
#include <bmd/fan.h>
#include <bmd/geodesic.h>
#include <bmd/radar.h>
#include <bmd/status.h>
#include <bmd/track.h>

const char *bmd_sim_event_name(enum bmd_sim_event_kind k) {
  switch (k) {
#define BMD_X_(name, word) case BMD_SIM_##name: return word;
    BMD_SIM_EVENTS(BMD_X_)
#undef BMD_X_
  }
  return "unknown";
}

const char *bmd_sim_outcome_name(enum bmd_sim_outcome o) {
  static const char *const n[] = {"killed", "leaked", "not-engaged"};
  return (unsigned)o < 3 ? n[o] : "unknown";
}

#define TICK_S 1.0            /* sensing and decision step */
#define REEVAL_S 10.0         /* retry an impossible engagement this often */
#define SIGMA_V0_MPS 5000.0   /* velocity uncertainty of a new track (unknown) */
#define TRACK_LOG_S 10.0      /* log a firm track's state this often */

enum action_kind { A_LAUNCH, A_INTERCEPT, A_ASSESS };

struct action {
  double t;                   /* absolute */
  int kind;
  int threat, site;
  int shot0, nshot;           /* shots of this salvo in the threat's list */
};

struct tstate {
  int in_flight, killed, done;
  int has_track, nupdates, fc_updates, firm;
  int cued;
  int pending;                /* an engagement is under way */
  double next_eval;           /* absolute time of the next engagement attempt */
  double last_track_log;      /* absolute time of the last logged track state */
  struct bmd_track track;
  double *last_scan;          /* per radar, absolute */
};

struct engine {
  const struct bmd_scenario *sc;
  struct bmd_sim_result *res;
  gsl_rng *rng;
  struct bmd_radar *radars;
  struct tstate *ts;
  struct bmd_fan *fans;       /* [site * nthreats + threat], built on demand */
  char *fan_built;
  int *alias;                 /* [threat]: first earlier threat with the same flight, or itself */
  char *dead;                 /* [threat * nsites + site]: no engagement possible any more */
  enum bmd_engage_reason *dead_why;
  int *inventory;
  double *launcher_free;      /* [site][launcher] absolute time */
  int *launcher_off;          /* offset of each site's launchers */
  struct action *acts;
  int nacts, capacts;
  long seq;
  int oom;
};

#if defined(__GNUC__)
__attribute__((format(printf, 9, 10)))
#endif
static void logev(struct engine *e, double t, int kind, int threat, int site, int radar,
                  const double pos[3], double value, const char *fmt, ...) {
  struct bmd_sim_result *r = e->res;
  struct bmd_sim_event *ev;
  va_list ap;
  if (r->nevents == r->cap) {
    long nc = r->cap ? r->cap * 2 : 256;
    struct bmd_sim_event *ne = realloc(r->events, (size_t)nc * sizeof *ne);
    if (!ne) {
      e->oom = 1;
      return;
    }
    r->events = ne;
    r->cap = nc;
  }
  ev = &r->events[r->nevents++];
  memset(ev, 0, sizeof *ev);
  ev->t_s = t;
  ev->kind = kind;
  ev->threat = threat;
  ev->site = site;
  ev->radar = radar;
  if (pos) {
    ev->alt_m = pos[0];
    ev->lat_deg = pos[1];
    ev->lon_deg = pos[2];
  }
  ev->value = value;
  ev->seq = e->seq++;
  va_start(ap, fmt);
  vsnprintf(ev->note, sizeof ev->note, fmt, ap);
  va_end(ap);
}

static int push_action(struct engine *e, struct action a) {
  if (e->nacts == e->capacts) {
    int nc = e->capacts ? e->capacts * 2 : 64;
    struct action *na = realloc(e->acts, (size_t)nc * sizeof *na);
    if (!na) {
      e->oom = 1;
      return -1;
    }
    e->acts = na;
    e->capacts = nc;
  }
  e->acts[e->nacts++] = a;
  return 0;
}

/* threat i's Earth-fixed position at absolute time t; 0 if not in flight */
static int threat_pos(const struct engine *e, int i, double t, double r[3]) {
  const struct bmd_sim_threat *th = &e->res->threats[i];
  return bmd_traj_state_at(&th->traj, t - th->launch_t_s, NULL, r, NULL);
}

static void geo_of(const struct engine *e, const double r[3], double pos[3]) {
  double la, lo, h;
  bmd_physics_from_ecef(&e->sc->phys, r, &la, &lo, &h);
  pos[0] = h;
  pos[1] = la / BMD_DEG;
  pos[2] = lo / BMD_DEG;
}

/* Fans are shared by the threats of one site whose corridors lie in the same 20-degree
   azimuth sector: off its azimuth by up to 10 degrees a fan is within ~1% (test_fan
   measures 2-3% at 30 degrees). */
#define FAN_SECTOR_DEG 20.0
#define FAN_SECTORS 18
#define FAN_DT_S 2.0
#define FAN_TMAX_S 1800.0

static const struct bmd_fan *fan_for(struct engine *e, int s, int i) {
  const struct bmd_scen_site *st = &e->sc->sites[s];
  const struct bmd_traj_result *tj = &e->res->threats[e->alias[i]].traj;
  double az = bmd_engage_fan_azimuth(tj, &e->sc->phys, st->lat_deg, st->lon_deg);
  int b = (int)floor(fmod(az + 360.0, 360.0) / FAN_SECTOR_DEG) % FAN_SECTORS;
  size_t k = (size_t)s * FAN_SECTORS + (size_t)b;
  if (!e->fan_built[k]) {
    double tmax = 0.0;
    for (int j = 0; j < e->sc->nthreats; j++)
      if (e->res->threats[j].traj.impact_t_s > tmax) tmax = e->res->threats[j].traj.impact_t_s;
    if (tmax > FAN_TMAX_S) tmax = FAN_TMAX_S;
    if (bmd_fan_build(&e->fans[k], &st->interceptor->vehicle, &e->sc->phys, st->lat_deg,
                      st->lon_deg, st->alt_m, (b + 0.5) * FAN_SECTOR_DEG, tmax, FAN_DT_S) != BMD_OK) {
      e->oom = 1;
      return NULL;
    }
    e->fan_built[k] = 1;
  }
  return &e->fans[k];
}

/* free launchers of site s at absolute time t */
static int free_launchers(const struct engine *e, int s, double t) {
  int n = 0;
  for (int l = 0; l < e->sc->sites[s].launchers; l++)
    if (e->launcher_free[e->launcher_off[s] + l] <= t) n++;
  return n;
}

static void take_launchers(struct engine *e, int s, double t_launch, int n) {
  const struct bmd_scen_site *st = &e->sc->sites[s];
  for (int l = 0; l < st->launchers && n > 0; l++) {
    double *f = &e->launcher_free[e->launcher_off[s] + l];
    if (*f <= t_launch) {
      /* reload_s 0: a launcher holds one round and is not reloaded in battle */
      *f = st->reload_s > 0.0 ? t_launch + st->reload_s : HUGE_VAL;
      n--;
    }
  }
}

/* try to engage threat i at absolute time t */
static void plan(struct engine *e, int i, double t) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_threat *th = &e->res->threats[i];
  struct tstate *ts = &e->ts[i];
  double ready_abs = t + sc->c2.decision_latency_s;
  int best = -1;
  struct bmd_engage_result best_er;
  enum bmd_engage_reason why = BMD_ENGAGE_OUT_OF_RANGE;
  int why_divert = 0, why_stock = 0;

  memset(&best_er, 0, sizeof best_er);
  for (int s = 0; s < sc->nsites; s++) {
    const struct bmd_scen_site *st = &sc->sites[s];
    const struct bmd_missile *ic = st->interceptor;
    struct bmd_engage_params p;
    struct bmd_engage_result er;
    const struct bmd_fan *fan;
    if (e->inventory[s] <= 0 || free_launchers(e, s, HUGE_VAL) <= 0) {
      why_stock = 1;
      continue;
    }
    /* every reason an engagement fails is permanent as time goes on (the ready time only
       grows), except the divert check: skip pairs already found impossible */
    if (e->dead[(size_t)i * (size_t)sc->nsites + (size_t)s]) {
      enum bmd_engage_reason rw = e->dead_why[(size_t)i * (size_t)sc->nsites + (size_t)s];
      if (rw > why || why == BMD_ENGAGE_OUT_OF_RANGE) why = rw;
      continue;
    }
    fan = fan_for(e, s, i);
    if (!fan) return;
    p.site_lat_deg = st->lat_deg;
    p.site_lon_deg = st->lon_deg;
    p.site_alt_m = st->alt_m;
    p.ready_t_s = ready_abs - th->launch_t_s;
    p.min_alt_m = ic->kv.min_alt_km * 1e3;
    p.max_alt_m = ic->kv.max_alt_km * 1e3;
    p.min_closing_mps = ic->kv.min_closing_mps;
    p.max_range_m = ic->kv.max_range_km * 1e3;
    p.dt_s = 1.0;
    bmd_engage_solve(fan, &th->traj, &sc->phys, &p, &er);
    if (!er.feasible) {
      if (er.reason > why || why == BMD_ENGAGE_OUT_OF_RANGE) why = er.reason;
      e->dead[(size_t)i * (size_t)sc->nsites + (size_t)s] = 1;
      e->dead_why[(size_t)i * (size_t)sc->nsites + (size_t)s] = er.reason;
      continue;
    }
    /* divert: the kill vehicle must take out the track error in its homing time, at
       3 sigma. The fire-control radar keeps tracking during the fly-out, so the error at
       intercept is taken as the track's error now (not the error predicted without
       updates, which grows to hundreds of km over a long fly-out). */
    {
      double sig = bmd_track_predicted_sigma_m(&ts->track, t);
      if (3.0 * sig / sc->c2.kv_homing_s > ic->kv.divert_mps) {
        why_divert = 1;
        continue;
      }
    }
    if (best < 0 || er.earliest.t_s < best_er.earliest.t_s) {
      best = s;
      best_er = er;
    }
  }
  if (best < 0) {
    const char *w = why_divert ? "track too poor for the kill vehicle's divert"
                               : (why_stock && why == BMD_ENGAGE_OUT_OF_RANGE ? "no interceptors left in reach"
                                                                             : bmd_engage_reason_word(why));
    if (strcmp(th->why_not, w) != 0) {
      double r[3], pos[3] = {0, 0, 0};
      if (threat_pos(e, i, t, r)) geo_of(e, r, pos);
      snprintf(th->why_not, sizeof th->why_not, "%s", w);
      logev(e, t, BMD_SIM_NO_ENGAGEMENT, i, -1, -1, pos, 0.0, "%s", w);
    }
    ts->next_eval = t + REEVAL_S;
    return;
  }
  {
    const struct bmd_scen_site *st = &sc->sites[best];
    int nshot = sc->c2.salvo;
    int sls = 0;
    double launch_abs = th->launch_t_s + best_er.earliest.launch_t_s;
    if (sc->c2.doctrine == BMD_DOCTRINE_SLS &&
        best_er.latest.launch_t_s >= best_er.earliest.t_s + sc->c2.kill_assessment_s) {
      nshot = 1;
      sls = 1;
    }
    if (nshot > e->inventory[best]) nshot = e->inventory[best];
    if (nshot > free_launchers(e, best, launch_abs)) nshot = free_launchers(e, best, launch_abs);
    if (nshot <= 0 || th->nshots + nshot > BMD_SIM_MAX_SHOTS) {
      ts->next_eval = t + REEVAL_S;
      return;
    }
    double pos[3] = {best_er.earliest.alt_m, best_er.earliest.lat_deg, best_er.earliest.lon_deg};
    logev(e, t, BMD_SIM_ENGAGE, i, best, -1, pos, best_er.earliest.closing_mps,
          "%s: %d x %s, window %.0f s, intercept planned at %.0f s", sls ? "shoot-look-shoot" : "salvo",
          nshot, st->interceptor->name, best_er.window_s, th->launch_t_s + best_er.earliest.t_s);
    struct action a = {launch_abs, A_LAUNCH, i, best, th->nshots, nshot};
    for (int k = 0; k < nshot; k++) {
      struct bmd_sim_shot *sh = &th->shots[th->nshots++];
      sh->site = best;
      sh->launch_t_s = launch_abs;
      sh->ic = best_er.earliest;
      sh->hit = 0;
    }
    e->inventory[best] -= nshot;
    e->res->spent[best] += nshot;
    take_launchers(e, best, launch_abs, nshot);
    push_action(e, a);
    a.t = th->launch_t_s + best_er.earliest.t_s;
    a.kind = A_INTERCEPT;
    push_action(e, a);
    ts->pending = 1;
  }
}

static void do_action(struct engine *e, const struct action *a) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_threat *th = &e->res->threats[a->threat];
  struct tstate *ts = &e->ts[a->threat];
  const struct bmd_scen_site *st = &sc->sites[a->site];
  if (a->kind == A_LAUNCH) {
    for (int k = 0; k < a->nshot; k++) {
      const struct bmd_sim_shot *sh = &th->shots[a->shot0 + k];
      double pos[3] = {st->alt_m, st->lat_deg, st->lon_deg};
      logev(e, a->t, BMD_SIM_INTERCEPTOR_LAUNCH, a->threat, a->site, -1, pos, 0.0,
            "%s #%d toward %s, fly-out %.0f s", st->interceptor->name, a->shot0 + k + 1,
            sc->threats[a->threat].id, sh->ic.tof_s);
    }
  } else if (a->kind == A_INTERCEPT) {
    if (ts->killed || ts->done) return;
    double p = sc->c2.reliability * bmd_scenario_sspk(sc, st->interceptor, sc->threats[a->threat].missile);
    int any = 0;
    for (int k = 0; k < a->nshot; k++) {
      struct bmd_sim_shot *sh = &th->shots[a->shot0 + k];
      double pos[3] = {sh->ic.alt_m, sh->ic.lat_deg, sh->ic.lon_deg};
      sh->hit = gsl_rng_uniform(e->rng) < p;
      logev(e, a->t, sh->hit ? BMD_SIM_KILL : BMD_SIM_MISS, a->threat, a->site, -1, pos,
            sh->ic.closing_mps, "%s #%d %s at %.0f km, closing %.0f m/s (p = %.2f)",
            st->interceptor->name, a->shot0 + k + 1, sh->hit ? "hits" : "misses",
            sh->ic.alt_m / 1e3, sh->ic.closing_mps, p);
      any |= sh->hit;
    }
    if (any) {
      ts->killed = 1;
      th->kill_t_s = a->t;
    }
    struct action ka = *a;
    ka.t = a->t + sc->c2.kill_assessment_s;
    ka.kind = A_ASSESS;
    push_action(e, ka);
  } else {
    if (ts->done && !ts->killed) return;
    double r[3], pos[3] = {0.0, 0.0, 0.0};
    if (threat_pos(e, a->threat, a->t, r)) geo_of(e, r, pos);
    logev(e, a->t, BMD_SIM_KILL_ASSESSMENT, a->threat, a->site, -1, pos, 0.0, "%s",
          ts->killed ? "threat destroyed" : "threat survived; re-engage if a window remains");
    if (ts->killed) {
      ts->done = 1;
    } else {
      ts->pending = 0;
      ts->next_eval = a->t;
    }
  }
}

static int cmp_action(const void *a, const void *b) {
  const struct action *x = a, *y = b;
  if (x->t != y->t) return x->t < y->t ? -1 : 1;
  if (x->threat != y->threat) return x->threat - y->threat;
  return x->kind - y->kind;
}

static int cmp_event(const void *a, const void *b) {
  const struct bmd_sim_event *x = a, *y = b;
  if (x->t_s != y->t_s) return x->t_s < y->t_s ? -1 : 1;
  return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* process actions due up to time t (inclusive), in time order */
static void run_actions(struct engine *e, double t) {
  for (;;) {
    int k = -1;
    for (int j = 0; j < e->nacts; j++)
      if (e->acts[j].t <= t && (k < 0 || cmp_action(&e->acts[j], &e->acts[k]) < 0)) k = j;
    if (k < 0) return;
    struct action a = e->acts[k];
    e->acts[k] = e->acts[--e->nacts];
    do_action(e, &a);
  }
}

static void sense(struct engine *e, int i, double t) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_threat *th = &e->res->threats[i];
  struct tstate *ts = &e->ts[i];
  double r[3];
  if (!threat_pos(e, i, t, r)) return;
  if (sc->ew && !ts->cued && t >= th->launch_t_s + sc->ew->detect_delay_s) {
    double pos[3];
    geo_of(e, r, pos);
    ts->cued = 1;
    {
      /* the report: launch point and initial azimuth with the sensor's stated errors */
      const struct bmd_scen_threat *tq = &sc->threats[i];
      double dn = gsl_ran_gaussian(e->rng, sc->ew->launch_point_error_km) / 111.195;
      double de = gsl_ran_gaussian(e->rng, sc->ew->launch_point_error_km) / 111.195;
      double daz = gsl_ran_gaussian(e->rng, sc->ew->azimuth_error_deg), az;
      double lp[3] = {0.0, tq->from_lat_deg + dn, tq->from_lon_deg + de / cos(tq->from_lat_deg * BMD_DEG)};
      bmd_geodesic_inverse(sc->phys.earth, tq->from_lat_deg, tq->from_lon_deg, tq->to_lat_deg,
                           tq->to_lon_deg, NULL, &az, NULL);
      logev(e, t, BMD_SIM_EW_REPORT, i, -1, -1, lp, fmod(az + daz + 360.0, 360.0),
            "%s reports a launch near %.2f N %.2f E heading %.0f deg", sc->ew->name, lp[1], lp[2],
            fmod(az + daz + 360.0, 360.0));
      (void)pos;
    }
  }
  for (int k = 0; k < sc->nradars; k++) {
    const struct bmd_radar *rd = &e->radars[k];
    double z[3], R[9];
    if (t - ts->last_scan[k] < rd->type->update_s) continue;
    if (rd->type->needs_cue && !ts->cued) continue;
    if (bmd_radar_look(rd, r, sc->threats[i].rcs_dbsm, NULL, NULL, NULL) != BMD_RADAR_SEEN) continue;
    ts->last_scan[k] = t;
    bmd_radar_measure(rd, r, e->rng, z, R);
    if (!ts->has_track) {
      static const double v0[3] = {0.0, 0.0, 0.0};
      bmd_track_init(&ts->track, t, z, R, v0, SIGMA_V0_MPS, sc->c2.track_q_m2ps3, sc->phys.rotation);
      ts->has_track = 1;
    } else {
      bmd_track_predict(&ts->track, t);
      bmd_track_update(&ts->track, z, R);
    }
    ts->nupdates++;
    if (rd->type->fire_control) ts->fc_updates++;
    if (ts->firm && t - ts->last_track_log >= TRACK_LOG_S) {
      double pos[3];
      geo_of(e, r, pos);
      ts->last_track_log = t;
      logev(e, t, BMD_SIM_TRACK, i, -1, k, pos, bmd_track_position_sigma_m(&ts->track),
            "track %s: %d updates, position sigma %.0f m", sc->threats[i].id, ts->nupdates,
            bmd_track_position_sigma_m(&ts->track));
    }
    if (isnan(th->first_detect_t_s)) {
      double pos[3];
      geo_of(e, r, pos);
      th->first_detect_t_s = t;
      th->first_detect_radar = k;
      ts->cued = 1; /* a detection cues the other radars too */
      logev(e, t, BMD_SIM_DETECT, i, -1, k, pos, 0.0, "%s detects %s", sc->radars[k].name, sc->threats[i].id);
    }
    if (!ts->firm && ts->nupdates >= sc->c2.firm_track_updates && ts->fc_updates > 0) {
      double pos[3];
      geo_of(e, r, pos);
      ts->firm = 1;
      th->firm_track_t_s = t;
      ts->next_eval = t;
      logev(e, t, BMD_SIM_FIRM_TRACK, i, -1, k, pos, bmd_track_position_sigma_m(&ts->track),
            "fire-control track on %s (%d updates, sigma %.0f m)", sc->threats[i].id, ts->nupdates,
            bmd_track_position_sigma_m(&ts->track));
    }
  }
}

int bmd_sim_run(const struct bmd_scenario *sc, unsigned long seed, struct bmd_sim_result *res,
                struct bmd_diag *d, bmd_sim_progress progress, void *pctx) {
  struct engine e;
  struct bmd_traj_opts o;
  int nl = 0, st = BMD_OK;
  double t0 = HUGE_VAL, t1 = -HUGE_VAL;

  memset(res, 0, sizeof *res);
  memset(&e, 0, sizeof e);
  e.sc = sc;
  e.res = res;
  res->nthreats = sc->nthreats;
  res->nsites = sc->nsites;
  res->threats = calloc((size_t)sc->nthreats, sizeof *res->threats);
  res->spent = calloc((size_t)(sc->nsites > 0 ? sc->nsites : 1), sizeof *res->spent);
  e.ts = calloc((size_t)sc->nthreats, sizeof *e.ts);
  e.radars = calloc((size_t)(sc->nradars > 0 ? sc->nradars : 1), sizeof *e.radars);
  e.fans = calloc((size_t)(sc->nsites * FAN_SECTORS + 1), sizeof *e.fans);
  e.fan_built = calloc((size_t)(sc->nsites * FAN_SECTORS + 1), 1);
  e.inventory = calloc((size_t)(sc->nsites + 1), sizeof *e.inventory);
  e.alias = calloc((size_t)sc->nthreats, sizeof *e.alias);
  e.dead = calloc((size_t)(sc->nthreats * sc->nsites + 1), 1);
  e.dead_why = calloc((size_t)(sc->nthreats * sc->nsites + 1), sizeof *e.dead_why);
  e.launcher_off = calloc((size_t)(sc->nsites + 1), sizeof *e.launcher_off);
  for (int s = 0; s < sc->nsites; s++) {
    e.launcher_off[s] = nl;
    nl += sc->sites[s].launchers;
  }
  e.launcher_free = calloc((size_t)(nl + 1), sizeof *e.launcher_free);
  e.rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!res->threats || !res->spent || !e.ts || !e.radars || !e.fans || !e.fan_built ||
      !e.inventory || !e.alias || !e.dead || !e.dead_why || !e.launcher_off || !e.launcher_free || !e.rng) {
    st = BMD_ENOMEM;
    goto done;
  }
  gsl_rng_set(e.rng, seed);
  for (int s = 0; s < sc->nsites; s++) {
    e.inventory[s] = sc->sites[s].inventory;
    for (int l = 0; l < sc->sites[s].launchers; l++) e.launcher_free[e.launcher_off[s] + l] = -HUGE_VAL;
  }
  for (int k = 0; k < sc->nradars; k++)
    bmd_radar_init(&e.radars[k], sc->radars[k].type, sc->radars[k].lat_deg, sc->radars[k].lon_deg,
                   sc->radars[k].alt_m, sc->radars[k].boresight_az_deg);

  /* the threats' trajectories, aimed and flown once */
  bmd_traj_opts_default(&o);
  o.phys = sc->phys;
  for (int i = 0; i < sc->nthreats && st == BMD_OK; i++) {
    const struct bmd_scen_threat *tq = &sc->threats[i];
    struct bmd_sim_threat *th = &res->threats[i];
    struct bmd_aim_request rq = {(enum bmd_aim_kind)tq->traj_kind, tq->apogee_km, tq->from_lat_deg,
                                 tq->from_lon_deg, tq->from_alt_m, tq->to_lat_deg, tq->to_lon_deg};
    struct bmd_aim_result ar;
    int same = -1;
    e.alias[i] = i;
    for (int j = 0; j < i && same < 0; j++) {
      const struct bmd_scen_threat *tj = &sc->threats[j];
      if (tj->missile == tq->missile && tj->from_lat_deg == tq->from_lat_deg &&
          tj->from_lon_deg == tq->from_lon_deg && tj->from_alt_m == tq->from_alt_m &&
          tj->to_lat_deg == tq->to_lat_deg && tj->to_lon_deg == tq->to_lon_deg &&
          tj->traj_kind == tq->traj_kind && tj->apogee_km == tq->apogee_km)
        same = j;
    }
    if (same >= 0) {
      /* the same missile on the same path: the same flight, shifted in time */
      const struct bmd_traj_result *src = &res->threats[same].traj;
      th->traj = *src;
      th->traj.samples = malloc((size_t)src->nsamples * sizeof *src->samples);
      if (!th->traj.samples) {
        st = BMD_ENOMEM;
        break;
      }
      memcpy(th->traj.samples, src->samples, (size_t)src->nsamples * sizeof *src->samples);
      th->traj.cap = src->nsamples;
      e.alias[i] = e.alias[same];
      goto flown;
    }
    int as = bmd_aim_solve(&tq->missile->vehicle, &o, &rq, &ar);
    if (as != BMD_OK) {
      bmd_diag_set(d, sc->file, 0, 0, "threat '%s': %s cannot reach %s from %s (%s; %.0f km away, maximum %.0f km)",
                   tq->id, tq->missile->name, tq->to, tq->from,
                   as == BMD_ERANGE ? "out of range" : bmd_strerror(as), ar.target_range_m / 1e3,
                   ar.max_range_m / 1e3);
      st = BMD_ERANGE;
      break;
    }
    struct bmd_traj_opts ro = o;
    ro.record = 1;
    ro.io.h_max_s = 2.0;
    if (bmd_traj_fly(&tq->missile->vehicle, &ro, rq.lat_deg, rq.lon_deg, rq.alt_m, &ar.control, &th->traj) != BMD_OK) {
      st = BMD_ENOMEM;
      break;
    }
  flown:
    if (progress) progress(pctx, i + 1, sc->nthreats);
    th->launch_t_s = tq->launch_s;
    th->impact_t_s = tq->launch_s + th->traj.impact_t_s;
    th->first_detect_t_s = nan("");
    th->firm_track_t_s = nan("");
    th->kill_t_s = nan("");
    th->first_detect_radar = -1;
    e.ts[i].last_scan = calloc((size_t)(sc->nradars + 1), sizeof *e.ts[i].last_scan);
    if (!e.ts[i].last_scan) {
      st = BMD_ENOMEM;
      break;
    }
    for (int k = 0; k < sc->nradars; k++) e.ts[i].last_scan[k] = -HUGE_VAL;
    e.ts[i].next_eval = HUGE_VAL;
    if (th->launch_t_s < t0) t0 = th->launch_t_s;
    if (th->impact_t_s > t1) t1 = th->impact_t_s;
  }
  if (st != BMD_OK) goto done;

  /* the time loop: actions due, then launches, sensing, decisions, impacts */
  for (double t = floor(t0); t <= ceil(t1) + TICK_S && !e.oom; t += TICK_S) {
    if (progress) progress(pctx, (long)(t - floor(t0)), (long)(ceil(t1) - floor(t0) + TICK_S));
    run_actions(&e, t);
    /* serve threats in priority order: shortest time to impact (or highest value) first */
    int order[1024], n = sc->nthreats < 1024 ? sc->nthreats : 1024;
    for (int i = 0; i < n; i++) order[i] = i;
    for (int a = 1; a < n; a++) {
      int x = order[a], b = a - 1;
      while (b >= 0) {
        int y = order[b];
        int before = sc->c2.priority == BMD_PRIORITY_TARGET_VALUE
                         ? sc->threats[x].value > sc->threats[y].value
                         : res->threats[x].impact_t_s < res->threats[y].impact_t_s;
        if (!before) break;
        order[b + 1] = y;
        b--;
      }
      order[b + 1] = x;
    }
    for (int q = 0; q < n; q++) {
      int i = order[q];
      struct bmd_sim_threat *th = &res->threats[i];
      struct tstate *ts = &e.ts[i];
      if (ts->done) continue;
      if (!ts->in_flight && t >= th->launch_t_s) {
        double pos[3] = {sc->threats[i].from_alt_m, sc->threats[i].from_lat_deg, sc->threats[i].from_lon_deg};
        ts->in_flight = 1;
        logev(&e, th->launch_t_s, BMD_SIM_THREAT_LAUNCH, i, -1, -1, pos, 0.0, "%s %s launched from %s at %s",
              sc->threats[i].id, sc->threats[i].missile->name, sc->threats[i].from, sc->threats[i].to);
      }
      if (!ts->in_flight) continue;
      if (t >= th->impact_t_s) {
        double pos[3] = {0.0, th->traj.impact_lat_deg, th->traj.impact_lon_deg};
        ts->done = 1;
        if (!ts->killed) {
          th->outcome = th->nshots > 0 ? BMD_OUTCOME_LEAKED : BMD_OUTCOME_NOT_ENGAGED;
          logev(&e, th->impact_t_s, BMD_SIM_LEAK, i, -1, -1, pos, 0.0, "%s impacts at %s%s", sc->threats[i].id,
                sc->threats[i].to, th->nshots > 0 ? " (engaged, not killed)" : " (never engaged)");
        }
        continue;
      }
      if (ts->killed) continue;
      sense(&e, i, t);
      if (ts->firm && !ts->pending && t >= ts->next_eval) plan(&e, i, t);
    }
  }
  run_actions(&e, HUGE_VAL);
  if (e.oom) {
    st = BMD_ENOMEM;
    goto done;
  }
  for (int i = 0; i < sc->nthreats; i++) {
    struct bmd_sim_threat *th = &res->threats[i];
    if (e.ts[i].killed) {
      th->outcome = BMD_OUTCOME_KILLED;
      res->killed++;
    } else if (th->nshots > 0) {
      res->leaked++;
    } else {
      res->not_engaged++;
    }
    if (th->nshots > 0) res->engaged++;
  }
  qsort(res->events, (size_t)res->nevents, sizeof *res->events, cmp_event);
done:
  if (e.ts)
    for (int i = 0; i < sc->nthreats; i++) free(e.ts[i].last_scan);
  if (e.fans)
    for (int k = 0; k < sc->nsites * FAN_SECTORS; k++) bmd_fan_release(&e.fans[k]);
  free(e.fans);
  free(e.fan_built);
  free(e.ts);
  free(e.radars);
  free(e.inventory);
  free(e.alias);
  free(e.dead);
  free(e.dead_why);
  free(e.launcher_off);
  free(e.launcher_free);
  free(e.acts);
  gsl_rng_free(e.rng);
  if (st != BMD_OK && st != BMD_ERANGE) bmd_diag_set(d, sc->file, 0, 0, "%s", bmd_strerror(st));
  if (st != BMD_OK) bmd_sim_result_release(res);
  return st;
}

void bmd_sim_result_release(struct bmd_sim_result *res) {
  if (!res) return;
  if (res->threats)
    for (int i = 0; i < res->nthreats; i++) bmd_traj_result_release(&res->threats[i].traj);
  free(res->threats);
  free(res->events);
  free(res->spent);
  memset(res, 0, sizeof *res);
}
