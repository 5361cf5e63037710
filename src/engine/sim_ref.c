/* sim_ref.c - the reference engine (sim.h, bmd_sim_ref_work_run): the engine as it was at
   commit 2d8827a, kept unchanged to check the engine against and to measure its speed
   beside (bmdsim mc --model reference, test_mc, bench_mc).

   A 1 s time loop over every threat; each radar that sees a threat at its update interval
   draws a noisy measurement (bmd_radar_measure) that an extended Kalman filter absorbs
   (track.h, linearised about its own estimate); the battle manager reads the track's
   predicted position sigma for the divert check. The random stream serves, in time order,
   the early-warning report errors (3 Gaussian draws per report), the radar noise (3 per
   measurement) and the hits (1 uniform per interceptor). Outcomes, shots and spent counts
   only: no event log, no trajectory copies. The code below is sim.c of that commit
   without its event log; do not change it, except where an interface it calls changes. */
#include <bmd/sim.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <bmd/radar.h>
#include <bmd/status.h>
#include <bmd/track.h>

#include "sim_impl.h"

#define TICK_S 1.0
#define REEVAL_S 10.0
#define SIGMA_V0_MPS 5000.0

enum ref_action_kind { A_LAUNCH, A_INTERCEPT, A_ASSESS };

struct ref_action {
  double t;
  int kind;
  int threat, site;
  int shot0, nshot;
};

struct ref_tstate {
  int in_flight, killed, done;
  int has_track, nupdates, fc_updates, firm;
  int cued;
  int pending;
  int why;
  double next_eval;
  struct bmd_track track;
  double *last_scan;
};

struct bmd_sim_ref_work {
  const struct bmd_sim_prep *p;
  const struct bmd_scenario *sc;
  struct bmd_sim_result own;
  gsl_rng *rng;
  struct ref_tstate *ts;
  double *last_scan;
  char *dead;
  enum bmd_engage_reason *dead_why;
  int *inventory;
  double *launcher_free;
  double *p_hit;
  double *ew_delay_s;
  double decision_latency_s;
  struct ref_action *acts;
  int nacts, capacts;
  int oom;
};

static int push_action(struct bmd_sim_ref_work *e, struct ref_action a) {
  if (e->nacts == e->capacts) {
    int nc = e->capacts ? e->capacts * 2 : 64;
    struct ref_action *na = realloc(e->acts, (size_t)nc * sizeof *na);
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

static int threat_pos(const struct bmd_sim_ref_work *e, int i, double t, double r[3]) {
  const struct bmd_sim_threat *th = &e->own.threats[i];
  return bmd_traj_state_at(&e->p->traj[e->p->alias[i]], t - th->launch_t_s, NULL, r, NULL);
}

static int free_launchers(const struct bmd_sim_ref_work *e, int s, double t) {
  int n = 0;
  for (int l = 0; l < e->sc->sites[s].launchers; l++)
    if (e->launcher_free[e->p->launcher_off[s] + l] <= t) n++;
  return n;
}

static void take_launchers(struct bmd_sim_ref_work *e, int s, double t_launch, int n) {
  const struct bmd_scen_site *st = &e->sc->sites[s];
  for (int l = 0; l < st->launchers && n > 0; l++) {
    double *f = &e->launcher_free[e->p->launcher_off[s] + l];
    if (*f <= t_launch) {
      *f = st->reload_s > 0.0 ? t_launch + st->reload_s : HUGE_VAL;
      n--;
    }
  }
}

static void no_engagement(struct bmd_sim_ref_work *e, int i, enum bmd_engage_reason why) {
  struct bmd_sim_threat *th = &e->own.threats[i];
  if (th->reason == BMD_ENGAGE_NONE) th->reason = (int)why;
  e->ts[i].why = (int)why;
}

static void plan(struct bmd_sim_ref_work *e, int i, double t) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_threat *th = &e->own.threats[i];
  struct ref_tstate *ts = &e->ts[i];
  double ready_abs = t + e->decision_latency_s;
  int best = -1;
  struct bmd_engage_result best_er;
  enum bmd_engage_reason why = BMD_ENGAGE_OUT_OF_RANGE;
  int why_divert = 0, why_stock = 0;

  memset(&best_er, 0, sizeof best_er);
  for (int s = 0; s < sc->nsites; s++) {
    const struct bmd_missile *ic = sc->sites[s].interceptor;
    struct bmd_engage_result er;
    if (e->dead[(size_t)i * (size_t)sc->nsites + (size_t)s]) {
      enum bmd_engage_reason rw = e->dead_why[(size_t)i * (size_t)sc->nsites + (size_t)s];
      if (rw > why || why == BMD_ENGAGE_OUT_OF_RANGE) why = rw;
      continue;
    }
    bmd_engage_table_solve(&e->p->tab[(size_t)e->p->alias[i] * (size_t)sc->nsites + (size_t)s],
                           ready_abs - th->launch_t_s, &er);
    if (!er.feasible) {
      if (er.reason > why || why == BMD_ENGAGE_OUT_OF_RANGE) why = er.reason;
      e->dead[(size_t)i * (size_t)sc->nsites + (size_t)s] = 1;
      e->dead_why[(size_t)i * (size_t)sc->nsites + (size_t)s] = er.reason;
      continue;
    }
    if (e->inventory[s] <= 0 || free_launchers(e, s, HUGE_VAL) <= 0) {
      why_stock = 1;
      continue;
    }
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
    if (sc->nsites == 0) why = BMD_ENGAGE_NO_SITE;
    else if (why_divert) why = BMD_ENGAGE_TRACK_TOO_POOR;
    else if (why_stock) why = BMD_ENGAGE_NO_INVENTORY;
    no_engagement(e, i, why);
    ts->next_eval = t + REEVAL_S;
    return;
  }
  {
    int nshot = sc->c2.salvo;
    double launch_abs = th->launch_t_s + best_er.earliest.launch_t_s;
    if (sc->c2.doctrine == BMD_DOCTRINE_SLS &&
        best_er.latest.launch_t_s >= best_er.earliest.t_s + sc->c2.kill_assessment_s)
      nshot = 1;
    if (nshot > e->inventory[best]) nshot = e->inventory[best];
    if (nshot > free_launchers(e, best, launch_abs)) nshot = free_launchers(e, best, launch_abs);
    if (nshot <= 0 || th->nshots + nshot > BMD_SIM_MAX_SHOTS) {
      if (nshot <= 0) no_engagement(e, i, BMD_ENGAGE_NO_INVENTORY);
      ts->next_eval = t + REEVAL_S;
      return;
    }
    struct ref_action a = {launch_abs, A_LAUNCH, i, best, th->nshots, nshot};
    for (int k = 0; k < nshot; k++) {
      struct bmd_sim_shot *sh = &th->shots[th->nshots++];
      sh->site = best;
      sh->launch_t_s = launch_abs;
      sh->ic = best_er.earliest;
      sh->hit = 0;
    }
    e->inventory[best] -= nshot;
    e->own.spent[best] += nshot;
    take_launchers(e, best, launch_abs, nshot);
    push_action(e, a);
    a.t = th->launch_t_s + best_er.earliest.t_s;
    a.kind = A_INTERCEPT;
    push_action(e, a);
    ts->pending = 1;
  }
}

static void do_action(struct bmd_sim_ref_work *e, const struct ref_action *a) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_threat *th = &e->own.threats[a->threat];
  struct ref_tstate *ts = &e->ts[a->threat];
  if (a->kind == A_LAUNCH) return;
  if (a->kind == A_INTERCEPT) {
    if (ts->killed || ts->done) return;
    double p = e->p_hit[(size_t)a->site * (size_t)sc->nthreats + (size_t)a->threat];
    int any = 0;
    for (int k = 0; k < a->nshot; k++) {
      struct bmd_sim_shot *sh = &th->shots[a->shot0 + k];
      sh->hit = gsl_rng_uniform(e->rng) < p;
      any |= sh->hit;
    }
    if (any) {
      ts->killed = 1;
      th->kill_t_s = a->t;
    }
    struct ref_action ka = *a;
    ka.t = a->t + sc->c2.kill_assessment_s;
    ka.kind = A_ASSESS;
    push_action(e, ka);
  } else {
    if (ts->done && !ts->killed) return;
    if (ts->killed) {
      ts->done = 1;
    } else {
      ts->pending = 0;
      ts->next_eval = a->t;
    }
  }
}

static int cmp_action(const struct ref_action *x, const struct ref_action *y) {
  if (x->t != y->t) return x->t < y->t ? -1 : 1;
  if (x->threat != y->threat) return x->threat - y->threat;
  return x->kind - y->kind;
}

static void run_actions(struct bmd_sim_ref_work *e, double t) {
  for (;;) {
    int k = -1;
    for (int j = 0; j < e->nacts; j++)
      if (e->acts[j].t <= t && (k < 0 || cmp_action(&e->acts[j], &e->acts[k]) < 0)) k = j;
    if (k < 0) return;
    struct ref_action a = e->acts[k];
    e->acts[k] = e->acts[--e->nacts];
    do_action(e, &a);
  }
}

static void sense(struct bmd_sim_ref_work *e, int i, double t) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_threat *th = &e->own.threats[i];
  struct ref_tstate *ts = &e->ts[i];
  double r[3];
  if (!threat_pos(e, i, t, r)) return;
  if (sc->ew && !ts->cued && t >= th->launch_t_s + e->ew_delay_s[i]) {
    ts->cued = 1;
    /* the report's errors (logged by the engine of that commit): drawn all the same */
    (void)gsl_ran_gaussian(e->rng, sc->ew->launch_point_error_km);
    (void)gsl_ran_gaussian(e->rng, sc->ew->launch_point_error_km);
    (void)gsl_ran_gaussian(e->rng, sc->ew->azimuth_error_deg);
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
    if (isnan(th->first_detect_t_s)) {
      th->first_detect_t_s = t;
      th->first_detect_radar = k;
      ts->cued = 1;
    }
    if (!ts->firm && ts->nupdates >= sc->c2.firm_track_updates && ts->fc_updates > 0) {
      ts->firm = 1;
      th->firm_track_t_s = t;
      ts->next_eval = t;
    }
  }
}

void bmd_sim_ref_work_free(struct bmd_sim_ref_work *w) {
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

int bmd_sim_ref_work_alloc(const struct bmd_sim_prep *p, struct bmd_sim_ref_work **out) {
  struct bmd_sim_ref_work *w = calloc(1, sizeof *w);
  size_t nt = (size_t)p->nthreats, ns = (size_t)p->nsites;
  *out = NULL;
  if (!w) return BMD_ENOMEM;
  w->p = p;
  w->sc = p->sc;
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
    bmd_sim_ref_work_free(w);
    return BMD_ENOMEM;
  }
  *out = w;
  return BMD_OK;
}

static void reset(struct bmd_sim_ref_work *e, unsigned long seed, const struct bmd_sim_perturb *pert) {
  const struct bmd_sim_prep *p = e->p;
  const struct bmd_scenario *sc = p->sc;
  struct bmd_sim_result *res = &e->own;
  size_t nt = (size_t)p->nthreats, ns = (size_t)p->nsites, nr = (size_t)p->nradars;
  static const struct bmd_sim_perturb none;
  if (!pert) pert = &none;

  e->nacts = 0;
  e->oom = 0;
  gsl_rng_set(e->rng, seed);
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
    const struct bmd_traj_result *fl = &p->traj[p->alias[i]];
    struct bmd_sim_threat *th = &res->threats[i];
    struct ref_tstate *ts = &e->ts[i];
    memset(th, 0, sizeof *th);
    if (sc->ew) {
      e->ew_delay_s[i] = sc->ew->detect_delay_s + (pert->ew_delay_dt_s ? pert->ew_delay_dt_s[i] : 0.0);
      if (!(e->ew_delay_s[i] >= 0.0)) e->ew_delay_s[i] = 0.0;
    }
    th->launch_t_s = sc->threats[i].launch_s + (pert->launch_dt_s ? pert->launch_dt_s[i] : 0.0);
    th->impact_t_s = th->launch_t_s + fl->impact_t_s;
    th->first_detect_t_s = nan("");
    th->firm_track_t_s = nan("");
    th->kill_t_s = nan("");
    th->first_detect_radar = -1;
    ts->last_scan = &e->last_scan[i * nr];
    ts->next_eval = HUGE_VAL;
  }
}

static void finish(struct bmd_sim_ref_work *e, int i) {
  struct bmd_sim_threat *th = &e->own.threats[i];
  if (e->ts[i].killed) {
    th->outcome = BMD_OUTCOME_KILLED;
  } else if (th->nshots > 0) {
    th->outcome = BMD_OUTCOME_LEAKED;
  } else {
    th->outcome = BMD_OUTCOME_UNENGAGED;
    if (!e->ts[i].firm)
      th->reason = isnan(th->first_detect_t_s) ? BMD_ENGAGE_NOT_DETECTED : BMD_ENGAGE_NO_FIRE_CONTROL_TRACK;
    else if (th->reason == BMD_ENGAGE_NONE)
      th->reason = BMD_ENGAGE_NO_INVENTORY;
  }
}

int bmd_sim_ref_work_run(struct bmd_sim_ref_work *e, unsigned long seed, const struct bmd_sim_perturb *pert,
                         const struct bmd_sim_result **out) {
  const struct bmd_scenario *sc = e->sc;
  struct bmd_sim_result *res = &e->own;
  double t0 = HUGE_VAL, t1 = -HUGE_VAL;
  reset(e, seed, pert);
  if (out) *out = res;
  for (int i = 0; i < sc->nthreats; i++) {
    if (res->threats[i].launch_t_s < t0) t0 = res->threats[i].launch_t_s;
    if (res->threats[i].impact_t_s > t1) t1 = res->threats[i].impact_t_s;
  }
  for (double t = floor(t0); t <= ceil(t1) + TICK_S && !e->oom; t += TICK_S) {
    run_actions(e, t);
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
      struct ref_tstate *ts = &e->ts[i];
      if (ts->done) continue;
      if (!ts->in_flight && t >= th->launch_t_s) ts->in_flight = 1;
      if (!ts->in_flight) continue;
      if (t >= th->impact_t_s) {
        ts->done = 1;
        if (!ts->killed) finish(e, i);
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
    finish(e, i);
    bmd_outcome_counts_add(&res->count, res->threats[i].outcome);
    if (res->threats[i].nshots > 0) res->engaged++;
  }
  return BMD_OK;
}
