/*
 * test_sweep.c - the sweep file parser and parameter application (sweep.h):
 *  - point order: nested loops over the parameters as listed, the last fastest; ranges
 *    from/to/step include `to`; the parameters JSON of a point;
 *  - every parameter changes the applied scenario as documented and nothing else, and the
 *    base scenario and the catalog are left untouched;
 *  - errors name file:line:col;
 *  - a run point's metrics equal an independent bmd_sim_run of the applied scenario, and
 *    killed + leaked + unengaged = raid size, reached_target = leaked + unengaged;
 *  - the metric names retired with the outcome vocabulary are refused, naming the new ones.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/refperf.h>
#include <bmd/status.h>
#include <bmd/sweep.h>

#include "check.h"

static struct bmd_catalog cat;

static int parse(struct bmd_sweep *sw, const char *text, struct bmd_diag *d) {
  memset(d, 0, sizeof *d);
  return bmd_sweep_parse(sw, text, strlen(text), "t.yaml", &cat, d);
}

/* a bad sweep file: the error's line, column and a word of the message */
static void bad(const char *text, int line, int col, const char *word) {
  struct bmd_sweep sw;
  struct bmd_diag d;
  int st = parse(&sw, text, &d);
  CHECK(st == BMD_EPARSE);
  CHECK_INT_EQ(d.line, line);
  CHECK_INT_EQ(d.col, col);
  if (!strstr(d.msg, word)) {
    fprintf(stderr, "message '%s' lacks '%s'\n", d.msg, word);
    CHECK(0);
  }
  bmd_sweep_release(&sw);
}

static const char *site_names(const struct bmd_scenario *sc, char *buf, size_t n) {
  buf[0] = 0;
  for (int s = 0; s < sc->nsites; s++) snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", s ? "," : "", sc->sites[s].name);
  return buf;
}

static void test_order(void) {
  struct bmd_sweep sw;
  struct bmd_diag d;
  char js[512];
  CHECK_INT_EQ(parse(&sw,
                     "source: \"test\"\nbase: epaa-phase3\nanalysis: run\n"
                     "parameters:\n"
                     "  - {name: c2.sspk, values: [0.5, 0.9]}\n"
                     "  - {name: c2.doctrine, values: [salvo, shoot-look-shoot]}\n"
                     "  - {name: interceptor_speed_scale, from: 0.9, to: 1.1, step: 0.1}\n",
                     &d),
               BMD_OK);
  CHECK_INT_EQ(sw.npoints, 12);
  CHECK_INT_EQ(sw.nparams, 3);
  CHECK_INT_EQ(sw.param[2].nvalues, 3);   /* 0.9, 1, 1.1: `to` included despite rounding */
  CHECK(strcmp(sw.param[2].value[2], "1.1") == 0);
  CHECK_INT_EQ(sw.nmetrics, 6);           /* all run metrics when none are named */
  CHECK(sw.seed == 2016);                 /* the base scenario's */
  /* idx 7 = (1, 0, 1): last parameter fastest */
  CHECK_INT_EQ(bmd_sweep_value_index(&sw, 7, 0), 1);
  CHECK_INT_EQ(bmd_sweep_value_index(&sw, 7, 1), 0);
  CHECK_INT_EQ(bmd_sweep_value_index(&sw, 7, 2), 1);
  CHECK_INT_EQ(bmd_sweep_params_json(&sw, 5, js, sizeof js), BMD_OK);
  CHECK(strcmp(js, "{\"c2.sspk\":0.5,\"c2.doctrine\":\"shoot-look-shoot\",\"interceptor_speed_scale\":1.1}") == 0);
  CHECK_INT_EQ(bmd_sweep_params_json(&sw, 5, js, 20), BMD_ERANGE);
  {
    struct bmd_sweep_scenario ps;
    CHECK_INT_EQ(bmd_sweep_apply(&sw, 12, &ps, &d), BMD_EINVAL);
  }
  bmd_sweep_release(&sw);
}

static void test_apply(void) {
  struct bmd_sweep sw;
  struct bmd_diag d;
  struct bmd_sweep_scenario p0, p1;
  char names[256];
  const struct bmd_missile *ib = bmd_catalog_missile(&cat, "sm-3-ib"), *iia = bmd_catalog_missile(&cat, "sm-3-iia");
  double isp_ib = ib->vehicle.stage[0].isp_s, isp_iia2 = iia->vehicle.stage[1].isp_s;
  CHECK_INT_EQ(parse(&sw,
                     "source: \"test\"\nbase: epaa-phase3\nanalysis: run\nseed: 99\n"
                     "parameters:\n"
                     "  - {name: c2.decision_latency_s, values: [30, 75.5]}\n"
                     "  - {name: c2.sspk, values: [0.7, 0.35]}\n"
                     "  - {name: c2.reliability, values: [0.9, 0.6]}\n"
                     "  - {name: c2.salvo, values: [2, 3]}\n"
                     "  - {name: c2.doctrine, values: [shoot-look-shoot, salvo]}\n"
                     "  - {name: c2.kill_assessment_s, values: [30, 12]}\n"
                     "  - {name: interceptor_speed_scale, values: [1, 1.2]}\n"
                     "  - {name: site.deveselu.inventory, values: [24, 5]}\n"
                     "  - {name: site.redzikowo.enabled, values: [true, false]}\n"
                     "  - {name: raid_size, values: [8, 3, 19]}\n"
                     "  - {name: seed, values: [99, 18446744073709551615]}\n"
                     "metrics: [leaked, killed]\n",
                     &d),
               BMD_OK);
  CHECK_INT_EQ(sw.npoints, 1024 * 3);
  CHECK_INT_EQ(sw.nmetrics, 2);
  CHECK(strcmp(bmd_sweep_metric_name(sw.metric[0]), "leaked") == 0);
  /* point 0: every first value, the scenario as written */
  CHECK_INT_EQ(bmd_sweep_apply(&sw, 0, &p0, &d), BMD_OK);
  CHECK_NEAR(p0.sc.c2.decision_latency_s, 30.0, 0.0);
  CHECK_NEAR(p0.sc.c2.sspk, 0.7, 0.0);
  CHECK_INT_EQ(p0.sc.nsites, 3);
  CHECK_INT_EQ(p0.sc.nthreats, 8);
  CHECK(p0.sc.sites[0].interceptor == ib);   /* scale 1: the catalog's own missile */
  CHECK(p0.seed == 99);
  /* the last point: every last value */
  CHECK_INT_EQ(bmd_sweep_apply(&sw, sw.npoints - 1, &p1, &d), BMD_OK);
  CHECK_NEAR(p1.sc.c2.decision_latency_s, 75.5, 0.0);
  CHECK_NEAR(p1.sc.c2.sspk, 0.35, 0.0);
  CHECK_INT_EQ(p1.sc.c2.nsspk, 0);
  CHECK_NEAR(p1.sc.c2.reliability, 0.6, 0.0);
  CHECK_INT_EQ(p1.sc.c2.salvo, 3);
  CHECK_INT_EQ(p1.sc.c2.doctrine, BMD_DOCTRINE_SALVO);
  CHECK_NEAR(p1.sc.c2.kill_assessment_s, 12.0, 0.0);
  CHECK(strcmp(site_names(&p1.sc, names, sizeof names), "deveselu,med-ship") == 0);
  CHECK_INT_EQ(p1.sc.sites[0].inventory, 5);
  CHECK_INT_EQ(p1.sc.sites[0].launchers, 5);   /* followed the inventory (equal in the base) */
  CHECK_INT_EQ(p1.sc.sites[1].inventory, 8);
  /* Isp x 1.2 on every stage; deveselu and the ship fly the same (copied) SM-3 IB */
  CHECK_REL(p1.sc.sites[0].interceptor->vehicle.stage[0].isp_s, 1.2 * isp_ib, 1e-15);
  CHECK(p1.sc.sites[0].interceptor == p1.sc.sites[1].interceptor);
  CHECK(p1.sc.sites[0].interceptor != ib);
  CHECK_NEAR(ib->vehicle.stage[0].isp_s, isp_ib, 0.0);        /* catalog untouched */
  CHECK_NEAR(iia->vehicle.stage[1].isp_s, isp_iia2, 0.0);
  /* raid of 19 from 8: T1..T8, T1.2..T8.2, T1.3..T3.3 */
  CHECK_INT_EQ(p1.sc.nthreats, 19);
  CHECK(strcmp(p1.sc.threats[7].id, "T8") == 0);
  CHECK(strcmp(p1.sc.threats[8].id, "T1.2") == 0);
  CHECK(strcmp(p1.sc.threats[18].id, "T3.3") == 0);
  CHECK(p1.sc.threats[18].missile == sw.sc.threats[2].missile);
  CHECK_NEAR(p1.sc.threats[18].launch_s, sw.sc.threats[2].launch_s, 0.0);
  CHECK(p1.seed == 18446744073709551615ULL);
  /* base scenario untouched */
  CHECK_INT_EQ(sw.sc.nsites, 3);
  CHECK_INT_EQ(sw.sc.nthreats, 8);
  CHECK_NEAR(sw.sc.c2.sspk, 0.7, 0.0);
  CHECK_INT_EQ(sw.sc.sites[0].inventory, 24);
  bmd_sweep_scenario_release(&p0);
  bmd_sweep_scenario_release(&p1);
  /* raid_size 3 alone: point (0,..,0, raid 3, seed 99) = index 2 */
  CHECK_INT_EQ(bmd_sweep_apply(&sw, 2, &p0, &d), BMD_OK);
  CHECK_INT_EQ(p0.sc.nthreats, 3);
  CHECK(strcmp(p0.sc.threats[2].id, "T3") == 0);
  bmd_sweep_scenario_release(&p0);
  bmd_sweep_release(&sw);
}

static void test_errors(void) {
  static const char head[] = "source: \"x\"\nbase: epaa-phase3\nanalysis: run\n";
  char buf[1024];
  bad("source: \"x\"\nbase: epaa-phase3\nanalysis: rn\n", 3, 11, "'analysis' must be");
  bad("source: \"x\"\nbase: nowhere\nanalysis: run\n", 2, 7, "neither a scenario file nor");
  bad("base: epaa-phase3\nanalysis: run\nsource: \"x\"\nextra: 1\n", 4, 1, "extra");
  snprintf(buf, sizeof buf, "%sparameters:\n  - {name: c2.spk, values: [1]}\n", head);
  bad(buf, 5, 12, "unknown parameter 'c2.spk'");
  snprintf(buf, sizeof buf, "%sparameters:\n  - name: site.brdy.enabled\n    values: [true]\n", head);
  bad(buf, 5, 11, "no site of that name");
  snprintf(buf, sizeof buf, "%sparameters:\n  - name: c2.sspk\n    values: [0.5, 1.5]\n", head);
  bad(buf, 6, 19, "value '1.5' is out of range");
  snprintf(buf, sizeof buf, "%sparameters:\n  - name: c2.salvo\n    values: [2, 2.5]\n", head);
  bad(buf, 6, 17, "whole number");
  snprintf(buf, sizeof buf, "%sparameters:\n  - name: c2.doctrine\n    values: [salvo, sls]\n", head);
  bad(buf, 6, 21, "shoot-look-shoot or salvo");
  snprintf(buf, sizeof buf, "%sparameters:\n  - {name: c2.sspk, values: [0.5], from: 0.1}\n", head);
  bad(buf, 5, 29, "not both");
  snprintf(buf, sizeof buf, "%sparameters:\n  - {name: c2.sspk, from: 0.5, to: 0.1, step: 0.1}\n", head);
  bad(buf, 5, 36, "'to' must be >= 'from'");
  snprintf(buf, sizeof buf, "%sparameters:\n  - {name: c2.sspk, values: [0.5]}\n  - {name: c2.sspk, values: [0.6]}\n", head);
  bad(buf, 6, 12, "given twice");
  snprintf(buf, sizeof buf, "%smetrics: [killed, p_none_reached_target]\n", head);
  bad(buf, 4, 19, "unknown metric 'p_none_reached_target' for analysis run");
  /* the names retired with the outcome vocabulary (docs/outcomes.md) name their successor */
  snprintf(buf, sizeof buf, "%smetrics: [killed, not_engaged]\n", head);
  bad(buf, 4, 19, "metric 'not_engaged' is now 'unengaged' (a metric of analysis run");
  snprintf(buf, sizeof buf, "%smetrics: [killed, p_zero_leakers]\n", head);
  bad(buf, 4, 19, "metric 'p_zero_leakers' is now 'p_none_reached_target' (a metric of analysis mc");
  bad("source: \"x\"\nbase: epaa-phase3\nanalysis: mc\nmetrics: [leakers_mean]\n", 4, 11,
      "metric 'leakers_mean' is now 'reached_target_mean'");
  bad("source: \"x\"\nbase: epaa-phase3\nanalysis: footprint\n", 1, 1, "needs 'options'");
  bad("source: \"x\"\nbase: epaa-phase3\nanalysis: mc\noptions: {trials: 0}\n", 4, 19, "trials");
  bad("base: epaa-phase3\nanalysis: run\n", 1, 1, "source");
}

static void test_run_points(void) {
  struct bmd_sweep sw;
  struct bmd_diag d;
  double v[6];
  CHECK_INT_EQ(parse(&sw,
                     "source: \"test\"\nbase: epaa-phase3\nanalysis: run\nseed: 5\n"
                     "parameters:\n"
                     "  - {name: raid_size, values: [3, 8]}\n"
                     "metrics: [killed, leaked, unengaged, interceptors_spent, engaged, reached_target]\n",
                     &d),
               BMD_OK);
  for (long i = 0; i < sw.npoints; i++) {
    struct bmd_sweep_scenario ps;
    struct bmd_sim_result r;
    int spent = 0;
    memset(&r, 0, sizeof r);
    CHECK_INT_EQ(bmd_sweep_point_run(&sw, i, 1, v, &d), BMD_OK);
    CHECK_INT_EQ(v[0] + v[1] + v[2], i == 0 ? 3 : 8);
    /* independently: the engine on the applied scenario with the point's seed */
    CHECK_INT_EQ(bmd_sweep_apply(&sw, i, &ps, &d), BMD_OK);
    CHECK_INT_EQ(bmd_sim_run(&ps.sc, (unsigned long)(ps.seed & 0xffffffffu), &r, &d, NULL, NULL), BMD_OK);
    for (int s = 0; s < r.nsites; s++) spent += r.spent[s];
    CHECK_INT_EQ(v[0], r.count.n[BMD_OUTCOME_KILLED]);
    CHECK_INT_EQ(v[1], r.count.n[BMD_OUTCOME_LEAKED]);
    CHECK_INT_EQ(v[2], r.count.n[BMD_OUTCOME_UNENGAGED]);
    CHECK_INT_EQ(v[3], spent);
    CHECK_INT_EQ(v[4], r.engaged);
    CHECK_INT_EQ(v[5], v[1] + v[2]);
    CHECK(v[3] > 0);
    printf("raid %d: killed %g leaked %g unengaged %g reached_target %g spent %g\n", ps.sc.nthreats, v[0], v[1], v[2],
           v[5], v[3]);
    bmd_sim_result_release(&r);
    bmd_sweep_scenario_release(&ps);
  }
  bmd_sweep_release(&sw);
}

/* glide.lift_to_drag and glide.beta_kgm2: every glider threat gets the value, through one
   copy per type (both threats share it, the catalog's entry is untouched), and the copy
   flies it: a higher L/D glides farther (15,497 and 18,355 km at L/D 2 and 3 at the
   reference conditions, where the geodesic range nears the antipode's 20,000 km). A base
   scenario without a glider refuses them. */
static void test_glide_params(void) {
  struct bmd_sweep sw;
  struct bmd_diag d;
  char text[512];
  const char *dir = getenv("BMD_TEST_DATA");
  double range[2];
  if (!dir) {
    CHECK(0);
    return;
  }
  snprintf(text, sizeof text,
           "source: \"test\"\nbase: %s/glide-test.yaml\nanalysis: run\nparameters:\n"
           "  - {name: glide.lift_to_drag, values: [2.0, 3.0]}\n  - {name: glide.beta_kgm2, values: [20000]}\n", dir);
  CHECK_INT_EQ(parse(&sw, text, &d), BMD_OK);
  CHECK_INT_EQ(sw.npoints, 2);
  for (long k = 0; k < 2 && sw.npoints == 2; k++) {
    struct bmd_sweep_scenario ss;
    struct bmd_refperf p;
    CHECK_INT_EQ(bmd_sweep_apply(&sw, k, &ss, &d), BMD_OK);
    CHECK_INT_EQ(ss.sc.nthreats, 2);
    CHECK(ss.sc.threats[0].missile == ss.sc.threats[1].missile);
    CHECK(ss.sc.threats[0].missile != bmd_catalog_missile(&cat, "avangard"));
    CHECK_NEAR(ss.sc.threats[0].missile->vehicle.glide.lift_to_drag, k ? 3.0 : 2.0, 0.0);
    CHECK_NEAR(ss.sc.threats[0].missile->vehicle.rv_beta_kgm2, 20000.0, 0.0);
    CHECK_INT_EQ(bmd_refperf_compute(&ss.sc.threats[0].missile->vehicle, 0, &p), BMD_OK);
    range[k] = p.value;
    bmd_sweep_scenario_release(&ss);
  }
  printf("glide range at L/D 2 and 3: %.0f and %.0f km\n", range[0], range[1]);
  CHECK(range[1] > 1.1 * range[0]);
  CHECK_NEAR(bmd_catalog_missile(&cat, "avangard")->vehicle.glide.lift_to_drag, 2.6, 0.0);
  bmd_sweep_release(&sw);
  bad("source: \"x\"\nbase: epaa-phase3\nanalysis: run\nparameters:\n  - {name: glide.beta_kgm2, values: [9000]}\n", 5,
      12, "no threat of scenario 'epaa-phase3' is a glider");
}

int main(void) {
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  test_order();
  test_apply();
  test_errors();
  test_run_points();
  test_glide_params();
  bmd_catalog_release(&cat);
  return check_report("test_sweep");
}
