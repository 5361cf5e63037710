/*
 * test_catalog.c - the shipped catalog (the YAML files of data/, built in): every required entry is
 * there; every number cites the bibliography with an evidence class, and every citation
 * resolves; published and derived values name sources and every other class says in a
 * note what it rests on; no text speaks of how the data were compiled instead of what the
 * evidence is; every bibliography entry is cited by the catalog or a built-in scenario; and
 * each missile's simulated maximum range (each interceptor's burnout speed) at the
 * reference conditions (refperf.h) lies within BMD_REFPERF_TOL of its stated band, so that
 * the stated and the simulated figure the catalog shows side by side agree (a threat
 * fitted to a published lofted flight test instead reproduces the test: test_flighttest).
 */
#include <string.h>

#include <bmd/arch.h>
#include <bmd/catalog.h>
#include <bmd/refperf.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include "check.h"

static const char *const missiles[] = {"shahab-3", "ghadr-1", "sejjil-2", "emad", "khorramshahr",
                                       "iran-irbm", "iran-icbm", "ss-18", "ss-19", "ss-25",
                                       "ss-27", "rs-24", "iskander-m", "hwasong-12", "hwasong-14", "hwasong-15",
                                       "hwasong-17", "hwasong-18",
                                       NULL};
static const char *const interceptors[] = {"gbi-3stage", "gbi-2stage-mda", "gbi-2stage-fast",
                                           "sm-3-ia", "sm-3-ib", "sm-3-iia", "sm-3-iib",
                                           "thaad", "arrow-3", NULL};
static const char *const sites[] = {
    "redzikowo", "brdy", "deveselu", "kurecik", "fylingdales", "thule", "rota", "chernyakhovsk",
    "semnan", "tabriz", "kermanshah", "khorramabad", "shahroud", "kozelsk", "tatishchevo",
    "teykovo", "yoshkar-ola", "vypolzovo", "novosibirsk", "dombarovsky", "uzhur", "barnaul",
    "irkutsk", "nizhny-tagil", "washington", "new-york", "boston", "chicago", "london", "paris",
    "berlin", "rome", "madrid", "warsaw", "prague", "bucharest", "athens", "ankara", "moscow",
    "fort-greely", "vandenberg", "shemya", "clear", "beale", "shariki", "kyogamisaki",
    "sbx-north-pacific", "sunan", "panghyon", "sohae", "anchorage", "honolulu", "seattle",
    "san-francisco", "los-angeles", "andersen-afb", NULL};

/* words that describe how the data were compiled, not what the evidence is; and the tags of
   the old free-text form */
static const char *const forbidden[] = {"the brief", "brief's", "session", "re-checked", "not checked",
                                        "open-sources", "/work/", "[V]", "[R]", "[H]", "[E]", "[C]",
                                        "UNVERIFIED", "ASSUMPTION", NULL};

static void clean(const char *what, const char *text) {
  for (const char *const *f = forbidden; *f; f++)
    if (strstr(text, *f)) {
      fprintf(stderr, "  %s contains '%s': %.120s\n", what, *f, text);
      CHECK(0);
    }
}

/* every record's evidence: numbers cited, citations well formed, texts clean */
static void check_evidence(const struct bmd_evidence *ev, int strict, unsigned char *used) {
  for (int i = 0; i < ev->nvalues; i++) {
    const struct bmd_evalue *v = &ev->values[i];
    if (v->dflt) continue;
    if (v->numeric && strict && v->cite < 0) {
      fprintf(stderr, "  %s %s: uncited\n", v->owner, v->field);
      CHECK(0);
    }
    if (v->cite < 0) continue;
    CHECK(v->cite < ev->ncites);
  }
  for (int c = 0; c < ev->ncites; c++) {
    const struct bmd_cite *ct = &ev->cites[c];
    CHECK(ct->cls > BMD_EV_NONE && ct->cls < BMD_EV_N);
    if (ct->cls == BMD_EV_PUBLISHED || ct->cls == BMD_EV_DERIVED) CHECK(ct->nsrc >= 1);
    if (ct->cls != BMD_EV_PUBLISHED) CHECK(strlen(ct->note) > 5);
    for (int q = 0; q < ct->nsrc; q++) {
      CHECK(ct->src[q] >= 0 && ct->src[q] < ev->bib->n);
      if (ct->src[q] >= 0 && ct->src[q] < ev->bib->n) used[ct->src[q]] = 1;
    }
    clean("a note", ct->note);
  }
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  unsigned char used[1024];
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  CHECK(cat.bib.n > 50 && cat.bib.n < (int)sizeof used);
  memset(used, 0, sizeof used);

  /* every value of every data file, and the bibliography's own texts */
  CHECK(cat.ev.nvalues > 500);
  check_evidence(&cat.ev, 1, used);
  for (int k = 0; k < cat.bib.n; k++) {
    const struct bmd_source *s = &cat.bib.s[k];
    CHECK(strlen(s->title) > 3 && strlen(s->venue) > 1 && strlen(s->checked) > 10);
    clean(s->key, s->checked);
    clean(s->key, s->title);
  }
  /* the built-in scenarios cite every number too, against the same bibliography */
  for (const char *const *n = bmd_scenario_builtin_names(); *n; n++) {
    struct bmd_scenario sc;
    CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, *n, &cat, &d), BMD_OK);
    if (!sc.ev) continue;
    check_evidence(sc.ev, 1, used);
    clean(*n, sc.source);
    bmd_scenario_release(&sc);
  }
  /* and the built-in architectures and attacks (arch.h) */
  for (int part = 0; part < BMD_PART_N; part++)
    for (const char *const *n = bmd_part_builtin_names((enum bmd_part)part); *n; n++) {
      struct bmd_scenario sc;
      CHECK_INT_EQ(bmd_part_load(&sc, (enum bmd_part)part, *n, &cat, &d), BMD_OK);
      if (!sc.ev) continue;
      check_evidence(sc.ev, 1, used);
      bmd_scenario_release(&sc);
    }
  for (int k = 0; k < cat.bib.n; k++)
    if (!used[k]) {
      fprintf(stderr, "  source '%s' is cited nowhere\n", cat.bib.s[k].key);
      CHECK(0);
    }

  for (const char *const *n = missiles; *n; n++) CHECK(bmd_catalog_missile(&cat, *n) && !bmd_catalog_missile(&cat, *n)->interceptor);
  for (const char *const *n = interceptors; *n; n++) CHECK(bmd_catalog_missile(&cat, *n) && bmd_catalog_missile(&cat, *n)->interceptor);
  /* every entry: its stages give its stated figure at the reference conditions */
  CHECK(cat.nmissiles >= 23);
  for (int i = 0; i < cat.nmissiles; i++) {
    const struct bmd_missile *m = &cat.missiles[i];
    double lo = m->interceptor ? m->vbo_lo_mps : m->range_lo_km, hi = m->interceptor ? m->vbo_hi_mps : m->range_hi_km;
    struct bmd_refperf p;
    CHECK(m->perf_class != BMD_EV_NONE);
    CHECK_INT_EQ(bmd_refperf_compute(&m->vehicle, m->interceptor, &p), BMD_OK);
    printf("%-16s %s %7.0f %s, stated %5.0f-%5.0f (%s)\n", m->name, m->interceptor ? "burnout  " : "max range",
           p.value, m->interceptor ? "m/s" : "km ", lo, hi, bmd_evidence_class_word(m->perf_class));
    /* a threat fitted to a lofted flight test states its range as a comparison only; the
       test itself is checked by test_flighttest */
    if (!m->test.have) CHECK(bmd_refperf_within(p.value, lo, hi));
    /* every entry's stages were fitted, and the record says from what */
    CHECK(m->fit.have && m->fit.isp_factor > 0.5 && m->fit.isp_factor < 1.5);
    if (m->interceptor)
      CHECK(bmd_evidence_value(&cat.ev, BMD_EVS_INTERCEPTOR, m->name, "kill_vehicle.divert_mps") != NULL);
  }
  /* the evidence classes of a few stated figures, as the sources support them */
  CHECK_INT_EQ(bmd_catalog_missile(&cat, "sm-3-iib")->perf_class, BMD_EV_PUBLISHED);
  CHECK_INT_EQ(bmd_catalog_missile(&cat, "sm-3-iia")->perf_class, BMD_EV_ESTIMATED);
  CHECK_INT_EQ(bmd_catalog_missile(&cat, "arrow-3")->perf_class, BMD_EV_ASSUMED);
  CHECK_INT_EQ(bmd_catalog_missile(&cat, "iran-icbm")->perf_class, BMD_EV_CHOSEN);
  /* the two two-stage GBI variants are the same hardware; only the fit differs */
  {
    const struct bmd_missile *a = bmd_catalog_missile(&cat, "gbi-2stage-mda");
    const struct bmd_missile *b = bmd_catalog_missile(&cat, "gbi-2stage-fast");
    CHECK(a && b && a->vehicle.stage[0].propellant_kg == b->vehicle.stage[0].propellant_kg);
    CHECK(a && a->fit.have && a->fit.isp_factor < 0.9);
  }
  for (const char *const *n = sites; *n; n++) {
    const struct bmd_site *s = bmd_catalog_site(&cat, *n);
    CHECK(s != NULL);
    if (s) CHECK(bmd_evidence_value(&cat.ev, BMD_EVS_SITE, s->name, "lat_deg") != NULL);
  }
  /* a few coordinates from the sources: the Czech MoD study (brdy), Wikipedia (deveselu) */
  CHECK_NEAR(bmd_catalog_site(&cat, "brdy")->lat_deg, 49.635222, 1e-6);
  CHECK_NEAR(bmd_catalog_site(&cat, "deveselu")->lon_deg, 24.413417, 1e-3);
  bmd_catalog_release(&cat);
  bmd_catalog_release(&cat); /* release twice is harmless */
  return check_report("test_catalog");
}
