/* sim.c - the time-ordered engagement engine (sim.h): the time loop, the actions (launches,
   intercepts, kill assessments) and the event log; sensing in sim_sense.c, decisions in
   battle.c. */
#include <bmd/sim.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <bmd/battle.h>
#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/latlon.h>
#include <bmd/status.h>

#include "sim_impl.h"

const char *bmd_sim_event_name(enum bmd_sim_event_kind k) {
  switch (k) {
#define BMD_X_(name, word) case BMD_SIM_##name: return word;
    BMD_SIM_EVENTS(BMD_X_)
#undef BMD_X_
  }
  return "unknown";
}

#define TICK_S 1.0            /* sensing and decision step */
#define TRACK_LOG_S 10.0      /* log a firm track's state this often */

enum action_kind { A_LAUNCH, A_INTERCEPT, A_ASSESS, A_IMPACT };

struct action {
  double t;                   /* absolute */
  double tick;                /* the tick that serves it: ceil(t) (push_action) */
  int kind;
  int threat, site;
  int shot0, nshot;           /* shots of this salvo in the threat's list */
};

struct tstate {
  int in_flight, killed, done;
  int firm;
  int pending;                /* an engagement is under way */
  int why;                    /* enum bmd_engage_reason last logged, BMD_ENGAGE_NONE none */
  double next_eval;           /* absolute time of the next engagement attempt */
  double impact_tick;         /* the tick that sees it reach its target: ceil(impact) */
  struct bmd_sim_sched s;     /* this run's looks at the threat (sim_sense.c) */
  const struct bmd_sim_cov *cov;  /* its track's covariance: from the cache, or own; NULL
                                     until the battle manager first asks */
  struct bmd_sim_cov own;
  /* the event log only: every look (tick, radar) with the trace of the covariance after
     it at the two ends of the tick (bmd_sim_cov_fill), the next one to log */
  long nlooks, caplooks, look;
  long *look_m;
  int *look_r;
  double *look_v0, *look_v1;
  double last_track_log;      /* absolute time of the last logged track state */
};

/* The per-run state (sim.h's struct bmd_sim_work): one per thread, reused between runs. */
struct bmd_sim_work {
  const struct bmd_sim_prep *p;
  const struct bmd_scenario *sc;
  struct bmd_sim_result *res;    /* &own, or the caller's */
  struct bmd_sim_result own;
  unsigned flags;
  gsl_rng *rng;                  /* the hits */
  gsl_rng *rng_report;           /* the early-warning reports' errors (event log only) */
  struct bmd_sim_dmg_run dmg;     /* battle damage (sim_damage.c) */
  struct tstate *ts;
  struct bmd_sim_srun *runs;     /* [threat * maxruns]: the schedules' runs */
  long *iter;                    /* [threat * maxruns] */
  struct bmd_battle *battle;     /* the battle manager and the sites' stock */
  int *order;                    /* [threat]: the battle manager's priority order */
  double *impact_abs;            /* [threat]: impact time of this run, for the order */
  double *p_hit;                 /* [site * nthreats + threat]: reliability x SSPK this run */
  double *ew_delay_s;            /* [threat]: early-warning report delay this run */
  double decision_latency_s;     /* this run */
  struct action *acts;
  int nacts, capacts;
  long seq;
  int oom;
};

/* log an event (no outcome, no reason: the caller sets them on the event returned);
   NULL when the run keeps no events or memory ran out */
#if defined(__GNUC__)
__attribute__((format(printf, 9, 10)))
#endif
static struct bmd_sim_event *logev(struct bmd_sim_work *e, double t, int kind, int threat, int site, int radar,
                                   const double pos[3], double value, const char *fmt, ...) {
  struct bmd_sim_result *r = e->res;
  struct bmd_sim_event *ev;
  va_list ap;
  if (!(e->flags & BMD_SIM_EVENTS)) return NULL;
  if (r->nevents == r->cap) {
    long nc = r->cap ? r->cap * 2 : 256;
    struct bmd_sim_event *ne = realloc(r->events, (size_t)nc * sizeof *ne);
    if (!ne) {
      e->oom = 1;
      return NULL;
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
  ev->outcome = -1;
  ev->reason = BMD_ENGAGE_NONE;
  va_start(ap, fmt);
  vsnprintf(ev->note, sizeof ev->note, fmt, ap);
  va_end(ap);
  return ev;
}

static int push_action(struct bmd_sim_work *e, struct action a) {
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
  a.tick = ceil(a.t);
  e->acts[e->nacts++] = a;
  return 0;
}

/* threat i's Earth-fixed position at absolute time t; 0 if not in flight */
static int threat_pos(const struct bmd_sim_work *e, int i, double t, double r[3]) {
  const struct bmd_sim_threat *th = &e->res->threats[i];
  return bmd_traj_state_at(&e->p->traj[e->p->alias[i]], t - th->launch_t_s, NULL, r, NULL);
}

static void geo_of(const struct bmd_sim_work *e, const double r[3], double pos[3]) {
  double la, lo, h;
  if (!(e->flags & BMD_SIM_EVENTS)) { /* positions are for the event log only */
    pos[0] = pos[1] = pos[2] = 0.0;
    return;
  }
  bmd_physics_from_ecef(&e->sc->phys, r, &la, &lo, &h);
  pos[0] = h;
  pos[1] = la / BMD_DEG;
  pos[2] = lo / BMD_DEG;
}


/* threat i cannot be engaged at time t, for reason why: log it when it changes, and keep
   the first one as the threat's reason. The first is the cause: the reasons that follow
   it are mostly its consequence, windows closing while the defence could not fire (a site
   in reach but empty at the first decision is "not tracked in time" a minute later). */
static void no_engagement(struct bmd_sim_work *e, int i, double t, enum bmd_engage_reason why) {
  struct bmd_sim_threat *th = &e->res->threats[i];
  struct tstate *ts = &e->ts[i];
  struct bmd_sim_event *ev;
  double r[3], pos[3] = {0, 0, 0};
  if (th->reason == BMD_ENGAGE_NONE) th->reason = (int)why;
  if (ts->why == (int)why) return;
  ts->why = (int)why;
  if (!(e->flags & BMD_SIM_EVENTS)) return;
  if (threat_pos(e, i, t, r)) geo_of(e, r, pos);
  ev = logev(e, t, BMD_SIM_NO_ENGAGEMENT, i, -1, -1, pos, 0.0, "%s", bmd_engage_reason_word(why));
  if (ev) ev->reason = (int)why;
}

/* the 3-D 1-sigma position error of threat i's track at tick t (after the tick's looks) */
static double track_sigma(struct bmd_sim_work *e, int i, double t) {
  struct tstate *ts = &e->ts[i];
  if (!ts->cov) {
    int st;
    ts->cov = bmd_sim_cov_get(e->p, &ts->s, &ts->own, &st);
    if (!ts->cov) {
      e->oom = 1;
      return HUGE_VAL;
    }
  }
  return sqrt(bmd_sim_cov_var(ts->cov, (long)(t - ts->s.n0), ts->s.phi));
}

/* ask the battle manager about threat i's track at absolute time t; carry out its order */
static void plan(struct bmd_sim_work *e, int i, double t) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_threat *th = &e->res->threats[i];
  struct tstate *ts = &e->ts[i];
  struct bmd_battle_track tk;
  struct bmd_battle_order o;
  tk.object = i;
  tk.launch_t_s = th->launch_t_s;
  tk.sigma_m = track_sigma(e, i, t);
  tk.shots_left = BMD_SIM_MAX_SHOTS - th->nshots;
  if (!bmd_battle_decide(e->battle, &tk, t, &o)) {
    if (o.er.reason != BMD_ENGAGE_NONE) no_engagement(e, i, t, o.er.reason);
    /* asked again later, unless the answer cannot change */
    ts->next_eval = o.never ? HUGE_VAL : t + BMD_BATTLE_RETRY_S;
    return;
  }
  {
    const struct bmd_scen_site *st = &sc->sites[o.site];
    double pos[3] = {o.er.earliest.alt_m, o.er.earliest.lat_deg, o.er.earliest.lon_deg};
    logev(e, t, BMD_SIM_ENGAGE, i, o.site, -1, pos, o.er.earliest.closing_mps,
          "%s: %d x %s, window %.0f s, intercept planned at %.0f s", o.sls ? "shoot-look-shoot" : "salvo",
          o.nshot, st->interceptor->name, o.er.window_s, th->launch_t_s + o.er.earliest.t_s);
    struct action a = {o.launch_t_s, 0.0, A_LAUNCH, i, o.site, th->nshots, o.nshot};
    for (int k = 0; k < o.nshot; k++) {
      struct bmd_sim_shot *sh = &th->shots[th->nshots++];
      sh->site = o.site;
      sh->launch_t_s = o.launch_t_s;
      sh->ic = o.er.earliest;
      sh->hit = 0;
    }
    e->res->spent[o.site] += o.nshot;
    if (e->flags & BMD_SIM_EVENTS) push_action(e, a); /* the launch is logged, nothing else */
    a.t = th->launch_t_s + o.er.earliest.t_s;
    a.kind = A_INTERCEPT;
    push_action(e, a);
    ts->pending = 1;
  }
}

static void strike(struct bmd_sim_work *e, int i, double t);

static void do_action(struct bmd_sim_work *e, const struct action *a) {
  const struct bmd_scenario *sc = e->sc;
  if (a->kind == A_IMPACT) {
    if (!e->ts[a->threat].killed) strike(e, a->threat, a->t);
    return;
  }
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
    double p = e->p_hit[(size_t)a->site * (size_t)sc->nthreats + (size_t)a->threat];
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
      const struct bmd_sim_shot *sh = &th->shots[a->shot0];
      double pos[3] = {sh->ic.alt_m, sh->ic.lat_deg, sh->ic.lon_deg};
      struct bmd_sim_event *ev;
      ts->killed = 1;
      th->kill_t_s = a->t;
      ev = logev(e, a->t, BMD_SIM_THREAT_DESTROYED, a->threat, a->site, -1, pos, 0.0, "%s %s by %s",
                 sc->threats[a->threat].id, bmd_outcome_name(BMD_OUTCOME_KILLED), st->interceptor->name);
      if (ev) ev->outcome = BMD_OUTCOME_KILLED;
    }
    struct action ka = *a;
    ka.t = a->t + sc->c2.kill_assessment_s;
    ka.kind = A_ASSESS;
    push_action(e, ka);
  } else {
    if (ts->done && !ts->killed) return;
    double r[3], pos[3] = {0.0, 0.0, 0.0};
    if ((e->flags & BMD_SIM_EVENTS) && threat_pos(e, a->threat, a->t, r)) geo_of(e, r, pos);
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
static void run_actions(struct bmd_sim_work *e, double t) {
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

/* threat i's sensing at tick t: its track becomes firm at the schedule's tick; with the
   event log, the early-warning report and every look of the tick, in the engine's order */
static void sense(struct bmd_sim_work *e, int i, double t) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_threat *th = &e->res->threats[i];
  struct tstate *ts = &e->ts[i];
  const struct bmd_sim_sched *s = &ts->s;
  long m = (long)(t - s->n0);
  if (e->flags & BMD_SIM_EVENTS) {
    double r[3];
    if (m >= s->M || !threat_pos(e, i, t, r)) return;
    if (m == s->m_ew && (s->m_detect < 0 || s->m_ew <= s->m_detect)) {
      /* the report: launch point and initial azimuth with the sensor's stated errors,
         from the report stream (a detection before the report makes it moot) */
      const struct bmd_scen_threat *tq = &sc->threats[i];
      double dn = gsl_ran_gaussian(e->rng_report, sc->ew->launch_point_error_km) / 111.195;
      double de = gsl_ran_gaussian(e->rng_report, sc->ew->launch_point_error_km) / 111.195;
      double daz = gsl_ran_gaussian(e->rng_report, sc->ew->azimuth_error_deg), az;
      double lp[3] = {0.0, tq->from_lat_deg + dn, tq->from_lon_deg + de / cos(tq->from_lat_deg * BMD_DEG)};
      bmd_geodesic_inverse(sc->phys.earth, tq->from_lat_deg, tq->from_lon_deg, tq->to_lat_deg, tq->to_lon_deg,
                           NULL, &az, NULL);
      char where[48];
      logev(e, t, BMD_SIM_EW_REPORT, i, -1, -1, lp, fmod(az + daz + 360.0, 360.0),
            "%s reports a launch near %s heading %.0f deg", sc->ew->name,
            bmd_latlon_text(where, sizeof where, lp[1], lp[2], 2), fmod(az + daz + 360.0, 360.0));
    }
    for (; ts->look < ts->nlooks && ts->look_m[ts->look] == m; ts->look++) {
      int k = ts->look_r[ts->look];
      long n = ts->look + 1; /* looks so far: the track's updates */
      double sig = sqrt(ts->look_v0[ts->look] + s->phi * (ts->look_v1[ts->look] - ts->look_v0[ts->look]));
      double pos[3];
      int firm_before = s->m_firm >= 0 && (m > s->m_firm || (m == s->m_firm && k > s->r_firm));
      geo_of(e, r, pos);
      if (firm_before && t - ts->last_track_log >= TRACK_LOG_S) {
        ts->last_track_log = t;
        logev(e, t, BMD_SIM_TRACK, i, -1, k, pos, sig, "track %s: %ld updates, position sigma %.0f m",
              sc->threats[i].id, n, sig);
      }
      if (n == 1) logev(e, t, BMD_SIM_DETECT, i, -1, k, pos, 0.0, "%s detects %s", sc->radars[k].name, sc->threats[i].id);
      if (m == s->m_firm && k == s->r_firm)
        logev(e, t, BMD_SIM_FIRM_TRACK, i, -1, k, pos, sig, "fire-control track on %s (%ld updates, sigma %.0f m)",
              sc->threats[i].id, n, sig);
    }
  }
  if (!ts->firm && s->m_firm >= 0 && m >= s->m_firm) {
    ts->firm = 1;
    th->firm_track_t_s = s->n0 + (double)s->m_firm;
    ts->next_eval = th->firm_track_t_s;
  }
}

/* the event log's looks of threat i: every look of its schedule and its covariance after
   each (in the track's own memory) */
static int looks(struct bmd_sim_work *e, int i) {
  struct tstate *ts = &e->ts[i];
  long m = 0, n = 0;
  int k = 0, st;
  bmd_sim_iter_start(&ts->s, ts->s.iter);
  while (bmd_sim_iter_next(&ts->s, ts->s.iter, &m, &k)) {
    if (n == ts->caplooks) {
      long nc = n ? 2 * n : 256;
      long *lm = realloc(ts->look_m, (size_t)nc * sizeof *lm);
      if (lm) ts->look_m = lm;
      int *lr = realloc(ts->look_r, (size_t)nc * sizeof *lr);
      if (lr) ts->look_r = lr;
      double *a = realloc(ts->look_v0, (size_t)nc * sizeof *a);
      if (a) ts->look_v0 = a;
      double *b = realloc(ts->look_v1, (size_t)nc * sizeof *b);
      if (b) ts->look_v1 = b;
      if (!lm || !lr || !a || !b) return BMD_ENOMEM;
      ts->caplooks = nc;
    }
    ts->look_m[n] = m;
    ts->look_r[n] = k;
    n++;
  }
  ts->nlooks = n;
  ts->look = 0;
  st = bmd_sim_cov_fill(e->p, &ts->s, &ts->own, ts->look_v0, ts->look_v1);
  ts->cov = st == BMD_OK ? &ts->own : NULL;
  return st;
}

/* ---- battle damage (sim_damage.c finds the elements an impact takes out) ---- */

/* site s is lost at t: it fires nothing more; a salvo it planned but has not launched is
   cancelled and its threat planned again. Returns the interceptors it had left. */
static int site_lost(struct bmd_sim_work *e, int s, double t) {
  int left = bmd_battle_site_lost(e->battle, s);
  for (int j = 0; j < e->nacts; j++) {
    const struct action a = e->acts[j]; /* a copy: the list changes below */
    struct bmd_sim_threat *th = &e->res->threats[a.threat];
    if (a.kind != A_INTERCEPT || a.site != s || th->shots[a.shot0].launch_t_s < t) continue;
    th->nshots = a.shot0; /* the threat's last salvo: it was pending */
    e->res->spent[s] -= a.nshot;
    left += a.nshot;
    e->ts[a.threat].pending = 0;
    e->ts[a.threat].next_eval = t;
    for (int k = e->nacts - 1; k >= 0; k--) /* this salvo's actions (intercept, launch) */
      if (e->acts[k].threat == a.threat && e->acts[k].shot0 == a.shot0 && e->acts[k].kind != A_IMPACT)
        e->acts[k] = e->acts[--e->nacts];
    j = -1; /* the list changed: look again */
  }
  return left;
}

/* radar k is lost at t: every threat still to be sensed gets its schedule without k's looks
   from t on (the tracks it fed coast, or grow worse on the others' looks) */
static void radar_lost(struct bmd_sim_work *e, int k, double t) {
  e->dmg.radar_end[k] = t;
  for (int i = 0; i < e->sc->nthreats; i++) {
    struct bmd_sim_threat *th = &e->res->threats[i];
    struct tstate *ts = &e->ts[i];
    if (ts->done || ts->killed) continue;
    bmd_sim_sched_make_lost(e->p, i, th->launch_t_s, th->impact_t_s, e->sc->ew ? e->ew_delay_s[i] : 0.0,
                            e->dmg.radar_end, &ts->s);
    ts->cov = NULL;
    if (!(th->first_detect_t_s < t)) {
      th->first_detect_t_s = ts->s.m_detect >= 0 ? ts->s.n0 + (double)ts->s.m_detect : nan("");
      th->first_detect_radar = ts->s.m_detect >= 0 ? ts->s.r_detect : -1;
    }
    if (e->flags & BMD_SIM_EVENTS) {
      if (looks(e, i) != BMD_OK) e->oom = 1;
      while (ts->look < ts->nlooks && (double)ts->look_m[ts->look] + ts->s.n0 < t) ts->look++;
    }
  }
}

/* threat i, not intercepted, reaches its target at t: the elements its impact takes out */
static void strike(struct bmd_sim_work *e, int i, double t) {
  const struct bmd_scenario *sc = e->sc;
  int nh = bmd_sim_dmg_strike(e->p, i, e->dmg.rng, e->dmg.level, e->dmg.hits);
  for (int q = 0; q < nh; q++) {
    const struct bmd_sim_dmg_hit *h = &e->dmg.hits[q];
    int el = h->element, site = el < sc->nsites ? el : -1, radar = el < sc->nsites ? -1 : el - sc->nsites;
    struct bmd_sim_loss *L = &e->res->loss[el];
    double p = h->level == BMD_DAMAGE_DESTROYED ? h->tg->p_destroy : h->tg->p_disable;
    double pos[3] = {0.0, 0.0, 0.0};
    char more[48] = "";
    if (L->level == BMD_DAMAGE_NONE) { /* out of the battle from now on */
      L->t_s = t;
      if (site >= 0) L->unused = site_lost(e, site, t);
      else radar_lost(e, radar, t);
    }
    e->dmg.level[el] = h->level;
    L->level = h->level;
    L->threat = i;
    L->p = p;
    L->miss_m = h->miss_m;
    if (site >= 0) snprintf(more, sizeof more, "; %d interceptors unused", L->unused);
    bmd_sim_dmg_where(sc, el, pos);
    logev(e, t, h->level == BMD_DAMAGE_DESTROYED ? BMD_SIM_ELEMENT_DESTROYED : BMD_SIM_ELEMENT_DISABLED, i, site, radar,
          pos, p, "%s %s by %s: impact %.0f m away, lethal radius %.0f m (P = %.2f)%s",
          site >= 0 ? sc->sites[site].name : sc->radars[radar].name, bmd_damage_level_word((enum bmd_damage_level)h->level),
          sc->threats[i].id, h->miss_m, h->level == BMD_DAMAGE_DESTROYED ? h->tg->lr_destroy_m : h->tg->lr_disable_m,
          p, more);
  }
}

void bmd_sim_work_free(struct bmd_sim_work *w) {
  if (!w) return;
  bmd_sim_result_release(&w->own);
  gsl_rng_free(w->rng);
  gsl_rng_free(w->rng_report);
  bmd_sim_dmg_run_free(&w->dmg);
  if (w->ts)
    for (int i = 0; i < w->p->nthreats; i++) {
      struct tstate *ts = &w->ts[i];
      free(ts->own.v0);
      free(ts->own.v1);
      free(ts->look_m);
      free(ts->look_r);
      free(ts->look_v0);
      free(ts->look_v1);
    }
  free(w->ts);
  free(w->runs);
  free(w->iter);
  bmd_battle_free(w->battle);
  free(w->order);
  free(w->impact_abs);
  free(w->p_hit);
  free(w->ew_delay_s);
  free(w->acts);
  free(w);
}

int bmd_sim_work_alloc(const struct bmd_sim_prep *p, struct bmd_sim_work **out) {
  struct bmd_sim_work *w = calloc(1, sizeof *w);
  size_t nt = (size_t)p->nthreats, ns = (size_t)p->nsites;
  *out = NULL;
  if (!w) return BMD_ENOMEM;
  w->p = p;
  w->sc = p->sc;
  w->res = &w->own;
  w->own.nthreats = p->nthreats;
  w->own.nsites = p->nsites;
  w->own.threats = calloc(nt + 1, sizeof *w->own.threats);
  w->own.spent = calloc(ns + 1, sizeof *w->own.spent);
  w->ts = calloc(nt + 1, sizeof *w->ts);
  w->runs = calloc(nt * (size_t)p->maxruns + 1, sizeof *w->runs);
  w->iter = calloc(nt * (size_t)p->maxruns + 1, sizeof *w->iter);
  w->order = calloc(nt + 1, sizeof *w->order);
  w->impact_abs = calloc(nt + 1, sizeof *w->impact_abs);
  w->p_hit = calloc(nt * ns + 1, sizeof *w->p_hit);
  w->ew_delay_s = calloc(nt + 1, sizeof *w->ew_delay_s);
  w->rng = gsl_rng_alloc(gsl_rng_taus2);
  w->rng_report = gsl_rng_alloc(gsl_rng_taus2);
  w->own.nradars = p->nradars;
  w->own.loss = calloc(ns + (size_t)p->nradars + 1, sizeof *w->own.loss);
  if (w->ts)
    for (size_t i = 0; i < nt; i++) {
      w->ts[i].s.runs = w->runs ? &w->runs[i * (size_t)p->maxruns] : NULL;
      w->ts[i].s.iter = w->iter ? &w->iter[i * (size_t)p->maxruns] : NULL;
    }
  if (!w->own.threats || !w->own.spent || !w->ts || !w->runs || !w->iter || !w->rng_report || !w->order || !w->impact_abs ||
      !w->p_hit || !w->ew_delay_s || !w->rng || !w->own.loss || bmd_sim_dmg_run_alloc(p, &w->dmg) != BMD_OK || bmd_battle_alloc(p->sc, p->btab, p->alias, &w->battle) != BMD_OK) {
    bmd_sim_work_free(w);
    return BMD_ENOMEM;
  }
  *out = w;
  return BMD_OK;
}

/* the report stream's seed: the SplitMix64 finaliser of the run's seed (Steele, Lea & Flood,
   OOPSLA 2014), low 32 bits, so that it is not the hit stream of another seed */
static unsigned long report_seed(unsigned long seed) {
  uint64_t z = (uint64_t)seed + BMD_SPLITMIX64_GAMMA;
  z = (z ^ (z >> 30)) * BMD_SPLITMIX64_M1;
  z = (z ^ (z >> 27)) * BMD_SPLITMIX64_M2;
  return (unsigned long)((z ^ (z >> 31)) & 0xffffffffu);
}

/* put everything back to the start of a run */
static int reset(struct bmd_sim_work *e, unsigned long seed, const struct bmd_sim_perturb *pert,
                 unsigned flags) {
  const struct bmd_sim_prep *p = e->p;
  const struct bmd_scenario *sc = p->sc;
  struct bmd_sim_result *res = e->res;
  size_t nt = (size_t)p->nthreats, ns = (size_t)p->nsites;
  static const struct bmd_sim_perturb none;
  if (!pert) pert = &none;

  e->flags = flags;
  e->nacts = 0;
  e->seq = 0;
  e->oom = 0;
  gsl_rng_set(e->rng, seed);
  if (flags & BMD_SIM_EVENTS) gsl_rng_set(e->rng_report, report_seed(seed));
  bmd_sim_dmg_run_reset(p, &e->dmg, seed, res->loss);
  res->nevents = 0;
  memset(&res->count, 0, sizeof res->count);
  res->engaged = 0;
  memset(res->spent, 0, (ns + 1) * sizeof *res->spent);
  for (int s = 0; s < sc->nsites; s++) {
    double rel = pert->reliability ? pert->reliability[s] : sc->c2.reliability;
    for (size_t i = 0; i < nt; i++) {
      size_t k = (size_t)s * nt + i;
      e->p_hit[k] = rel * (pert->sspk ? pert->sspk[k] : p->sspk[k]);
    }
  }
  e->decision_latency_s = sc->c2.decision_latency_s + pert->decision_latency_dt_s;
  if (!(e->decision_latency_s >= 0.0)) e->decision_latency_s = 0.0;
  bmd_battle_reset(e->battle, e->decision_latency_s);
  for (size_t i = 0; i < nt; i++) {
    const struct bmd_scen_threat *tq = &sc->threats[i];
    const struct bmd_traj_result *fl = &p->traj[p->alias[i]];
    struct bmd_sim_threat *th = &res->threats[i];
    struct tstate *ts = &e->ts[i];
    bmd_traj_result_release(&th->traj);
    /* the threat's record, field by field (its shots are written as they are fired) */
    th->outcome = BMD_OUTCOME_KILLED;
    th->reason = BMD_ENGAGE_NONE;
    th->nshots = 0;
    memset(&th->traj, 0, sizeof th->traj);
    if (sc->ew) {
      e->ew_delay_s[i] = sc->ew->detect_delay_s + (pert->ew_delay_dt_s ? pert->ew_delay_dt_s[i] : 0.0);
      if (!(e->ew_delay_s[i] >= 0.0)) e->ew_delay_s[i] = 0.0;
    }
    if (flags & BMD_SIM_TRAJECTORIES) {
      th->traj = *fl;
      th->traj.samples = malloc((size_t)fl->nsamples * sizeof *fl->samples + 1);
      if (!th->traj.samples) {
        th->traj.nsamples = th->traj.cap = 0;
        return BMD_ENOMEM;
      }
      memcpy(th->traj.samples, fl->samples, (size_t)fl->nsamples * sizeof *fl->samples);
      th->traj.cap = fl->nsamples;
    }
    th->launch_t_s = tq->launch_s + (pert->launch_dt_s ? pert->launch_dt_s[i] : 0.0);
    th->impact_t_s = th->launch_t_s + fl->impact_t_s;
    e->impact_abs[i] = th->impact_t_s;
    ts->impact_tick = ceil(th->impact_t_s);
    th->first_detect_t_s = nan("");
    th->firm_track_t_s = nan("");
    th->kill_t_s = nan("");
    th->first_detect_radar = -1;
    ts->in_flight = ts->killed = ts->done = ts->firm = ts->pending = 0;
    ts->why = BMD_ENGAGE_NONE;
    ts->next_eval = HUGE_VAL;
    ts->last_track_log = 0.0;
    ts->cov = NULL;
    ts->nlooks = ts->look = 0;
    bmd_sim_sched_make(p, (int)i, th->launch_t_s, th->impact_t_s, sc->ew ? e->ew_delay_s[i] : 0.0, &ts->s);
    if (ts->s.m_detect >= 0) {
      th->first_detect_t_s = ts->s.n0 + (double)ts->s.m_detect;
      th->first_detect_radar = ts->s.r_detect;
    }
    if ((flags & BMD_SIM_EVENTS) && looks(e, (int)i) != BMD_OK) return BMD_ENOMEM;
    if (p->dmg_first[i + 1] > p->dmg_first[i]) { /* its impact can reach an element */
      struct action a = {th->impact_t_s, 0.0, A_IMPACT, (int)i, -1, 0, 0};
      if (push_action(e, a) != 0) return BMD_ENOMEM;
    }
  }
  bmd_battle_priority(sc, e->impact_abs, sc->nthreats, e->order);
  return BMD_OK;
}

/* threat i's outcome, and for an unengaged threat the reason: the last one the battle
   manager gave, or, if it never had a fire-control track to decide on, the sensors' */
static void finish(struct bmd_sim_work *e, int i) {
  struct bmd_sim_threat *th = &e->res->threats[i];
  if (e->ts[i].killed) {
    th->outcome = BMD_OUTCOME_KILLED;
  } else if (th->nshots > 0) {
    th->outcome = BMD_OUTCOME_LEAKED;
  } else {
    th->outcome = BMD_OUTCOME_UNENGAGED;
    if (!e->ts[i].firm)
      th->reason = isnan(th->first_detect_t_s) ? BMD_ENGAGE_NOT_DETECTED : BMD_ENGAGE_NO_FIRE_CONTROL_TRACK;
    else if (th->reason == BMD_ENGAGE_NONE)
      th->reason = BMD_ENGAGE_NO_INVENTORY; /* never reached: a firm track is planned at once */
  }
}

/* the first tick after t at which something can happen: an action falls due; a threat
   reaches its target, gets a firm track, or is due for a decision */
static double next_tick(const struct bmd_sim_work *e, double t) {
  double nx = HUGE_VAL, c;
  for (int j = 0; j < e->nacts; j++)
    if (e->acts[j].tick < nx) nx = e->acts[j].tick;
  for (int i = 0; i < e->sc->nthreats; i++) {
    const struct tstate *ts = &e->ts[i];
    if (ts->done) continue;
    if (ts->impact_tick < nx) nx = ts->impact_tick;
    if (ts->killed) continue;
    if (!ts->firm && ts->s.m_firm >= 0) c = ts->s.n0 + (double)ts->s.m_firm;
    else if (ts->firm && !ts->pending) c = ceil(ts->next_eval);
    else continue;
    if (c < nx) nx = c;
  }
  /* ticks are whole seconds: what falls due at or before t is served at t + 1 */
  return nx > t + TICK_S ? nx : t + TICK_S;
}

static int run_work(struct bmd_sim_work *e, unsigned long seed, const struct bmd_sim_perturb *pert,
                    unsigned flags, bmd_sim_progress progress, void *pctx) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_result *res = e->res;
  double t0 = HUGE_VAL, t1 = -HUGE_VAL;
  int st = reset(e, seed, pert, flags);
  if (st != BMD_OK) return st;
  for (int i = 0; i < sc->nthreats; i++) {
    if (res->threats[i].launch_t_s < t0) t0 = res->threats[i].launch_t_s;
    if (res->threats[i].impact_t_s > t1) t1 = res->threats[i].impact_t_s;
  }

  /* the time loop: actions due, then launches, sensing, decisions, impacts. Without the
     event log it visits only the ticks at which something can happen (next_tick); the
     others change nothing */
  for (double t = floor(t0); t <= ceil(t1) + TICK_S && !e->oom;
       t = (flags & BMD_SIM_EVENTS) ? t + TICK_S : next_tick(e, t)) {
    if (progress) progress(pctx, (long)(t - floor(t0)), (long)(ceil(t1) - floor(t0) + TICK_S));
    run_actions(e, t);
    /* serve threats in the battle manager's priority order */
    for (int q = 0; q < sc->nthreats; q++) {
      int i = e->order[q];
      struct bmd_sim_threat *th = &res->threats[i];
      struct tstate *ts = &e->ts[i];
      if (ts->done) continue;
      if (!ts->in_flight && t >= th->launch_t_s) {
        double pos[3] = {sc->threats[i].from_alt_m, sc->threats[i].from_lat_deg, sc->threats[i].from_lon_deg};
        ts->in_flight = 1;
        logev(e, th->launch_t_s, BMD_SIM_THREAT_LAUNCH, i, -1, -1, pos, 0.0, "%s %s launched from %s at %s",
              sc->threats[i].id, sc->threats[i].missile->name, sc->threats[i].from, sc->threats[i].to);
      }
      if (!ts->in_flight) continue;
      if (t >= th->impact_t_s) {
        const struct bmd_traj_result *fl = &e->p->traj[e->p->alias[i]];
        double pos[3] = {0.0, fl->impact_lat_deg, fl->impact_lon_deg};
        ts->done = 1;
        if (!ts->killed) {
          struct bmd_sim_event *ev;
          finish(e, i);
          ev = logev(e, th->impact_t_s, BMD_SIM_REACHED_TARGET, i, -1, -1, pos, 0.0, "%s reaches %s: %s%s%s",
                     sc->threats[i].id, sc->threats[i].to, bmd_outcome_name(th->outcome),
                     th->outcome == BMD_OUTCOME_UNENGAGED ? ", " : "",
                     th->outcome == BMD_OUTCOME_UNENGAGED ? bmd_engage_reason_word((enum bmd_engage_reason)th->reason) : "");
          if (ev) {
            ev->outcome = th->outcome;
            ev->reason = th->outcome == BMD_OUTCOME_UNENGAGED ? th->reason : BMD_ENGAGE_NONE;
          }
        }
        continue;
      }
      if (ts->killed) continue;
      sense(e, i, t);
      if (ts->firm && !ts->pending && t >= ts->next_eval) plan(e, i, t);
    }
  }
  run_actions(e, HUGE_VAL);
  if (e->oom) return BMD_ENOMEM;
  for (int i = 0; i < sc->nthreats; i++) {
    struct bmd_sim_threat *th = &res->threats[i];
    finish(e, i);
    bmd_outcome_counts_add(&res->count, th->outcome);
    if (th->nshots > 0) res->engaged++;
  }
  if (res->nevents > 1) qsort(res->events, (size_t)res->nevents, sizeof *res->events, cmp_event);
  return BMD_OK;
}

int bmd_sim_work_run(struct bmd_sim_work *w, unsigned long seed, const struct bmd_sim_perturb *pert,
                     unsigned flags, const struct bmd_sim_result **res) {
  int st = run_work(w, seed, pert, flags, NULL, NULL);
  if (res) *res = w->res;
  return st;
}

static int run_prepared(const struct bmd_sim_prep *prep, unsigned long seed, const struct bmd_sim_perturb *pert,
                        struct bmd_sim_result *res, struct bmd_diag *d, bmd_sim_progress progress, void *pctx) {
  struct bmd_sim_work *w = NULL;
  int st = bmd_sim_work_alloc(prep, &w);
  memset(res, 0, sizeof *res);
  if (st == BMD_OK) st = run_work(w, seed, pert, BMD_SIM_FULL, progress, pctx);
  if (st == BMD_OK) {
    *res = w->own; /* hand the result over */
    memset(&w->own, 0, sizeof w->own);
  } else {
    bmd_diag_set(d, prep->sc->file, 0, 0, "%s", bmd_strerror(st));
  }
  bmd_sim_work_free(w);
  return st;
}

int bmd_sim_run_prepared(const struct bmd_sim_prep *prep, unsigned long seed, const struct bmd_sim_perturb *pert,
                         struct bmd_sim_result *res, struct bmd_diag *d) {
  return run_prepared(prep, seed, pert, res, d, NULL, NULL);
}

int bmd_sim_run(const struct bmd_scenario *sc, unsigned long seed, struct bmd_sim_result *res,
                struct bmd_diag *d, bmd_sim_progress progress, void *pctx) {
  struct bmd_sim_prep *prep = NULL;
  int st;
  memset(res, 0, sizeof *res);
  st = bmd_sim_prep_alloc(sc, &prep, d, progress, pctx);
  if (st == BMD_OK) st = run_prepared(prep, seed, NULL, res, d, progress, pctx);
  bmd_sim_prep_free(prep);
  return st;
}

void bmd_sim_result_release(struct bmd_sim_result *res) {
  if (!res) return;
  if (res->threats)
    for (int i = 0; i < res->nthreats; i++) bmd_traj_result_release(&res->threats[i].traj);
  free(res->threats);
  free(res->events);
  free(res->spent);
  free(res->loss);
  memset(res, 0, sizeof *res);
}
