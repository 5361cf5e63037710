/*
 * test_battle.c - the battle manager (battle.h):
 *  - its index of an engagement table answers as the table's scan does: for every
 *    engagement table of every built-in scenario, at every point's launch time, just
 *    before and after it, and every 0.5 s from 100 s before the first to 100 s after the
 *    last, bmd_battle_table_solve gives bmd_engage_table_solve's result, bit for bit;
 *  - the priority order: ascending impact time, ties in index order; for the target-value
 *    priority, descending value, ties in index order;
 *  - decisions: a raid on a site with one interceptor: the first track in priority order
 *    gets it (salvo cut to the stock), the next is told "no inventory"; a scenario without
 *    sites answers "no site" and that no answer will ever change.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <bmd/battle.h>
#include <bmd/catalog.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "../../src/engine/sim_impl.h"
#include "check.h"

static int same(const struct bmd_battle_table *bt, double ready) {
  struct bmd_engage_result a, b;
  bmd_engage_table_solve(bt->tab, ready, &a);
  bmd_battle_table_solve(bt, ready, &b);
  return memcmp(&a, &b, sizeof a) == 0;
}

static void test_index(const struct bmd_catalog *cat) {
  static const char *const names[] = {"epaa-phase3", "third-site-2008", "epaa-phase4", "russia-deterrent",
                                      "iskander-kaliningrad"};
  long ncheck = 0, nbad = 0, ntab = 0;
  for (size_t q = 0; q < sizeof names / sizeof names[0]; q++) {
    struct bmd_scenario sc;
    struct bmd_sim_prep *p = NULL;
    struct bmd_diag d;
    if (bmd_scenario_load_builtin(&sc, names[q], cat, &d) != BMD_OK ||
        bmd_sim_prep_alloc(&sc, &p, &d, NULL, NULL) != BMD_OK) {
      CHECK(0);
      continue;
    }
    for (int i = 0; i < p->nthreats; i++) {
      if (p->alias[i] != i) continue;
      for (int s = 0; s < p->nsites; s++) {
        const struct bmd_battle_table *bt = &p->btab[(size_t)i * (size_t)p->nsites + (size_t)s];
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        ntab++;
        for (long k = 0; k < bt->tab->n; k++) {
          double L = bt->tab->pts[k].launch_t_s;
          if (L < lo) lo = L;
          if (L > hi) hi = L;
          nbad += !same(bt, L) + !same(bt, nextafter(L, -HUGE_VAL)) + !same(bt, nextafter(L, HUGE_VAL));
          ncheck += 3;
        }
        if (bt->tab->n == 0) lo = hi = 0.0;
        for (double r = lo - 100.0; r <= hi + 100.0; r += 0.5) {
          nbad += !same(bt, r);
          ncheck++;
        }
      }
    }
    bmd_sim_prep_free(p);
    bmd_scenario_release(&sc);
  }
  printf("index: %ld tables, %ld ready times, %ld differ\n", ntab, ncheck, nbad);
  CHECK_INT_EQ(nbad, 0);
  CHECK(ncheck > 10000);
}

static int load(struct bmd_scenario *sc, const struct bmd_catalog *cat, const char *sites, const char *priority) {
  char buf[4000];
  struct bmd_diag d;
  int n = snprintf(buf, sizeof buf,
                   "scenario: \"battle-test\"\ntitle: \"t\"\nsource: \"test\"\nseed: 7\n"
                   "sensors:\n  radars:\n    - name: \"r\"\n      type: \"tpy-2\"\n      site: \"tabriz\"\n"
                   "      boresight_az_deg: 275\n      source: \"test\"\n"
                   "%s"
                   "c2:\n  decision_latency_s: 0\n  doctrine: \"salvo\"\n  salvo: 2\n  priority: \"%s\"\n"
                   "  kill_assessment_s: 30\n  sspk: 0.6\n  reliability: 0.9\n  firm_track_updates: 1\n"
                   "  source: \"test\"\nthreats:\n"
                   "  - {id: \"A\", missile: \"shahab-3\", from: \"tabriz\", to: \"ankara\", launch_s: 30, value: 1}\n"
                   "  - {id: \"B\", missile: \"shahab-3\", from: \"tabriz\", to: \"ankara\", launch_s: 0, value: 3}\n"
                   "  - {id: \"C\", missile: \"shahab-3\", from: \"tabriz\", to: \"ankara\", launch_s: 0, value: 2}\n",
                   sites, priority);
  int st = bmd_scenario_parse(sc, buf, (size_t)n, "battle-test.yaml", cat, &d);
  if (st != BMD_OK) fprintf(stderr, "%s:%d:%d: %s\n", d.file, d.line, d.col, d.msg);
  return st;
}

static void test_decisions(const struct bmd_catalog *cat) {
  struct bmd_scenario sc;
  struct bmd_sim_prep *p = NULL;
  struct bmd_battle *b = NULL;
  struct bmd_diag d;
  int order[3];
  double impact[3] = {500.0, 400.0, 400.0};
  if (load(&sc, cat,
           "sites:\n  - name: \"ankara\"\n    site: \"ankara\"\n    interceptor: \"sm-3-ib\"\n"
           "    inventory: 1\n    launchers: 1\n    source: \"test\"\n",
           "time-to-impact") != BMD_OK) {
    CHECK(0);
    return;
  }
  /* time to impact: B and C (400 s, in index order), then A */
  bmd_battle_priority(&sc, impact, 3, order);
  CHECK(order[0] == 1 && order[1] == 2 && order[2] == 0);
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &p, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_battle_alloc(&sc, p->btab, p->alias, &b), BMD_OK);
  bmd_battle_reset(b, 0.0);
  {
    /* B's track, well tracked, at 100 s: the site fires its one interceptor (the salvo of 2
       cut to the stock), at the table's earliest launch; then C gets nothing */
    struct bmd_battle_track tk = {1, 0.0, 50.0, BMD_SIM_MAX_SHOTS};
    struct bmd_battle_order o;
    struct bmd_engage_result er;
    CHECK_INT_EQ(bmd_battle_decide(b, &tk, 100.0, &o), 1);
    CHECK_INT_EQ(o.site, 0);
    CHECK_INT_EQ(o.nshot, 1);
    CHECK_INT_EQ(o.sls, 0);
    bmd_engage_table_solve(&p->tab[0], 100.0, &er);
    CHECK(er.feasible && o.launch_t_s == er.earliest.launch_t_s && o.er.earliest.t_s == er.earliest.t_s);
    tk.object = 2;
    CHECK_INT_EQ(bmd_battle_decide(b, &tk, 100.0, &o), 0);
    CHECK_INT_EQ(o.er.reason, BMD_ENGAGE_NO_INVENTORY);
    CHECK_INT_EQ(o.never, 0);
    /* a track with a 3 sigma error beyond the divert: too poor (the stock is not asked) */
    bmd_battle_reset(b, 0.0);
    tk.sigma_m = 1e6;
    CHECK_INT_EQ(bmd_battle_decide(b, &tk, 100.0, &o), 0);
    CHECK_INT_EQ(o.er.reason, BMD_ENGAGE_TRACK_TOO_POOR);
  }
  bmd_battle_free(b);
  bmd_sim_prep_free(p);
  bmd_scenario_release(&sc);
  /* target value: B (3), C (2), A (1) */
  if (load(&sc, cat, "sites: []\n", "target-value") != BMD_OK) {
    CHECK(0);
    return;
  }
  bmd_battle_priority(&sc, impact, 3, order);
  CHECK(order[0] == 1 && order[1] == 2 && order[2] == 0);
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &p, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_battle_alloc(&sc, p->btab, p->alias, &b), BMD_OK);
  bmd_battle_reset(b, 0.0);
  {
    struct bmd_battle_track tk = {0, 30.0, 50.0, BMD_SIM_MAX_SHOTS};
    struct bmd_battle_order o;
    CHECK_INT_EQ(bmd_battle_decide(b, &tk, 100.0, &o), 0);
    CHECK_INT_EQ(o.er.reason, BMD_ENGAGE_NO_SITE);
    CHECK_INT_EQ(o.never, 1);
  }
  bmd_battle_free(b);
  bmd_sim_prep_free(p);
  bmd_scenario_release(&sc);
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  test_index(&cat);
  test_decisions(&cat);
  bmd_catalog_release(&cat);
  return check_report("test_battle");
}
