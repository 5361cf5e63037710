/* battle.c - the battle manager (battle.h): by doctrine, per track, against the
   engagement tables; the sites' stock of interceptors and launchers. */
#include <bmd/battle.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/status.h>

struct bmd_battle {
  const struct bmd_scenario *sc;
  const struct bmd_battle_table *tab;  /* [flight * nsites + site] */
  const int *flight;                   /* [object] */
  int nobj, nsites, nlaunchers;
  int *launcher_off;                   /* [site]: first of its launchers */
  int *inventory;                      /* [site] */
  double *launcher_free;               /* [launcher]: free from this time on (s) */
  char *dead;                          /* [object * nsites + site]: never again */
  enum bmd_engage_reason *dead_why;    /* why not */
  char *lost;                          /* [site]: destroyed or disabled (battle damage) */
  double decision_latency_s;
};

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : (x > y);
}

int bmd_battle_table_init(struct bmd_battle_table *bt, const struct bmd_engage_table *tab) {
  const long n = tab->n;
  double m = -HUGE_VAL;
  memset(bt, 0, sizeof *bt);
  bt->tab = tab;
  bt->launch_max = malloc((size_t)n * sizeof *bt->launch_max + 1);
  bt->launch_smax = malloc((size_t)n * sizeof *bt->launch_smax + 1);
  bt->launch_sorted = malloc((size_t)n * sizeof *bt->launch_sorted + 1);
  if (!bt->launch_max || !bt->launch_smax || !bt->launch_sorted) {
    bmd_battle_table_release(bt);
    return BMD_ENOMEM;
  }
  /* a NaN launch time counts as launchable at any ready time, as the scan's
     "launch_t_s < ready" test takes it: +inf here */
  for (long k = 0; k < n; k++) {
    double x = isnan(tab->pts[k].launch_t_s) ? HUGE_VAL : tab->pts[k].launch_t_s;
    if (x > m) m = x;
    bt->launch_max[k] = m;
    bt->launch_sorted[k] = x;
  }
  m = -HUGE_VAL;
  for (long k = n - 1; k >= 0; k--) {
    double x = bt->launch_sorted[k];
    if (x > m) m = x;
    bt->launch_smax[k] = m;
  }
  qsort(bt->launch_sorted, (size_t)n, sizeof *bt->launch_sorted, cmp_double);
  return BMD_OK;
}

void bmd_battle_table_release(struct bmd_battle_table *bt) {
  if (!bt) return;
  free(bt->launch_max);
  free(bt->launch_smax);
  free(bt->launch_sorted);
  memset(bt, 0, sizeof *bt);
}

/* the first point of bt launchable at ready_t_s, or -1: the first k with
   launch_max[k] >= ready_t_s */
static long first_point(const struct bmd_battle_table *bt, double ready_t_s) {
  long lo = 0, hi = bt->tab->n;
  while (lo < hi) {
    long mid = lo + (hi - lo) / 2;
    if (bt->launch_max[mid] >= ready_t_s) hi = mid;
    else lo = mid + 1;
  }
  return lo < bt->tab->n ? lo : -1;
}

void bmd_battle_table_solve(const struct bmd_battle_table *bt, double ready_t_s, struct bmd_engage_result *er) {
  long n = bt->tab->n, first = first_point(bt, ready_t_s), last = -1, npoints = 0;
  if (first >= 0) {
    /* the last k with launch_smax[k] >= ready (non-increasing), and the number of
       launch times >= ready in the sorted list */
    long lo = first, hi = n;
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (bt->launch_smax[mid] >= ready_t_s) lo = mid;
      else hi = mid;
    }
    last = lo;
    lo = 0;
    hi = n;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (bt->launch_sorted[mid] >= ready_t_s) hi = mid;
      else lo = mid + 1;
    }
    npoints = n - lo;
  }
  bmd_engage_table_result(bt->tab, first, last, npoints, er);
}

void bmd_battle_free(struct bmd_battle *b) {
  if (!b) return;
  free(b->launcher_off);
  free(b->inventory);
  free(b->launcher_free);
  free(b->dead);
  free(b->dead_why);
  free(b->lost);
  free(b);
}

int bmd_battle_alloc(const struct bmd_scenario *sc, const struct bmd_battle_table *tab, const int *flight,
                     struct bmd_battle **out) {
  struct bmd_battle *b = calloc(1, sizeof *b);
  size_t no = (size_t)sc->nthreats, ns = (size_t)sc->nsites;
  *out = NULL;
  if (!b) return BMD_ENOMEM;
  b->sc = sc;
  b->tab = tab;
  b->flight = flight;
  b->nobj = sc->nthreats;
  b->nsites = sc->nsites;
  b->launcher_off = calloc(ns + 1, sizeof *b->launcher_off);
  if (b->launcher_off)
    for (int s = 0; s < sc->nsites; s++) {
      b->launcher_off[s] = b->nlaunchers;
      b->nlaunchers += sc->sites[s].launchers;
    }
  b->inventory = calloc(ns + 1, sizeof *b->inventory);
  b->launcher_free = calloc((size_t)b->nlaunchers + 1, sizeof *b->launcher_free);
  b->dead = calloc(no * ns + 1, 1);
  b->dead_why = calloc(no * ns + 1, sizeof *b->dead_why);
  b->lost = calloc(ns + 1, 1);
  if (!b->launcher_off || !b->inventory || !b->launcher_free || !b->dead || !b->dead_why || !b->lost) {
    bmd_battle_free(b);
    return BMD_ENOMEM;
  }
  *out = b;
  return BMD_OK;
}

void bmd_battle_reset(struct bmd_battle *b, double decision_latency_s) {
  const struct bmd_scenario *sc = b->sc;
  size_t n = (size_t)b->nobj * (size_t)b->nsites;
  for (int s = 0; s < sc->nsites; s++) {
    b->inventory[s] = sc->sites[s].inventory;
    for (int l = 0; l < sc->sites[s].launchers; l++) b->launcher_free[b->launcher_off[s] + l] = -HUGE_VAL;
  }
  memset(b->dead, 0, n + 1);
  memset(b->dead_why, 0, (n + 1) * sizeof *b->dead_why);
  memset(b->lost, 0, (size_t)b->nsites + 1);
  b->decision_latency_s = decision_latency_s;
}

/* free launchers of site s at time t */
static int free_launchers(const struct bmd_battle *b, int s, double t) {
  int n = 0;
  for (int l = 0; l < b->sc->sites[s].launchers; l++)
    if (b->launcher_free[b->launcher_off[s] + l] <= t) n++;
  return n;
}

static void take_launchers(struct bmd_battle *b, int s, double t_launch, int n) {
  const struct bmd_scen_site *st = &b->sc->sites[s];
  for (int l = 0; l < st->launchers && n > 0; l++) {
    double *f = &b->launcher_free[b->launcher_off[s] + l];
    if (*f <= t_launch) {
      /* reload_s 0: a launcher holds one round and is not reloaded in battle */
      *f = st->reload_s > 0.0 ? t_launch + st->reload_s : HUGE_VAL;
      n--;
    }
  }
}

int bmd_battle_decide(struct bmd_battle *b, const struct bmd_battle_track *tk, double t_s,
                      struct bmd_battle_order *o) {
  const struct bmd_scenario *sc = b->sc;
  const size_t ns = (size_t)sc->nsites, i = (size_t)tk->object;
  const double ready = t_s + b->decision_latency_s - tk->launch_t_s; /* from the object's launch */
  int best = -1;
  double best_t = 0.0;
  enum bmd_engage_reason why = BMD_ENGAGE_OUT_OF_RANGE;
  int why_divert = 0, why_stock = 0, why_lost = 0, ndead = 0;

  memset(o, 0, sizeof *o);
  for (int s = 0; s < sc->nsites; s++) {
    const struct bmd_missile *ic = sc->sites[s].interceptor;
    const struct bmd_battle_table *bt = &b->tab[(size_t)b->flight[i] * ns + (size_t)s];
    long k;
    /* every reason an engagement fails is permanent as time goes on (the ready time only
       grows), except the divert check and the stock: skip pairs already found impossible */
    if (b->dead[i * ns + (size_t)s]) {
      enum bmd_engage_reason rw = b->dead_why[i * ns + (size_t)s];
      if (rw > why || why == BMD_ENGAGE_OUT_OF_RANGE) why = rw;
      ndead++;
      continue;
    }
    k = first_point(bt, ready);
    if (k < 0) {
      /* no point left: the table's counts give the reason (bmd_engage_table_solve) */
      struct bmd_engage_result er;
      bmd_battle_table_solve(bt, ready, &er);
      if (er.reason > why || why == BMD_ENGAGE_OUT_OF_RANGE) why = er.reason;
      b->dead[i * ns + (size_t)s] = 1;
      b->dead_why[i * ns + (size_t)s] = er.reason;
      ndead++;
      continue;
    }
    /* in reach, but destroyed or disabled */
    if (b->lost[s]) {
      why_lost = 1;
      continue;
    }
    /* in reach, but nothing left to fire (a launcher that is reloading counts as left) */
    if (b->inventory[s] <= 0 || free_launchers(b, s, HUGE_VAL) <= 0) {
      why_stock = 1;
      continue;
    }
    /* divert: the kill vehicle must take out the track error in its homing time, at
       3 sigma */
    if (3.0 * tk->sigma_m / sc->c2.kv_homing_s > ic->kv.divert_mps) {
      why_divert = 1;
      continue;
    }
    if (best < 0 || bt->tab->pts[k].t_s < best_t) {
      best = s;
      best_t = bt->tab->pts[k].t_s;
    }
  }
  if (best < 0) {
    /* a site in reach tells more than the geometry of the others: first the track it
       could not use, then the stock it did not have */
    if (sc->nsites == 0) why = BMD_ENGAGE_NO_SITE;
    else if (why_divert) why = BMD_ENGAGE_TRACK_TOO_POOR;
    else if (why_lost) why = BMD_ENGAGE_SITE_LOST;
    else if (why_stock) why = BMD_ENGAGE_NO_INVENTORY;
    o->er.reason = why;
    o->never = ndead == sc->nsites;
    return 0;
  }
  {
    int nshot = sc->c2.salvo, nfree;
    bmd_battle_table_solve(&b->tab[(size_t)b->flight[i] * ns + (size_t)best], ready, &o->er);
    o->site = best;
    o->launch_t_s = tk->launch_t_s + o->er.earliest.launch_t_s;
    if (sc->c2.doctrine == BMD_DOCTRINE_SLS &&
        o->er.latest.launch_t_s >= o->er.earliest.t_s + sc->c2.kill_assessment_s) {
      nshot = 1;
      o->sls = 1;
    }
    if (nshot > b->inventory[best]) nshot = b->inventory[best];
    nfree = free_launchers(b, best, o->launch_t_s);
    if (nshot > nfree) nshot = nfree;
    o->nshot = nshot;
    if (nshot <= 0) {
      /* no launcher ready in time */
      o->er.reason = BMD_ENGAGE_NO_INVENTORY;
      return 0;
    }
    if (nshot > tk->shots_left) {
      /* the track's shot record is full (only a track fired at 32 times can meet this) */
      o->er.reason = BMD_ENGAGE_NONE;
      return 0;
    }
    b->inventory[best] -= nshot;
    take_launchers(b, best, o->launch_t_s, nshot);
    return 1;
  }
}

int bmd_battle_site_lost(struct bmd_battle *b, int s) {
  int left = b->inventory[s];
  b->lost[s] = 1;
  b->inventory[s] = 0;
  return left;
}

void bmd_battle_priority(const struct bmd_scenario *sc, const double *impact_t_s, int n, int *order) {
  /* insertion sort: stable, and n is a raid's size */
  for (int i = 0; i < n; i++) order[i] = i;
  for (int a = 1; a < n; a++) {
    int x = order[a], k = a - 1;
    while (k >= 0) {
      int y = order[k];
      int before = sc->c2.priority == BMD_PRIORITY_TARGET_VALUE ? sc->threats[x].value > sc->threats[y].value
                                                                 : impact_t_s[x] < impact_t_s[y];
      if (!before) break;
      order[k + 1] = y;
      k--;
    }
    order[k + 1] = x;
  }
}
