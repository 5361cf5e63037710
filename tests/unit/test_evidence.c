/*
 * test_evidence.c - the bibliography, 'cite:' lists, the evidence records, what an answer
 * rests on (assumptions.h) and the load-time check of a catalog's stated performance
 * (catfit.h):
 *   - every kind of bad citation or bibliography entry stops the load at its own
 *     file:line:column with a message naming the fault;
 *   - a --data sources.yaml replaces built-in entries with the same key, adds others, and
 *     a duplicate key inside one file is an error;
 *   - records: innermost citation wins, a citation naming a list covers what it holds,
 *     a scenario's uncited number is recorded 'unstated', its defaults are recorded;
 *   - assumptions: a run lists the scenario's assumed values and the catalog entries it
 *     uses; the counts per class add up to the entry's numeric records;
 *   - catfit: a stated burnout speed the stages miss is refused; with at_load the stages are
 *     fitted (reference speed within 0.2% of the stated one), the factor is cached, a second
 *     load takes it from the cache, and a corrupt cache costs a refit, not a wrong answer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bmd/assumptions.h>
#include <bmd/catalog.h>
#include <bmd/catfit.h>
#include <bmd/embedded.h>
#include <bmd/refperf.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include "check.h"

/* ---- a small catalog in memory ------------------------------------------------------------ */

static const char *TABLE = "drag_tables:\n  - name: \"t\"\n    cd_vs_mach: [[0, 0.2], [2, 0.3]]\n"
                           "    cite: [{fields: [cd_vs_mach], evidence: assumed, note: \"test\"}]\n"
                           "interceptors: []\nmissiles: []\n";
static const char *EW = "early_warning: []\n";

static int load_sites(const char *sites, const char *sources, struct bmd_catalog *cat, struct bmd_diag *d) {
  struct bmd_catalog_doc md = {TABLE, strlen(TABLE), "m.yaml"}, sd = {sites, strlen(sites), "s.yaml"},
                         ed = {EW, strlen(EW), "e.yaml"}, src = {sources, sources ? strlen(sources) : 0, "src.yaml"};
  memset(d, 0, sizeof *d);
  return bmd_catalog_load_buffers(cat, &md, &sd, &ed, sources ? &src : NULL, d);
}

#define SITE_HEAD "sites:\n  - name: \"a\"\n    title: \"A\"\n    kind: \"city\"\n    country: \"X\"\n" \
                  "    lat_deg: 10\n    lon_deg: 20\n"

/* a site file whose citation lines (from line 8 on) are cite_lines */
static void bad_site(const char *cite_lines, const char *file, int line, int col, const char *needle) {
  char buf[2048];
  struct bmd_catalog cat;
  struct bmd_diag d;
  int st;
  snprintf(buf, sizeof buf, "%s%s", SITE_HEAD, cite_lines);
  st = load_sites(buf, NULL, &cat, &d);
  CHECK_INT_EQ(st, BMD_EPARSE);
  CHECK(strcmp(d.file, file) == 0);
  CHECK_INT_EQ(d.line, line);
  CHECK_INT_EQ(d.col, col);
  CHECK(strstr(d.msg, needle) != NULL);
  if (st != BMD_EPARSE || d.line != line || d.col != col || !strstr(d.msg, needle))
    fprintf(stderr, "  want %d:%d %s\n  got %s:%d:%d: %s\n", line, col, needle, d.file, d.line, d.col, d.msg);
  if (st == BMD_OK) bmd_catalog_release(&cat);
}

static void test_citations(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  /* good: both coordinates, one published citation */
  CHECK_INT_EQ(load_sites(SITE_HEAD "    cite: [{fields: [lat_deg, lon_deg], evidence: published, sources: [wiki-deveselu]}]\n",
                          NULL, &cat, &d), BMD_OK);
  {
    const struct bmd_evalue *v = bmd_evidence_value(&cat.ev, BMD_EVS_SITE, "a", "lon_deg");
    CHECK(v != NULL);
    if (v) {
      CHECK_INT_EQ(bmd_evidence_class_of(&cat.ev, v), BMD_EV_PUBLISHED);
      CHECK(strcmp(v->value, "20") == 0 && v->numeric && !v->dflt);
      CHECK(strcmp(cat.bib.s[cat.ev.cites[v->cite].src[0]].key, "wiki-deveselu") == 0);
      CHECK_INT_EQ(v->line, 7);
    }
    CHECK(strcmp(bmd_evidence_unit("lon_deg"), "deg") == 0 && strcmp(bmd_evidence_unit("beta_kgm2"), "kg/m^2") == 0);
    bmd_catalog_release(&cat);
  }
  bad_site("", "s.yaml", 6, 14, "'lat_deg' has no citation");
  bad_site("    cite: [{fields: [lat_deg], evidence: published, sources: [wiki-deveselu]}]\n", "s.yaml", 7, 14,
           "'lon_deg' has no citation");
  bad_site("    cite: [{fields: [lat_deg, lon_deg], evidence: published, sources: [no-such-key]}]\n", "s.yaml", 8, 72,
           "unknown source 'no-such-key'");
  bad_site("    cite: [{fields: [lat_deg, lon_deg], evidence: rumoured, note: \"x\"}]\n", "s.yaml", 8, 51,
           "'evidence' must be one of");
  bad_site("    cite: [{fields: [lat_deg, lon_deg], evidence: published}]\n", "s.yaml", 8, 12,
           "'published' evidence needs at least one source");
  bad_site("    cite: [{fields: [lat_deg, lon_deg], evidence: assumed}]\n", "s.yaml", 8, 12,
           "'assumed' evidence needs a 'note'");
  bad_site("    cite: [{fields: [lat_deg, lon_deg, alt_m], evidence: assumed, note: \"x\"}]\n", "s.yaml", 8, 40,
           "cites 'alt_m', which this mapping does not set");
  bad_site("    cite:\n      - {fields: [lat_deg, lon_deg], evidence: assumed, note: \"x\"}\n"
           "      - {fields: [lat_deg], evidence: estimated, note: \"y\"}\n", "s.yaml", 10, 19,
           "'lat_deg' is cited twice in this mapping");
  bad_site("    cite: [{fields: [lat_deg, lon_deg], evidence: derived, note: \"x\"}]\n", "s.yaml", 8, 12,
           "'derived' evidence needs at least one source");
  bad_site("    source: \"a gazetteer\"\n", "s.yaml", 8, 5, "'source' is the old free-text form");
  bad_site("    cite: {fields: [lat_deg], evidence: assumed, note: \"x\"}\n", "s.yaml", 8, 11, "'cite' must be a list");
}

static void bad_bib(const char *entry, int line, int col, const char *needle) {
  char buf[2048];
  struct bmd_catalog cat;
  struct bmd_diag d;
  int st;
  snprintf(buf, sizeof buf, "sources:\n%s", entry);
  st = load_sites(SITE_HEAD "    cite: [{fields: [lat_deg, lon_deg], evidence: assumed, note: \"x\"}]\n", buf, &cat, &d);
  CHECK_INT_EQ(st, BMD_EPARSE);
  CHECK(strcmp(d.file, "src.yaml") == 0);
  CHECK_INT_EQ(d.line, line);
  CHECK_INT_EQ(d.col, col);
  CHECK(strstr(d.msg, needle) != NULL);
  if (st != BMD_EPARSE || d.line != line || d.col != col || !strstr(d.msg, needle))
    fprintf(stderr, "  want %d:%d %s\n  got %s:%d:%d: %s\n", line, col, needle, d.file, d.line, d.col, d.msg);
  if (st == BMD_OK) bmd_catalog_release(&cat);
}

#define ENTRY(key, extra) "  - key: \"" key "\"\n    kind: \"report\"\n    title: \"T\"\n    venue: \"V\"\n" \
                          "    checked: \"the figure\"\n" extra

static void test_bibliography(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  int builtin;
  /* the built-in bibliography alone */
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  builtin = cat.bib.n;
  CHECK(builtin > 100);
  CHECK(bmd_bib_find(&cat.bib, "thielmann-2016-epaa") >= 0);
  bmd_catalog_release(&cat);
  /* a --data sources.yaml: a new key is added; a built-in key is replaced, in place */
  CHECK_INT_EQ(load_sites(SITE_HEAD "    cite: [{fields: [lat_deg, lon_deg], evidence: published, sources: [mine, wiki-deveselu]}]\n",
                          "sources:\n" ENTRY("mine", "") ENTRY("wiki-deveselu", "    date: \"2026-01\"\n"), &cat, &d),
               BMD_OK);
  CHECK_INT_EQ(cat.bib.n, builtin + 1);
  {
    int k = bmd_bib_find(&cat.bib, "wiki-deveselu");
    CHECK(k >= 0 && strcmp(cat.bib.s[k].title, "T") == 0 && strcmp(cat.bib.s[k].date, "2026-01") == 0 &&
          strcmp(cat.bib.s[k].file, "src.yaml") == 0);
  }
  bmd_catalog_release(&cat);
  bad_bib(ENTRY("x", "") ENTRY("x", ""), 7, 5, "duplicate source key 'x'");
  bad_bib(ENTRY("Bad Key", ""), 2, 10, "'key' must be a lowercase slug");
  bad_bib(ENTRY("x", "    date: \"13 May 2016\"\n"), 7, 11, "'date' must be YYYY, YYYY-MM or YYYY-MM-DD");
  bad_bib(ENTRY("x", "    url: \"www.example.org\"\n"), 7, 10, "'url' must start with http:// or https://");
  bad_bib("  - key: \"x\"\n    kind: \"rumour\"\n    title: \"T\"\n    venue: \"V\"\n    checked: \"c\"\n", 3, 11,
          "'kind' must be one of");
  bad_bib("  - key: \"x\"\n    kind: \"news\"\n    title: \"T\"\n    venue: \"V\"\n", 2, 5, "missing 'checked'");
  bad_bib(ENTRY("x", "    authors: \"A. Author\"\n"), 7, 14, "'authors' must be a list");
}

/* ---- scenarios and assumptions ------------------------------------------------------------ */

static const char *SCEN =
    "scenario: \"t\"\ntitle: \"T\"\n"
    "cite: [{fields: [threats], evidence: chosen, note: \"a raid\"}]\n"
    "sites:\n  - {name: \"s\", site: \"redzikowo\", interceptor: \"sm-3-iia\", inventory: 4,\n"
    "     cite: [{fields: [inventory], evidence: assumed, note: \"four\"}]}\n"
    "c2: {decision_latency_s: 30, doctrine: \"salvo\", salvo: 1, kill_assessment_s: 30, sspk: 0.7, reliability: 0.9}\n"
    "threats:\n  - {id: \"T1\", missile: \"iran-irbm\", from: \"semnan\", to: \"warsaw\", launch_s: 5,\n"
    "     cite: [{fields: [launch_s], evidence: published, sources: [ewi-2009-jta]}]}\n";

static void test_scenario(const struct bmd_catalog *cat) {
  struct bmd_scenario sc;
  struct bmd_diag d;
  struct bmd_assumptions a;
  const struct bmd_evalue *v;
  CHECK_INT_EQ(bmd_scenario_parse(&sc, SCEN, strlen(SCEN), "t.yaml", cat, &d), BMD_OK);
  CHECK(sc.ev != NULL);
  /* innermost wins: the threat's own citation over the top-level 'threats' one */
  v = bmd_evidence_value(sc.ev, BMD_EVS_SCENARIO, "t", "threats[T1].launch_s");
  CHECK(v && bmd_evidence_class_of(sc.ev, v) == BMD_EV_PUBLISHED);
  v = bmd_evidence_value(sc.ev, BMD_EVS_SCENARIO, "t", "sites[s].inventory");
  CHECK(v && bmd_evidence_class_of(sc.ev, v) == BMD_EV_ASSUMED);
  /* uncited numbers are kept, as unstated */
  v = bmd_evidence_value(sc.ev, BMD_EVS_SCENARIO, "t", "c2.sspk");
  CHECK(v && v->cite < 0 && bmd_evidence_class_of(sc.ev, v) == BMD_EV_NONE);
  /* defaults applied are recorded with their values */
  v = bmd_evidence_value(sc.ev, BMD_EVS_SCENARIO, "t", "threats[T1].rcs_dbsm");
  CHECK(v && v->dflt && strcmp(v->value, "-10") == 0 && bmd_evidence_class_of(sc.ev, v) == BMD_EV_ASSUMED);
  v = bmd_evidence_value(sc.ev, BMD_EVS_SCENARIO, "t", "sites[s].launchers");
  CHECK(v && v->dflt && strcmp(v->value, "4") == 0);
  CHECK(bmd_evidence_value(sc.ev, BMD_EVS_SCENARIO, "t", "threats[T1].launch_s")->dflt == 0);

  /* what a run rests on */
  CHECK_INT_EQ(bmd_assumptions_build(&a, &sc, BMD_ASSUME_THREATS), BMD_OK);
  {
    int have_sspk = 0, have_launch = 0, have_unc = 0, have_irbm = 0, have_ic = 0, have_semnan = 0;
    for (int i = 0; i < a.nitems; i++) {
      const struct bmd_evalue *w = &a.items[i].ev->values[a.items[i].value];
      enum bmd_evidence_class c = bmd_evidence_class_of(a.items[i].ev, w);
      CHECK(c == BMD_EV_NONE || c == BMD_EV_ESTIMATED || c == BMD_EV_ASSUMED || c == BMD_EV_CHOSEN);
      have_sspk |= strcmp(w->field, "c2.sspk") == 0;
      have_launch |= strcmp(w->field, "threats[T1].launch_s") == 0;
      have_unc |= strncmp(w->field, "uncertainty.", 12) == 0;
    }
    CHECK(have_sspk);       /* uncited: listed */
    CHECK(!have_launch);    /* published: not listed */
    CHECK(!have_unc);       /* run does not use the uncertainty section */
    for (int e = 0; e < a.nentries; e++) {
      int first, n = bmd_evidence_find(&cat->ev, a.entries[e].section, a.entries[e].name, &first), numeric = 0, sum = 0;
      for (int i = first; i < first + n; i++) numeric += cat->ev.values[i].numeric;
      for (int k = 0; k < BMD_EV_N; k++) sum += a.entries[e].count[k];
      CHECK_INT_EQ(sum, numeric);
      have_irbm |= strcmp(a.entries[e].name, "iran-irbm") == 0 && a.entries[e].performance == BMD_EV_CHOSEN;
      have_ic |= strcmp(a.entries[e].name, "sm-3-iia") == 0;
      have_semnan |= strcmp(a.entries[e].name, "semnan") == 0;
    }
    CHECK(have_irbm && have_ic && have_semnan);
  }
  bmd_assumptions_release(&a);
  /* mc adds the uncertainty section; a footprint drops the raid */
  CHECK_INT_EQ(bmd_assumptions_build(&a, &sc, BMD_ASSUME_THREATS | BMD_ASSUME_UNCERTAINTY), BMD_OK);
  {
    int have_unc = 0;
    for (int i = 0; i < a.nitems; i++)
      have_unc |= strncmp(a.items[i].ev->values[a.items[i].value].field, "uncertainty.", 12) == 0;
    CHECK(have_unc);
  }
  bmd_assumptions_release(&a);
  CHECK_INT_EQ(bmd_assumptions_build(&a, &sc, 0), BMD_OK);
  for (int e = 0; e < a.nentries; e++) CHECK(strcmp(a.entries[e].name, "iran-irbm") != 0);
  bmd_assumptions_release(&a);
  bmd_scenario_release(&sc);

  /* an unknown key in a scenario is an error at its place */
  {
    char buf[2048];
    char *p;
    snprintf(buf, sizeof buf, "%s", SCEN);
    p = strstr(buf, "ewi-2009-jta");
    memcpy(p, "ewi-2099-jta", 12);
    CHECK_INT_EQ(bmd_scenario_parse(&sc, buf, strlen(buf), "t.yaml", cat, &d), BMD_EPARSE);
    CHECK_INT_EQ(d.line, 10);
    CHECK(strstr(d.msg, "unknown source 'ewi-2099-jta'") != NULL);
  }
}

/* ---- the load-time check of a stated performance ------------------------------------------- */

static char note_line[2048];
static int nnotes;

static void note(void *ctx, const char *line) {
  (void)ctx;
  snprintf(note_line, sizeof note_line, "%s", line);
  nnotes++;
}

/* the built-in files, with one substitution in missiles.yaml */
static int load_edited(struct bmd_catalog *cat, const char *old, const char *new, struct bmd_diag *d) {
  const struct bmd_embedded_file *m = bmd_embedded_find("missiles.yaml"), *s = bmd_embedded_find("sites.yaml"),
                                 *e = bmd_embedded_find("sensors.yaml");
  char *buf = malloc(m->size + 256), *p;
  int st;
  memcpy(buf, m->data, m->size + 1);
  p = strstr(buf, old);
  CHECK(p != NULL);
  if (p) {
    memmove(p + strlen(new), p + strlen(old), strlen(p + strlen(old)) + 1);
    memcpy(p, new, strlen(new));
  }
  {
    struct bmd_catalog_doc md = {buf, strlen(buf), "d/missiles.yaml"}, sd = {s->data, s->size, "d/sites.yaml"},
                           ed = {e->data, e->size, "d/sensors.yaml"};
    st = bmd_catalog_load_buffers(cat, &md, &sd, &ed, NULL, d);
  }
  free(buf);
  return st;
}

#define SPEED_OLD "burnout_speed_mps: [4500, 4500]"
#define SPEED_NEW "burnout_speed_mps: [5000, 5000]"
#define FIT_OLD "literature_isp_s: [255.0, 265.0, 285.0], date: \"2026-11-23\"}"

static void test_catfit(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  char dir[] = "/tmp/bmd-catfit-XXXXXX", path[256];
  const struct bmd_missile *m;
  struct bmd_refperf p;
  CHECK(mkdtemp(dir) != NULL);
  /* the shipped catalog passes as it is */
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  nnotes = 0;
  CHECK_INT_EQ(bmd_catfit_check(&cat, dir, note, NULL, &d), BMD_OK);
  CHECK_INT_EQ(nnotes, 0);
  bmd_catalog_release(&cat);
  /* a stated speed the stages miss: refused at the stated figure, saying how to fix it */
  CHECK_INT_EQ(load_edited(&cat, SPEED_OLD, SPEED_NEW, &d), BMD_OK);
  CHECK_INT_EQ(bmd_catfit_check(&cat, dir, note, NULL, &d), BMD_EPARSE);
  CHECK(strcmp(d.file, "d/missiles.yaml") == 0 && d.line > 1000 && d.col == 26);
  CHECK(strstr(d.msg, "sm-3-iia: its stages give a burnout speed of 4494 m/s") != NULL);
  CHECK(strstr(d.msg, "at_load: true") != NULL);
  bmd_catalog_release(&cat);
  /* with at_load: fitted, noted, cached */
  {
    char fit_new[128];
    snprintf(fit_new, sizeof fit_new, "literature_isp_s: [255.0, 265.0, 285.0], date: \"2026-11-23\", at_load: true}");
    for (int round = 0; round < 3; round++) {
      struct bmd_catalog c2;
      char *both = NULL;
      /* two substitutions: load_edited does one; apply the speed by hand to the same text */
      const struct bmd_embedded_file *mf = bmd_embedded_find("missiles.yaml");
      both = malloc(mf->size + 256);
      memcpy(both, mf->data, mf->size + 1);
      {
        char *q = strstr(both, SPEED_OLD);
        memcpy(q, SPEED_NEW, strlen(SPEED_NEW));
        q = strstr(both, FIT_OLD);
        memmove(q + strlen(fit_new), q + strlen(FIT_OLD), strlen(q + strlen(FIT_OLD)) + 1);
        memcpy(q, fit_new, strlen(fit_new));
      }
      {
        const struct bmd_embedded_file *s = bmd_embedded_find("sites.yaml"), *e = bmd_embedded_find("sensors.yaml");
        struct bmd_catalog_doc md = {both, strlen(both), "d/missiles.yaml"}, sd = {s->data, s->size, "d/sites.yaml"},
                               ed = {e->data, e->size, "d/sensors.yaml"};
        CHECK_INT_EQ(bmd_catalog_load_buffers(&c2, &md, &sd, &ed, NULL, &d), BMD_OK);
      }
      free(both);
      nnotes = 0;
      CHECK_INT_EQ(bmd_catfit_check(&c2, dir, note, NULL, &d), BMD_OK);
      CHECK_INT_EQ(nnotes, 1);
      printf("round %d: %s\n", round, note_line);
      CHECK(strstr(note_line, round == 1 ? "factor from the cache" : "cached in") != NULL);
      m = bmd_catalog_missile(&c2, "sm-3-iia");
      CHECK(m->fit.load_factor > 1.05 && m->fit.load_factor < 1.15);
      CHECK_INT_EQ(bmd_refperf_compute(&m->vehicle, 1, &p), BMD_OK);
      CHECK(fabs(p.value / 5000.0 - 1.0) < BMD_REFPERF_FIT_TOL);
      {
        const struct bmd_evalue *v = bmd_evidence_value(&c2.ev, BMD_EVS_INTERCEPTOR, "sm-3-iia", "stages[2].isp_s");
        CHECK(v && bmd_evidence_class_of(&c2.ev, v) == BMD_EV_FITTED && strstr(c2.ev.cites[v->cite].note, "at the reference"));
      }
      /* the other entries are untouched */
      CHECK(bmd_catalog_missile(&c2, "sm-3-iib")->fit.load_factor == 1.0);
      /* after the second round, spoil the cache: the next load refits */
      if (round == 1) {
        char *slash = strstr(note_line, dir);
        FILE *fp;
        CHECK(slash != NULL);
        snprintf(path, sizeof path, "%s", slash ? slash : "");
        path[strcspn(path, " ;")] = '\0';
        fp = fopen(path, "w");
        CHECK(fp != NULL);
        if (fp) {
          fputs("bmdsim-fit 1 k 0.5\n", fp);
          fclose(fp);
        }
      }
      bmd_catalog_release(&c2);
    }
  }
  /* a stated figure no factor reaches is refused even with at_load */
  CHECK_INT_EQ(load_edited(&cat, SPEED_OLD, "burnout_speed_mps: [11000, 11000]", &d), BMD_OK);
  for (int i = 0; i < cat.nmissiles; i++)
    if (strcmp(cat.missiles[i].name, "sm-3-iia") == 0) cat.missiles[i].fit.at_load = 1;
  CHECK_INT_EQ(bmd_catfit_check(&cat, NULL, note, NULL, &d), BMD_EPARSE);
  CHECK(strstr(d.msg, "no Isp factor in [0.4, 1.6] brings") != NULL);
  bmd_catalog_release(&cat);
  if (path[0]) remove(path);
  rmdir(dir);
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  test_citations();
  test_bibliography();
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  test_scenario(&cat);
  bmd_catalog_release(&cat);
  test_catfit();
  return check_report("test_evidence");
}
