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
    double leak = (double)r.count.n[BMD_OUTCOME_LEAKED] / NTHREAT;
    printf("salvo %d: leaked %d of %d engaged (%.3f), formula %.3f +- %.3f; spent %d\n", salvo,
           r.count.n[BMD_OUTCOME_LEAKED], r.engaged, leak, p, sd, r.spent[0]);
    /* every threat engaged: none unengaged, and what was not killed leaked */
    CHECK_INT_EQ(r.count.n[BMD_OUTCOME_UNENGAGED], 0);
    CHECK_INT_EQ(r.count.reached_target, r.count.n[BMD_OUTCOME_LEAKED]);
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
      int cnt[BMD_OUTCOME_COUNT] = {0}, ends = 0, reached = 0;
      CHECK_INT_EQ(r.count.n[BMD_OUTCOME_KILLED] + r.count.n[BMD_OUTCOME_LEAKED] + r.count.n[BMD_OUTCOME_UNENGAGED],
                   sc.nthreats);
      CHECK_INT_EQ(r.count.reached_target, r.count.n[BMD_OUTCOME_LEAKED] + r.count.n[BMD_OUTCOME_UNENGAGED]);
      CHECK_INT_EQ(r.engaged, r.count.n[BMD_OUTCOME_KILLED] + r.count.n[BMD_OUTCOME_LEAKED]);
      /* each threat: its outcome agrees with its shots and hits; an unengaged threat has a
         reason and no shot; exactly one end event (threat-destroyed or reached-target)
         with the threat's outcome, and, for an unengaged threat, its reason */
      for (int i = 0; i < r.nthreats; i++) {
        const struct bmd_sim_threat *th = &r.threats[i];
        int hit = 0, nend = 0;
        for (int k = 0; k < th->nshots; k++) hit |= th->shots[k].hit;
        CHECK(th->outcome >= 0 && th->outcome < BMD_OUTCOME_COUNT);
        if (th->outcome >= 0 && th->outcome < BMD_OUTCOME_COUNT) cnt[th->outcome]++;
        CHECK_INT_EQ(th->outcome == BMD_OUTCOME_KILLED, hit);
        CHECK_INT_EQ(th->outcome == BMD_OUTCOME_UNENGAGED, th->nshots == 0);
        if (th->outcome == BMD_OUTCOME_UNENGAGED) CHECK(th->reason > BMD_ENGAGE_NONE);
        for (long k = 0; k < r.nevents; k++) {
          const struct bmd_sim_event *e = &r.events[k];
          if (e->threat != i || (e->kind != BMD_SIM_THREAT_DESTROYED && e->kind != BMD_SIM_REACHED_TARGET)) continue;
          nend++;
          CHECK_INT_EQ(e->outcome, th->outcome);
          CHECK_INT_EQ(e->kind == BMD_SIM_REACHED_TARGET, bmd_outcome_reached_target(th->outcome));
          CHECK_INT_EQ(e->reason, th->outcome == BMD_OUTCOME_UNENGAGED ? th->reason : BMD_ENGAGE_NONE);
        }
        CHECK_INT_EQ(nend, 1);
        ends += nend;
        reached += bmd_outcome_reached_target(th->outcome);
      }
      for (int o = 0; o < BMD_OUTCOME_COUNT; o++) CHECK_INT_EQ(cnt[o], r.count.n[o]);
      CHECK_INT_EQ(ends, sc.nthreats);
      CHECK_INT_EQ(reached, r.count.reached_target);
      printf("%-22s %2d threats: %d killed, %d leaked, %d unengaged, %d reached their target, %ld events\n", *n,
             sc.nthreats, r.count.n[BMD_OUTCOME_KILLED], r.count.n[BMD_OUTCOME_LEAKED],
             r.count.n[BMD_OUTCOME_UNENGAGED], r.count.reached_target, r.nevents);
      bmd_sim_result_release(&r);
    } else {
      fprintf(stderr, "  %s: %s\n", *n, d.msg);
    }
    bmd_scenario_release(&sc);
  }
  bmd_catalog_release(&cat);
  return check_report("test_sim");
}
