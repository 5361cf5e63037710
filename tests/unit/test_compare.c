/* test_compare.c - architectures and attacks (arch.h) and the comparison (compare.h):
   (a) a scenario that names an architecture and an attack, or one composed of them, is the
       built-in scenario that inlines the same sections: the same sites, threats and seed,
       and a run gives the same outcome, shots and times for every threat;
   (b) compare with the same architecture twice gives identical columns (run, coverage, mc);
   (c) removing a site never increases reach: over every built-in architecture, each site
       removed in turn, no corridor that was out of reach becomes reachable (kinematic,
       engageable, or by the cue it needs); for epaa-phase3 (three sites) the defended and
       kinematic areas of a small footprint never grow either;
   (d) bad references: an unknown architecture or attack, and a section given both inline
       and by name, are refused with a located message. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/arch.h>
#include <bmd/compare.h>
#include <bmd/outcome.h>
#include <bmd/status.h>

#include "check.h"

static struct bmd_catalog cat;

static void same_run(const struct bmd_scenario *a, const struct bmd_scenario *b) {
  struct bmd_sim_result ra, rb;
  struct bmd_diag d;
  memset(&ra, 0, sizeof ra);
  memset(&rb, 0, sizeof rb);
  CHECK_INT_EQ(a->nsites, b->nsites);
  CHECK_INT_EQ(a->nradars, b->nradars);
  CHECK_INT_EQ(a->nthreats, b->nthreats);
  CHECK(a->seed == b->seed);
  CHECK_INT_EQ(bmd_sim_run(a, (unsigned long)a->seed, &ra, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_sim_run(b, (unsigned long)b->seed, &rb, &d, NULL, NULL), BMD_OK);
  for (int i = 0; i < ra.nthreats && i < rb.nthreats; i++) {
    CHECK_INT_EQ(ra.threats[i].outcome, rb.threats[i].outcome);
    CHECK_INT_EQ(ra.threats[i].nshots, rb.threats[i].nshots);
    CHECK(ra.threats[i].impact_t_s == rb.threats[i].impact_t_s);
    CHECK(ra.threats[i].firm_track_t_s == rb.threats[i].firm_track_t_s ||
          (isnan(ra.threats[i].firm_track_t_s) && isnan(rb.threats[i].firm_track_t_s)));
  }
  CHECK_INT_EQ(ra.count.reached_target, rb.count.reached_target);
  bmd_sim_result_release(&ra);
  bmd_sim_result_release(&rb);
}

static void test_equivalent(void) {
  static const char *const trio[][3] = {{"third-site-2008", "iran-raid", "third-site-2008"},
                                        {"russian-alternative", "iran-raid", "russian-alternative"}};
  struct bmd_diag d;
  for (size_t k = 0; k < sizeof trio / sizeof trio[0]; k++) {
    struct bmd_scenario in, comp, named;
    char text[256];
    CHECK_INT_EQ(bmd_scenario_load_builtin(&in, trio[k][2], &cat, &d), BMD_OK);
    CHECK_INT_EQ(bmd_scenario_compose(&comp, trio[k][0], trio[k][1], &cat, &d), BMD_OK);
    snprintf(text, sizeof text, "scenario: \"x\"\ntitle: \"t\"\narchitecture: \"%s\"\nattack: \"%s\"\n", trio[k][0],
             trio[k][1]);
    CHECK_INT_EQ(bmd_scenario_parse(&named, text, strlen(text), "named.yaml", &cat, &d), BMD_OK);
    CHECK(strcmp(comp.architecture, trio[k][0]) == 0 && strcmp(named.attack, trio[k][1]) == 0);
    /* the composed scenario holds the same sections; one run checks the whole path */
    CHECK_INT_EQ(comp.nsites, in.nsites);
    for (int s = 0; s < comp.nsites && s < in.nsites; s++)
      CHECK(strcmp(comp.sites[s].name, in.sites[s].name) == 0 && comp.sites[s].inventory == in.sites[s].inventory &&
            comp.sites[s].lat_deg == in.sites[s].lat_deg && comp.sites[s].interceptor == in.sites[s].interceptor);
    CHECK_INT_EQ(comp.nthreats, in.nthreats);
    for (int i = 0; i < comp.nthreats && i < in.nthreats; i++)
      CHECK(bmd_scenario_same_shot(&comp.threats[i], &in.threats[i]) && comp.threats[i].launch_s == in.threats[i].launch_s);
    CHECK(memcmp(&comp.c2, &in.c2, offsetof(struct bmd_scen_c2, nsspk)) == 0);
    CHECK(comp.seed == in.seed && comp.ew == in.ew && comp.nradars == in.nradars);
    if (k == 0) same_run(&in, &named);
    bmd_scenario_release(&in);
    bmd_scenario_release(&comp);
    bmd_scenario_release(&named);
  }
  /* the inline built-in keeps its name; a seed in the scenario overrides the attack's */
  {
    struct bmd_scenario s;
    const char *t = "scenario: \"x\"\ntitle: \"t\"\nseed: 7\narchitecture: \"epaa-phase1\"\nattack: \"iran-raid\"\n";
    CHECK_INT_EQ(bmd_scenario_parse(&s, t, strlen(t), "s.yaml", &cat, &d), BMD_OK);
    CHECK(s.seed == 7);
    bmd_scenario_release(&s);
  }
}

static void test_same_twice(void) {
  const char *const arch[2] = {"epaa-phase3", "epaa-phase3"};
  struct bmd_compare_opts o;
  struct bmd_compare c;
  struct bmd_diag d;
  bmd_compare_opts_default(&o);
  o.what = BMD_COMPARE_RUN | BMD_COMPARE_COVERAGE | BMD_COMPARE_MC;
  o.trials = 20;
  o.threads = 2;
  CHECK_INT_EQ(bmd_compare_run(&c, &cat, 2, arch, "iran-raid", &o, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(c.ncols, 2);
  if (c.ncols != 2) return;
  CHECK(c.seed == 2008);   /* the attack's */
  for (int t = 0; t < c.col[0].run.nthreats; t++) {
    CHECK_INT_EQ(c.col[0].run.threats[t].outcome, c.col[1].run.threats[t].outcome);
    CHECK_INT_EQ(c.col[0].run.threats[t].nshots, c.col[1].run.threats[t].nshots);
    CHECK(c.col[0].mc.p_kill[t].x == c.col[1].mc.p_kill[t].x);
  }
  CHECK_INT_EQ(c.col[0].cov.ncorridors, c.col[1].cov.ncorridors);
  for (int k = 0; k < c.col[0].cov.ncorridors; k++)
    CHECK(memcmp(&c.col[0].reach[k], &c.col[1].reach[k], sizeof c.col[0].reach[k]) == 0);
  CHECK(c.col[0].mc.p_none_reached_target.x == c.col[1].mc.p_none_reached_target.x);
  CHECK(c.col[0].run.count.n[BMD_OUTCOME_KILLED] > 0); /* columns that engage, not two empty ones */
  bmd_compare_release(&c);
}

/* one corridor's reach, and a small footprint's defended and kinematic areas */
struct measure {
  int kin, eng, cue;
  double def_km2, kin_km2;
};

static struct measure measure(const struct bmd_scenario *sc, const struct bmd_footprint_opts *fo, int footprint) {
  struct measure m = {0, 0, -1, 0.0, 0.0};
  struct bmd_coverage cov;
  struct bmd_coverage_opts co = {1.0, 0, 2};
  struct bmd_footprint fp;
  struct bmd_footprint_summary fs;
  struct bmd_diag d;
  memset(&cov, 0, sizeof cov);
  memset(&fp, 0, sizeof fp);
  memset(&fs, 0, sizeof fs);
  CHECK_INT_EQ(bmd_coverage_compute(sc, &co, &cov, &d, NULL, NULL), BMD_OK);
  for (int s = 0; s < sc->nsites; s++) {
    const struct bmd_coverage_row *r = &cov.row[s];
    m.kin |= r->kinematic_feasible != 0;
    m.eng |= r->feasible != 0;
    for (int q = BMD_CUE_N - 1; q > m.cue; q--)
      if (r->feasible_by_cue[q] == 1) m.cue = q;
  }
  bmd_coverage_release(&cov);
  if (footprint && sc->nsites > 0) {
    CHECK_INT_EQ(bmd_footprint_compute(sc, fo, &fp, NULL, NULL), BMD_OK);
    CHECK_INT_EQ(bmd_footprint_summarize(&fp, sc->nsites, &fs), BMD_OK);
    m.def_km2 = fs.combined.defended.area_km2;
    m.kin_km2 = fs.combined.kinematic.area_km2;
  }
  bmd_footprint_summary_release(&fs);
  bmd_footprint_release(&fp);
  return m;
}

static void test_remove_site(void) {
  /* one corridor (an IRBM from Semnan at Berlin) and a 2-degree footprint of the same
     missile over central Europe: small enough to redo for every site of every architecture */
  static const char *const attack = "attack: \"one\"\ntitle: \"one\"\nthreats:\n"
                                    "  - {id: \"T1\", missile: \"iran-irbm\", from: \"semnan\", to: \"berlin\"}\n";
  char path[] = "/tmp/bmd-test-compare-XXXXXX";
  int fd = mkstemp(path), variants = 0, reachable = 0;
  FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
  CHECK(fp != NULL);
  if (!fp) return;
  fputs(attack, fp);
  fclose(fp);
  for (const char *const *a = bmd_part_builtin_names(BMD_PART_ARCHITECTURE); *a; a++) {
    struct bmd_scenario sc;
    struct bmd_diag d;
    struct bmd_footprint_opts fo;
    struct measure full;
    CHECK_INT_EQ(bmd_scenario_compose(&sc, *a, path, &cat, &d), BMD_OK);
    memset(&fo, 0, sizeof fo);
    fo.missile = sc.threats[0].missile;
    fo.rcs_dbsm = sc.threats[0].rcs_dbsm;
    fo.nlaunch = 1;
    snprintf(fo.launch[0].name, sizeof fo.launch[0].name, "semnan");
    fo.launch[0].lat_deg = sc.threats[0].from_lat_deg;
    fo.launch[0].lon_deg = sc.threats[0].from_lon_deg;
    fo.lat_min_deg = 44.0, fo.lat_max_deg = 56.0, fo.lon_min_deg = 4.0, fo.lon_max_deg = 28.0;
    fo.grid_deg = 4.0;
    fo.dt_s = 2.0;
    fo.threads = 2;
    /* the footprint (the slow part) for the architecture with the most sites */
    int fpr = strcmp(*a, "epaa-phase3") == 0;
    full = measure(&sc, &fo, fpr);
    reachable += full.kin;
    for (int s = 0; s < sc.nsites; s++) {
      struct bmd_scenario cut = sc;
      struct bmd_scen_site *sites = malloc((size_t)sc.nsites * sizeof *sites);
      struct measure m;
      CHECK(sites != NULL);
      if (!sites) break;
      memcpy(sites, sc.sites, (size_t)s * sizeof *sites);
      memcpy(sites + s, sc.sites + s + 1, (size_t)(sc.nsites - s - 1) * sizeof *sites);
      cut.sites = sites;
      cut.nsites = sc.nsites - 1;
      m = measure(&cut, &fo, fpr);
      CHECK(m.kin <= full.kin);
      CHECK(m.eng <= full.eng);
      CHECK(m.cue <= full.cue);
      CHECK(m.def_km2 <= full.def_km2);
      CHECK(m.kin_km2 <= full.kin_km2);
      variants++;
      free(sites);
    }
    bmd_scenario_release(&sc);
  }
  remove(path);
  CHECK(variants >= 16);   /* every site of the seven built-in architectures */
  CHECK(reachable >= 3);   /* the test can fail: the corridor is within reach of several */
}

static void test_bad(void) {
  struct bmd_scenario s;
  struct bmd_diag d;
  const char *t1 = "scenario: \"x\"\ntitle: \"t\"\narchitecture: \"epaa-phase5\"\nattack: \"iran-raid\"\n";
  const char *t2 = "scenario: \"x\"\ntitle: \"t\"\narchitecture: \"epaa-phase3\"\nsites: []\nattack: \"iran-raid\"\n";
  CHECK_INT_EQ(bmd_scenario_parse(&s, t1, strlen(t1), "b.yaml", &cat, &d), BMD_EPARSE);
  CHECK_INT_EQ(d.line, 3);
  CHECK(strstr(d.msg, "no built-in architecture 'epaa-phase5'") != NULL && strstr(d.msg, "did you mean 'epaa-phase") != NULL);
  CHECK_INT_EQ(bmd_scenario_parse(&s, t2, strlen(t2), "b.yaml", &cat, &d), BMD_EPARSE);
  CHECK_INT_EQ(d.line, 4);
  CHECK(strstr(d.msg, "give either 'architecture' or the sections inline") != NULL);
  CHECK_INT_EQ(bmd_part_load(&s, BMD_PART_ATTACK, "no-such-attack", &cat, &d), BMD_ENOTFOUND);
  /* every built-in loads alone */
  for (int k = 0; k < BMD_PART_N; k++)
    for (const char *const *b = bmd_part_builtin_names((enum bmd_part)k); *b; b++) {
      CHECK_INT_EQ(bmd_part_load(&s, (enum bmd_part)k, *b, &cat, &d), BMD_OK);
      CHECK(strcmp(s.name, *b) == 0);
      bmd_scenario_release(&s);
    }
}

int main(int argc, char **argv) {
  struct bmd_diag d;
  const char *only = argc > 1 ? argv[1] : ""; /* one part by name, for timing */
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  if (!*only || !strcmp(only, "bad")) test_bad();
  if (!*only || !strcmp(only, "equivalent")) test_equivalent();
  if (!*only || !strcmp(only, "twice")) test_same_twice();
  if (!*only || !strcmp(only, "remove")) test_remove_site();
  bmd_catalog_release(&cat);
  return check_report("test_compare");
}
