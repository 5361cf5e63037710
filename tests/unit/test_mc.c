/*
 * test_mc.c - Monte Carlo (mc.h) and the prepared engine it runs on (sim.h):
 *  (a) convergence: threats that each meet a fixed salvo of 2 (firm track at once, no
 *      re-engagement) are killed with probability 1 - (1 - reliability x SSPK)^2 and the
 *      raid leaks nothing with probability P_kill^3 (independent shots and threats;
 *      Wilkening, Science & Global Security 8 (2000) 183-215). 20,000 trials must land
 *      within 4 binomial standard deviations of these (probability of a false alarm
 *      < 1e-4 per check); under shoot-look-shoot the all-miss construction of
 *      bmd_mc_analytic is checked the same way;
 *  (b) the same seed gives identical results (every array and statistic) on 1, 2 and 3
 *      threads, with every uncertainty switched on; and on epaa-phase3 with every
 *      uncertainty on, 3,000 trials on 1, 2 and 3 threads, each on a fresh prep so that
 *      the covariance cache (sim_impl.h) is filled by whichever thread asks first;
 *  (c) bmd_sim_run of epaa-phase3 with its own seed: what no random draw decides (first
 *      detections, firm tracks, each threat's first shots, T2 unengaged for want of a launch
 *      window) equals the run of commit 2d8827a; the prepared path gives bmd_sim_run's
 *      events byte for byte for several seeds; the fast mode (no log) gives the same
 *      outcomes, shots and hits;
 *  (d) an uncertainty section of zeros, or a perturbation equal to the scenario's values,
 *      reproduces the unperturbed run exactly; shifting every launch by 100 s shifts every
 *      event by 100 s (Earth-fixed dynamics do not depend on time; the periodic track-log
 *      events excepted, see below);
 *  (f) the reference engine (sim.h, bmd_sim_ref_work_run: the engine of commit 2d8827a,
 *      kept to check the engine against) gives that commit's run of epaa-phase3 with its
 *      own seed: the outcomes, spent counts, first detections and firm tracks of its run
 *      table, T2's reason;
 *  (g) the engine is the reference engine's model: on every built-in scenario, 24 draws of
 *      launch times, early-warning delays and decision latency, with every shot missing
 *      and with every shot hitting (so that no random draw decides), both engines give the
 *      same first detections, firm tracks, shots (site, launch and intercept times),
 *      outcomes and reasons, threat for threat;
 *  (h) and the same outcome distribution: epaa-phase3, 100,000 trials of the engine (seed
 *      2) against 20,000 of the reference engine (seed 1, stored in
 *      tests/data/mc_reference_epaa-phase3.txt with the command that made it; the
 *      reference runs at about 100 trials/s, bench/bench_mc_equiv.c compares 10^5 live): each
 *      threat's killed / leaked / unengaged counts, the reached-target histogram and the
 *      interceptors-spent histogram, each by a chi-square test of homogeneity; every
 *      p-value must exceed 1e-4 (ten tests: a false alarm about once in 1,000 runs);
 *  (e) the Wilson score interval against Newcombe, Statistics in Medicine 17 (1998)
 *      857-872, table I (method 3): 81/263 -> [0.2553, 0.3662], 15/148 -> [0.0624, 0.1605],
 *      0/20 -> [0, 0.1611], 1/29 -> [0.0061, 0.1718]; and SplitMix64's first outputs from
 *      seed 1234567 against Vigna's reference splitmix64.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <bmd/catalog.h>
#include <bmd/const.h>
#include <bmd/mc.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "check.h"

static int make(char *buf, size_t n, const char *doctrine, int nthreat, const char *unc) {
  int k = snprintf(buf, n,
                   "scenario: \"mc-test\"\ntitle: \"t\"\nsource: \"test\"\nseed: 7\n"
                   "sensors:\n  radars:\n    - name: \"r\"\n      type: \"tpy-2\"\n      site: \"tabriz\"\n"
                   "      boresight_az_deg: 275\n      source: \"test\"\n"
                   "sites:\n  - name: \"ankara\"\n    site: \"ankara\"\n    interceptor: \"sm-3-ib\"\n"
                   "    inventory: 500\n    source: \"test\"\n"
                   "c2:\n  decision_latency_s: 0\n  doctrine: \"%s\"\n  salvo: 2\n"
                   "  kill_assessment_s: %d\n  sspk: 0.6\n  reliability: 0.9\n  firm_track_updates: 1\n"
                   "  source: \"test\"\n%sthreats:\n",
                   doctrine, strcmp(doctrine, "salvo") == 0 ? 3000 : 5, unc);
  for (int i = 0; i < nthreat; i++)
    k += snprintf(buf + k, n - (size_t)k,
                  "  - {id: \"T%d\", missile: \"shahab-3\", from: \"tabriz\", to: \"ankara\", launch_s: %d}\n", i,
                  7 * i);
  return k;
}

static int load(struct bmd_scenario *sc, const struct bmd_catalog *cat, const char *doctrine, int nthreat,
                const char *unc) {
  static char buf[20000];
  struct bmd_diag d;
  int len = make(buf, sizeof buf, doctrine, nthreat, unc);
  int st = bmd_scenario_parse(sc, buf, (size_t)len, "mc-test.yaml", cat, &d);
  if (st != BMD_OK) fprintf(stderr, "%s:%d:%d: %s\n", d.file, d.line, d.col, d.msg);
  return st;
}

static int same_events(const struct bmd_sim_result *a, const struct bmd_sim_result *b) {
  return a->nevents == b->nevents && memcmp(a->events, b->events, (size_t)a->nevents * sizeof *a->events) == 0;
}

static void test_convergence(const struct bmd_catalog *cat) {
  static const char *const doctrines[] = {"salvo", "shoot-look-shoot"};
  for (int k = 0; k < 2; k++) {
    struct bmd_scenario sc;
    struct bmd_sim_prep *prep = NULL;
    struct bmd_mc_result r;
    struct bmd_mc_opts o = {20000, 4242, 2, NULL, NULL, BMD_MC_ENGINE};
    struct bmd_diag d;
    const long n = o.trials;
    double p = 0.9 * 0.6, pk_salvo = 1.0 - (1.0 - p) * (1.0 - p);
    if (load(&sc, cat, doctrines[k], 3, "") != BMD_OK) {
      CHECK(0);
      continue;
    }
    CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &prep, &d, NULL, NULL), BMD_OK);
    CHECK_INT_EQ(bmd_mc_run(prep, &o, &r, &d), BMD_OK);
    CHECK_INT_EQ(r.analytic_applies, 1);
    double pz = 1.0;
    for (int i = 0; i < sc.nthreats; i++) {
      double want = r.p_kill_analytic[i];
      if (k == 0) CHECK_NEAR(want, pk_salvo, 1e-15); /* the all-miss plan is the salvo of 2 */
      /* SLS: one shot, assessment after 5 s, then shots again while the window lasts; the
         all-miss run must find more than a salvo's worth */
      if (k == 1) CHECK(want > pk_salvo);
      pz *= want;
      double sd = sqrt(want * (1.0 - want) / (double)n);
      printf("%s %s: P(kill) %.4f [%.4f, %.4f], analytic %.4f +- %.4f\n", doctrines[k], sc.threats[i].id,
             r.p_kill[i].p, r.p_kill[i].ci95_lo, r.p_kill[i].ci95_hi, want, sd);
      CHECK_NEAR(r.p_kill[i].p, want, 4.0 * sd);
      CHECK(r.p_kill[i].ci95_lo <= r.p_kill[i].p && r.p_kill[i].p <= r.p_kill[i].ci95_hi);
    }
    if (k == 0) CHECK_NEAR(r.p_none_reached_target_analytic, pk_salvo * pk_salvo * pk_salvo, 1e-15);
    {
      double sd = sqrt(pz * (1.0 - pz) / (double)n);
      printf("%s: P(none reached target) %.4f [%.4f, %.4f], analytic %.4f +- %.4f\n", doctrines[k],
             r.p_none_reached_target.p, r.p_none_reached_target.ci95_lo, r.p_none_reached_target.ci95_hi, pz, sd);
      CHECK_NEAR(r.p_none_reached_target.p, pz, 4.0 * sd);
      CHECK_NEAR(r.p_none_reached_target_analytic, pz, 1e-15);
    }
    /* salvo: exactly 2 interceptors per threat in every trial */
    if (k == 0) {
      CHECK_NEAR(r.spent_mean, 6.0, 0.0);
      CHECK_NEAR(r.spent_sd, 0.0, 0.0);
      CHECK_INT_EQ(r.spent_max, 6);
      CHECK_INT_EQ(r.spent_hist[6], n);
    }
    /* mean reached_target = sum of (1 - P_kill): within 4 sd of the mean; every threat
       is engaged here, so no trial has an unengaged threat, and the per-trial counts add
       up: killed + reached_target = threats, exactly, in every trial */
    {
      double m = 0.0;
      for (int i = 0; i < sc.nthreats; i++) m += 1.0 - r.p_kill_analytic[i];
      CHECK_NEAR(r.reached_target_mean, m, 4.0 * r.reached_target_sd / sqrt((double)n));
      CHECK_NEAR(r.count_mean[BMD_OUTCOME_UNENGAGED], 0.0, 0.0);
      CHECK_NEAR(r.count_mean[BMD_OUTCOME_LEAKED], r.reached_target_mean, 1e-12);
      CHECK_NEAR(r.count_mean[BMD_OUTCOME_KILLED] + r.reached_target_mean, (double)sc.nthreats, 1e-12);
      for (long t = 0; t < r.trials; t++) {
        const int *c = &r.count[t * BMD_OUTCOME_COUNT];
        if (c[BMD_OUTCOME_KILLED] + c[BMD_OUTCOME_LEAKED] + c[BMD_OUTCOME_UNENGAGED] != sc.nthreats ||
            r.reached_target[t] != c[BMD_OUTCOME_LEAKED] + c[BMD_OUTCOME_UNENGAGED]) {
          CHECK(0);
          break;
        }
      }
    }
    /* the PLAN model (fixed plan, shot draws only) on 200,000 trials: the same analytic
       values within 4 sd, and the same interceptors fired as the engine within 4 sd of the
       difference of two means */
    {
      struct bmd_mc_opts op = o;
      struct bmd_mc_result q;
      op.model = BMD_MC_PLAN;
      op.trials = 200000;
      CHECK_INT_EQ(bmd_mc_run(prep, &op, &q, &d), BMD_OK);
      for (int i = 0; i < sc.nthreats; i++) {
        double want = r.p_kill_analytic[i], sd = sqrt(want * (1.0 - want) / (double)op.trials);
        printf("%s plan %s: P(kill) %.4f, analytic %.4f +- %.4f\n", doctrines[k], sc.threats[i].id, q.p_kill[i].p, want, sd);
        CHECK_NEAR(q.p_kill[i].p, want, 4.0 * sd);
      }
      if (k == 0) CHECK_NEAR(q.spent_mean, 6.0, 0.0);
      CHECK_NEAR(q.spent_mean, r.spent_mean,
                 4.0 * sqrt(q.spent_sd * q.spent_sd / (double)op.trials + r.spent_sd * r.spent_sd / (double)n));
      bmd_mc_result_release(&q);
    }
    bmd_mc_result_release(&r);
    bmd_sim_prep_free(prep);
    bmd_scenario_release(&sc);
  }
}

static void test_threads(const struct bmd_catalog *cat) {
  struct bmd_scenario sc;
  struct bmd_sim_prep *prep = NULL;
  struct bmd_mc_result r[3];
  struct bmd_diag d;
  const char *unc = "uncertainty:\n  launch_time_sigma_s: 20\n  ew_delay_sigma_s: 5\n  decision_latency_sigma_s: 10\n"
                    "  sspk_sigma: 0.15\n  reliability_sigma: 0.05\n  source: \"test\"\n";
  if (load(&sc, cat, "shoot-look-shoot", 4, unc) != BMD_OK) {
    CHECK(0);
    return;
  }
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &prep, &d, NULL, NULL), BMD_OK);
  for (int t = 0; t < 3; t++) {
    struct bmd_mc_opts o = {301, 99, t + 1, NULL, NULL, BMD_MC_ENGINE};
    CHECK_INT_EQ(bmd_mc_run(prep, &o, &r[t], &d), BMD_OK);
    CHECK_INT_EQ(r[t].threads, t + 1);
  }
  CHECK_INT_EQ(r[0].analytic_applies, 0); /* uncertainty: no analytic value */
  CHECK(isnan(r[0].p_kill_analytic[0]));
  for (int t = 1; t < 3; t++) {
    size_t n = (size_t)r[0].trials, nt = (size_t)sc.nthreats, ns = (size_t)sc.nsites;
    CHECK(memcmp(r[0].trial_seed, r[t].trial_seed, n * sizeof *r[0].trial_seed) == 0);
    CHECK(memcmp(r[0].reached_target, r[t].reached_target, n * sizeof *r[0].reached_target) == 0);
    CHECK(memcmp(r[0].count, r[t].count, n * BMD_OUTCOME_COUNT * sizeof *r[0].count) == 0);
    CHECK(memcmp(r[0].spent, r[t].spent, n * sizeof *r[0].spent) == 0);
    CHECK(memcmp(r[0].spent_site, r[t].spent_site, n * ns * sizeof *r[0].spent_site) == 0);
    CHECK(memcmp(r[0].outcome, r[t].outcome, n * nt) == 0);
    CHECK(memcmp(&r[0].p_none_reached_target, &r[t].p_none_reached_target, sizeof r[0].p_none_reached_target) == 0);
    CHECK(memcmp(r[0].p_kill, r[t].p_kill, nt * sizeof *r[0].p_kill) == 0);
    CHECK(memcmp(r[0].reached_target_hist, r[t].reached_target_hist, (nt + 1) * sizeof *r[0].reached_target_hist) == 0);
    CHECK(memcmp(r[0].threat_count, r[t].threat_count, nt * BMD_OUTCOME_COUNT * sizeof *r[0].threat_count) == 0);
    CHECK_INT_EQ(r[0].spent_max, r[t].spent_max);
    CHECK(memcmp(r[0].spent_hist, r[t].spent_hist, ((size_t)r[0].spent_max + 1) * sizeof *r[0].spent_hist) == 0);
    CHECK(r[0].reached_target_mean == r[t].reached_target_mean && r[0].reached_target_sd == r[t].reached_target_sd);
    CHECK(r[0].spent_mean == r[t].spent_mean && r[0].spent_sd == r[t].spent_sd);
  }
  /* the uncertainties do something: reached_target varies, and another seed differs */
  CHECK(r[0].reached_target_sd > 0.0);
  {
    struct bmd_mc_opts o = {301, 100, 2, NULL, NULL, BMD_MC_ENGINE};
    struct bmd_mc_result q;
    CHECK_INT_EQ(bmd_mc_run(prep, &o, &q, &d), BMD_OK);
    CHECK(memcmp(q.reached_target, r[0].reached_target, 301 * sizeof *q.reached_target) != 0);
    bmd_mc_result_release(&q);
  }
  /* bad options */
  {
    struct bmd_mc_opts o = {0, 1, 1, NULL, NULL, BMD_MC_ENGINE};
    struct bmd_mc_result q;
    CHECK_INT_EQ(bmd_mc_run(prep, &o, &q, &d), BMD_EINVAL);
    o.trials = 10;
    o.threads = -1;
    CHECK_INT_EQ(bmd_mc_run(prep, &o, &q, &d), BMD_EINVAL);
  }
  for (int t = 0; t < 3; t++) bmd_mc_result_release(&r[t]);
  bmd_sim_prep_free(prep);
  bmd_scenario_release(&sc);
}

/* (b) on a built-in scenario: a fresh prep per thread count, so that the covariance cache
   starts empty and is filled by the threads in whatever order they ask */
static void test_threads_cache(const struct bmd_catalog *cat) {
  struct bmd_scenario sc;
  struct bmd_diag d;
  struct bmd_mc_result r[3];
  CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, "epaa-phase3", cat, &d), BMD_OK);
  sc.unc.launch_time_sigma_s = 30.0;
  sc.unc.ew_delay_sigma_s = 10.0;
  sc.unc.decision_latency_sigma_s = 10.0;
  sc.unc.sspk_sigma = 0.1;
  sc.unc.reliability_sigma = 0.05;
  for (int t = 0; t < 3; t++) {
    struct bmd_sim_prep *prep = NULL;
    struct bmd_mc_opts o = {3000, 7, t + 1, NULL, NULL, BMD_MC_ENGINE};
    memset(&r[t], 0, sizeof r[t]);
    CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &prep, &d, NULL, NULL), BMD_OK);
    CHECK_INT_EQ(bmd_mc_run(prep, &o, &r[t], &d), BMD_OK);
    CHECK_INT_EQ(r[t].threads, t + 1);
    bmd_sim_prep_free(prep);
  }
  for (int t = 1; t < 3; t++) {
    size_t n = (size_t)r[0].trials, nt = (size_t)sc.nthreats, ns = (size_t)sc.nsites;
    CHECK(memcmp(r[0].count, r[t].count, n * BMD_OUTCOME_COUNT * sizeof *r[0].count) == 0);
    CHECK(memcmp(r[0].spent_site, r[t].spent_site, n * ns * sizeof *r[0].spent_site) == 0);
    CHECK(memcmp(r[0].outcome, r[t].outcome, n * nt) == 0);
    CHECK(memcmp(r[0].p_kill, r[t].p_kill, nt * sizeof *r[0].p_kill) == 0);
    CHECK(r[0].spent_mean == r[t].spent_mean && r[0].spent_sd == r[t].spent_sd);
  }
  /* the draws move the outcomes: not every trial alike */
  CHECK(r[0].reached_target_sd > 0.0);
  CHECK(r[0].spent_sd > 0.0);
  for (int t = 0; t < 3; t++) bmd_mc_result_release(&r[t]);
  bmd_scenario_release(&sc);
}

static void test_engine_run(const struct bmd_catalog *cat) {
  struct bmd_scenario sc;
  struct bmd_sim_prep *prep = NULL;
  struct bmd_sim_work *w = NULL;
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, "epaa-phase3", cat, &d), BMD_OK);
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &prep, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_sim_work_alloc(prep, &w), BMD_OK);
  for (unsigned long seed = 2015; seed <= 2017; seed++) {
    struct bmd_sim_result a, b;
    const struct bmd_sim_result *f;
    CHECK_INT_EQ(bmd_sim_run(&sc, seed, &a, &d, NULL, NULL), BMD_OK);
    CHECK_INT_EQ(bmd_sim_run_prepared(prep, seed, NULL, &b, &d), BMD_OK);
    CHECK(same_events(&a, &b));
    CHECK_INT_EQ(a.threats[0].traj.nsamples, b.threats[0].traj.nsamples);
    if (seed == sc.seed) {
      /* what no random draw decides equals the run of commit 2d8827a (its events.csv, times
         to 1 ms): first detections (kurecik-tpy2), firm tracks 2 s later, and each
         threat's first shots (site, launch time); T2 is never engaged, the launch window
         closed. Each killed threat has one threat-destroyed event, at its kill time */
      static const double want_detect[8] = {96, 119, 139, 142, 170, 200, 230, 260};
      static const int want_site[8] = {2, -1, 0, 0, 1, 1, 1, 1};
      static const double want_launch[8] = {129.712, 0.0, 177.604, 180.222, 202.474, 233.282, 263.357, 292.405};
      long ndestroyed = 0;
      for (int i = 0; i < 8; i++) {
        const struct bmd_sim_threat *th = &a.threats[i];
        CHECK_NEAR(th->first_detect_t_s, want_detect[i], 0.0);
        CHECK_INT_EQ(th->first_detect_radar, 0);
        CHECK_NEAR(th->firm_track_t_s, want_detect[i] + 2.0, 0.0);
        if (want_site[i] < 0) {
          CHECK_INT_EQ(th->nshots, 0);
          CHECK_INT_EQ(th->outcome, BMD_OUTCOME_UNENGAGED);
          CHECK_INT_EQ(th->reason, BMD_ENGAGE_WINDOW_CLOSED);
        } else if (th->nshots > 0) {
          CHECK_INT_EQ(th->shots[0].site, want_site[i]);
          CHECK_NEAR(th->shots[0].launch_t_s, want_launch[i], 5e-4);
        } else {
          CHECK(0);
        }
      }
      for (long k = 0; k < a.nevents; k++) {
        if (a.events[k].kind != BMD_SIM_THREAT_DESTROYED) continue;
        const struct bmd_sim_threat *th = &a.threats[a.events[k].threat];
        CHECK_INT_EQ(th->outcome, BMD_OUTCOME_KILLED);
        CHECK_INT_EQ(a.events[k].outcome, BMD_OUTCOME_KILLED);
        CHECK(a.events[k].t_s == th->kill_t_s);
        ndestroyed++;
      }
      CHECK_INT_EQ(ndestroyed, a.count.n[BMD_OUTCOME_KILLED]);
    }
    /* fast mode: the same outcomes, shots and hits without the log */
    CHECK_INT_EQ(bmd_sim_work_run(w, seed, NULL, 0, &f), BMD_OK);
    CHECK_INT_EQ(f->nevents, 0);
    CHECK(memcmp(&f->count, &a.count, sizeof a.count) == 0);
    for (int i = 0; i < sc.nthreats; i++) {
      CHECK_INT_EQ(f->threats[i].outcome, a.threats[i].outcome);
      CHECK_INT_EQ(f->threats[i].nshots, a.threats[i].nshots);
      for (int k = 0; k < a.threats[i].nshots && k < f->threats[i].nshots; k++) {
        CHECK_INT_EQ(f->threats[i].shots[k].hit, a.threats[i].shots[k].hit);
        CHECK(f->threats[i].shots[k].launch_t_s == a.threats[i].shots[k].launch_t_s);
      }
    }
    for (int s = 0; s < sc.nsites; s++) CHECK_INT_EQ(f->spent[s], a.spent[s]);
    /* and a full run on the reused work gives the log again */
    CHECK_INT_EQ(bmd_sim_work_run(w, seed, NULL, BMD_SIM_FULL, &f), BMD_OK);
    CHECK(same_events(&a, f));
    bmd_sim_result_release(&a);
    bmd_sim_result_release(&b);
  }
  bmd_sim_work_free(w);
  bmd_sim_prep_free(prep);
  bmd_scenario_release(&sc);
}

static void test_zero_sigma(const struct bmd_catalog *cat) {
  struct bmd_scenario sc, sz;
  struct bmd_sim_prep *prep = NULL, *pz = NULL;
  struct bmd_sim_work *w = NULL;
  struct bmd_diag d;
  const char *zero = "uncertainty:\n  launch_time_sigma_s: 0\n  ew_delay_sigma_s: 0\n  decision_latency_sigma_s: 0\n"
                     "  sspk_sigma: 0\n  reliability_sigma: 0\n  source: \"test\"\n";
  if (load(&sc, cat, "shoot-look-shoot", 3, "") != BMD_OK || load(&sz, cat, "shoot-look-shoot", 3, zero) != BMD_OK) {
    CHECK(0);
    return;
  }
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &prep, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sz, &pz, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_sim_work_alloc(prep, &w), BMD_OK);
  /* mc with zero sigmas: trial k is the plain run with seed = low 32 bits of its seed */
  {
    struct bmd_mc_opts o = {40, 5, 2, NULL, NULL, BMD_MC_ENGINE};
    struct bmd_mc_result r;
    CHECK_INT_EQ(bmd_mc_run(pz, &o, &r, &d), BMD_OK);
    for (long k = 0; k < r.trials; k++) {
      const struct bmd_sim_result *f;
      CHECK(r.trial_seed[k] == bmd_mc_trial_seed(5, k));
      CHECK_INT_EQ(bmd_sim_work_run(w, (unsigned long)(r.trial_seed[k] & 0xffffffffu), NULL, 0, &f), BMD_OK);
      for (int i = 0; i < sc.nthreats; i++) CHECK_INT_EQ(r.outcome[k * sc.nthreats + i], f->threats[i].outcome);
      for (int c = 0; c < BMD_OUTCOME_COUNT; c++) CHECK_INT_EQ(r.count[k * BMD_OUTCOME_COUNT + c], f->count.n[c]);
      CHECK_INT_EQ(r.reached_target[k], f->count.reached_target);
      CHECK_INT_EQ(r.spent[k], f->spent[0]);
    }
    bmd_mc_result_release(&r);
  }
  /* a perturbation that restates the scenario changes nothing, event for event */
  {
    double zeros[3] = {0, 0, 0}, sspk[3] = {0.6, 0.6, 0.6}, rel[1] = {0.9};
    struct bmd_sim_perturb pe = {zeros, zeros, 0.0, sspk, rel};
    struct bmd_sim_result a, b;
    CHECK_INT_EQ(bmd_sim_run_prepared(prep, 17, NULL, &a, &d), BMD_OK);
    CHECK_INT_EQ(bmd_sim_run_prepared(prep, 17, &pe, &b, &d), BMD_OK);
    CHECK(same_events(&a, &b));
    bmd_sim_result_release(&b);
    /* every launch 100 s later: every event 100 s later, nothing else changes */
    {
      double late[3] = {100, 100, 100};
      struct bmd_sim_perturb pl = {late, NULL, 0.0, NULL, NULL};
      int same = 1;
      CHECK_INT_EQ(bmd_sim_run_prepared(prep, 17, &pl, &b, &d), BMD_OK);
      /* the periodic track-log events are left out: the engine starts its track-log clock
         at t = 0 rather than at the threat's launch, so their times are not shift-invariant
         (a logging quirk kept so that `bmdsim run` output does not change) */
      {
        long ka = 0, kb = 0;
        for (;;) {
          while (ka < a.nevents && a.events[ka].kind == BMD_SIM_TRACK) ka++;
          while (kb < b.nevents && b.events[kb].kind == BMD_SIM_TRACK) kb++;
          if (ka >= a.nevents || kb >= b.nevents) break;
          struct bmd_sim_event x = a.events[ka++], y = b.events[kb++];
          /* 1e-9 s: the sums t + 100 and (t0 + 100) + dt differ in their last bits */
          if (fabs(y.t_s - x.t_s - 100.0) > 1e-9 || x.kind != y.kind || x.threat != y.threat ||
              x.site != y.site || x.radar != y.radar) {
            if (same)
              fprintf(stderr, "event %ld: %.6f %d %d %s | %.6f %d %d %s\n", ka, x.t_s, x.kind, x.threat, x.note,
                      y.t_s, y.kind, y.threat, y.note);
            same = 0;
          }
        }
        if (ka < a.nevents || kb < b.nevents) same = 0;
      }
      CHECK(same);
      CHECK(memcmp(&b.count, &a.count, sizeof a.count) == 0);
      bmd_sim_result_release(&b);
    }
    bmd_sim_result_release(&a);
  }
  bmd_sim_work_free(w);
  bmd_sim_prep_free(prep);
  bmd_sim_prep_free(pz);
  bmd_scenario_release(&sc);
  bmd_scenario_release(&sz);
}

static void test_reference(const struct bmd_catalog *cat) {
  struct bmd_scenario sc;
  struct bmd_sim_prep *prep = NULL;
  struct bmd_sim_ref_work *w = NULL;
  const struct bmd_sim_result *r = NULL;
  struct bmd_diag d;
  static const int want_outcome[8] = {BMD_OUTCOME_KILLED, BMD_OUTCOME_UNENGAGED,   BMD_OUTCOME_KILLED,
                                      BMD_OUTCOME_LEAKED, BMD_OUTCOME_LEAKED,      BMD_OUTCOME_LEAKED,
                                      BMD_OUTCOME_KILLED, BMD_OUTCOME_KILLED};
  /* `bmdsim run epaa-phase3` at commit 2d8827a: first detection (all by kurecik-tpy2,
     radar 0) and firm track, s */
  static const double want_detect[8] = {96, 119, 139, 142, 170, 200, 230, 260};
  CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, "epaa-phase3", cat, &d), BMD_OK);
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &prep, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_sim_ref_work_alloc(prep, &w), BMD_OK);
  CHECK_INT_EQ(bmd_sim_ref_work_run(w, sc.seed, NULL, &r), BMD_OK);
  for (int i = 0; i < 8; i++) {
    CHECK_INT_EQ(r->threats[i].outcome, want_outcome[i]);
    CHECK_NEAR(r->threats[i].first_detect_t_s, want_detect[i], 0.0);
    CHECK_NEAR(r->threats[i].firm_track_t_s, want_detect[i] + 2.0, 0.0);
    CHECK_INT_EQ(r->threats[i].first_detect_radar, 0);
  }
  CHECK_INT_EQ(r->threats[1].reason, BMD_ENGAGE_WINDOW_CLOSED);
  CHECK_INT_EQ(r->spent[0], 2);
  CHECK_INT_EQ(r->spent[1], 6);
  CHECK_INT_EQ(r->spent[2], 2);
  CHECK_INT_EQ(r->count.reached_target, 4);
  bmd_sim_ref_work_free(w);
  bmd_sim_prep_free(prep);
  bmd_scenario_release(&sc);
}

/* the fields of a threat's run that no hit draw decides when every shot misses or every
   shot hits */
static int same_plan(const struct bmd_sim_threat *x, const struct bmd_sim_threat *y) {
  if (!(x->first_detect_t_s == y->first_detect_t_s || (isnan(x->first_detect_t_s) && isnan(y->first_detect_t_s))))
    return 0;
  if (!(x->firm_track_t_s == y->firm_track_t_s || (isnan(x->firm_track_t_s) && isnan(y->firm_track_t_s)))) return 0;
  if (x->first_detect_radar != y->first_detect_radar || x->nshots != y->nshots || x->outcome != y->outcome ||
      x->reason != y->reason)
    return 0;
  for (int k = 0; k < x->nshots; k++)
    if (x->shots[k].site != y->shots[k].site || x->shots[k].launch_t_s != y->shots[k].launch_t_s ||
        x->shots[k].ic.t_s != y->shots[k].ic.t_s || x->shots[k].hit != y->shots[k].hit)
      return 0;
  return 1;
}

static void test_equivalence(const struct bmd_catalog *cat) {
  static const char *const names[] = {"epaa-phase3", "third-site-2008", "epaa-phase4", "russia-deterrent",
                                      "iskander-kaliningrad"};
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  long n = 0, bad = 0, nshots = 0;
  gsl_rng_set(rng, 4242);
  for (size_t q = 0; q < sizeof names / sizeof names[0]; q++) {
    struct bmd_scenario sc;
    struct bmd_sim_prep *prep = NULL;
    struct bmd_sim_work *w = NULL;
    struct bmd_sim_ref_work *rw = NULL;
    struct bmd_diag d;
    double launch[64], ew[64], *sspk, rel[64];
    if (bmd_scenario_load_builtin(&sc, names[q], cat, &d) != BMD_OK || sc.nthreats > 64 || sc.nsites > 64 ||
        bmd_sim_prep_alloc(&sc, &prep, &d, NULL, NULL) != BMD_OK) {
      CHECK(0);
      continue;
    }
    CHECK_INT_EQ(bmd_sim_work_alloc(prep, &w), BMD_OK);
    CHECK_INT_EQ(bmd_sim_ref_work_alloc(prep, &rw), BMD_OK);
    sspk = calloc((size_t)(sc.nthreats * sc.nsites) + 1, sizeof *sspk);
    for (int s = 0; s < sc.nsites; s++) rel[s] = 1.0;
    for (int rep = 0; rep < 24; rep++) {
      struct bmd_sim_perturb pe;
      memset(&pe, 0, sizeof pe);
      for (int i = 0; i < sc.nthreats; i++) {
        launch[i] = gsl_ran_gaussian(rng, 30.0);
        ew[i] = gsl_ran_gaussian(rng, 10.0);
      }
      pe.launch_dt_s = launch;
      pe.ew_delay_dt_s = ew;
      pe.decision_latency_dt_s = gsl_ran_gaussian(rng, 10.0);
      pe.sspk = sspk;
      pe.reliability = rel;
      for (int hit = 0; hit <= 1; hit++) {
        const struct bmd_sim_result *a, *b;
        for (int k = 0; k < sc.nthreats * sc.nsites; k++) sspk[k] = hit;
        CHECK_INT_EQ(bmd_sim_ref_work_run(rw, (unsigned long)rep + 1, &pe, &a), BMD_OK);
        CHECK_INT_EQ(bmd_sim_work_run(w, (unsigned long)rep + 1, &pe, 0, &b), BMD_OK);
        for (int i = 0; i < sc.nthreats; i++) {
          int ok = same_plan(&a->threats[i], &b->threats[i]);
          if (!ok && bad < 5)
            fprintf(stderr, "%s %s rep %d hit %d: reference and engine differ\n", names[q], sc.threats[i].id, rep, hit);
          bad += !ok;
          n++;
          nshots += a->threats[i].nshots;
        }
      }
    }
    free(sspk);
    bmd_sim_ref_work_free(rw);
    bmd_sim_work_free(w);
    bmd_sim_prep_free(prep);
    bmd_scenario_release(&sc);
  }
  printf("equivalence: %ld threat runs (%ld shots) with every shot missing or hitting, %ld differ\n", n, nshots, bad);
  CHECK_INT_EQ(bad, 0);
  CHECK(nshots > 1000);
  gsl_rng_free(rng);
}

/* chi-square test of homogeneity of two samples' counts over k categories (Pearson;
   e.g. Agresti, Categorical Data Analysis, 3rd ed. (2013), sec. 3.2.1), categories whose
   two counts add up to less than 20 pooled into one (dropped if the pool is still under
   20): returns the p-value, the degrees of freedom in *dof */
static double chi2_two(const long *a, const long *b, int k, int *dof) {
  double na = 0, nb = 0, x2 = 0.0, pa = 0, pb = 0;
  int cols = 0;
  for (int j = 0; j < k; j++) {
    na += (double)a[j];
    nb += (double)b[j];
  }
  for (int j = 0; j <= k; j++) {
    double ca, cb;
    if (j < k && a[j] + b[j] < 20) {
      pa += (double)a[j];
      pb += (double)b[j];
      continue;
    }
    ca = j < k ? (double)a[j] : pa;
    cb = j < k ? (double)b[j] : pb;
    if (ca + cb < 20) continue;
    {
      double ea = (ca + cb) * na / (na + nb), eb = (ca + cb) * nb / (na + nb);
      x2 += (ca - ea) * (ca - ea) / ea + (cb - eb) * (cb - eb) / eb;
    }
    cols++;
  }
  *dof = cols - 1;
  return cols > 1 ? gsl_cdf_chisq_Q(x2, cols - 1) : 1.0;
}

static void test_distribution(const struct bmd_catalog *cat) {
  char path[1024], word[64];
  const char *dir = getenv("BMD_TEST_DATA");
  FILE *f;
  long trials = 0, ref_out[8][3] = {{0}}, ref_reach[9] = {0}, ref_spent[64] = {0};
  struct bmd_scenario sc;
  struct bmd_sim_prep *prep = NULL;
  struct bmd_diag d;
  struct bmd_mc_result r;
  struct bmd_mc_opts o = {100000, 2, 2, NULL, NULL, BMD_MC_ENGINE};
  double pmin = 1.0;
  int ntest = 0;
  snprintf(path, sizeof path, "%s/mc_reference_epaa-phase3.txt", dir ? dir : "tests/data");
  f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "%s: cannot open\n", path);
    CHECK(0);
    return;
  }
  while (fscanf(f, "%63s", word) == 1) {
    if (word[0] == '#') {
      int c;
      while ((c = fgetc(f)) != EOF && c != '\n') {
      }
    } else if (strcmp(word, "trials") == 0) {
      CHECK_INT_EQ(fscanf(f, "%ld", &trials), 1);
    } else if (strcmp(word, "threat") == 0) {
      int i = -1;
      /* the index first: the counts' addresses depend on it */
      if (fscanf(f, "%d", &i) != 1 || i < 0 || i >= 8) {
        CHECK(0);
        break;
      }
      CHECK_INT_EQ(fscanf(f, "%ld %ld %ld", &ref_out[i][0], &ref_out[i][1], &ref_out[i][2]), 3);
    } else if (strcmp(word, "reached_target") == 0) {
      for (int j = 0; j < 9; j++) CHECK_INT_EQ(fscanf(f, "%ld", &ref_reach[j]), 1);
    } else if (strcmp(word, "spent") == 0) {
      int n;
      CHECK_INT_EQ(fscanf(f, "%d", &n), 1);
      for (int j = 0; j < n && j < 64; j++) CHECK_INT_EQ(fscanf(f, "%ld", &ref_spent[j]), 1);
    }
  }
  fclose(f);
  CHECK(trials >= 10000);
  CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, "epaa-phase3", cat, &d), BMD_OK);
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &prep, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_mc_run(prep, &o, &r, &d), BMD_OK);
  for (int i = 0; i < 8; i++) {
    long got[3];
    int dof;
    double pv;
    for (int c = 0; c < 3; c++) got[c] = r.threat_count[i * BMD_OUTCOME_COUNT + c];
    pv = chi2_two(ref_out[i], got, 3, &dof);
    printf("distribution %s: killed %ld / %ld, leaked %ld / %ld, unengaged %ld / %ld (reference / engine): "
           "chi2 p = %.3f (%d dof)\n",
           sc.threats[i].id, ref_out[i][0], got[0], ref_out[i][1], got[1], ref_out[i][2], got[2], pv, dof);
    if (pv < pmin) pmin = pv;
    ntest++;
  }
  {
    long spent[64] = {0};
    int dof;
    double pv = chi2_two(ref_reach, r.reached_target_hist, 9, &dof);
    printf("distribution reached_target: chi2 p = %.3f (%d dof)\n", pv, dof);
    if (pv < pmin) pmin = pv;
    for (int j = 0; j <= r.spent_max && j < 64; j++) spent[j] = r.spent_hist[j];
    pv = chi2_two(ref_spent, spent, 64, &dof);
    printf("distribution interceptors spent: chi2 p = %.3f (%d dof)\n", pv, dof);
    if (pv < pmin) pmin = pv;
    ntest += 2;
  }
  /* ten tests at 1e-4 each: a false alarm in about 1 run in 1,000 */
  printf("distribution: smallest p of %d tests %.4f\n", ntest, pmin);
  CHECK(pmin > 1e-4);
  bmd_mc_result_release(&r);
  bmd_sim_prep_free(prep);
  bmd_scenario_release(&sc);
}

static void test_wilson_splitmix(void) {
  static const struct { long x, n; double lo, hi; } t[] = {
      {81, 263, 0.2553, 0.3662}, {15, 148, 0.0624, 0.1605}, {0, 20, 0.0, 0.1611}, {1, 29, 0.0061, 0.1718}};
  for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
    double lo, hi;
    bmd_mc_wilson(t[k].x, t[k].n, BMD_Z95, &lo, &hi);
    /* the table gives 4 decimals */
    CHECK_NEAR(lo, t[k].lo, 5e-5);
    CHECK_NEAR(hi, t[k].hi, 5e-5);
  }
  {
    double lo, hi;
    bmd_mc_wilson(0, 0, BMD_Z95, &lo, &hi);
    CHECK(lo == 0.0 && hi == 1.0);
    /* hand computation, x = n = 10: lower = n / (n + z^2) = 10 / 13.8415 = 0.72246 */
    bmd_mc_wilson(10, 10, BMD_Z95, &lo, &hi);
    CHECK_NEAR(lo, 10.0 / (10.0 + BMD_Z95 * BMD_Z95), 1e-12);
    CHECK(hi == 1.0);
  }
  /* splitmix64.c (Vigna) from x = 1234567: 6457827717110365317, 3203168211198807973,
     9817491932198370423 */
  CHECK(bmd_mc_trial_seed(1234567, 0) == 6457827717110365317ULL);
  CHECK(bmd_mc_trial_seed(1234567, 1) == 3203168211198807973ULL);
  CHECK(bmd_mc_trial_seed(1234567, 2) == 9817491932198370423ULL);
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  test_wilson_splitmix();
  test_zero_sigma(&cat);
  test_threads(&cat);
  test_threads_cache(&cat);
  test_engine_run(&cat);
  test_reference(&cat);
  test_equivalence(&cat);
  test_distribution(&cat);
  test_convergence(&cat);
  bmd_catalog_release(&cat);
  return check_report("test_mc");
}
