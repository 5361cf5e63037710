/*
 * test_sim.c - the engine:
 *  - doctrine arithmetic: with sensors that see the threats at once, independent shots and
 *    no re-engagement, the fraction of threats that leak through a salvo of n is
 *    (1 - reliability x SSPK)^n (the independent-shot formula; e.g. Wilkening, Science &
 *    Global Security 8 (2000), eq. 1), within 4 binomial standard deviations;
 *  - determinism: the same seed gives byte-identical events; another seed differs;
 *  - every built-in scenario loads and runs, and its outcome counts add up.
 */
#include <stdio.h>
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "check.h"

#define NTHREAT 300

static int make(char *buf, size_t n, int salvo, double sspk) {
  int k = snprintf(buf, n,
                   "scenario: \"doctrine\"\ntitle: \"t\"\nsource: \"test\"\nseed: 7\n"
                   "sensors:\n  radars:\n    - name: \"r\"\n      type: \"tpy-2\"\n      site: \"tabriz\"\n"
                   "      boresight_az_deg: 275\n      source: \"test\"\n"
                   "sites:\n  - name: \"ankara\"\n    site: \"ankara\"\n    interceptor: \"sm-3-ib\"\n"
                   "    inventory: 5000\n    source: \"test\"\n"
                   "c2:\n  decision_latency_s: 0\n  doctrine: \"salvo\"\n  salvo: %d\n"
                   "  kill_assessment_s: 3000\n  sspk: %.3f\n  reliability: 1\n  firm_track_updates: 1\n"
                   "  source: \"test\"\nthreats:\n",
                   salvo, sspk);
  for (int i = 0; i < NTHREAT; i++)
    k += snprintf(buf + k, n - (size_t)k,
                  "  - {id: \"T%d\", missile: \"shahab-3\", from: \"tabriz\", to: \"ankara\", launch_s: %d}\n", i,
                  i % 50);
  return k;
}

int main(void) {
  static char buf[200000];
  struct bmd_catalog cat;
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);

  for (int salvo = 1; salvo <= 2; salvo++) {
    struct bmd_scenario sc;
    struct bmd_sim_result r;
    double sspk = 0.6, p = 1.0, q = 1.0;
    int len = make(buf, sizeof buf, salvo, sspk);
    CHECK_INT_EQ(bmd_scenario_parse(&sc, buf, (size_t)len, "doctrine.yaml", &cat, &d), BMD_OK);
    CHECK_INT_EQ(bmd_sim_run(&sc, 11, &r, &d, NULL, NULL), BMD_OK);
    for (int k = 0; k < salvo; k++) q *= 1.0 - sspk;
    p = q;
    double sd = sqrt(p * (1.0 - p) / NTHREAT);
    double leak = (double)r.leaked / NTHREAT;
    printf("salvo %d: leaked %d of %d engaged (%.3f), formula %.3f +- %.3f; spent %d\n", salvo, r.leaked,
           r.engaged, leak, p, sd, r.spent[0]);
    CHECK_INT_EQ(r.engaged, NTHREAT);
    CHECK_INT_EQ(r.spent[0], NTHREAT * salvo);
    CHECK(fabs(leak - p) < 4.0 * sd);
    bmd_sim_result_release(&r);
    bmd_scenario_release(&sc);
  }

  /* determinism */
  {
    struct bmd_scenario sc;
    struct bmd_sim_result a, b, c;
    CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, "epaa-phase3", &cat, &d), BMD_OK);
    CHECK_INT_EQ(bmd_sim_run(&sc, 5, &a, &d, NULL, NULL), BMD_OK);
    CHECK_INT_EQ(bmd_sim_run(&sc, 5, &b, &d, NULL, NULL), BMD_OK);
    CHECK_INT_EQ(bmd_sim_run(&sc, 6, &c, &d, NULL, NULL), BMD_OK);
    CHECK_INT_EQ(a.nevents, b.nevents);
    CHECK(a.nevents == b.nevents && memcmp(a.events, b.events, (size_t)a.nevents * sizeof *a.events) == 0);
    CHECK(a.nevents != c.nevents || memcmp(a.events, c.events, (size_t)a.nevents * sizeof *a.events) != 0);
    bmd_sim_result_release(&a);
    bmd_sim_result_release(&b);
    bmd_sim_result_release(&c);
    bmd_scenario_release(&sc);
  }

  /* every built-in scenario runs */
  for (const char *const *n = bmd_scenario_builtin_names(); *n; n++) {
    struct bmd_scenario sc;
    struct bmd_sim_result r;
    int st = bmd_scenario_load_builtin(&sc, *n, &cat, &d);
    CHECK_INT_EQ(st, BMD_OK);
    if (st != BMD_OK) {
      fprintf(stderr, "  %s:%d:%d: %s\n", d.file, d.line, d.col, d.msg);
      continue;
    }
    st = bmd_sim_run(&sc, sc.seed, &r, &d, NULL, NULL);
    CHECK_INT_EQ(st, BMD_OK);
    if (st == BMD_OK) {
      CHECK_INT_EQ(r.killed + r.leaked + r.not_engaged, sc.nthreats);
      printf("%-22s %2d threats: %d killed, %d leaked, %d not engaged, %ld events\n", *n, sc.nthreats,
             r.killed, r.leaked, r.not_engaged, r.nevents);
      bmd_sim_result_release(&r);
    } else {
      fprintf(stderr, "  %s: %s\n", *n, d.msg);
    }
    bmd_scenario_release(&sc);
  }
  bmd_catalog_release(&cat);
  return check_report("test_sim");
}
