/*
 * test_coverage.c - corridor x site coverage (coverage.h) on two corridors of epaa-phase3
 * (Tabriz -> Ankara, Semnan -> Warsaw) against its three sites:
 *  - every reported burnout-speed threshold is where the engageable answer flips: with the
 *    interceptor's Isp scaled 1% below the threshold scale the corridor is not engageable,
 *    1% above it is (the bisection brackets it to 0.4%), and the burnout speeds there
 *    bracket the reported threshold speed;
 *  - the unscaled interceptor gives the row's own answer;
 *  - invariants of the two answers: engageable implies kinematic reach; engageable exactly
 *    when the longest admissible decision delay covers the scenario's delay; an earlier cue
 *    never turns a yes into a no; engageable on the fire-control track is the row's answer.
 *  - the thread count does not change any row.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/coverage.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include "check.h"

int main(void) {
  struct bmd_catalog cat;
  struct bmd_scenario sc, s2;
  struct bmd_scen_threat th[2];
  struct bmd_diag d;
  struct bmd_coverage cov, cov1;
  struct bmd_coverage_opts o = {1.0, 1, 2};
  int nthr = 0, nflip = 0;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, "epaa-phase3", &cat, &d), BMD_OK);
  for (int i = 0; i < sc.nthreats; i++)
    if ((strcmp(sc.threats[i].to, "ankara") == 0 || strcmp(sc.threats[i].to, "warsaw") == 0) && nthr < 2)
      th[nthr++] = sc.threats[i];
  CHECK_INT_EQ(nthr, 2);
  s2 = sc;
  s2.threats = th;
  s2.nthreats = nthr;
  CHECK_INT_EQ(bmd_coverage_compute(&s2, &o, &cov, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(cov.ncorridors, 2);
  CHECK_INT_EQ(cov.nrows, 2 * s2.nsites);
  for (int k = 0; k < cov.nrows; k++) {
    const struct bmd_coverage_row *r = &cov.row[k];
    const struct bmd_coverage_corridor *co = &cov.corridor[r->corridor];
    double lat = s2.c2.decision_latency_s;
    printf("%s -> %s, %s: kinematic %d engageable %d (%s) window %.0f s; v_bo %.0f, flips at %.0f m/s (Isp x %.4f)\n",
           s2.threats[co->threat].from, s2.threats[co->threat].to, s2.sites[r->site].name, r->kinematic_feasible,
           r->feasible, bmd_coverage_constraint_word(r), r->eng.window_s, r->burnout_speed_mps,
           r->threshold_burnout_speed_mps, r->threshold_isp_scale);
    if (r->feasible) CHECK(r->kinematic_feasible);
    CHECK_INT_EQ(r->feasible_by_cue[BMD_CUE_TRACK], r->feasible);
    if (isfinite(r->max_decision_delay_s)) CHECK_INT_EQ(r->feasible, r->max_decision_delay_s >= lat);
    /* an earlier cue is never worse */
    for (int a = 0; a < BMD_CUE_N; a++)
      for (int b = 0; b < BMD_CUE_N; b++) {
        double ta[BMD_CUE_N] = {0.0, co->cue.ew_t_s, co->cue.detect_t_s, co->cue.firm_t_s};
        if (r->feasible_by_cue[a] < 0 || r->feasible_by_cue[b] < 0) continue;
        if (ta[a] <= ta[b] && r->feasible_by_cue[b]) CHECK(r->feasible_by_cue[a]);
      }
    CHECK_INT_EQ(bmd_coverage_scaled_feasible(&s2, &cov, r->corridor, r->site, 1.0, o.dt_s, NULL), r->feasible);
    if (isfinite(r->threshold_isp_scale)) {
      double vlo, vhi, k0 = r->threshold_isp_scale;
      int lo = bmd_coverage_scaled_feasible(&s2, &cov, r->corridor, r->site, 0.99 * k0, o.dt_s, &vlo);
      int hi = bmd_coverage_scaled_feasible(&s2, &cov, r->corridor, r->site, 1.01 * k0, o.dt_s, &vhi);
      printf("   just below: %d at %.0f m/s, just above: %d at %.0f m/s\n", lo, vlo, hi, vhi);
      CHECK_INT_EQ(lo, 0);
      CHECK_INT_EQ(hi, 1);
      CHECK(vlo < r->threshold_burnout_speed_mps && r->threshold_burnout_speed_mps < vhi);
      /* the flip lies on the right side of today's interceptor */
      if (r->feasible) CHECK(r->threshold_burnout_speed_mps < r->burnout_speed_mps);
      else CHECK(r->threshold_burnout_speed_mps > r->burnout_speed_mps);
      nflip++;
    }
  }
  CHECK(nflip >= 3);
  /* the rows of one site and fan sector search their thresholds in lockstep, sharing the
     fans of equal scales (coverage.c): each threshold is the one a row's own search gives,
     bit for bit; that search (the bracket by x0.7 / x1.3, bisection to 0.4%) written out
     here on bmd_coverage_scaled_feasible, for the first two rows with a threshold */
  {
    int nsame = 0;
    for (int k = 0; k < cov.nrows && nsame < 2; k++) {
      const struct bmd_coverage_row *r = &cov.row[k];
      double lo = 1.0, hi = 1.0, v = 0.0, thr;
      if (!isfinite(r->threshold_isp_scale)) continue;
      if (r->feasible) {
        do lo *= 0.7;
        while (bmd_coverage_scaled_feasible(&s2, &cov, r->corridor, r->site, lo, o.dt_s, NULL) == 1 && lo > 0.1);
      } else {
        do hi *= 1.3;
        while (bmd_coverage_scaled_feasible(&s2, &cov, r->corridor, r->site, hi, o.dt_s, NULL) != 1);
        lo = hi / 1.3;
      }
      while (hi - lo > 0.004 * hi) {
        double mid = 0.5 * (lo + hi);
        if (bmd_coverage_scaled_feasible(&s2, &cov, r->corridor, r->site, mid, o.dt_s, NULL) == 1) hi = mid;
        else lo = mid;
      }
      thr = 0.5 * (lo + hi);
      CHECK_INT_EQ(bmd_coverage_scaled_feasible(&s2, &cov, r->corridor, r->site, thr, o.dt_s, &v) >= 0, 1);
      printf("row %d: lockstep threshold x%.17g %.17g m/s, alone x%.17g %.17g m/s\n", k,
             r->threshold_isp_scale, r->threshold_burnout_speed_mps, thr, v);
      CHECK(thr == r->threshold_isp_scale);
      CHECK(v == r->threshold_burnout_speed_mps);
      nsame++;
    }
    CHECK_INT_EQ(nsame, 2);
  }
  /* threads */
  o.threads = 1;
  CHECK_INT_EQ(bmd_coverage_compute(&s2, &o, &cov1, &d, NULL, NULL), BMD_OK);
  for (int k = 0; k < cov.nrows; k++) {
    CHECK_INT_EQ(cov1.row[k].feasible, cov.row[k].feasible);
    CHECK(memcmp(&cov1.row[k], &cov.row[k], sizeof cov.row[k]) == 0);
  }
  bmd_coverage_release(&cov);
  bmd_coverage_release(&cov1);
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return check_report("test_coverage");
}
