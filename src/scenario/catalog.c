/* catalog.c - data/missiles.yaml, data/sites.yaml and data/sensors.yaml into struct
   bmd_catalog (catalog.h). */
#include <bmd/catalog.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <bmd/const.h>
#include <bmd/embedded.h>
#include <bmd/evidence.h>
#include <bmd/infile.h>
#include <bmd/names.h>
#include <bmd/shape.h>
#include <bmd/status.h>
#include <bmd/yamldoc.h>


#define MAX_TABLES 32

struct named_table {
  char name[BMD_NAME_MAX];
  struct bmd_cd_table t;
};

#define TRY(x) do { int st_ = (x); if (st_ != BMD_OK) return st_; } while (0)

static int slug_ok(const char *s) {
  if (!*s) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return 0;
  return 1;
}

static int get_slug(const struct bmd_yamldoc *y, int map, char *buf, struct bmd_diag *d) {
  TRY(bmd_yamldoc_string(y, map, "name", 1, buf, BMD_NAME_MAX, d));
  if (!slug_ok(buf))
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, map, "name"), d,
                             "'name' must be a lowercase slug (a-z, 0-9, '-'), not '%s'", buf);
  return BMD_OK;
}

/* the evidence of one entry: its citations, checked against the bibliography, and a record
   per value (evidence.h); skip: keys not walked */
static int entry_evidence(struct bmd_catalog *cat, const struct bmd_yamldoc *y, int m,
                          enum bmd_evidence_section sec, const char *const *skip,
                          struct bmd_diag *d) {
  const char *name = bmd_yamldoc_scalar(y, bmd_yamldoc_get(y, m, "name"));
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, bmd_evidence_section_word(sec), d));
  return bmd_evidence_collect(&cat->ev, y, m, sec, name ? name : "?", 1, skip, d);
}

static int parse_tables(struct bmd_catalog *cat, const struct bmd_yamldoc *y, int seq,
                        struct named_table *tabs, int *ntabs, struct bmd_diag *d) {
  static const char *const keys[] = {"name", "cite", "cd_vs_mach", NULL};
  int n = bmd_yamldoc_seq_len(y, seq);
  TRY(bmd_yamldoc_expect(y, seq, BMD_YAML_SEQ, "drag_tables", d));
  if (n > MAX_TABLES) return bmd_yamldoc_error(y, seq, d, "more than %d drag tables", MAX_TABLES);
  for (int i = 0; i < n; i++) {
    int m = bmd_yamldoc_seq_at(y, seq, i), pts;
    struct named_table *nt = &tabs[i];
    TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "drag_tables entry", d));
    TRY(bmd_evidence_no_source(y, m, d));
    TRY(bmd_yamldoc_check_keys(y, m, keys, d));
    TRY(get_slug(y, m, nt->name, d));
    pts = bmd_yamldoc_get(y, m, "cd_vs_mach");
    if (!pts) return bmd_yamldoc_error(y, m, d, "missing 'cd_vs_mach'");
    TRY(bmd_yamldoc_expect(y, pts, BMD_YAML_SEQ, "cd_vs_mach", d));
    nt->t.n = bmd_yamldoc_seq_len(y, pts);
    if (nt->t.n < 1 || nt->t.n > BMD_CD_MAX_POINTS)
      return bmd_yamldoc_error(y, pts, d, "'cd_vs_mach' needs 1 to %d [mach, cd] pairs", BMD_CD_MAX_POINTS);
    for (int k = 0; k < nt->t.n; k++) {
      int pr = bmd_yamldoc_seq_at(y, pts, k);
      if (bmd_yamldoc_kind(y, pr) != BMD_YAML_SEQ || bmd_yamldoc_seq_len(y, pr) != 2)
        return bmd_yamldoc_error(y, pr, d, "each 'cd_vs_mach' entry must be [mach, cd]");
      TRY(bmd_yamldoc_to_number(y, bmd_yamldoc_seq_at(y, pr, 0), "mach", 0.0, 100.0, &nt->t.mach[k], d));
      TRY(bmd_yamldoc_to_number(y, bmd_yamldoc_seq_at(y, pr, 1), "cd", 0.0, 10.0, &nt->t.cd[k], d));
      if (k > 0 && !(nt->t.mach[k] > nt->t.mach[k - 1]))
        return bmd_yamldoc_error(y, pr, d, "mach values in 'cd_vs_mach' must increase");
    }
    for (int k = 0; k < i; k++)
      if (strcmp(tabs[k].name, nt->name) == 0)
        return bmd_yamldoc_error(y, m, d, "duplicate drag table '%s'", nt->name);
    TRY(entry_evidence(cat, y, m, BMD_EVS_DRAG_TABLE, NULL, d));
  }
  *ntabs = n;
  cat->tables = calloc((size_t)(n > 0 ? n : 1), sizeof *cat->tables);
  if (!cat->tables) return BMD_ENOMEM;
  for (int i = 0; i < n; i++) memcpy(cat->tables[i], tabs[i].name, BMD_NAME_MAX);
  cat->ntables = n;
  return BMD_OK;
}

static int parse_band(const struct bmd_yamldoc *y, int map, const char *key, double lo_lim,
                      double hi_lim, double *lo, double *hi, struct bmd_diag *d) {
  int v = bmd_yamldoc_get(y, map, key);
  if (!v) return bmd_yamldoc_error(y, map, d, "missing '%s'", key);
  if (bmd_yamldoc_kind(y, v) == BMD_YAML_SCALAR) {
    TRY(bmd_yamldoc_to_number(y, v, key, lo_lim, hi_lim, lo, d));
    *hi = *lo;
    return BMD_OK;
  }
  if (bmd_yamldoc_kind(y, v) != BMD_YAML_SEQ || bmd_yamldoc_seq_len(y, v) != 2)
    return bmd_yamldoc_error(y, v, d, "'%s' must be a number or [low, high]", key);
  TRY(bmd_yamldoc_to_number(y, bmd_yamldoc_seq_at(y, v, 0), key, lo_lim, hi_lim, lo, d));
  TRY(bmd_yamldoc_to_number(y, bmd_yamldoc_seq_at(y, v, 1), key, lo_lim, hi_lim, hi, d));
  if (*hi < *lo) return bmd_yamldoc_error(y, v, d, "'%s' band must be [low, high]", key);
  return BMD_OK;
}

/* the entry's 'fit:' record (catalog.h); read after the stages, whose count it checks */
static int parse_fit(const struct bmd_yamldoc *y, int node, struct bmd_missile *ms,
                     struct bmd_diag *d) {
  static const char *const keys[] = {"isp_factor", "literature_isp_s", "date", "at_load", NULL};
  struct bmd_fit_record *f = &ms->fit;
  int lit, al;
  f->load_factor = 1.0;
  if (!node) return BMD_OK;
  if (bmd_yamldoc_kind(y, node) == BMD_YAML_SCALAR)
    return bmd_yamldoc_error(y, node, d, "'fit' must be a mapping (isp_factor, literature_isp_s, "
                                         "date, at_load: docs/data.md section 2.8), not text");
  TRY(bmd_yamldoc_expect(y, node, BMD_YAML_MAP, "fit", d));
  TRY(bmd_yamldoc_check_keys(y, node, keys, d));
  lit = bmd_yamldoc_get(y, node, "literature_isp_s");
  if (bmd_yamldoc_get(y, node, "isp_factor") || lit) {
    int n = ms->vehicle.nstages;
    if (!lit) return bmd_yamldoc_error(y, node, d, "'isp_factor' needs 'literature_isp_s'");
    TRY(bmd_yamldoc_number(y, node, "isp_factor", 1, 0.2, 5.0, &f->isp_factor, d));
    TRY(bmd_yamldoc_expect(y, lit, BMD_YAML_SEQ, "literature_isp_s", d));
    if (bmd_yamldoc_seq_len(y, lit) != n)
      return bmd_yamldoc_error(y, lit, d, "'literature_isp_s' must list one Isp per stage (%d)", n);
    for (int i = 0; i < n; i++) {
      double want;
      TRY(bmd_yamldoc_to_number(y, bmd_yamldoc_seq_at(y, lit, i), "literature_isp_s", 50.0, 500.0,
                                &f->literature_isp_s[i], d));
      /* the file keeps isp_s to 0.1 s (rounded or cut) */
      want = f->literature_isp_s[i] * f->isp_factor;
      if (fabs(ms->vehicle.stage[i].isp_s - want) > 0.1 + 1e-9)
        return bmd_yamldoc_error(y, lit, d,
                                 "stage %d: isp_s %.1f is not literature_isp_s %.1f x isp_factor %.4f "
                                 "= %.2f (refit with tools/fit_catalog, docs/data.md section 7)",
                                 i + 1, ms->vehicle.stage[i].isp_s, f->literature_isp_s[i], f->isp_factor, want);
    }
    f->have = 1;
  }
  TRY(bmd_yamldoc_string(y, node, "date", 0, f->date, sizeof f->date, d));
  al = bmd_yamldoc_get(y, node, "at_load");
  if (al) {
    const char *b = bmd_yamldoc_scalar(y, al);
    if (b && strcmp(b, "true") == 0) f->at_load = 1;
    else if (!b || strcmp(b, "false") != 0) return bmd_yamldoc_error(y, al, d, "'at_load' must be true or false");
  }
  return BMD_OK;
}

/* a threat's 'performance: test:' (catalog.h, docs/data.md section 2.3); its site is
   resolved once sites.yaml is read (resolve_tests) */
static int parse_test(const struct bmd_yamldoc *y, int node, struct bmd_missile *ms,
                      struct bmd_diag *d) {
  static const char *const keys[] = {"date", "site", "azimuth_deg", "range_km", "apogee_km",
                                     "time_s", "cite", NULL};
  struct bmd_lofted_test *t = &ms->test;
  const char *p;
  if (!node) return BMD_OK;
  TRY(bmd_yamldoc_expect(y, node, BMD_YAML_MAP, "test", d));
  TRY(bmd_yamldoc_check_keys(y, node, keys, d));
  TRY(bmd_yamldoc_string(y, node, "date", 1, t->date, sizeof t->date, d));
  p = t->date;
  for (int i = 0; i < 10; i++)
    if (!(i == 4 || i == 7 ? p[i] == '-' : p[i] >= '0' && p[i] <= '9'))
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "date"), d, "'date' must be YYYY-MM-DD");
  if (p[10]) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "date"), d, "'date' must be YYYY-MM-DD");
  TRY(bmd_yamldoc_string(y, node, "site", 1, t->site, sizeof t->site, d));
  TRY(bmd_yamldoc_number(y, node, "azimuth_deg", 1, 0.0, 360.0, &t->t.azimuth_deg, d));
  TRY(bmd_yamldoc_number(y, node, "range_km", 1, 10.0, 20000.0, &t->t.range_km, d));
  TRY(bmd_yamldoc_number(y, node, "apogee_km", 1, 10.0, 100000.0, &t->t.apogee_km, d));
  TRY(bmd_yamldoc_number(y, node, "time_s", 1, 1.0, 100000.0, &t->time_s, d));
  bmd_yamldoc_where(y, bmd_yamldoc_get(y, node, "apogee_km"), &t->line, &t->col);
  bmd_yamldoc_where(y, bmd_yamldoc_get(y, node, "site"), &t->site_line, &t->site_col);
  t->have = 1;
  return BMD_OK;
}

/* every threat's test site, once the sites are read: its launch point */
static int resolve_tests(struct bmd_catalog *cat, struct bmd_diag *d) {
  for (int i = 0; i < cat->nmissiles; i++) {
    struct bmd_lofted_test *t = &cat->missiles[i].test;
    const struct bmd_site *s;
    if (!t->have) continue;
    s = bmd_catalog_site(cat, t->site);
    if (!s) {
      bmd_diag_set(d, cat->missiles_file, t->site_line, t->site_col,
                   "%s: unknown site '%s' in 'test' (not a name in sites.yaml)", cat->missiles[i].name, t->site);
      return BMD_EPARSE;
    }
    t->t.lat_deg = s->lat_deg;
    t->t.lon_deg = s->lon_deg;
    t->t.alt_m = s->alt_m;
  }
  return BMD_OK;
}

/* a fitted Isp needs a fit record, and a fit record makes the Isp fitted */
static int check_fit_evidence(const struct bmd_catalog *cat, const struct bmd_yamldoc *y, int stages,
                              const struct bmd_missile *ms, struct bmd_diag *d) {
  for (int i = 0; i < ms->vehicle.nstages; i++) {
    char f[40];
    const struct bmd_evalue *v;
    enum bmd_evidence_class c;
    snprintf(f, sizeof f, "stages[%d].isp_s", i + 1);
    v = bmd_evidence_value(&cat->ev, bmd_catalog_section(ms), ms->name, f);
    c = bmd_evidence_class_of(&cat->ev, v);
    if (ms->fit.have && c != BMD_EV_FITTED)
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, bmd_yamldoc_seq_at(y, stages, i), "isp_s"), d,
                               "%s is cited as '%s', but the entry's 'fit:' record says it was fitted",
                               f, bmd_evidence_class_word(c));
    if (!ms->fit.have && c == BMD_EV_FITTED)
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, bmd_yamldoc_seq_at(y, stages, i), "isp_s"), d,
                               "%s is cited as 'fitted' but the entry has no 'fit:' record "
                               "(isp_factor, literature_isp_s)", f);
  }
  return BMD_OK;
}

/* a 'hardness:' (radars) or 'launcher:' (interceptors) map: the blast hardness of the
   element (damage.h); absent: left 0 (the element is not vulnerable in the model) */
static int parse_hardness(const struct bmd_yamldoc *y, int node, struct bmd_hardness *h, struct bmd_diag *d) {
  static const char *const keys[] = {"disable_kpa", "destroy_kpa", "cite", NULL};
  char why[160];
  if (!node) return BMD_OK;
  TRY(bmd_yamldoc_expect(y, node, BMD_YAML_MAP, "hardness", d));
  TRY(bmd_yamldoc_check_keys(y, node, keys, d));
  TRY(bmd_yamldoc_number(y, node, "disable_kpa", 1, 0.0, 1e7, &h->disable_kpa, d));
  TRY(bmd_yamldoc_number(y, node, "destroy_kpa", 1, 0.0, 1e7, &h->destroy_kpa, d));
  if (bmd_damage_check_hardness(h, why, (int)sizeof why) != 0)
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, h->disable_kpa > 0.0 ? "destroy_kpa" : "disable_kpa"), d,
                             "%s", why);
  return BMD_OK;
}

/* a threat's 'warhead:' map (damage.h): kind conventional (tnt_kg) or nuclear (yield_kt),
   and the CEP of its impact */
static int parse_warhead(const struct bmd_yamldoc *y, int node, struct bmd_warhead *w, struct bmd_diag *d) {
  static const char *const keys[] = {"kind", "tnt_kg", "yield_kt", "cep_m", "cite", NULL};
  char kind[32];
  if (!node) return BMD_OK;
  TRY(bmd_yamldoc_expect(y, node, BMD_YAML_MAP, "warhead", d));
  TRY(bmd_yamldoc_check_keys(y, node, keys, d));
  TRY(bmd_yamldoc_string(y, node, "kind", 1, kind, sizeof kind, d));
  if (strcmp(kind, "conventional") == 0) {
    w->kind = BMD_WARHEAD_HE;
    if (bmd_yamldoc_get(y, node, "yield_kt"))
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "yield_kt"), d, "a conventional warhead takes 'tnt_kg', not 'yield_kt'");
    TRY(bmd_yamldoc_number(y, node, "tnt_kg", 1, 0.0, 1e6, &w->tnt_kg, d));
    if (!(w->tnt_kg > 0.0)) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "tnt_kg"), d, "'tnt_kg' must be > 0");
  } else if (strcmp(kind, "nuclear") == 0) {
    w->kind = BMD_WARHEAD_NUCLEAR;
    if (bmd_yamldoc_get(y, node, "tnt_kg"))
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "tnt_kg"), d, "a nuclear warhead takes 'yield_kt', not 'tnt_kg'");
    TRY(bmd_yamldoc_number(y, node, "yield_kt", 1, 0.0, 1e5, &w->yield_kt, d));
    if (!(w->yield_kt > 0.0)) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "yield_kt"), d, "'yield_kt' must be > 0");
  } else {
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "kind"), d, "'kind' must be conventional or nuclear, not '%s'", kind);
  }
  TRY(bmd_yamldoc_number(y, node, "cep_m", 1, 0.0, 1e6, &w->cep_m, d));
  return BMD_OK;
}

static int parse_missile(struct bmd_catalog *cat, const struct bmd_yamldoc *y, int m,
                         int interceptor, const struct named_table *tabs, int ntabs,
                         struct bmd_missile *ms, struct bmd_diag *d) {
  static const char *const keys[] = {"name", "title", "country", "class", "propellant",
                                     "cite", "performance", "payload", "kill_vehicle",
                                     "stages", "ascent", "fit", "trajectory", "warhead",
                                     "launcher", NULL};
  static const char *const traj_k[] = {"default", "cite", NULL};
  static const char *const skip[] = {"fit", NULL};
  static const char *const pub_t[] = {"range_km", "payload_kg", "test", "cite", NULL};
  static const char *const pub_i[] = {"burnout_speed_mps", "cite", NULL};
  static const char *const pay_k[] = {"mass_kg", "beta_kgm2", "diameter_m", "cite", NULL};
  static const char *const kv_k[] = {"mass_kg", "divert_mps", "min_closing_speed_mps",
                                     "min_alt_km", "max_alt_km", "max_range_km", "max_flyout_s",
                                     "beta_kgm2", "cite", NULL};
  static const char *const st_k[] = {"propellant_kg", "dry_kg", "isp_s", "burn_time_s",
                                     "diameter_m", "drag_table", "coast_s", "cite", NULL};
  static const char *const asc_k[] = {"vertical_s", "pitch_over_s", "guidance", "cite", NULL};
  struct bmd_vehicle *v = &ms->vehicle;
  int node, stages;
  char why[160];

  memset(ms, 0, sizeof *ms);
  ms->interceptor = interceptor;
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, interceptor ? "interceptors entry" : "missiles entry", d));
  TRY(bmd_evidence_no_source(y, m, d));
  TRY(bmd_yamldoc_check_keys(y, m, keys, d));
  TRY(get_slug(y, m, ms->name, d));
  TRY(bmd_yamldoc_string(y, m, "title", 1, ms->title, sizeof ms->title, d));
  TRY(bmd_yamldoc_string(y, m, "country", 1, ms->country, sizeof ms->country, d));
  TRY(bmd_yamldoc_string(y, m, "class", 1, ms->klass, sizeof ms->klass, d));
  TRY(bmd_yamldoc_string(y, m, "propellant", 1, ms->propellant, sizeof ms->propellant, d));

  node = bmd_yamldoc_get(y, m, "performance");
  if (!node) return bmd_yamldoc_error(y, m, d, "missing 'performance'");
  TRY(bmd_yamldoc_check_keys(y, node, interceptor ? pub_i : pub_t, d));
  if (interceptor) {
    TRY(parse_band(y, node, "burnout_speed_mps", 100.0, 12000.0, &ms->vbo_lo_mps, &ms->vbo_hi_mps, d));
  } else {
    TRY(parse_band(y, node, "range_km", 10.0, 20000.0, &ms->range_lo_km, &ms->range_hi_km, d));
    TRY(bmd_yamldoc_number(y, node, "payload_kg", 0, 1.0, 1e5, &ms->published_payload_kg, d));
    TRY(parse_test(y, bmd_yamldoc_get(y, node, "test"), ms, d));
  }
  bmd_yamldoc_where(y, bmd_yamldoc_get(y, node, interceptor ? "burnout_speed_mps" : "range_km"), &ms->line, &ms->col);

  if (interceptor) {
    node = bmd_yamldoc_get(y, m, "kill_vehicle");
    if (!node) return bmd_yamldoc_error(y, m, d, "missing 'kill_vehicle'");
    TRY(bmd_yamldoc_check_keys(y, node, kv_k, d));
    TRY(bmd_yamldoc_number(y, node, "mass_kg", 1, 1.0, 1e4, &ms->kv.mass_kg, d));
    TRY(bmd_yamldoc_number(y, node, "divert_mps", 1, 0.0, 1e4, &ms->kv.divert_mps, d));
    TRY(bmd_yamldoc_number(y, node, "min_closing_speed_mps", 1, 0.0, 2e4, &ms->kv.min_closing_mps, d));
    TRY(bmd_yamldoc_number(y, node, "min_alt_km", 1, 0.0, 1e4, &ms->kv.min_alt_km, d));
    TRY(bmd_yamldoc_number(y, node, "max_alt_km", 0, 0.0, 1e5, &ms->kv.max_alt_km, d));
    TRY(bmd_yamldoc_number(y, node, "max_range_km", 0, 0.0, 1e5, &ms->kv.max_range_km, d));
    TRY(bmd_yamldoc_number(y, node, "max_flyout_s", 1, 1.0, 1e4, &ms->kv.max_flyout_s, d));
    if (bmd_yamldoc_get(y, node, "max_alt_km") && ms->kv.max_alt_km <= ms->kv.min_alt_km)
      return bmd_yamldoc_error(y, node, d, "'max_alt_km' must exceed 'min_alt_km'");
    v->payload_kg = ms->kv.mass_kg;
    /* the kill vehicle is steered, not ballistic; a value is needed only if one is
       flown ballistically (an assumed value, docs/data.md section 2.5) */
    v->rv_beta_kgm2 = 1000.0;
    TRY(bmd_yamldoc_number(y, node, "beta_kgm2", 0, 1.0, 1e6, &v->rv_beta_kgm2, d));
  } else {
    node = bmd_yamldoc_get(y, m, "payload");
    if (!node) return bmd_yamldoc_error(y, m, d, "missing 'payload'");
    TRY(bmd_yamldoc_check_keys(y, node, pay_k, d));
    TRY(bmd_yamldoc_number(y, node, "mass_kg", 1, 1.0, 1e5, &v->payload_kg, d));
    TRY(bmd_yamldoc_number(y, node, "beta_kgm2", 1, 1.0, 1e6, &v->rv_beta_kgm2, d));
  }
  /* battle damage (damage.h): a threat's warhead, an interceptor's launcher hardness */
  node = bmd_yamldoc_get(y, m, "warhead");
  if (node && interceptor) return bmd_yamldoc_error(y, node, d, "'warhead' is for threats, not interceptors");
  TRY(parse_warhead(y, node, &ms->warhead, d));
  node = bmd_yamldoc_get(y, m, "launcher");
  if (node && !interceptor) return bmd_yamldoc_error(y, node, d, "'launcher' is for interceptors, not threats");
  TRY(parse_hardness(y, node, &ms->launcher_hardness, d));
  /* the default flight (threats): min-energy unless the entry names one */
  ms->traj_kind = BMD_AIM_MIN_ENERGY;
  node = bmd_yamldoc_get(y, m, "trajectory");
  if (node) {
    char shape[64];
    if (interceptor) return bmd_yamldoc_error(y, node, d, "'trajectory' is for threats, not interceptors");
    TRY(bmd_yamldoc_expect(y, node, BMD_YAML_MAP, "trajectory", d));
    TRY(bmd_yamldoc_check_keys(y, node, traj_k, d));
    TRY(bmd_yamldoc_string(y, node, "default", 1, shape, sizeof shape, d));
    if (bmd_shape_parse(shape, &ms->traj_kind, &ms->traj_apogee_km) != 0)
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "default"), d,
                               "'default' must be " BMD_SHAPE_SYNTAX " (apogee in (0, 20000] km)");
  }

  stages = bmd_yamldoc_get(y, m, "stages");
  if (!stages) return bmd_yamldoc_error(y, m, d, "missing 'stages'");
  TRY(bmd_yamldoc_expect(y, stages, BMD_YAML_SEQ, "stages", d));
  v->nstages = bmd_yamldoc_seq_len(y, stages);
  if (v->nstages < 1 || v->nstages > BMD_VEHICLE_MAX_STAGES)
    return bmd_yamldoc_error(y, stages, d, "'stages' must list 1 to %d stages", BMD_VEHICLE_MAX_STAGES);
  for (int i = 0; i < v->nstages; i++) {
    int s = bmd_yamldoc_seq_at(y, stages, i), k;
    struct bmd_stage *st = &v->stage[i];
    double dia = 0.0;
    char *tab = ms->drag_table[i];
    TRY(bmd_yamldoc_expect(y, s, BMD_YAML_MAP, "stages entry", d));
    TRY(bmd_yamldoc_check_keys(y, s, st_k, d));
    TRY(bmd_yamldoc_number(y, s, "propellant_kg", 1, 1e-3, 1e7, &st->propellant_kg, d));
    TRY(bmd_yamldoc_number(y, s, "dry_kg", 1, 1e-3, 1e7, &st->dry_kg, d));
    TRY(bmd_yamldoc_number(y, s, "isp_s", 1, 50.0, 500.0, &st->isp_s, d));
    TRY(bmd_yamldoc_number(y, s, "burn_time_s", 1, 0.1, 2000.0, &st->burn_time_s, d));
    TRY(bmd_yamldoc_number(y, s, "diameter_m", 1, 0.01, 20.0, &dia, d));
    TRY(bmd_yamldoc_number(y, s, "coast_s", 0, 0.0, 2000.0, &st->coast_s, d));
    TRY(bmd_yamldoc_string(y, s, "drag_table", 1, tab, BMD_NAME_MAX, d));
    st->area_m2 = 0.25 * BMD_PI * dia * dia;
    for (k = 0; k < ntabs; k++)
      if (strcmp(tabs[k].name, tab) == 0) break;
    if (k == ntabs)
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, s, "drag_table"), d, "unknown drag table '%s'", tab);
    st->cd = tabs[k].t;
  }
  node = bmd_yamldoc_get(y, m, "ascent");
  if (!node) return bmd_yamldoc_error(y, m, d, "missing 'ascent'");
  TRY(bmd_yamldoc_check_keys(y, node, asc_k, d));
  TRY(bmd_yamldoc_number(y, node, "vertical_s", 1, 0.0, 120.0, &v->vertical_s, d));
  /* threats: a short kick into a gravity turn; interceptors: a commanded pitch-over during
     the first stage, then thrust held at that angle to burnout (a guided fly-out, so that
     the fan spans flat to steep trajectories); both can be set per entry */
  v->pitch_over_s = interceptor ? v->stage[0].burn_time_s : 0.0;
  TRY(bmd_yamldoc_number(y, node, "pitch_over_s", 0, 0.0, 600.0, &v->pitch_over_s, d));
  {
    char g[32];
    snprintf(g, sizeof g, "%s", interceptor ? "pitch-hold" : "gravity-turn");
    TRY(bmd_yamldoc_string(y, node, "guidance", 0, g, sizeof g, d));
    if (strcmp(g, "pitch-hold") == 0) v->pitch_hold = 1;
    else if (strcmp(g, "gravity-turn") == 0) v->pitch_hold = 0;
    else return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "guidance"), d,
                                  "'guidance' must be gravity-turn or pitch-hold");
  }
  if (bmd_vehicle_check(v, why, sizeof why) != 0) return bmd_yamldoc_error(y, m, d, "%s: %s", ms->name, why);
  TRY(parse_fit(y, bmd_yamldoc_get(y, m, "fit"), ms, d));
  /* the evidence, once the values are known to be well formed */
  TRY(entry_evidence(cat, y, m, bmd_catalog_section(ms), skip, d));
  ms->perf_class = bmd_evidence_class_of(
      &cat->ev, bmd_evidence_value(&cat->ev, bmd_catalog_section(ms), ms->name,
                                   interceptor ? "performance.burnout_speed_mps" : "performance.range_km"));
  return check_fit_evidence(cat, y, stages, ms, d);
}

static int parse_missiles(struct bmd_catalog *cat, const struct bmd_yamldoc *y, struct bmd_diag *d) {
  static const char *const keys[] = {"drag_tables", "missiles", "interceptors", NULL};
  struct named_table *tp = calloc(MAX_TABLES, sizeof *tp);
  int root = bmd_yamldoc_root(y), ntabs = 0, st, seqs[2], n = 0;
  if (!tp) return BMD_ENOMEM;
  st = bmd_yamldoc_expect(y, root, BMD_YAML_MAP, "document", d);
  if (st == BMD_OK) st = bmd_yamldoc_check_keys(y, root, keys, d);
  if (st == BMD_OK) {
    int t = bmd_yamldoc_get(y, root, "drag_tables");
    if (!t) st = bmd_yamldoc_error(y, root, d, "missing 'drag_tables'");
    else st = parse_tables(cat, y, t, tp, &ntabs, d);
  }
  seqs[0] = bmd_yamldoc_get(y, root, "missiles");
  seqs[1] = bmd_yamldoc_get(y, root, "interceptors");
  for (int k = 0; k < 2 && st == BMD_OK; k++) {
    if (!seqs[k]) st = bmd_yamldoc_error(y, root, d, "missing '%s'", k ? "interceptors" : "missiles");
    else st = bmd_yamldoc_expect(y, seqs[k], BMD_YAML_SEQ, k ? "interceptors" : "missiles", d);
    if (st == BMD_OK) n += bmd_yamldoc_seq_len(y, seqs[k]);
  }
  if (st == BMD_OK) {
    cat->missiles = calloc((size_t)(n > 0 ? n : 1), sizeof *cat->missiles);
    if (!cat->missiles) st = BMD_ENOMEM;
  }
  for (int k = 0; k < 2 && st == BMD_OK; k++) {
    int len = bmd_yamldoc_seq_len(y, seqs[k]);
    for (int i = 0; i < len && st == BMD_OK; i++) {
      int node = bmd_yamldoc_seq_at(y, seqs[k], i);
      struct bmd_missile *ms = &cat->missiles[cat->nmissiles];
      st = parse_missile(cat, y, node, k, tp, ntabs, ms, d);
      if (st == BMD_OK && bmd_catalog_missile(cat, ms->name))
        st = bmd_yamldoc_error(y, node, d, "duplicate missile name '%s'", ms->name);
      if (st == BMD_OK) cat->nmissiles++;
    }
  }
  free(tp);
  return st;
}

static int parse_sites(struct bmd_catalog *cat, const struct bmd_yamldoc *y, struct bmd_diag *d) {
  static const char *const rkeys[] = {"sites", NULL};
  static const char *const keys[] = {"name", "title", "kind", "country", "lat_deg", "lon_deg",
                                     "alt_m", "cite", NULL};
  static const char *const kinds[] = {"defence", "radar", "launch", "field", "base", "city", NULL};
  int root = bmd_yamldoc_root(y), seq, n;
  TRY(bmd_yamldoc_expect(y, root, BMD_YAML_MAP, "document", d));
  TRY(bmd_yamldoc_check_keys(y, root, rkeys, d));
  seq = bmd_yamldoc_get(y, root, "sites");
  if (!seq) return bmd_yamldoc_error(y, root, d, "missing 'sites'");
  TRY(bmd_yamldoc_expect(y, seq, BMD_YAML_SEQ, "sites", d));
  n = bmd_yamldoc_seq_len(y, seq);
  cat->sites = calloc((size_t)(n > 0 ? n : 1), sizeof *cat->sites);
  if (!cat->sites) return BMD_ENOMEM;
  for (int i = 0; i < n; i++) {
    int m = bmd_yamldoc_seq_at(y, seq, i), ok = 0;
    struct bmd_site *s = &cat->sites[cat->nsites];
    TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "sites entry", d));
    TRY(bmd_evidence_no_source(y, m, d));
    TRY(bmd_yamldoc_check_keys(y, m, keys, d));
    TRY(get_slug(y, m, s->name, d));
    TRY(bmd_yamldoc_string(y, m, "title", 1, s->title, sizeof s->title, d));
    TRY(bmd_yamldoc_string(y, m, "kind", 1, s->kind, sizeof s->kind, d));
    TRY(bmd_yamldoc_string(y, m, "country", 1, s->country, sizeof s->country, d));
    TRY(bmd_yamldoc_number(y, m, "lat_deg", 1, -90.0, 90.0, &s->lat_deg, d));
    TRY(bmd_yamldoc_number(y, m, "lon_deg", 1, -180.0, 180.0, &s->lon_deg, d));
    s->alt_m = 0.0;
    TRY(bmd_yamldoc_number(y, m, "alt_m", 0, -500.0, 9000.0, &s->alt_m, d));
    for (const char *const *k = kinds; *k; k++)
      if (strcmp(*k, s->kind) == 0) ok = 1;
    if (!ok)
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "kind"), d,
                               "'kind' must be one of defence, radar, launch, field, base, city");
    if (bmd_catalog_site(cat, s->name)) return bmd_yamldoc_error(y, m, d, "duplicate site name '%s'", s->name);
    TRY(entry_evidence(cat, y, m, BMD_EVS_SITE, NULL, d));
    cat->nsites++;
  }
  return BMD_OK;
}

/* a 0/1 switch such as 'steerable' */
static int get_flag(const struct bmd_yamldoc *y, int map, const char *key, int *out,
                    struct bmd_diag *d) {
  double v = 0.0;
  TRY(bmd_yamldoc_number(y, map, key, 1, 0.0, 1.0, &v, d));
  if (v != 0.0 && v != 1.0)
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, map, key), d, "'%s' must be 0 or 1", key);
  *out = (int)v;
  return BMD_OK;
}

/* map[key] in (0, hi]: the yamldoc range is closed, so the zero is refused here */
static int get_positive(const struct bmd_yamldoc *y, int map, const char *key, double hi,
                        double *out, struct bmd_diag *d) {
  TRY(bmd_yamldoc_number(y, map, key, 1, 0.0, hi, out, d));
  if (!(*out > 0.0)) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, map, key), d, "'%s' must be > 0", key);
  return BMD_OK;
}

static int parse_radar(struct bmd_catalog *cat, const struct bmd_yamldoc *y, int m,
                       struct bmd_radar_type *t, struct bmd_diag *d) {
  static const char *const keys[] = {"name", "title", "steerable", "faces", "min_el_deg",
                                     "max_el_deg", "ref_range_km", "ref_rcs_dbsm", "update_s",
                                     "sigma_range_m", "sigma_angle_mrad", "fire_control",
                                     "needs_cue", "hardness", "cite", NULL};
  static const char *const fkeys[] = {"az_offset_deg", "el_deg", "half_az_deg", "half_el_deg", NULL};
  int faces;
  memset(t, 0, sizeof *t);
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "radars entry", d));
  TRY(bmd_evidence_no_source(y, m, d));
  TRY(bmd_yamldoc_check_keys(y, m, keys, d));
  TRY(get_slug(y, m, t->name, d));
  TRY(bmd_yamldoc_string(y, m, "title", 1, t->title, sizeof t->title, d));
  TRY(get_flag(y, m, "steerable", &t->steerable, d));
  faces = bmd_yamldoc_get(y, m, "faces");
  if (!faces) return bmd_yamldoc_error(y, m, d, "missing 'faces'");
  TRY(bmd_yamldoc_expect(y, faces, BMD_YAML_SEQ, "faces", d));
  t->nfaces = bmd_yamldoc_seq_len(y, faces);
  if (t->steerable && t->nfaces != 0)
    return bmd_yamldoc_error(y, faces, d, "a steerable radar takes 'faces: []' (it looks in any azimuth)");
  if (!t->steerable && (t->nfaces < 1 || t->nfaces > BMD_RADAR_MAX_FACES))
    return bmd_yamldoc_error(y, faces, d, "'faces' must list 1 to %d faces unless 'steerable' is 1",
                             BMD_RADAR_MAX_FACES);
  for (int k = 0; k < t->nfaces; k++) {
    int f = bmd_yamldoc_seq_at(y, faces, k);
    struct bmd_radar_face *fc = &t->face[k];
    TRY(bmd_yamldoc_expect(y, f, BMD_YAML_MAP, "faces entry", d));
    TRY(bmd_yamldoc_check_keys(y, f, fkeys, d));
    TRY(bmd_yamldoc_number(y, f, "az_offset_deg", 1, -360.0, 360.0, &fc->az_offset_deg, d));
    TRY(bmd_yamldoc_number(y, f, "el_deg", 1, -90.0, 90.0, &fc->el_deg, d));
    TRY(get_positive(y, f, "half_az_deg", 180.0, &fc->half_az_deg, d));
    TRY(get_positive(y, f, "half_el_deg", 90.0, &fc->half_el_deg, d));
  }
  TRY(bmd_yamldoc_number(y, m, "min_el_deg", 1, -90.0, 90.0, &t->min_el_deg, d));
  TRY(bmd_yamldoc_number(y, m, "max_el_deg", 1, -90.0, 90.0, &t->max_el_deg, d));
  if (!(t->max_el_deg > t->min_el_deg))
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "max_el_deg"), d,
                             "'max_el_deg' must exceed 'min_el_deg'");
  TRY(get_positive(y, m, "ref_range_km", 1e5, &t->ref_range_km, d));
  TRY(bmd_yamldoc_number(y, m, "ref_rcs_dbsm", 1, -60.0, 60.0, &t->ref_rcs_dbsm, d));
  TRY(get_positive(y, m, "update_s", 3600.0, &t->update_s, d));
  TRY(bmd_yamldoc_number(y, m, "sigma_range_m", 1, 0.0, 1e5, &t->sigma_range_m, d));
  TRY(bmd_yamldoc_number(y, m, "sigma_angle_mrad", 1, 0.0, 1000.0, &t->sigma_angle_mrad, d));
  TRY(get_flag(y, m, "fire_control", &t->fire_control, d));
  TRY(get_flag(y, m, "needs_cue", &t->needs_cue, d));
  TRY(parse_hardness(y, bmd_yamldoc_get(y, m, "hardness"), &t->hardness, d));
  return entry_evidence(cat, y, m, BMD_EVS_RADAR, NULL, d);
}

static int parse_sensors(struct bmd_catalog *cat, const struct bmd_yamldoc *y, struct bmd_diag *d) {
  static const char *const rkeys[] = {"early_warning", "radars", NULL};
  static const char *const keys[] = {"name", "title", "detect_delay_s", "launch_point_error_km",
                                     "azimuth_error_deg", "cite", NULL};
  int root = bmd_yamldoc_root(y), seq, n;
  TRY(bmd_yamldoc_expect(y, root, BMD_YAML_MAP, "document", d));
  TRY(bmd_yamldoc_check_keys(y, root, rkeys, d));
  seq = bmd_yamldoc_get(y, root, "early_warning");
  if (!seq) return bmd_yamldoc_error(y, root, d, "missing 'early_warning'");
  TRY(bmd_yamldoc_expect(y, seq, BMD_YAML_SEQ, "early_warning", d));
  n = bmd_yamldoc_seq_len(y, seq);
  cat->ews = calloc((size_t)(n > 0 ? n : 1), sizeof *cat->ews);
  if (!cat->ews) return BMD_ENOMEM;
  for (int i = 0; i < n; i++) {
    int m = bmd_yamldoc_seq_at(y, seq, i);
    struct bmd_early_warning *e = &cat->ews[cat->nearly_warning];
    TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "early_warning entry", d));
    TRY(bmd_evidence_no_source(y, m, d));
    TRY(bmd_yamldoc_check_keys(y, m, keys, d));
    TRY(get_slug(y, m, e->name, d));
    TRY(bmd_yamldoc_string(y, m, "title", 1, e->title, sizeof e->title, d));
    TRY(bmd_yamldoc_number(y, m, "detect_delay_s", 1, 0.0, 3600.0, &e->detect_delay_s, d));
    TRY(bmd_yamldoc_number(y, m, "launch_point_error_km", 1, 0.0, 1000.0, &e->launch_point_error_km, d));
    TRY(bmd_yamldoc_number(y, m, "azimuth_error_deg", 1, 0.0, 180.0, &e->azimuth_error_deg, d));
    if (bmd_catalog_early_warning(cat, e->name))
      return bmd_yamldoc_error(y, m, d, "duplicate sensor name '%s'", e->name);
    TRY(entry_evidence(cat, y, m, BMD_EVS_EARLY_WARNING, NULL, d));
    cat->nearly_warning++;
  }
  /* 'radars' is optional so that a sensors.yaml written before the radar models still loads */
  seq = bmd_yamldoc_get(y, root, "radars");
  if (!seq) return BMD_OK;
  TRY(bmd_yamldoc_expect(y, seq, BMD_YAML_SEQ, "radars", d));
  n = bmd_yamldoc_seq_len(y, seq);
  cat->radars = calloc((size_t)(n > 0 ? n : 1), sizeof *cat->radars);
  if (!cat->radars) return BMD_ENOMEM;
  for (int i = 0; i < n; i++) {
    int m = bmd_yamldoc_seq_at(y, seq, i);
    struct bmd_radar_type *t = &cat->radars[cat->nradars];
    TRY(parse_radar(cat, y, m, t, d));
    if (bmd_catalog_radar(cat, t->name))
      return bmd_yamldoc_error(y, m, d, "duplicate radar name '%s'", t->name);
    cat->nradars++;
  }
  return BMD_OK;
}

int bmd_catalog_load_buffers(struct bmd_catalog *cat, const struct bmd_catalog_doc *md,
                             const struct bmd_catalog_doc *sd, const struct bmd_catalog_doc *ed,
                             const struct bmd_catalog_doc *src, struct bmd_diag *d) {
  const struct bmd_catalog_doc *docs[3] = {md, sd, ed};
  int (*const parse[3])(struct bmd_catalog *, const struct bmd_yamldoc *, struct bmd_diag *) = {
      parse_missiles, parse_sites, parse_sensors};
  const struct bmd_embedded_file *bf = bmd_embedded_find("sources.yaml");
  int st = BMD_OK;
  memset(cat, 0, sizeof *cat);
  cat->ev.bib = &cat->bib;
  snprintf(cat->missiles_file, sizeof cat->missiles_file, "%s", md->name);
  /* the built-in bibliography, then a --data copy's entries over it */
  if (!bf) {
    bmd_diag_set(d, "", 0, 0, "embedded data file sources.yaml missing (build error)");
    return BMD_ENOTFOUND;
  }
  st = bmd_bib_parse(&cat->bib, bf->data, bf->size, "data/sources.yaml", 0, d);
  if (st == BMD_OK && src && src->text) st = bmd_bib_parse(&cat->bib, src->text, src->len, src->name, 1, d);
  for (int k = 0; k < 3 && st == BMD_OK; k++) {
    struct bmd_yamldoc *y = NULL;
    st = bmd_yamldoc_load(&y, docs[k]->text, docs[k]->len, docs[k]->name, d);
    if (st == BMD_OK) st = parse[k](cat, y, d);
    bmd_yamldoc_free(y);
    if (st == BMD_ENOMEM) bmd_diag_set(d, docs[k]->name, 0, 0, "out of memory");
  }
  if (st == BMD_OK) st = resolve_tests(cat, d);
  if (st != BMD_OK) bmd_catalog_release(cat);
  return st;
}

void bmd_catalog_fix_pointers(struct bmd_catalog *cat) { cat->ev.bib = &cat->bib; }

enum bmd_evidence_section bmd_catalog_section(const struct bmd_missile *m) {
  return m->interceptor ? BMD_EVS_INTERCEPTOR : BMD_EVS_MISSILE;
}

int bmd_catalog_load_embedded(struct bmd_catalog *cat, struct bmd_diag *d) {
  static const char *const names[3] = {"missiles.yaml", "sites.yaml", "sensors.yaml"};
  static const char *const shown[3] = {"data/missiles.yaml", "data/sites.yaml", "data/sensors.yaml"};
  struct bmd_catalog_doc doc[3];
  for (int k = 0; k < 3; k++) {
    const struct bmd_embedded_file *f = bmd_embedded_find(names[k]);
    if (!f) {
      memset(cat, 0, sizeof *cat);
      bmd_diag_set(d, "", 0, 0, "embedded data file %s missing (build error)", names[k]);
      return BMD_ENOTFOUND;
    }
    doc[k].text = f->data;
    doc[k].len = f->size;
    doc[k].name = shown[k];
  }
  return bmd_catalog_load_buffers(cat, &doc[0], &doc[1], &doc[2], NULL, d);
}

int bmd_catalog_load_dir(struct bmd_catalog *cat, const char *dir, struct bmd_diag *d) {
  static const char *const names[4] = {"missiles.yaml", "sites.yaml", "sensors.yaml", "sources.yaml"};
  char path[4][4096];
  char *buf[4] = {NULL, NULL, NULL, NULL};
  struct bmd_catalog_doc doc[4];
  int st = BMD_OK;
  memset(cat, 0, sizeof *cat);
  memset(doc, 0, sizeof doc);
  for (int k = 0; k < 4 && st == BMD_OK; k++) {
    snprintf(path[k], sizeof path[k], "%s/%s", dir, names[k]);
    doc[k].name = path[k];
    /* sources.yaml is optional: without it the built-in bibliography is cited (stat, not
       open: a FIFO in its place must not block) */
    {
      struct stat sb;
      if (k == 3 && stat(path[k], &sb) != 0 && errno == ENOENT) break;
    }
    st = bmd_infile_read(path[k], BMD_YAMLDOC_MAX_BYTES, &buf[k], &doc[k].len, d);
    doc[k].text = buf[k];
  }
  if (st == BMD_OK) st = bmd_catalog_load_buffers(cat, &doc[0], &doc[1], &doc[2], &doc[3], d);
  for (int k = 0; k < 4; k++) free(buf[k]);
  return st;
}

void bmd_catalog_release(struct bmd_catalog *cat) {
  if (!cat) return;
  free(cat->missiles);
  free(cat->sites);
  free(cat->ews);
  free(cat->radars);
  free(cat->tables);
  bmd_evidence_release(&cat->ev);
  bmd_bib_release(&cat->bib);
  memset(cat, 0, sizeof *cat);
}

/* Look-ups: slugs are lower case (get_slug), so a name typed in any case finds its entry
   (names.h) */
const struct bmd_missile *bmd_catalog_missile(const struct bmd_catalog *cat, const char *name) {
  for (int i = 0; i < cat->nmissiles; i++)
    if (bmd_name_eq(cat->missiles[i].name, name)) return &cat->missiles[i];
  return NULL;
}

const struct bmd_site *bmd_catalog_site(const struct bmd_catalog *cat, const char *name) {
  for (int i = 0; i < cat->nsites; i++)
    if (bmd_name_eq(cat->sites[i].name, name)) return &cat->sites[i];
  return NULL;
}

const struct bmd_early_warning *bmd_catalog_early_warning(const struct bmd_catalog *cat,
                                                          const char *name) {
  for (int i = 0; i < cat->nearly_warning; i++)
    if (bmd_name_eq(cat->ews[i].name, name)) return &cat->ews[i];
  return NULL;
}

const struct bmd_radar_type *bmd_catalog_radar(const struct bmd_catalog *cat, const char *name) {
  for (int i = 0; i < cat->nradars; i++)
    if (bmd_name_eq(cat->radars[i].name, name)) return &cat->radars[i];
  return NULL;
}

const char *bmd_catalog_hint(const struct bmd_catalog *cat, unsigned kinds, const char *word) {
  struct bmd_name_hint h;
  bmd_name_hint_init(&h, word);
  for (int i = 0; i < cat->nmissiles; i++)
    if (kinds & (cat->missiles[i].interceptor ? BMD_CATALOG_INTERCEPTOR : BMD_CATALOG_THREAT))
      bmd_name_hint_add(&h, cat->missiles[i].name);
  if (kinds & BMD_CATALOG_SITE)
    for (int i = 0; i < cat->nsites; i++) bmd_name_hint_add(&h, cat->sites[i].name);
  if (kinds & BMD_CATALOG_EW)
    for (int i = 0; i < cat->nearly_warning; i++) bmd_name_hint_add(&h, cat->ews[i].name);
  if (kinds & BMD_CATALOG_RADAR)
    for (int i = 0; i < cat->nradars; i++) bmd_name_hint_add(&h, cat->radars[i].name);
  return bmd_name_hint_best(&h);
}
