/*
 * test_sim_sense.c - the engine's sensing (src/engine/sim_sense.c, seen through
 * sim_impl.h) against independent computations of the same things:
 *  (a) schedules: for every threat of every built-in scenario and 16 random launch times
 *      (continuous shifts of -60..60 s) and early-warning delays, the looks that
 *      bmd_sim_sched_make gives (tick and radar, in the engine's order), its first
 *      detection, firm track and early-warning tick equal those of a tick-by-tick replay
 *      of the engine's old sensing step written here (radar.h's bmd_radar_sees at every
 *      tick, update intervals, cues) -- the visibility intervals found once per flight
 *      miss no look;
 *  (b) the covariance at a launch phase phi: bmd_sim_cov_var (linear in phi between the
 *      geometry at m and at m + 1 s) against the covariance analysis run directly with the
 *      geometry at m + phi (track.h's bmd_track_cov_*): relative error in sigma < 5e-4
 *      (measured 1.2e-4 at most, in re-entry where the geometry turns fastest;
 *      docs/models/tracking.md, sec. 8);
 *  (c) against the filter that it stands for: the extended Kalman filter of track.h fed
 *      with noisy measurements (bmd_radar_measure) at the same looks, 32 noise draws, for
 *      T2, T4, T6 and T8 of epaa-phase3: the mean of its sigma within 3% of the covariance
 *      analysis at every tick from the firm track on (measured: 1.6% at most, on T4 in the
 *      first seconds after its 200 s gap in coverage, where the filter's prediction over
 *      the gap was linearised about its own, drifting estimate);
 *  (d) the cache: a prep whose covariance cache takes nothing (every run computes its
 *      covariances in its own memory) gives the runs of a prep with the cache, outcome
 *      for outcome and shot for shot.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include <bmd/catalog.h>
#include <bmd/radar.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>
#include <bmd/track.h>

#include "../../src/engine/sim_impl.h"
#include "check.h"

static const char *const scenarios[] = {"epaa-phase3", "third-site-2008", "epaa-phase4", "russia-deterrent",
                                        "iskander-kaliningrad"};
#define NSC (int)(sizeof scenarios / sizeof scenarios[0])

struct look {
  long m;
  int k;
};

/* the engine's old sensing of threat i alone, tick by tick (sim_ref.c's sense() without the
   measurements): its looks, first detection, firm track and early-warning tick */
static int replay(const struct bmd_sim_prep *p, int i, double L, double ew, struct look *lk, int cap, long *m_det,
                  int *r_det, long *m_firm, int *r_firm, long *m_ew) {
  const struct bmd_scenario *sc = p->sc;
  const struct bmd_traj_result *tj = &p->traj[p->alias[i]];
  double last[16], n0 = ceil(L), I = L + tj->impact_t_s;
  int cued = 0, nupd = 0, fc = 0, n = 0;
  for (int k = 0; k < p->nradars; k++) last[k] = -HUGE_VAL;
  *m_det = *m_firm = *m_ew = -1;
  *r_det = *r_firm = -1;
  for (double t = n0; t < I; t += 1.0) {
    double r[3];
    long m = (long)(t - n0);
    if (!bmd_traj_state_at(tj, t - L, NULL, r, NULL)) continue;
    if (sc->ew && !cued && t >= L + ew) {
      cued = 1;
      *m_ew = m;
    }
    for (int k = 0; k < p->nradars; k++) {
      const struct bmd_radar *rd = &p->radars[k];
      if (t - last[k] < rd->type->update_s) continue;
      if (rd->type->needs_cue && !cued) continue;
      if (!bmd_radar_sees(rd, r, bmd_radar_detection_range_m(rd->type, sc->threats[i].rcs_dbsm))) continue;
      last[k] = t;
      if (n < cap) lk[n] = (struct look){m, k};
      n++;
      nupd++;
      if (rd->type->fire_control) fc++;
      if (*m_det < 0) {
        *m_det = m;
        *r_det = k;
        cued = 1;
      }
      if (*m_firm < 0 && nupd >= sc->c2.firm_track_updates && fc > 0) {
        *m_firm = m;
        *r_firm = k;
      }
    }
  }
  return n;
}

static void test_schedules(const struct bmd_catalog *cat) {
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  struct look *want = malloc(20000 * sizeof *want);
  long nlooks = 0, ncases = 0, bad = 0;
  gsl_rng_set(rng, 2385);
  for (int q = 0; q < NSC; q++) {
    struct bmd_scenario sc;
    struct bmd_sim_prep *p = NULL;
    struct bmd_diag d;
    struct bmd_sim_sched s;
    if (bmd_scenario_load_builtin(&sc, scenarios[q], cat, &d) != BMD_OK ||
        bmd_sim_prep_alloc(&sc, &p, &d, NULL, NULL) != BMD_OK) {
      CHECK(0);
      continue;
    }
    CHECK(p->nradars <= 16);
    s.runs = calloc((size_t)p->maxruns + 1, sizeof *s.runs);
    s.iter = calloc((size_t)p->maxruns + 1, sizeof *s.iter);
    for (int i = 0; i < sc.nthreats; i++)
      for (int rep = 0; rep < 16; rep++) {
        double L = sc.threats[i].launch_s + 120.0 * gsl_rng_uniform(rng) - 60.0;
        double ew = sc.ew ? fmax(0.0, sc.ew->detect_delay_s + 40.0 * gsl_rng_uniform(rng) - 20.0) : 0.0;
        long m_det, m_firm, m_ew, m = 0;
        int r_det, r_firm, k = 0, n, j = 0, same = 1;
        n = replay(p, i, L, ew, want, 20000, &m_det, &r_det, &m_firm, &r_firm, &m_ew);
        CHECK(n <= 20000);
        bmd_sim_sched_make(p, i, L, L + p->traj[p->alias[i]].impact_t_s, ew, &s);
        bmd_sim_iter_start(&s, s.iter);
        while (bmd_sim_iter_next(&s, s.iter, &m, &k)) {
          if (j >= n || want[j].m != m || want[j].k != k) same = 0;
          j++;
        }
        if (j != n) same = 0;
        if (s.m_detect != m_det || s.r_detect != r_det || s.m_firm != m_firm || s.r_firm != r_firm) same = 0;
        /* the report is logged unless a detection came first */
        if (m_ew != (s.m_ew >= 0 && (s.m_detect < 0 || s.m_ew <= s.m_detect) ? s.m_ew : -1)) same = 0;
        if (!same && bad < 5)
          fprintf(stderr, "%s %s L %.6f ew %.6f: %d looks replayed, %d scheduled; detect %ld/%ld firm %ld/%ld\n",
                  scenarios[q], sc.threats[i].id, L, ew, n, j, m_det, s.m_detect, m_firm, s.m_firm);
        bad += !same;
        ncases++;
        nlooks += n;
      }
    free(s.runs);
    free(s.iter);
    bmd_sim_prep_free(p);
    bmd_scenario_release(&sc);
  }
  printf("schedules: %ld cases, %ld looks, %ld differ\n", ncases, nlooks, bad);
  CHECK_INT_EQ(bad, 0);
  CHECK(nlooks > 100000); /* the cases do look at the threats (about 215,000 looks) */
  free(want);
  gsl_rng_free(rng);
}

/* sigma after each tick's looks of schedule s with the geometry at m + phi s after launch:
   the covariance analysis done directly, one recursion */
static void direct(const struct bmd_sim_prep *p, const struct bmd_sim_sched *s, double phi, long m_first, long m_end,
                   double *sig) {
  const struct bmd_traj_result *tj = &p->traj[s->flight];
  double P[36], F0[36], F1[36], Phi[36], r[3];
  long next[64] = {0};
  int started = 0;
  for (long m = m_first; m < m_end; m++) {
    double x = fmin((double)m + phi, tj->samples[tj->nsamples - 1].t_s);
    bmd_traj_state_at(tj, x, NULL, r, NULL);
    bmd_track_jacobian(r, p->sc->phys.rotation, F1);
    if (m > m_first) {
      bmd_track_cov_phi(F0, F1, 1.0, Phi);
      bmd_track_cov_predict(P, Phi, 1.0, p->sc->c2.track_q_m2ps3);
    }
    memcpy(F0, F1, sizeof F0);
    for (int q = 0; q < s->nruns; q++) {
      const struct bmd_sim_srun *u = &s->runs[q];
      double R[9];
      if (next[q] >= u->count || u->m0 + next[q] * u->d != m) continue;
      next[q]++;
      bmd_radar_covariance(&p->radars[u->radar], r, R);
      if (!started) bmd_track_cov_init(P, R, 5000.0);
      else bmd_track_cov_update(P, R);
      started = 1;
    }
    sig[m - m_first] = bmd_track_cov_sigma_m(P);
  }
}

/* the filter of track.h fed with noisy measurements at the looks of s: its sigma after each
   tick's looks (predicted to the tick), the mean over nrun noise draws */
static void ekf_mean(const struct bmd_sim_prep *p, const struct bmd_sim_sched *s, long m_first, long m_end, int nrun,
                     double *mean) {
  const struct bmd_traj_result *tj = &p->traj[s->flight];
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  for (long m = m_first; m < m_end; m++) mean[m - m_first] = 0.0;
  for (int run = 0; run < nrun; run++) {
    struct bmd_track tk;
    long next[64] = {0};
    int started = 0;
    gsl_rng_set(rng, (unsigned long)run + 1);
    for (long m = m_first; m < m_end; m++) {
      double t = s->n0 + (double)m, r[3];
      bmd_traj_state_at(tj, t - s->launch_t_s, NULL, r, NULL);
      for (int q = 0; q < s->nruns; q++) {
        const struct bmd_sim_srun *u = &s->runs[q];
        double z[3], R[9];
        static const double v0[3] = {0.0, 0.0, 0.0};
        if (next[q] >= u->count || u->m0 + next[q] * u->d != m) continue;
        next[q]++;
        bmd_radar_measure(&p->radars[u->radar], r, rng, z, R);
        if (!started) {
          bmd_track_init(&tk, t, z, R, v0, 5000.0, p->sc->c2.track_q_m2ps3, p->sc->phys.rotation);
        } else {
          bmd_track_predict(&tk, t);
          bmd_track_update(&tk, z, R);
        }
        started = 1;
      }
      mean[m - m_first] += bmd_track_predicted_sigma_m(&tk, t) / nrun;
    }
  }
  gsl_rng_free(rng);
}

static void test_covariance(const struct bmd_catalog *cat) {
  struct bmd_scenario sc;
  struct bmd_sim_prep *p = NULL;
  struct bmd_diag d;
  struct bmd_sim_sched s;
  struct bmd_sim_cov own;
  double worst_interp = 0.0, worst_ekf = 0.0;
  if (bmd_scenario_load_builtin(&sc, "epaa-phase3", cat, &d) != BMD_OK ||
      bmd_sim_prep_alloc(&sc, &p, &d, NULL, NULL) != BMD_OK) {
    CHECK(0);
    return;
  }
  memset(&own, 0, sizeof own);
  s.runs = calloc((size_t)p->maxruns + 1, sizeof *s.runs);
  s.iter = calloc((size_t)p->maxruns + 1, sizeof *s.iter);
  for (int i = 0; i < sc.nthreats; i++) {
    static const double phis[] = {0.0, 0.125, 0.5, 0.75, 0.999};
    for (size_t f = 0; f < sizeof phis / sizeof phis[0]; f++) {
      double L = sc.threats[i].launch_s + 3.0 - phis[f]; /* n0 = launch_s + 3, phi as given */
      double *sig, *ekf;
      long m_first, m_end;
      bmd_sim_sched_make(p, i, L, L + p->traj[p->alias[i]].impact_t_s, sc.ew->detect_delay_s, &s);
      CHECK(s.m_firm > 0);
      CHECK_NEAR(s.phi, phis[f], 1e-12);
      CHECK_INT_EQ(bmd_sim_cov_fill(p, &s, &own, NULL, NULL), BMD_OK);
      m_first = s.m_detect;
      m_end = s.M;
      sig = calloc((size_t)(m_end - m_first), sizeof *sig);
      ekf = calloc((size_t)(m_end - m_first), sizeof *ekf);
      direct(p, &s, s.phi, m_first, m_end, sig);
      for (long m = s.m_firm; m < m_end; m++) {
        double e = fabs(sqrt(bmd_sim_cov_var(&own, m, s.phi)) - sig[m - m_first]) / sig[m - m_first];
        if (e > worst_interp) worst_interp = e;
      }
      if (f == 1 && i % 2 == 1) {
        ekf_mean(p, &s, m_first, m_end, 32, ekf);
        for (long m = s.m_firm; m < m_end; m++) {
          double e = fabs(ekf[m - m_first] - sig[m - m_first]) / sig[m - m_first];
          if (e > worst_ekf) worst_ekf = e;
        }
      }
      free(sig);
      free(ekf);
    }
  }
  printf("covariance: interpolation in phi, worst relative error in sigma %.3g; mean EKF sigma against the "
         "covariance analysis, worst relative difference %.3g\n",
         worst_interp, worst_ekf);
  CHECK(worst_interp < 5e-4);
  CHECK(worst_interp > 0.0); /* the geometry does move within a second */
  CHECK(worst_ekf < 0.03);
  free(own.v0);
  free(own.v1);
  free(s.runs);
  free(s.iter);
  bmd_sim_prep_free(p);
  bmd_scenario_release(&sc);
}

static void test_cache_full(const struct bmd_catalog *cat) {
  struct bmd_scenario sc;
  struct bmd_sim_prep *a = NULL, *b = NULL;
  struct bmd_sim_work *wa = NULL, *wb = NULL;
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, "russia-deterrent", cat, &d), BMD_OK);
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &a, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &b, &d, NULL, NULL), BMD_OK);
  b->cache->max_bytes = 0.0; /* nothing goes in */
  CHECK_INT_EQ(bmd_sim_work_alloc(a, &wa), BMD_OK);
  CHECK_INT_EQ(bmd_sim_work_alloc(b, &wb), BMD_OK);
  for (unsigned long seed = 1; seed <= 20; seed++) {
    const struct bmd_sim_result *x, *y;
    double dt[10];
    struct bmd_sim_perturb pe;
    memset(&pe, 0, sizeof pe);
    for (int i = 0; i < 10; i++) dt[i] = 7.3 * (double)((seed * 31 + (unsigned long)i * 17) % 11) - 35.0;
    pe.launch_dt_s = sc.nthreats <= 10 ? dt : NULL;
    CHECK_INT_EQ(bmd_sim_work_run(wa, seed, &pe, 0, &x), BMD_OK);
    CHECK_INT_EQ(bmd_sim_work_run(wb, seed, &pe, 0, &y), BMD_OK);
    for (int i = 0; i < sc.nthreats; i++) {
      CHECK_INT_EQ(y->threats[i].outcome, x->threats[i].outcome);
      CHECK_INT_EQ(y->threats[i].nshots, x->threats[i].nshots);
      for (int k = 0; k < x->threats[i].nshots && k < y->threats[i].nshots; k++)
        CHECK(y->threats[i].shots[k].launch_t_s == x->threats[i].shots[k].launch_t_s);
    }
  }
  CHECK(a->cache->n > 0);
  CHECK_INT_EQ(b->cache->n, 0);
  bmd_sim_work_free(wa);
  bmd_sim_work_free(wb);
  bmd_sim_prep_free(a);
  bmd_sim_prep_free(b);
  bmd_scenario_release(&sc);
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  test_schedules(&cat);
  test_covariance(&cat);
  test_cache_full(&cat);
  bmd_catalog_release(&cat);
  return check_report("test_sim_sense");
}
