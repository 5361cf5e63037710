/* sim_sense.c - what the engine's radars make of each threat (sim_impl.h): when each radar
   sees each flight, found once in the prep; per run, each threat's measurement schedule
   on the engine's 1 s ticks; and the track's covariance along a schedule (covariance
   analysis, track.h), computed once per schedule and kept in the prep's cache.
   Model, and what it changes against a filter fed with noisy measurements:
   docs/models/tracking.md, sec. 8; docs/models/montecarlo.md. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/radar.h>
#include <bmd/status.h>
#include <bmd/track.h>

#include "sim_impl.h"

/* Visibility is sampled every VIS_STEP_S along a flight and each change located by
   bisection to VIS_TOL_S. A window shorter than the step between two samples that do not
   see the target is missed; the old tick-by-tick test caught one with probability (its
   length / 1 s), below 1/16 (test_sim compares schedules with tick-by-tick looks). */
#define VIS_STEP_S (1.0 / 16.0)
#define VIS_TOL_S 1e-9

/* the covariance cache holds at most this many bytes of entries; beyond, a run computes
   its threats' covariances in its own memory (the same numbers, more time) */
#define COV_CACHE_MAX_BYTES (64.0 * 1024.0 * 1024.0)

#define SIGMA_V0_MPS 5000.0   /* velocity uncertainty of a new track (unknown) */

/* ---- visibility, in the prep ---- */

static int look(const struct bmd_radar *rd, const struct bmd_traj_result *tj, double rdet, double t, long *hint) {
  double r[3];
  return bmd_traj_state_at(tj, t, hint, r, NULL) && bmd_radar_sees(rd, r, rdet);
}

/* the boundary between t_lo (seen: v_lo) and t_hi (not v_lo), to VIS_TOL_S: the end of the
   bracket on the seen side */
static double boundary(const struct bmd_radar *rd, const struct bmd_traj_result *tj, double rdet, double lo,
                       double hi, int v_lo) {
  while (hi - lo > VIS_TOL_S) {
    double mid = 0.5 * (lo + hi);
    if (look(rd, tj, rdet, mid, NULL) == v_lo) lo = mid;
    else hi = mid;
  }
  return v_lo ? lo : hi;
}

static int vis_push(struct bmd_sim_vis *v, int *nv, int *cap, double x) {
  if (*nv >= *cap) {
    int nc = *cap ? *cap * 2 : 8;
    double *na = realloc(v->ab, (size_t)nc * sizeof *na);
    if (!na) return BMD_ENOMEM;
    v->ab = na;
    *cap = nc;
  }
  v->ab[(*nv)++] = x;
  return BMD_OK;
}

/* the intervals [ab[2q], ab[2q + 1]] of flight tj (s after launch) in which radar rd sees a
   target whose detection range is rdet */
static int vis_build(const struct bmd_radar *rd, const struct bmd_traj_result *tj, double rdet,
                     struct bmd_sim_vis *v) {
  int cap = 0, nv = 0, st = BMD_OK, prev_v;
  long hint = 0, j = 1;
  double T, vmax, prev_t = 0.0;
  memset(v, 0, sizeof *v);
  if (tj->nsamples < 2) return BMD_OK;
  T = tj->samples[tj->nsamples - 1].t_s;
  vmax = bmd_traj_speed_bound(tj);
  prev_v = look(rd, tj, rdet, 0.0, &hint);
  if (prev_v) st = vis_push(v, &nv, &cap, 0.0);
  while (st == BMD_OK && prev_t < T) {
    double t = fmin((double)j * VIS_STEP_S, T), r[3], dx, dy, dz;
    int cur;
    if (!bmd_traj_state_at(tj, t, &hint, r, NULL)) break;
    dx = r[0] - rd->r_ecef_m[0];
    dy = r[1] - rd->r_ecef_m[1];
    dz = r[2] - rd->r_ecef_m[2];
    if (sqrt(dx * dx + dy * dy + dz * dz) > rdet + 1.0) {
      /* out of range (1 m beyond radar.c's own rounding), and so for at least
         (distance - rdet - 1) / vmax more: the samples until then are not seen either */
      long skip = (long)floor((sqrt(dx * dx + dy * dy + dz * dz) - rdet - 1.0) / vmax / VIS_STEP_S);
      if (prev_v) st = vis_push(v, &nv, &cap, boundary(rd, tj, rdet, prev_t, t, 1));
      prev_v = 0;
      prev_t = t;
      if (skip > 1) {
        j += skip - 1;
        prev_t = fmin((double)j * VIS_STEP_S, T);
      }
      j++;
      continue;
    }
    cur = bmd_radar_sees(rd, r, rdet);
    if (cur != prev_v) st = vis_push(v, &nv, &cap, boundary(rd, tj, rdet, prev_t, t, prev_v));
    prev_v = cur;
    prev_t = t;
    j++;
  }
  if (st == BMD_OK && prev_v) st = vis_push(v, &nv, &cap, T);
  v->n = nv / 2;
  return st;
}

int bmd_sim_sense_prep(struct bmd_sim_prep *p) {
  const struct bmd_scenario *sc = p->sc;
  size_t nr = (size_t)p->nradars;
  p->vis = calloc((size_t)p->nthreats * nr + 1, sizeof *p->vis);
  p->cache = calloc(1, sizeof *p->cache);
  if (!p->vis || !p->cache || pthread_mutex_init(&p->cache->mu, NULL) != 0) {
    free(p->cache);
    p->cache = NULL;
    return BMD_ENOMEM;
  }
  if (pthread_cond_init(&p->cache->cv, NULL) != 0) {
    pthread_mutex_destroy(&p->cache->mu);
    free(p->cache);
    p->cache = NULL;
    return BMD_ENOMEM;
  }
  p->cache->max_bytes = COV_CACHE_MAX_BYTES;
  for (int i = 0; i < p->nthreats; i++) {
    const struct bmd_traj_result *tj = &p->traj[p->alias[i]];
    int runs = 0;
    for (int k = 0; k < p->nradars; k++) {
      const struct bmd_radar *rd = &p->radars[k];
      struct bmd_sim_vis *v = &p->vis[(size_t)i * nr + (size_t)k];
      int st = vis_build(rd, tj, bmd_radar_detection_range_m(rd->type, sc->threats[i].rcs_dbsm), v);
      if (st != BMD_OK) return st;
      runs += v->n;
    }
    if (runs > p->maxruns) p->maxruns = runs;
  }
  return BMD_OK;
}

void bmd_sim_sense_release(struct bmd_sim_prep *p) {
  if (p->vis)
    for (size_t k = 0; k < (size_t)p->nthreats * (size_t)p->nradars; k++) free(p->vis[k].ab);
  free(p->vis);
  if (p->cache) {
    for (size_t k = 0; k < p->cache->nslot; k++) bmd_sim_cov_free(p->cache->slot[k]);
    free(p->cache->slot);
    pthread_cond_destroy(&p->cache->cv);
    pthread_mutex_destroy(&p->cache->mu);
    free(p->cache);
  }
}

/* ---- a run's schedule ---- */

/* the engine's tick n0 + m senses the threat at m + (n0 - L) s after its launch L */
static double tau(const struct bmd_sim_sched *s, long m) { return (s->n0 + (double)m) - s->launch_t_s; }

/* the first m >= 0 whose time after launch is >= a */
static long first_from(const struct bmd_sim_sched *s, double a) {
  long m = (long)ceil(a - s->phi);
  if (m < 0) m = 0;
  while (m > 0 && tau(s, m - 1) >= a) m--;
  while (tau(s, m) < a) m++;
  return m;
}

/* the last m whose time after launch is <= b (-1 if none) */
static long last_to(const struct bmd_sim_sched *s, double b) {
  long m = (long)floor(b - s->phi);
  if (m < -1) m = -1;
  while (m >= 0 && tau(s, m) > b) m--;
  while (tau(s, m + 1) <= b) m++;
  return m;
}

/* radar k's looks that see the threat, from tick c on: in each visibility interval the
   first tick that is due (update interval since the last look) and then every d ticks */
static void add_runs(const struct bmd_sim_prep *p, int i, int k, long c, double end_t_s, struct bmd_sim_sched *s) {
  const struct bmd_sim_vis *v = &p->vis[(size_t)i * (size_t)p->nradars + (size_t)k];
  double u = p->radars[k].type->update_s;
  long d = u > 1.0 ? (long)ceil(u) : 1, last = -1;
  if (d > s->M) d = s->M + 1;
  for (int q = 0; q < v->n; q++) {
    long m = first_from(s, v->ab[2 * q]), mend = last_to(s, v->ab[2 * q + 1]);
    if (m < c) m = c;
    if (last >= 0 && m < last + d) m = last + d;
    if (mend > s->M - 1) mend = s->M - 1;
    /* a radar lost at end_t_s looks last at the tick before (battle damage) */
    if (end_t_s < HUGE_VAL && (double)mend + s->n0 >= end_t_s) mend = (long)ceil(end_t_s - s->n0) - 1;
    if (m > mend) continue;
    {
      struct bmd_sim_srun *r = &s->runs[s->nruns++];
      r->radar = k;
      r->m0 = m;
      r->d = d;
      r->count = (mend - m) / d + 1;
      last = m + (r->count - 1) * d;
    }
  }
}

/* (m, radar) of the first look of the runs of radars for which want(k) holds; m -1 if none */
static long first_look(const struct bmd_sim_prep *p, const struct bmd_sim_sched *s, int fc_only, int *radar) {
  long m = -1;
  *radar = -1;
  for (int q = 0; q < s->nruns; q++) {
    const struct bmd_sim_srun *r = &s->runs[q];
    if (fc_only && !p->radars[r->radar].type->fire_control) continue;
    if (m < 0 || r->m0 < m || (r->m0 == m && r->radar < *radar)) {
      m = r->m0;
      *radar = r->radar;
    }
  }
  return m;
}

/* looks before (m, k) in the engine's order (tick, then radar index) */
static long looks_before(const struct bmd_sim_sched *s, long m, int k) {
  long n = 0;
  for (int q = 0; q < s->nruns; q++) {
    const struct bmd_sim_srun *r = &s->runs[q];
    long lim = m - 1 + (r->radar < k ? 1 : 0);
    if (lim < r->m0) continue;
    n += (lim - r->m0) / r->d + 1 < r->count ? (lim - r->m0) / r->d + 1 : r->count;
  }
  return n;
}

void bmd_sim_iter_start(const struct bmd_sim_sched *s, long *next) {
  for (int q = 0; q < s->nruns; q++) next[q] = 0;
}

int bmd_sim_iter_next(const struct bmd_sim_sched *s, long *next, long *m, int *radar) {
  int best = -1;
  for (int q = 0; q < s->nruns; q++) {
    const struct bmd_sim_srun *r = &s->runs[q];
    long t;
    if (next[q] >= r->count) continue;
    t = r->m0 + next[q] * r->d;
    if (best < 0 || t < *m || (t == *m && r->radar < *radar)) {
      best = q;
      *m = t;
      *radar = r->radar;
    }
  }
  if (best < 0) return 0;
  next[best]++;
  return 1;
}

static int cmp_run(const struct bmd_sim_srun *a, const struct bmd_sim_srun *b) {
  if (a->radar != b->radar) return a->radar < b->radar ? -1 : 1;
  return a->m0 < b->m0 ? -1 : (a->m0 > b->m0);
}

/* the cache's hash of a schedule: each word folded in by xor and a multiplication by the
   64-bit FNV prime (Fowler, Noll & Vo), then SplitMix64's finaliser (Steele, Lea & Flood,
   OOPSLA 2014) so that the low bits, which pick the slot, depend on every word */
static uint64_t mix(uint64_t h, long x) { return (h ^ (uint64_t)x) * 0x100000001b3ULL; }

static uint64_t finish_hash(uint64_t z) {
  z = (z ^ (z >> 30)) * BMD_SPLITMIX64_M1;
  z = (z ^ (z >> 27)) * BMD_SPLITMIX64_M2;
  return z ^ (z >> 31);
}

void bmd_sim_sched_make(const struct bmd_sim_prep *p, int i, double launch_t_s, double impact_t_s,
                        double ew_delay_s, struct bmd_sim_sched *s) {
  bmd_sim_sched_make_lost(p, i, launch_t_s, impact_t_s, ew_delay_s, NULL, s);
}

void bmd_sim_sched_make_lost(const struct bmd_sim_prep *p, int i, double launch_t_s, double impact_t_s,
                             double ew_delay_s, const double *radar_end_t_s, struct bmd_sim_sched *s) {
  const struct bmd_scenario *sc = p->sc;
  const struct bmd_traj_result *tj = &p->traj[p->alias[i]];
  double t_last = tj->nsamples > 0 ? tj->samples[tj->nsamples - 1].t_s : -1.0;
  long m_det_nc;
  int r_det_nc, r;
  s->flight = p->alias[i];
  s->launch_t_s = launch_t_s;
  s->n0 = ceil(launch_t_s);
  s->phi = s->n0 - launch_t_s;
  /* the engine senses a threat at ticks t >= launch and t < impact, where it has a position */
  s->M = impact_t_s > s->n0 ? (long)(ceil(impact_t_s) - s->n0) : 0;
  while (s->M > 0 && !(tau(s, s->M - 1) <= t_last)) s->M--;
  s->nruns = 0;
  s->m_ew = -1;
  if (sc->ew) {
    double x = launch_t_s + ew_delay_s; /* the engine's t >= launch + delay */
    long m = (long)ceil(x - s->n0);
    if (m < 0) m = 0;
    while (m > 0 && s->n0 + (double)(m - 1) >= x) m--;
    while (s->n0 + (double)m < x) m++;
    if (m < s->M) s->m_ew = m;
  }
  /* radars that need no cue; the first of them to see the threat cues the others (from the
     next radar in the engine's order at the same tick), unless early warning came first */
  for (int k = 0; k < p->nradars; k++)
    if (!p->radars[k].type->needs_cue) add_runs(p, i, k, 0, radar_end_t_s ? radar_end_t_s[k] : HUGE_VAL, s);
  m_det_nc = first_look(p, s, 0, &r_det_nc);
  for (int k = 0; k < p->nradars; k++) {
    long c = -1;
    if (!p->radars[k].type->needs_cue) continue;
    if (m_det_nc >= 0) c = k > r_det_nc ? m_det_nc : m_det_nc + 1;
    if (s->m_ew >= 0 && (c < 0 || s->m_ew < c)) c = s->m_ew;
    if (c >= 0) add_runs(p, i, k, c, radar_end_t_s ? radar_end_t_s[k] : HUGE_VAL, s);
  }
  /* canonical order: by radar, then time (insertion sort: a few runs) */
  for (int a = 1; a < s->nruns; a++) {
    struct bmd_sim_srun x = s->runs[a];
    int b = a - 1;
    while (b >= 0 && cmp_run(&s->runs[b], &x) > 0) {
      s->runs[b + 1] = s->runs[b];
      b--;
    }
    s->runs[b + 1] = x;
  }
  s->m_detect = first_look(p, s, 0, &s->r_detect);
  /* firm: n_firm looks, one of them by a fire-control radar */
  s->m_firm = -1;
  s->r_firm = -1;
  {
    int r_fc;
    long m_fc = first_look(p, s, 1, &r_fc);
    if (m_fc >= 0) {
      long j_fc = looks_before(s, m_fc, r_fc), want = sc->c2.firm_track_updates - 1;
      if (j_fc >= want) {
        s->m_firm = m_fc;
        s->r_firm = r_fc;
      } else {
        long m = 0, n = 0;
        bmd_sim_iter_start(s, s->iter);
        while (bmd_sim_iter_next(s, s->iter, &m, &r)) {
          if (n++ == want) {
            s->m_firm = m;
            s->r_firm = r;
            break;
          }
        }
      }
    }
  }
  s->hash = mix(mix(0xcbf29ce484222325ULL, s->flight), s->nruns);
  for (int q = 0; q < s->nruns; q++) s->hash = mix(mix(mix(s->hash, s->runs[q].radar), s->runs[q].m0), s->runs[q].count);
  s->hash = finish_hash(s->hash);
}

/* ---- the covariance along a schedule ---- */

static int same_key(const struct bmd_sim_cov *c, const struct bmd_sim_sched *s) {
  if (c->hash != s->hash || c->flight != s->flight || c->nruns != s->nruns) return 0;
  for (int q = 0; q < s->nruns; q++)
    if (c->runs[q].radar != s->runs[q].radar || c->runs[q].m0 != s->runs[q].m0 ||
        c->runs[q].count != s->runs[q].count)
      return 0;
  return 1;
}

static double trace_r(const double P[36]) { return P[0] + P[7] + P[14]; }

/* the flight's position at time x after launch, x clamped to the flight */
static void pos_at(const struct bmd_traj_result *tj, double x, long *hint, double r[3]) {
  double T = tj->samples[tj->nsamples - 1].t_s;
  if (!bmd_traj_state_at(tj, x < 0.0 ? 0.0 : (x > T ? T : x), hint, r, NULL)) r[0] = r[1] = r[2] = 0.0;
}

int bmd_sim_cov_fill(const struct bmd_sim_prep *p, const struct bmd_sim_sched *s, struct bmd_sim_cov *c,
                     double *look0, double *look1) {
  const struct bmd_traj_result *tj = &p->traj[s->flight];
  const double q = p->sc->c2.track_q_m2ps3;
  const int rot = p->sc->phys.rotation;
  double P0[36], P1[36], JA[36], JB[36], Phi0[36], Phi1[36], rA[3], rB[3];
  long hint = 0, m_first = -1, m_last, nlook = 0, *next;
  int started = 0;
  for (int k = 0; k < s->nruns; k++)
    if (m_first < 0 || s->runs[k].m0 < m_first) m_first = s->runs[k].m0;
  c->m_first = m_first;
  c->n = 0;
  if (m_first < 0 || tj->nsamples < 2) return BMD_OK;
  m_last = (long)ceil(tj->samples[tj->nsamples - 1].t_s);
  if (m_last < m_first) m_last = m_first;
  if (m_last - m_first + 1 > c->cap) {
    long nc = m_last - m_first + 1;
    double *a = realloc(c->v0, (size_t)nc * sizeof *a), *b;
    if (!a) return BMD_ENOMEM;
    c->v0 = a;
    b = realloc(c->v1, (size_t)nc * sizeof *b);
    if (!b) return BMD_ENOMEM;
    c->v1 = b;
    c->cap = nc;
  }
  next = calloc((size_t)s->nruns + 1, sizeof *next);
  if (!next) return BMD_ENOMEM;
  c->n = m_last - m_first + 1;
  /* two recursions side by side: the geometry of tick m taken at m (P0) and at m + 1 (P1)
     s after launch (the engine's tick senses at m + phi, 0 <= phi < 1: bmd_sim_cov_var).
     P1's step from m - 1 to m is P0's step from m to m + 1: one Phi serves both. */
  pos_at(tj, (double)m_first, &hint, rA);
  pos_at(tj, (double)m_first + 1.0, &hint, rB);
  bmd_track_jacobian(rA, rot, JA);
  bmd_track_jacobian(rB, rot, JB);
  bmd_track_cov_phi(JA, JB, 1.0, Phi1);
  memset(P0, 0, sizeof P0);
  memset(P1, 0, sizeof P1);
  for (long m = m_first; m <= m_last; m++) {
    if (m > m_first) {
      /* one sub-step of 1 s, as bmd_track_predict takes between ticks */
      memcpy(Phi0, Phi1, sizeof Phi0);
      memcpy(JA, JB, sizeof JA);
      memcpy(rA, rB, sizeof rA);
      pos_at(tj, (double)m + 1.0, &hint, rB);
      bmd_track_jacobian(rB, rot, JB);
      bmd_track_cov_phi(JA, JB, 1.0, Phi1);
      bmd_track_cov_predict(P0, Phi0, 1.0, q);
      bmd_track_cov_predict(P1, Phi1, 1.0, q);
    }
    for (int k = 0; k < s->nruns; k++) {
      const struct bmd_sim_srun *r = &s->runs[k];
      double R0[9], R1[9];
      if (next[k] >= r->count || r->m0 + next[k] * r->d != m) continue;
      next[k]++;
      bmd_radar_covariance(&p->radars[r->radar], rA, R0);
      bmd_radar_covariance(&p->radars[r->radar], rB, R1);
      if (!started) {
        bmd_track_cov_init(P0, R0, SIGMA_V0_MPS);
        bmd_track_cov_init(P1, R1, SIGMA_V0_MPS);
        started = 1;
      } else {
        /* a singular innovation covariance leaves P as it is, as bmd_track_update does */
        (void)bmd_track_cov_update(P0, R0);
        (void)bmd_track_cov_update(P1, R1);
      }
      if (look0) {
        look0[nlook] = trace_r(P0);
        look1[nlook] = trace_r(P1);
      }
      nlook++;
    }
    c->v0[m - m_first] = trace_r(P0);
    c->v1[m - m_first] = trace_r(P1);
  }
  free(next);
  return BMD_OK;
}

double bmd_sim_cov_var(const struct bmd_sim_cov *c, long m, double phi) {
  long j = m - c->m_first;
  if (j < 0 || c->n == 0) return HUGE_VAL; /* no track yet */
  if (j >= c->n) j = c->n - 1;
  return c->v0[j] + phi * (c->v1[j] - c->v0[j]);
}

void bmd_sim_cov_free(struct bmd_sim_cov *c) {
  if (!c) return;
  free(c->runs);
  free(c->v0);
  free(c->v1);
  free(c);
}

static struct bmd_sim_cov *find(const struct bmd_sim_covcache *cc, const struct bmd_sim_sched *s) {
  if (cc->nslot == 0) return NULL;
  for (size_t k = (size_t)s->hash & (cc->nslot - 1);; k = (k + 1) & (cc->nslot - 1)) {
    struct bmd_sim_cov *c = cc->slot[k];
    if (!c) return NULL;
    if (same_key(c, s)) return c;
  }
}

/* insert c (not present); 0 if the table cannot grow */
static int insert(struct bmd_sim_covcache *cc, struct bmd_sim_cov *c) {
  size_t j;
  if (2 * (cc->n + 1) > cc->nslot) {
    size_t ns = cc->nslot ? 2 * cc->nslot : 256;
    struct bmd_sim_cov **sl = calloc(ns, sizeof *sl);
    if (!sl) return 0;
    for (size_t k = 0; k < cc->nslot; k++) {
      struct bmd_sim_cov *x = cc->slot[k];
      if (!x) continue;
      for (j = (size_t)x->hash & (ns - 1); sl[j]; j = (j + 1) & (ns - 1)) {
      }
      sl[j] = x;
    }
    free(cc->slot);
    cc->slot = sl;
    cc->nslot = ns;
  }
  for (j = (size_t)c->hash & (cc->nslot - 1); cc->slot[j]; j = (j + 1) & (cc->nslot - 1)) {
  }
  cc->slot[j] = c;
  cc->n++;
  return 1;
}

const struct bmd_sim_cov *bmd_sim_cov_get(const struct bmd_sim_prep *p, const struct bmd_sim_sched *s,
                                          struct bmd_sim_cov *own, int *st) {
  struct bmd_sim_covcache *cc = p->cache;
  const struct bmd_traj_result *tj = &p->traj[s->flight];
  struct bmd_sim_cov *c;
  double bytes;
  long m_first = -1;
  *st = BMD_OK;
  for (int q = 0; q < s->nruns; q++)
    if (m_first < 0 || s->runs[q].m0 < m_first) m_first = s->runs[q].m0;
  /* the entry's size: its key and two values per tick from the first look to the end */
  bytes = (double)(sizeof *c + (size_t)s->nruns * sizeof *c->runs) +
          2.0 * sizeof(double) * (tj->nsamples > 1 ? ceil(tj->samples[tj->nsamples - 1].t_s) - (double)m_first + 1.0 : 0.0);
  pthread_mutex_lock(&cc->mu);
  c = find(cc, s);
  if (c) {
    /* made, or being made by another thread: wait for it */
    while (c->ready == 0) pthread_cond_wait(&cc->cv, &cc->mu);
    pthread_mutex_unlock(&cc->mu);
    if (c->ready < 0) *st = BMD_ENOMEM;
    return c->ready > 0 ? c : NULL;
  }
  if (cc->bytes + bytes <= cc->max_bytes) {
    c = calloc(1, sizeof *c);
    if (c) c->runs = malloc((size_t)s->nruns * sizeof *c->runs + 1);
    if (c && c->runs) {
      c->hash = s->hash;
      c->flight = s->flight;
      c->nruns = s->nruns;
      memcpy(c->runs, s->runs, (size_t)s->nruns * sizeof *c->runs);
    }
    if (!c || !c->runs || !insert(cc, c)) {
      bmd_sim_cov_free(c);
      c = NULL;
    } else {
      cc->bytes += bytes;
    }
  }
  pthread_mutex_unlock(&cc->mu);
  if (!c) {
    /* the cache is full (or cannot grow): in the run's own memory, the same numbers */
    *st = bmd_sim_cov_fill(p, s, own, NULL, NULL);
    return *st == BMD_OK ? own : NULL;
  }
  /* made here, outside the lock; whoever asks meanwhile waits */
  *st = bmd_sim_cov_fill(p, s, c, NULL, NULL);
  pthread_mutex_lock(&cc->mu);
  c->ready = *st == BMD_OK ? 1 : -1;
  pthread_cond_broadcast(&cc->cv);
  pthread_mutex_unlock(&cc->mu);
  return *st == BMD_OK ? c : NULL;
}
