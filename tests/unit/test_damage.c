/*
 * test_damage.c - battle damage (damage.h, sim_damage.c):
 *  - the blast curves: pressure falls with range; the lethal radius is the root of
 *    p(R) = hardness; cube-root scaling (8 times the charge, twice the radius); the nuclear
 *    curve tends to Brode's acoustic 2/r psi far out;
 *  - the kill probability: the Rice integral at a vanishing offset equals the closed form
 *    1 - 0.5^((LR/CEP)^2), and at any offset a Monte Carlo of circular-normal impacts (GSL's
 *    Gaussian deviates, independent of the engine) within its binomial error; it falls as
 *    the element moves off the aim point;
 *  - the engine: over 1,000 seeds a single Iskander aimed at a site destroys it in the
 *    fraction the cookie-cutter formula gives (4 binomial standard deviations); an impact
 *    beyond reach destroys nothing; a lost site fires nothing from its loss on and a lost
 *    radar looks no more (invariants over the event logs of many seeds, with at least one
 *    salvo cancelled and one radar lost so that the invariants are exercised); the same
 *    seed gives the same losses; a scenario whose impacts reach no element keeps its event
 *    log (the streams of the other draws are untouched).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <bmd/catalog.h>
#include <bmd/damage.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "../../src/engine/sim_impl.h"
#include "check.h"

static void test_blast(void) {
  struct bmd_warhead he = {BMD_WARHEAD_HE, 240.0, 0.0, 30.0}, he8 = he, nu = {BMD_WARHEAD_NUCLEAR, 0.0, 100.0, 200.0};
  struct bmd_warhead none = {BMD_WARHEAD_NONE, 0.0, 0.0, 0.0};
  double prev = HUGE_VAL;
  he8.tnt_kg = 8.0 * he.tnt_kg;
  for (double r = 1.0; r < 1e5; r *= 1.1) {
    double p = bmd_damage_overpressure_kpa(&he, r);
    CHECK(p > 0.0 && p < prev);
    prev = p;
  }
  prev = HUGE_VAL;
  for (double r = 10.0; r < 1e6; r *= 1.1) {
    double p = bmd_damage_overpressure_kpa(&nu, r);
    CHECK(p > 0.0 && p < prev);
    prev = p;
  }
  for (double h = 5.0; h <= 1000.0; h *= 1.7) {
    double lr = bmd_damage_lethal_radius_m(&he, h), lrn = bmd_damage_lethal_radius_m(&nu, h);
    CHECK_REL(bmd_damage_overpressure_kpa(&he, lr), h, 1e-9);
    CHECK_REL(bmd_damage_overpressure_kpa(&nu, lrn), h, 1e-9);
    /* Hopkinson-Cranz: 8 times the charge, twice the range for the same overpressure */
    CHECK_REL(bmd_damage_lethal_radius_m(&he8, h), 2.0 * lr, 1e-9);
  }
  /* Brode far out: 2/r psi, r in kft/kt^(1/3) (the other terms fall faster) */
  {
    double R = 9.0e5, r = R / 304.8 / cbrt(1.8 * nu.yield_kt), r2 = r / 3.0;
    CHECK_REL(bmd_damage_overpressure_kpa(&nu, R), (2.0 / r + 3.0 / pow(r, 1.5) + 1.6 / (r * r * r)) * 6.894757293168, 1e-6);
    CHECK(bmd_damage_overpressure_kpa(&nu, R) / (2.0 / r * 6.894757293168) < 1.07);
    CHECK(bmd_damage_overpressure_kpa(&nu, R) / (2.0 / r * 6.894757293168) <
          bmd_damage_overpressure_kpa(&nu, R / 3.0) / (2.0 / r2 * 6.894757293168));
  }
  CHECK(bmd_damage_lethal_radius_m(&none, 10.0) == 0.0);
  CHECK(bmd_damage_overpressure_kpa(&none, 10.0) == 0.0);
  /* an overpressure beyond the blast at the inner range: the inner range */
  CHECK(bmd_damage_lethal_radius_m(&he, 1e7) == BMD_DAMAGE_MIN_RANGE_M);
}

static void test_probability(void) {
  gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
  const int n = 200000;
  gsl_rng_set(g, 42);
  for (double ratio = 0.25; ratio <= 3.0; ratio *= 1.5) {
    double cep = 30.0, lr = ratio * cep;
    CHECK_REL(bmd_damage_probability(lr, cep, 1e-9), 1.0 - pow(0.5, ratio * ratio), 1e-6);
  }
  for (double off = 0.0; off <= 120.0; off += 20.0) {
    double cep = 30.0, lr = 25.0, s = bmd_damage_sigma_m(cep), p = bmd_damage_probability(lr, cep, off), sd;
    int in = 0;
    for (int k = 0; k < n; k++) {
      double x = gsl_ran_gaussian(g, s) - off, y = gsl_ran_gaussian(g, s);
      in += hypot(x, y) <= lr;
    }
    sd = sqrt(p * (1.0 - p) / n) + 1e-12;
    CHECK(fabs((double)in / n - p) < 4.0 * sd + 1.0 / n);
    CHECK(off == 0.0 || p < bmd_damage_probability(lr, cep, off - 20.0));
  }
  /* the CEP is the median miss: an element at the aim point within LR = CEP is hit half the time */
  CHECK_REL(bmd_damage_probability(30.0, 30.0, 0.0), 0.5, 1e-12);
  CHECK(bmd_damage_probability(10.0, 0.0, 5.0) == 1.0 && bmd_damage_probability(10.0, 0.0, 15.0) == 0.0);
  {
    char why[160];
    struct bmd_hardness ok = {20.0, 70.0}, bad1 = {0.0, 70.0}, bad2 = {70.0, 20.0}, bad3 = {(double)NAN, 1.0};
    CHECK(bmd_damage_check_hardness(&ok, why, (int)sizeof why) == 0);
    CHECK(bmd_damage_check_hardness(&bad1, why, (int)sizeof why) != 0 && strstr(why, "disable_kpa"));
    CHECK(bmd_damage_check_hardness(&bad2, why, (int)sizeof why) != 0 && strstr(why, "destroy_kpa"));
    CHECK(bmd_damage_check_hardness(&bad3, why, (int)sizeof why) != 0);
  }
  gsl_rng_free(g);
}

/* one Iskander from Chernyakhovsk at TO; a GBI site and a SPY-1 at Redzikowo */
static int make(char *buf, size_t n, const char *to) {
  return snprintf(buf, n,
                  "scenario: \"strike\"\ntitle: \"t\"\nsource: \"test\"\nseed: 7\n"
                  "sensors:\n  radars:\n    - name: \"r\"\n      type: \"spy-1\"\n      site: \"redzikowo\"\n"
                  "      boresight_az_deg: 0\n      source: \"test\"\n"
                  "sites:\n  - name: \"gbi\"\n    site: \"redzikowo\"\n    interceptor: \"gbi-2stage-mda\"\n"
                  "    inventory: 10\n    source: \"test\"\n"
                  "c2:\n  decision_latency_s: 15\n  doctrine: \"salvo\"\n  salvo: 2\n  kill_assessment_s: 15\n"
                  "  sspk: 0.7\n  reliability: 0.9\n  firm_track_updates: 3\n  source: \"test\"\n"
                  "threats:\n  - {id: \"K1\", missile: \"iskander-m\", from: \"chernyakhovsk\", to: \"%s\"}\n",
                  to);
}

static void test_engine_probability(const struct bmd_catalog *cat) {
  static char buf[4096];
  struct bmd_scenario sc;
  struct bmd_sim_prep *p = NULL;
  struct bmd_sim_work *w = NULL;
  struct bmd_diag d;
  const struct bmd_sim_result *r;
  const int N = 1000;
  int len = make(buf, sizeof buf, "redzikowo"), site_d = 0, site_any = 0, radar_any = 0;
  if (bmd_scenario_parse(&sc, buf, (size_t)len, "strike.yaml", cat, &d) != BMD_OK) {
    fprintf(stderr, "%s:%d:%d: %s\n", d.file, d.line, d.col, d.msg);
    CHECK(0);
    return;
  }
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &p, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_sim_work_alloc(p, &w), BMD_OK);
  CHECK_INT_EQ(p->dmg_first[1], 2); /* the site and the radar are within reach */
  for (int s = 0; s < N; s++) {
    CHECK_INT_EQ(bmd_sim_work_run(w, (unsigned long)s, NULL, 0, &r), BMD_OK);
    site_d += r->loss[0].level == BMD_DAMAGE_DESTROYED;
    site_any += r->loss[0].level != BMD_DAMAGE_NONE;
    radar_any += r->loss[1].level != BMD_DAMAGE_NONE;
    /* disabled or destroyed: the impact within the radius of that level */
    if (r->loss[0].level == BMD_DAMAGE_DESTROYED) CHECK(r->loss[0].miss_m <= p->dmg[0].lr_destroy_m);
    if (r->loss[0].level == BMD_DAMAGE_DISABLED)
      CHECK(r->loss[0].miss_m > p->dmg[0].lr_destroy_m && r->loss[0].miss_m <= p->dmg[0].lr_disable_m);
  }
  {
    const struct bmd_sim_dmg_target *t = &p->dmg[0];
    double off = hypot(t->off_n_m, t->off_e_m), cep = sc.threats[0].missile->warhead.cep_m;
    double pd = 1.0 - pow(0.5, pow(t->lr_destroy_m / cep, 2.0)), pa = 1.0 - pow(0.5, pow(t->lr_disable_m / cep, 2.0));
    double pr = 1.0 - pow(0.5, pow(p->dmg[1].lr_disable_m / cep, 2.0));
    printf("aim offset %.2f m; LR destroy %.1f m, disable %.1f m: destroyed %d/%d (formula %.3f), out %d/%d (%.3f), "
           "radar out %d/%d (%.3f)\n", off, t->lr_destroy_m, t->lr_disable_m, site_d, N, pd, site_any, N, pa, radar_any, N, pr);
    CHECK(off < 1.0); /* the aimed flight ends on the site: the closed form applies */
    CHECK(fabs((double)site_d / N - pd) < 4.0 * sqrt(pd * (1.0 - pd) / N));
    CHECK(fabs((double)site_any / N - pa) < 4.0 * sqrt(pa * (1.0 - pa) / N));
    CHECK(fabs((double)radar_any / N - pr) < 4.0 * sqrt(pr * (1.0 - pr) / N));
  }
  bmd_sim_work_free(w);
  bmd_sim_prep_free(p);
  bmd_scenario_release(&sc);

  /* 3 km off the site: beyond every lethal radius and 12 sigma of the CEP */
  len = make(buf, sizeof buf, "54.499,17.12");
  CHECK_INT_EQ(bmd_scenario_parse(&sc, buf, (size_t)len, "strike.yaml", cat, &d), BMD_OK);
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &p, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_sim_work_alloc(p, &w), BMD_OK);
  CHECK_INT_EQ(p->dmg_first[1], 0);
  for (int s = 0; s < 200; s++) {
    CHECK_INT_EQ(bmd_sim_work_run(w, (unsigned long)s, NULL, BMD_SIM_EVENTS, &r), BMD_OK);
    CHECK(r->loss[0].level == BMD_DAMAGE_NONE && r->loss[1].level == BMD_DAMAGE_NONE);
    for (long k = 0; k < r->nevents; k++)
      CHECK(r->events[k].kind != BMD_SIM_ELEMENT_DESTROYED && r->events[k].kind != BMD_SIM_ELEMENT_DISABLED);
  }
  bmd_sim_work_free(w);
  bmd_sim_prep_free(p);
  bmd_scenario_release(&sc);
}

/* over the event logs of many seeds of a built-in strike: nothing fired from a site, and
   nothing seen by a radar, at or after its loss */
static void test_invariants(const struct bmd_catalog *cat, const char *name, int *lost_sites, int *lost_radars,
                            int *cancelled) {
  struct bmd_scenario sc;
  struct bmd_sim_prep *p = NULL;
  struct bmd_sim_work *w = NULL;
  struct bmd_diag d;
  const struct bmd_sim_result *r;
  CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, name, cat, &d), BMD_OK);
  CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &p, &d, NULL, NULL), BMD_OK);
  CHECK_INT_EQ(bmd_sim_work_alloc(p, &w), BMD_OK);
  for (int s = 0; s < 30; s++) {
    CHECK_INT_EQ(bmd_sim_work_run(w, (unsigned long)s, NULL, BMD_SIM_FULL, &r), BMD_OK);
    for (int e = 0; e < sc.nsites + sc.nradars; e++) {
      const struct bmd_sim_loss *L = &r->loss[e];
      if (L->level == BMD_DAMAGE_NONE) continue;
      if (e < sc.nsites) (*lost_sites)++;
      else (*lost_radars)++;
      for (long k = 0; k < r->nevents; k++) {
        const struct bmd_sim_event *ev = &r->events[k];
        if (e < sc.nsites && ev->site == e && ev->t_s >= L->t_s)
          { CHECK(ev->kind != BMD_SIM_INTERCEPTOR_LAUNCH && ev->kind != BMD_SIM_ENGAGE); if (ev->kind == BMD_SIM_INTERCEPTOR_LAUNCH || ev->kind == BMD_SIM_ENGAGE) fprintf(stderr, "  %s seed %d: %s %.1f %s (lost %.1f)\n", name, s, bmd_sim_event_name(ev->kind), ev->t_s, ev->note, L->t_s); }
        if (e >= sc.nsites && ev->radar == e - sc.nsites && ev->t_s >= L->t_s)
          CHECK(ev->kind != BMD_SIM_DETECT && ev->kind != BMD_SIM_TRACK && ev->kind != BMD_SIM_FIRM_TRACK);
      }
      if (e < sc.nsites) {
        /* every shot of a lost site was launched before its loss; what it had is spent or
           unused; an engagement planned whose salvo is not among the shots was cancelled */
        int neng = 0, nsalvo = 0;
        for (long k = 0; k < r->nevents; k++) neng += r->events[k].kind == BMD_SIM_ENGAGE && r->events[k].site == e;
        for (int i = 0; i < r->nthreats; i++)
          for (int q = 0; q < r->threats[i].nshots; q++) {
            const struct bmd_sim_shot *sh = &r->threats[i].shots[q];
            if (sh->site != e) continue;
            CHECK(sh->launch_t_s < L->t_s);
            nsalvo += q == 0 || r->threats[i].shots[q - 1].site != e || r->threats[i].shots[q - 1].launch_t_s != sh->launch_t_s;
          }
        CHECK_INT_EQ(r->spent[e] + L->unused, sc.sites[e].inventory);
        CHECK(neng >= nsalvo);
        *cancelled += neng - nsalvo;
      }
    }
  }
  /* the same seed, the same losses, event for event */
  {
    struct bmd_sim_result a, b;
    CHECK_INT_EQ(bmd_sim_run(&sc, 3, &a, &d, NULL, NULL), BMD_OK);
    CHECK_INT_EQ(bmd_sim_run(&sc, 3, &b, &d, NULL, NULL), BMD_OK);
    CHECK(a.nevents == b.nevents && memcmp(a.events, b.events, (size_t)a.nevents * sizeof *a.events) == 0);
    CHECK(memcmp(a.loss, b.loss, (size_t)(sc.nsites + sc.nradars) * sizeof *a.loss) == 0);
    bmd_sim_result_release(&a);
    bmd_sim_result_release(&b);
  }
  bmd_sim_work_free(w);
  bmd_sim_prep_free(p);
  bmd_scenario_release(&sc);
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  int lost_sites = 0, lost_radars = 0, cancelled = 0;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  test_blast();
  test_probability();
  test_engine_probability(&cat);
  test_invariants(&cat, "strike-redzikowo", &lost_sites, &lost_radars, &cancelled);
  test_invariants(&cat, "iskander-kaliningrad", &lost_sites, &lost_radars, &cancelled);
  printf("invariants: %d sites and %d radars lost, %d planned salvos cancelled\n", lost_sites, lost_radars, cancelled);
  CHECK(lost_sites > 0 && lost_radars > 0 && cancelled > 0);
  /* no impact of epaa-phase3 reaches an element: no damage target, the events of old */
  {
    struct bmd_scenario sc;
    struct bmd_sim_prep *p = NULL;
    CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, "epaa-phase3", &cat, &d), BMD_OK);
    CHECK_INT_EQ(bmd_sim_prep_alloc(&sc, &p, &d, NULL, NULL), BMD_OK);
    CHECK_INT_EQ(p->dmg_first[sc.nthreats], 0);
    bmd_sim_prep_free(p);
    bmd_scenario_release(&sc);
  }
  bmd_catalog_release(&cat);
  return check_report("test_damage");
}
