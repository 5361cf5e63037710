/* sim.c - the time-ordered engagement engine (sim.h). */
#include <bmd/sim.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/latlon.h>
#include <bmd/radar.h>
#include <bmd/status.h>
#include <bmd/track.h>

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
  int why;                    /* enum bmd_engage_reason last logged, BMD_ENGAGE_NONE none */
  double next_eval;           /* absolute time of the next engagement attempt */
  double last_track_log;      /* absolute time of the last logged track state */
  struct bmd_track track;
  double *last_scan;          /* per radar, absolute (into the work's last_scan) */
};

/* The per-run state (sim.h's struct bmd_sim_work): one per thread, reused between runs. */
struct bmd_sim_work {
  const struct bmd_sim_prep *p;
  const struct bmd_scenario *sc;
  struct bmd_sim_result *res;    /* &own, or the caller's */
  struct bmd_sim_result own;
  unsigned flags;
  gsl_rng *rng;
  struct tstate *ts;
  double *last_scan;             /* [threat * nradars + radar] */
  char *dead;                    /* [threat * nsites + site]: no engagement possible any more */
  enum bmd_engage_reason *dead_why;
  int *inventory;
  double *launcher_free;         /* [site][launcher] absolute time */
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


/* free launchers of site s at absolute time t */
static int free_launchers(const struct bmd_sim_work *e, int s, double t) {
  int n = 0;
  for (int l = 0; l < e->sc->sites[s].launchers; l++)
    if (e->launcher_free[e->p->launcher_off[s] + l] <= t) n++;
  return n;
}

static void take_launchers(struct bmd_sim_work *e, int s, double t_launch, int n) {
  const struct bmd_scen_site *st = &e->sc->sites[s];
  for (int l = 0; l < st->launchers && n > 0; l++) {
    double *f = &e->launcher_free[e->p->launcher_off[s] + l];
    if (*f <= t_launch) {
      /* reload_s 0: a launcher holds one round and is not reloaded in battle */
      *f = st->reload_s > 0.0 ? t_launch + st->reload_s : HUGE_VAL;
      n--;
    }
  }
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
  if (threat_pos(e, i, t, r)) geo_of(e, r, pos);
  ev = logev(e, t, BMD_SIM_NO_ENGAGEMENT, i, -1, -1, pos, 0.0, "%s", bmd_engage_reason_word(why));
  if (ev) ev->reason = (int)why;
}

/* try to engage threat i at absolute time t */
static void plan(struct bmd_sim_work *e, int i, double t) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_threat *th = &e->res->threats[i];
  struct tstate *ts = &e->ts[i];
  double ready_abs = t + e->decision_latency_s;
  int best = -1;
  struct bmd_engage_result best_er;
  enum bmd_engage_reason why = BMD_ENGAGE_OUT_OF_RANGE;
  int why_divert = 0, why_stock = 0;

  memset(&best_er, 0, sizeof best_er);
  for (int s = 0; s < sc->nsites; s++) {
    const struct bmd_scen_site *st = &sc->sites[s];
    const struct bmd_missile *ic = st->interceptor;
    struct bmd_engage_result er;
    /* every reason an engagement fails is permanent as time goes on (the ready time only
       grows), except the divert check and the stock: skip pairs already found impossible */
    if (e->dead[(size_t)i * (size_t)sc->nsites + (size_t)s]) {
      enum bmd_engage_reason rw = e->dead_why[(size_t)i * (size_t)sc->nsites + (size_t)s];
      if (rw > why || why == BMD_ENGAGE_OUT_OF_RANGE) why = rw;
      continue;
    }
    /* the prepared table gives bmd_engage_solve's answer for this ready time */
    bmd_engage_table_solve(&e->p->tab[(size_t)e->p->alias[i] * (size_t)sc->nsites + (size_t)s],
                           ready_abs - th->launch_t_s, &er);
    if (!er.feasible) {
      if (er.reason > why || why == BMD_ENGAGE_OUT_OF_RANGE) why = er.reason;
      e->dead[(size_t)i * (size_t)sc->nsites + (size_t)s] = 1;
      e->dead_why[(size_t)i * (size_t)sc->nsites + (size_t)s] = er.reason;
      continue;
    }
    /* in reach, but nothing left to fire (a launcher that is reloading counts as left) */
    if (e->inventory[s] <= 0 || free_launchers(e, s, HUGE_VAL) <= 0) {
      why_stock = 1;
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
    /* a site in reach tells more than the geometry of the others: first the track it
       could not use, then the stock it did not have */
    if (sc->nsites == 0) why = BMD_ENGAGE_NO_SITE;
    else if (why_divert) why = BMD_ENGAGE_TRACK_TOO_POOR;
    else if (why_stock) why = BMD_ENGAGE_NO_INVENTORY;
    no_engagement(e, i, t, why);
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
      /* no launcher ready in time (or the shot record is full, which only a threat
         fired at 32 times can meet) */
      if (nshot <= 0) no_engagement(e, i, t, BMD_ENGAGE_NO_INVENTORY);
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

static void do_action(struct bmd_sim_work *e, const struct action *a) {
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

static void sense(struct bmd_sim_work *e, int i, double t) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_threat *th = &e->res->threats[i];
  struct tstate *ts = &e->ts[i];
  double r[3];
  if (!threat_pos(e, i, t, r)) return;
  if (sc->ew && !ts->cued && t >= th->launch_t_s + e->ew_delay_s[i]) {
    ts->cued = 1;
    {
      /* the report: launch point and initial azimuth with the sensor's stated errors */
      const struct bmd_scen_threat *tq = &sc->threats[i];
      double dn = gsl_ran_gaussian(e->rng, sc->ew->launch_point_error_km) / 111.195;
      double de = gsl_ran_gaussian(e->rng, sc->ew->launch_point_error_km) / 111.195;
      double daz = gsl_ran_gaussian(e->rng, sc->ew->azimuth_error_deg), az;
      double lp[3] = {0.0, tq->from_lat_deg + dn, tq->from_lon_deg + de / cos(tq->from_lat_deg * BMD_DEG)};
      if (e->flags & BMD_SIM_EVENTS) {
        bmd_geodesic_inverse(sc->phys.earth, tq->from_lat_deg, tq->from_lon_deg, tq->to_lat_deg,
                             tq->to_lon_deg, NULL, &az, NULL);
        char pos[48];
        logev(e, t, BMD_SIM_EW_REPORT, i, -1, -1, lp, fmod(az + daz + 360.0, 360.0),
              "%s reports a launch near %s heading %.0f deg", sc->ew->name,
              bmd_latlon_text(pos, sizeof pos, lp[1], lp[2], 2), fmod(az + daz + 360.0, 360.0));
      }
    }
  }
  for (int k = 0; k < sc->nradars; k++) {
    const struct bmd_radar *rd = &e->p->radars[k];
    double z[3], R[9];
    if (t - ts->last_scan[k] < rd->type->update_s) continue;
    if (rd->type->needs_cue && !ts->cued) continue;
    if (!bmd_radar_sees(rd, r, bmd_radar_detection_range_m(rd->type, sc->threats[i].rcs_dbsm))) continue;
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


void bmd_sim_work_free(struct bmd_sim_work *w) {
  if (!w) return;
  bmd_sim_result_release(&w->own);
  gsl_rng_free(w->rng);
  free(w->ts);
  free(w->last_scan);
  free(w->dead);
  free(w->dead_why);
  free(w->inventory);
  free(w->launcher_free);
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
  w->last_scan = calloc(nt * (size_t)p->nradars + 1, sizeof *w->last_scan);
  w->dead = calloc(nt * ns + 1, 1);
  w->dead_why = calloc(nt * ns + 1, sizeof *w->dead_why);
  w->inventory = calloc(ns + 1, sizeof *w->inventory);
  w->launcher_free = calloc((size_t)p->nlaunchers + 1, sizeof *w->launcher_free);
  w->p_hit = calloc(nt * ns + 1, sizeof *w->p_hit);
  w->ew_delay_s = calloc(nt + 1, sizeof *w->ew_delay_s);
  w->rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!w->own.threats || !w->own.spent || !w->ts || !w->last_scan || !w->dead || !w->dead_why ||
      !w->inventory || !w->launcher_free || !w->p_hit || !w->ew_delay_s || !w->rng) {
    bmd_sim_work_free(w);
    return BMD_ENOMEM;
  }
  *out = w;
  return BMD_OK;
}

/* put everything back to the start of a run */
static int reset(struct bmd_sim_work *e, unsigned long seed, const struct bmd_sim_perturb *pert,
                 unsigned flags) {
  const struct bmd_sim_prep *p = e->p;
  const struct bmd_scenario *sc = p->sc;
  struct bmd_sim_result *res = e->res;
  size_t nt = (size_t)p->nthreats, ns = (size_t)p->nsites, nr = (size_t)p->nradars;
  static const struct bmd_sim_perturb none;
  if (!pert) pert = &none;

  e->flags = flags;
  e->nacts = 0;
  e->seq = 0;
  e->oom = 0;
  gsl_rng_set(e->rng, seed);
  res->nevents = 0;
  memset(&res->count, 0, sizeof res->count);
  res->engaged = 0;
  memset(res->spent, 0, (ns + 1) * sizeof *res->spent);
  for (int s = 0; s < sc->nsites; s++) {
    double rel = pert->reliability ? pert->reliability[s] : sc->c2.reliability;
    e->inventory[s] = sc->sites[s].inventory;
    for (int l = 0; l < sc->sites[s].launchers; l++) e->launcher_free[p->launcher_off[s] + l] = -HUGE_VAL;
    for (size_t i = 0; i < nt; i++) {
      size_t k = (size_t)s * nt + i;
      e->p_hit[k] = rel * (pert->sspk ? pert->sspk[k] : p->sspk[k]);
    }
  }
  memset(e->dead, 0, nt * ns + 1);
  memset(e->dead_why, 0, (nt * ns + 1) * sizeof *e->dead_why);
  memset(e->ts, 0, nt * sizeof *e->ts);
  for (size_t k = 0; k < nt * nr; k++) e->last_scan[k] = -HUGE_VAL;
  e->decision_latency_s = sc->c2.decision_latency_s + pert->decision_latency_dt_s;
  if (!(e->decision_latency_s >= 0.0)) e->decision_latency_s = 0.0;
  for (size_t i = 0; i < nt; i++) {
    const struct bmd_scen_threat *tq = &sc->threats[i];
    const struct bmd_traj_result *fl = &p->traj[p->alias[i]];
    struct bmd_sim_threat *th = &res->threats[i];
    struct tstate *ts = &e->ts[i];
    bmd_traj_result_release(&th->traj);
    memset(th, 0, sizeof *th);
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
    th->first_detect_t_s = nan("");
    th->firm_track_t_s = nan("");
    th->kill_t_s = nan("");
    th->first_detect_radar = -1;
    ts->last_scan = &e->last_scan[i * nr];
    ts->next_eval = HUGE_VAL;
  }
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

  /* the time loop: actions due, then launches, sensing, decisions, impacts */
  for (double t = floor(t0); t <= ceil(t1) + TICK_S && !e->oom; t += TICK_S) {
    if (progress) progress(pctx, (long)(t - floor(t0)), (long)(ceil(t1) - floor(t0) + TICK_S));
    run_actions(e, t);
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
  memset(res, 0, sizeof *res);
}
