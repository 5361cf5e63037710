/* cmd_catalog.c - bmdsim catalog: missiles, interceptors, sites and sensors with the evidence
   and the sources of every value, and each missile's stated and simulated performance. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/assumptionsout.h>
#include <bmd/catalog.h>
#include <bmd/const.h>
#include <bmd/latlon.h>
#include <bmd/names.h>
#include <bmd/flighttest.h>
#include <bmd/refperf.h>
#include <bmd/status.h>

#include "cli.h"

static const struct cli_opt catalog_opts[] = {
    {"missiles", 'm', NULL, 0, "list the threat missiles"},
    {"interceptors", 'i', NULL, 0, "list the interceptors"},
    {"sites", 's', NULL, 0, "list the sites"},
    {"sensors", 'S', NULL, 0, "list the radars and early-warning sensors\n"
                              "(several of these combine; none: all four)"},
    {"name", 'n', "SLUG", 0, "one entry with every value's evidence, note and resolved references\n"
                             "(authors, title, venue, date, URL, what was checked in each);\n"
                             "the name in any case"},
    {"json", 'j', NULL, 0, "the same as JSON"},
    {"data", 'd', "DIR", 0, "read missiles.yaml, sites.yaml, sensors.yaml (and sources.yaml if there)\n"
                            "from DIR instead of the copies built into bmdsim"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command catalog_cmd = {
    "catalog", NULL, 0, 0, catalog_opts,
    "List the missiles, interceptors, sites and sensors bmdsim knows, with their parameters,\n"
    "the stated performance of each missile (maximum range) and interceptor (burnout speed)\n"
    "beside the one its stages give in the simulation at stated reference conditions, and the\n"
    "evidence behind every value: published, derived, fitted, estimated, assumed or chosen,\n"
    "with its sources in the bibliography data/sources.yaml (docs/data.md).\n",
    NULL, NULL, NULL};

/* ---- text ------------------------------------------------------------------------------ */

/* text wrapped to 96 columns, every line indented by ind */
static void wrap(const char *text, int ind) {
  const int width = 96;
  int col = 0;
  const char *p = cli_safe(text);  /* data text escaped for the terminal (text.h) */
  while (*p) {
    size_t w = strcspn(p, " ");
    if (col > 0 && col + 1 + (int)w > width) {
      putchar('\n');
      col = 0;
    }
    if (col == 0) col = printf("%*s", ind, "");
    else col += printf(" ");
    col += printf("%.*s", (int)w, p);
    p += w;
    while (*p == ' ') p++;
  }
  if (col) putchar('\n');
}

static void print_source(const struct bmd_source *s) {
  char head[1400];
  snprintf(head, sizeof head, "[%s] %s%s%s. %s%s%s (%s).", s->key, s->authors, s->authors[0] ? ", " : "",
           s->title, s->venue, s->date[0] ? ", " : "", s->date, s->kind);
  wrap(head, 4);
  for (int u = 0; u < s->nurls; u++) printf("      %s\n", cli_safe(s->url[u]));
  {
    char c[1200];
    snprintf(c, sizeof c, "checked: %s", s->checked);
    wrap(c, 6);
  }
}

/* every value of one entry, grouped by citation, then the references they cite */
static void print_values(const struct bmd_catalog *cat, enum bmd_evidence_section sec, const char *name) {
  const struct bmd_evidence *ev = &cat->ev;
  int first, n = bmd_evidence_find(ev, sec, name, &first);
  unsigned char *done = calloc((size_t)(n > 0 ? n : 1), 1), *used = calloc((size_t)(cat->bib.n > 0 ? cat->bib.n : 1), 1);
  if (!done || !used) {
    free(done);
    free(used);
    return;
  }
  printf("\n  VALUES AND THEIR EVIDENCE\n");
  for (int i = 0; i < n; i++) {
    const struct bmd_evalue *v = &ev->values[first + i];
    char line[2048];
    size_t k = 0;
    if (done[i]) continue;
    /* this value and the later ones of the same citation */
    for (int j = i; j < n; j++) {
      const struct bmd_evalue *w = &ev->values[first + j];
      const char *unit = bmd_evidence_unit(w->field);
      if (done[j] || w->cite != v->cite || (v->cite < 0 && j != i)) continue;
      done[j] = 1;
      if (k < sizeof line)
        k += (size_t)snprintf(line + k, sizeof line - k, "%s%s = %s%s%s", k ? ", " : "", w->field, w->value,
                              unit[0] ? " " : "", unit);
    }
    wrap(line, 4);
    if (v->cite < 0) {
      printf("      unstated: no citation\n");
      continue;
    }
    {
      const struct bmd_cite *c = &ev->cites[v->cite];
      char e[1400];
      k = (size_t)snprintf(e, sizeof e, "%s", bmd_evidence_class_word(c->cls));
      for (int q = 0; q < c->nsrc && k < sizeof e; q++) {
        k += (size_t)snprintf(e + k, sizeof e - k, "%s%s", q ? ", " : " -- ", cat->bib.s[c->src[q]].key);
        used[c->src[q]] = 1;
      }
      if (c->note[0] && k < sizeof e) snprintf(e + k, sizeof e - k, ". %s", c->note);
      wrap(e, 6);
    }
  }
  printf("\n  REFERENCES\n");
  for (int s = 0; s < cat->bib.n; s++)
    if (used[s]) print_source(&cat->bib.s[s]);
  free(done);
  free(used);
}

static void fmt_band(char *b, size_t n, double lo, double hi) {
  if (lo == hi) snprintf(b, n, "%.0f", lo);
  else snprintf(b, n, "%.0f-%.0f", lo, hi);
}

/* an interceptor's engagement limits on one line: indented under its entry (named), or as a
   row of the limits table */
static void print_limits(const struct bmd_missile *m, int named) {
  char alt[48], reach[32];
  if (m->kv.max_alt_km > 0.0) snprintf(alt, sizeof alt, "%.0f-%.0f km", m->kv.min_alt_km, m->kv.max_alt_km);
  else snprintf(alt, sizeof alt, ">= %.0f km (no ceiling)", m->kv.min_alt_km);
  if (m->kv.max_range_km > 0.0) snprintf(reach, sizeof reach, "<= %.0f km", m->kv.max_range_km);
  else snprintf(reach, sizeof reach, "not limited");
  char line[320];
  snprintf(line, sizeof line, "fly-out <= %.0f s, intercept altitude %s, reach %s, closing speed >= %.0f m/s, "
           "divert %.0f m/s", m->kv.max_flyout_s, alt, reach, m->kv.min_closing_mps, m->kv.divert_mps);
  if (named) {
    printf("\n  limits of every engagement (docs/models/intercept.md)\n");
    wrap(line, 4);
  } else {
    printf("%-16s %s\n", m->name, line);
  }
}

/* a threat fitted to a published lofted flight test: the test beside the model's flight */
static void print_flight_test(const struct bmd_missile *m) {
  const struct bmd_lofted_test *t = &m->test;
  struct bmd_traj_opts o;
  struct bmd_flighttest_result r;
  int st;
  bmd_traj_opts_default(&o);
  st = bmd_flighttest_full_burn(&m->vehicle, &o, &t->t, &r);
  printf("\n  lofted flight test the stages are fitted to\n");
  printf("    published  %s from %s: apogee %.1f km, range %.1f km, flight %.0f s\n", t->date, cli_safe(t->site),
         t->t.apogee_km, t->t.range_km, t->time_s);
  if (st == BMD_OK)
    printf("    simulated  apogee %.0f km, range %.1f km, flight %.0f s (every stage burnt out, the steepest\n"
           "      pitch-over that lands at the test's range; burnout %.0f m/s at %.0f km)\n",
           r.apogee_km, r.range_km, r.flight_time_s, r.burnout_speed_mps, r.burnout_alt_km);
  else
    printf("    simulated  none: %s\n", bmd_strerror(st));
}

static int has_payload(const struct bmd_catalog *cat, const struct bmd_missile *m) {
  for (int i = 0; i < cat->npayloads; i++)
    if (cat->payloads[i].missile == m) return 1;
  return 0;
}

/* the payload options of threat m (scenarios' 'payload:'; docs/models/countermeasures.md) */
static void print_payloads(const struct bmd_catalog *cat, const struct bmd_missile *m) {
  for (int i = 0; i < cat->npayloads; i++) {
    const struct bmd_payload *pl = &cat->payloads[i];
    if (pl->missile != m) continue;
    printf("\n  payload %s -- %s\n    bus velocity budget %.0f m/s; objects (release: s after burnout; rcs: mean dBsm "
           "[uhf, s, x], Swerling case):\n", pl->name, cli_safe(pl->title), pl->spec.bus_dv_mps);
    for (int k = 0; k < pl->spec.nobj; k++) {
      const struct bmd_object_spec *o = &pl->spec.obj[k];
      printf("    %-12s %-13s %8.2f kg  beta %9.2f kg/m2  rcs [%.1f, %.1f, %.1f] Swerling [%d, %d, %d]  release %.0f s",
             o->name, bmd_object_kind_name(o->kind), o->mass_kg, o->beta_kgm2, o->rcs_dbsm[0], o->rcs_dbsm[1], o->rcs_dbsm[2],
             o->swerling[0], o->swerling[1], o->swerling[2], o->release_s);
      if (!bmd_object_is_rv(o->kind)) printf("  sep %.1f m/s", o->sep_mps);
      printf("\n");
    }
    print_values(cat, BMD_EVS_PAYLOAD, pl->name);
  }
}

static void print_missile_detail(const struct bmd_catalog *cat, const struct bmd_missile *m) {
  const struct bmd_vehicle *v = &m->vehicle;
  const char *unit = m->interceptor ? "m/s" : "km", *what = m->interceptor ? "burnout speed" : "maximum range";
  struct bmd_refperf p;
  char band[48], line[1024];
  int st = bmd_refperf_compute(v, m->interceptor, &p);
  printf("\n%s -- %s\n", m->name, cli_safe(m->title));
  snprintf(line, sizeof line, "%s, %s, %s propellant, %s; %d stage%s, %.1f t at lift-off, ideal delta-v %.0f m/s",
           m->interceptor ? "interceptor" : "threat missile", m->klass, m->propellant, m->country, v->nstages,
           v->nstages > 1 ? "s" : "", bmd_vehicle_liftoff_kg(v) / 1e3, bmd_vehicle_ideal_dv(v));
  wrap(line, 2);
  fmt_band(band, sizeof band, m->interceptor ? m->vbo_lo_mps : m->range_lo_km, m->interceptor ? m->vbo_hi_mps : m->range_hi_km);
  {
    char with[48] = "";
    if (!m->interceptor && m->published_payload_kg > 0.0) snprintf(with, sizeof with, " with %.0f kg", m->published_payload_kg);
    printf("\n  %s\n    stated     %s %s%s (%s; its sources and conditions under performance below)\n", what,
           band, unit, with, bmd_evidence_class_word(m->perf_class));
  }
  if (st == BMD_OK) {
    if (m->interceptor) printf("    simulated  %.0f %s (kill vehicle %.0f kg)\n", p.value, unit, v->payload_kg);
    else printf("    simulated  %.0f %s with %.0f kg (payload.mass_kg)\n", p.value, unit, v->payload_kg);
    snprintf(line, sizeof line, "at the reference conditions: %s; pitch-over %.1f deg; last burnout at %.0f s, "
             "%.0f km up, flight path %.0f deg above the horizontal.", bmd_refperf_conditions(m->interceptor),
             p.kick_deg, p.burnout_t_s, p.burnout_alt_m / 1e3, p.burnout_gamma_deg);
    wrap(line, 6);
  } else {
    printf("    simulated  none: %s\n", bmd_strerror(st));
  }
  if (!m->interceptor && m->test.have) print_flight_test(m);
  if (m->fit.have) {
    size_t k = (size_t)snprintf(line, sizeof line, "fit: every stage's Isp is its literature estimate (");
    for (int s = 0; s < v->nstages && k < sizeof line; s++)
      k += (size_t)snprintf(line + k, sizeof line - k, "%s%.1f", s ? ", " : "", m->fit.literature_isp_s[s]);
    if (k < sizeof line && !m->interceptor && m->test.have)
      snprintf(line + k, sizeof line - k, " s) times %.4f%s%s, chosen by tools/fit_catalog so that the full-burn "
               "flight to the test's range peaks at its published apogee; the simulated maximum range above "
               "follows from that fit and is set beside the stated estimate, not fitted to it.",
               m->fit.isp_factor, m->fit.date[0] ? ", fitted " : "", m->fit.date);
    else if (k < sizeof line)
      snprintf(line + k, sizeof line - k, " s) times %.4f%s%s, chosen by tools/fit_catalog so that the simulated %s "
               "is the middle of the stated band.", m->fit.isp_factor, m->fit.date[0] ? ", fitted " : "", m->fit.date, what);
    wrap(line, 4);
  }
  if (m->fit.load_factor != 1.0 && m->fit.load_factor > 0.0) {
    snprintf(line, sizeof line, "fitted at load: every stage's Isp in the file times %.4f (fit: at_load).", m->fit.load_factor);
    wrap(line, 4);
  }
  if (m->interceptor) print_limits(m, 1);
  print_values(cat, bmd_catalog_section(m), m->name);
  print_payloads(cat, m);
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void add_evidence(cJSON *o, const struct bmd_catalog *cat, enum bmd_evidence_section sec, const char *name) {
  cJSON *vals = cJSON_CreateArray(), *refs = cJSON_CreateArray();
  unsigned char *used = calloc((size_t)(cat->bib.n > 0 ? cat->bib.n : 1), 1);
  int first, n = bmd_evidence_find(&cat->ev, sec, name, &first);
  for (int i = first; i < first + n; i++) {
    const struct bmd_evalue *v = &cat->ev.values[i];
    cJSON_AddItemToArray(vals, bmd_evidence_value_json(&cat->ev, i));
    if (used && v->cite >= 0)
      for (int q = 0; q < cat->ev.cites[v->cite].nsrc; q++) used[cat->ev.cites[v->cite].src[q]] = 1;
  }
  for (int s = 0; used && s < cat->bib.n; s++)
    if (used[s]) cJSON_AddItemToArray(refs, bmd_source_json(&cat->bib.s[s]));
  free(used);
  cJSON_AddItemToObject(o, "values", vals);
  cJSON_AddItemToObject(o, "references", refs);
}

static cJSON *missile_json(const struct bmd_catalog *cat, const struct bmd_missile *m) {
  cJSON *o = cJSON_CreateObject(), *st = cJSON_CreateArray(), *perf = cJSON_CreateObject(),
        *stated = cJSON_CreateObject(), *sim = cJSON_CreateObject();
  const struct bmd_vehicle *v = &m->vehicle;
  const struct bmd_evalue *pv = bmd_evidence_value(&cat->ev, bmd_catalog_section(m), m->name,
                                                   m->interceptor ? "performance.burnout_speed_mps" : "performance.range_km");
  struct bmd_refperf p;
  cJSON_AddStringToObject(o, "name", m->name);
  cJSON_AddStringToObject(o, "title", m->title);
  cJSON_AddStringToObject(o, "country", m->country);
  cJSON_AddStringToObject(o, "class", m->klass);
  cJSON_AddStringToObject(o, "propellant", m->propellant);
  cJSON_AddBoolToObject(o, "interceptor", m->interceptor);
  /* the stated figure and the simulated one, each with its conditions */
  cJSON_AddStringToObject(perf, "quantity", m->interceptor ? "burnout_speed" : "maximum_range");
  cJSON_AddStringToObject(perf, "unit", m->interceptor ? "m/s" : "km");
  cJSON_AddNumberToObject(stated, "low", m->interceptor ? m->vbo_lo_mps : m->range_lo_km);
  cJSON_AddNumberToObject(stated, "high", m->interceptor ? m->vbo_hi_mps : m->range_hi_km);
  if (!m->interceptor && m->published_payload_kg > 0.0) cJSON_AddNumberToObject(stated, "payload_kg", m->published_payload_kg);
  cJSON_AddStringToObject(stated, "evidence", bmd_evidence_class_word(m->perf_class));
  if (pv) {
    cJSON *sv = bmd_evidence_value_json(&cat->ev, (int)(pv - cat->ev.values));
    cJSON_AddItemToObject(stated, "sources", cJSON_DetachItemFromObject(sv, "sources"));
    cJSON_AddItemToObject(stated, "note", cJSON_DetachItemFromObject(sv, "note"));
    cJSON_Delete(sv);
  }
  cJSON_AddItemToObject(perf, "stated", stated);
  if (bmd_refperf_compute(v, m->interceptor, &p) == BMD_OK) {
    cJSON_AddNumberToObject(sim, "value", p.value);
    cJSON_AddStringToObject(sim, "conditions", bmd_refperf_conditions(m->interceptor));
    cJSON_AddNumberToObject(sim, "pitch_over_deg", p.kick_deg);
    cJSON_AddNumberToObject(sim, "burnout_t_s", p.burnout_t_s);
    cJSON_AddNumberToObject(sim, "burnout_alt_km", p.burnout_alt_m / 1e3);
    cJSON_AddNumberToObject(sim, "burnout_flight_path_deg", p.burnout_gamma_deg);
    cJSON_AddBoolToObject(sim, "within_tolerance",
                          bmd_refperf_within(p.value, m->interceptor ? m->vbo_lo_mps : m->range_lo_km,
                                             m->interceptor ? m->vbo_hi_mps : m->range_hi_km));
    cJSON_AddNumberToObject(sim, "tolerance", BMD_REFPERF_TOL);
  } else {
    cJSON_AddNullToObject(sim, "value");
  }
  cJSON_AddItemToObject(perf, "simulated", sim);
  cJSON_AddStringToObject(perf, "fitted_to", !m->interceptor && m->test.have ? "flight_test" : "stated");
  if (!m->interceptor && m->test.have) {
    /* the published lofted test and the model's full-burn flight to its range */
    cJSON *ft = cJSON_CreateObject(), *pub = cJSON_CreateObject(), *fs = cJSON_CreateObject();
    struct bmd_traj_opts to;
    struct bmd_flighttest_result r;
    bmd_traj_opts_default(&to);
    cJSON_AddStringToObject(pub, "date", m->test.date);
    cJSON_AddStringToObject(pub, "site", m->test.site);
    cJSON_AddNumberToObject(pub, "azimuth_deg", m->test.t.azimuth_deg);
    cJSON_AddNumberToObject(pub, "apogee_km", m->test.t.apogee_km);
    cJSON_AddNumberToObject(pub, "range_km", m->test.t.range_km);
    cJSON_AddNumberToObject(pub, "flight_time_s", m->test.time_s);
    cJSON_AddItemToObject(ft, "published", pub);
    if (bmd_flighttest_full_burn(v, &to, &m->test.t, &r) == BMD_OK) {
      cJSON_AddNumberToObject(fs, "apogee_km", r.apogee_km);
      cJSON_AddNumberToObject(fs, "range_km", r.range_km);
      cJSON_AddNumberToObject(fs, "flight_time_s", r.flight_time_s);
      cJSON_AddNumberToObject(fs, "burnout_speed_mps", r.burnout_speed_mps);
      cJSON_AddNumberToObject(fs, "burnout_alt_km", r.burnout_alt_km);
      cJSON_AddNumberToObject(fs, "pitch_over_deg", r.control.kick_deg);
      cJSON_AddBoolToObject(fs, "within_tolerance", bmd_refperf_within(r.apogee_km, m->test.t.apogee_km, m->test.t.apogee_km));
      cJSON_AddNumberToObject(fs, "tolerance", BMD_REFPERF_TOL);
    } else {
      cJSON_AddNullToObject(fs, "apogee_km");
    }
    cJSON_AddItemToObject(ft, "simulated", fs);
    cJSON_AddItemToObject(perf, "flight_test", ft);
  }
  cJSON_AddItemToObject(o, "performance", perf);
  cJSON_AddNumberToObject(o, "liftoff_mass_kg", bmd_vehicle_liftoff_kg(v));
  cJSON_AddNumberToObject(o, "ideal_delta_v_mps", bmd_vehicle_ideal_dv(v));
  cJSON_AddNumberToObject(o, "payload_kg", v->payload_kg);
  cJSON_AddNumberToObject(o, "payload_beta_kgm2", v->rv_beta_kgm2);
  for (int i = 0; i < v->nstages; i++) {
    cJSON *s = cJSON_CreateObject();
    cJSON_AddNumberToObject(s, "propellant_kg", v->stage[i].propellant_kg);
    cJSON_AddNumberToObject(s, "dry_kg", v->stage[i].dry_kg);
    cJSON_AddNumberToObject(s, "isp_s", v->stage[i].isp_s);
    cJSON_AddNumberToObject(s, "burn_time_s", v->stage[i].burn_time_s);
    cJSON_AddNumberToObject(s, "area_m2", v->stage[i].area_m2);
    cJSON_AddNumberToObject(s, "coast_s", v->stage[i].coast_s);
    cJSON_AddStringToObject(s, "drag_table", m->drag_table[i]);
    cJSON_AddItemToArray(st, s);
  }
  cJSON_AddItemToObject(o, "stages", st);
  cJSON_AddNumberToObject(o, "vertical_s", v->vertical_s);
  if (m->interceptor) {
    cJSON *k = cJSON_CreateObject();
    cJSON_AddNumberToObject(k, "mass_kg", m->kv.mass_kg);
    /* the limits of every engagement (docs/models/intercept.md, "Interceptor limits"); null:
       none published */
    cJSON_AddNumberToObject(k, "max_flyout_s", m->kv.max_flyout_s);
    cJSON_AddNumberToObject(k, "min_intercept_alt_km", m->kv.min_alt_km);
    if (m->kv.max_alt_km > 0.0) cJSON_AddNumberToObject(k, "max_intercept_alt_km", m->kv.max_alt_km);
    else cJSON_AddNullToObject(k, "max_intercept_alt_km");
    if (m->kv.max_range_km > 0.0) cJSON_AddNumberToObject(k, "max_intercept_range_km", m->kv.max_range_km);
    else cJSON_AddNullToObject(k, "max_intercept_range_km");
    cJSON_AddNumberToObject(k, "min_closing_speed_mps", m->kv.min_closing_mps);
    cJSON_AddNumberToObject(k, "divert_mps", m->kv.divert_mps);
    cJSON_AddItemToObject(o, "kill_vehicle", k);
  }
  if (m->fit.have || m->fit.at_load) {
    cJSON *f = cJSON_CreateObject(), *lit = cJSON_CreateArray();
    if (m->fit.have) {
      cJSON_AddNumberToObject(f, "isp_factor", m->fit.isp_factor);
      for (int i = 0; i < v->nstages; i++) cJSON_AddItemToArray(lit, cJSON_CreateNumber(m->fit.literature_isp_s[i]));
      cJSON_AddStringToObject(f, "date", m->fit.date);
    }
    cJSON_AddItemToObject(f, "literature_isp_s", lit);
    cJSON_AddBoolToObject(f, "at_load", m->fit.at_load);
    cJSON_AddNumberToObject(f, "load_factor", m->fit.load_factor);
    cJSON_AddItemToObject(o, "fit", f);
  }
  add_evidence(o, cat, bmd_catalog_section(m), m->name);
  if (!m->interceptor && has_payload(cat, m)) {
    cJSON *pa = cJSON_AddArrayToObject(o, "payloads");
    for (int i = 0; i < cat->npayloads; i++) {
      const struct bmd_payload *pl = &cat->payloads[i];
      cJSON *pj = cJSON_CreateObject(), *objs;
      if (pl->missile != m) {
        cJSON_Delete(pj);
        continue;
      }
      cJSON_AddItemToArray(pa, pj);
      cJSON_AddStringToObject(pj, "name", pl->name);
      cJSON_AddStringToObject(pj, "title", pl->title);
      cJSON_AddNumberToObject(pj, "bus_dv_mps", pl->spec.bus_dv_mps);
      objs = cJSON_AddArrayToObject(pj, "objects");
      for (int k = 0; k < pl->spec.nobj; k++) {
        const struct bmd_object_spec *ob = &pl->spec.obj[k];
        cJSON *j = cJSON_CreateObject(), *r = cJSON_CreateArray(), *sw = cJSON_CreateArray();
        cJSON_AddItemToArray(objs, j);
        cJSON_AddStringToObject(j, "name", ob->name);
        cJSON_AddStringToObject(j, "kind", bmd_object_kind_name(ob->kind));
        cJSON_AddNumberToObject(j, "mass_kg", ob->mass_kg);
        cJSON_AddNumberToObject(j, "beta_kgm2", ob->beta_kgm2);
        for (int b = 0; b < BMD_BAND_N; b++) {
          cJSON_AddItemToArray(r, cJSON_CreateNumber(ob->rcs_dbsm[b]));
          cJSON_AddItemToArray(sw, cJSON_CreateNumber(ob->swerling[b]));
        }
        cJSON_AddItemToObject(j, "rcs_dbsm", r);
        cJSON_AddItemToObject(j, "swerling", sw);
        cJSON_AddNumberToObject(j, "release_s", ob->release_s);
        if (!bmd_object_is_rv(ob->kind)) cJSON_AddNumberToObject(j, "sep_mps", ob->sep_mps);
      }
      add_evidence(pj, cat, BMD_EVS_PAYLOAD, pl->name);
    }
  }
  return o;
}

static cJSON *site_json(const struct bmd_catalog *cat, const struct bmd_site *s) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", s->name);
  cJSON_AddStringToObject(o, "title", s->title);
  cJSON_AddStringToObject(o, "kind", s->kind);
  cJSON_AddStringToObject(o, "country", s->country);
  cJSON_AddNumberToObject(o, "lat_deg", s->lat_deg);
  cJSON_AddNumberToObject(o, "lon_deg", s->lon_deg);
  cJSON_AddNumberToObject(o, "alt_m", s->alt_m);
  add_evidence(o, cat, BMD_EVS_SITE, s->name);
  return o;
}

static cJSON *radar_json(const struct bmd_catalog *cat, const struct bmd_radar_type *t) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", t->name);
  cJSON_AddStringToObject(o, "title", t->title);
  cJSON_AddBoolToObject(o, "steerable", t->steerable);
  cJSON_AddNumberToObject(o, "faces", t->nfaces);
  cJSON_AddNumberToObject(o, "min_el_deg", t->min_el_deg);
  cJSON_AddNumberToObject(o, "max_el_deg", t->max_el_deg);
  cJSON_AddNumberToObject(o, "ref_range_km", t->ref_range_km);
  cJSON_AddNumberToObject(o, "ref_rcs_dbsm", t->ref_rcs_dbsm);
  cJSON_AddNumberToObject(o, "update_s", t->update_s);
  cJSON_AddNumberToObject(o, "sigma_range_m", t->sigma_range_m);
  cJSON_AddNumberToObject(o, "sigma_angle_mrad", t->sigma_angle_mrad);
  cJSON_AddBoolToObject(o, "fire_control", t->fire_control);
  cJSON_AddBoolToObject(o, "needs_cue", t->needs_cue);
  add_evidence(o, cat, BMD_EVS_RADAR, t->name);
  return o;
}

static cJSON *ew_json(const struct bmd_catalog *cat, const struct bmd_early_warning *w) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", w->name);
  cJSON_AddStringToObject(o, "title", w->title);
  cJSON_AddNumberToObject(o, "detect_delay_s", w->detect_delay_s);
  cJSON_AddNumberToObject(o, "launch_point_error_km", w->launch_point_error_km);
  cJSON_AddNumberToObject(o, "azimuth_error_deg", w->azimuth_error_deg);
  add_evidence(o, cat, BMD_EVS_EARLY_WARNING, w->name);
  return o;
}

static void print_json(const struct bmd_catalog *cat, const char *name, int want) {
  cJSON *root = cJSON_CreateObject(), *ms = cJSON_CreateArray(), *is = cJSON_CreateArray(),
        *ss = cJSON_CreateArray(), *rs = cJSON_CreateArray(), *es = cJSON_CreateArray();
  char *s;
  for (int i = 0; i < cat->nmissiles; i++) {
    const struct bmd_missile *m = &cat->missiles[i];
    if ((name && strcmp(name, m->name)) || !(want & (m->interceptor ? 2 : 1))) continue;
    cJSON_AddItemToArray(m->interceptor ? is : ms, missile_json(cat, m));
  }
  for (int i = 0; i < cat->nsites && (want & 4); i++)
    if (!name || strcmp(name, cat->sites[i].name) == 0) cJSON_AddItemToArray(ss, site_json(cat, &cat->sites[i]));
  for (int i = 0; i < cat->nradars && (want & 8); i++)
    if (!name || strcmp(name, cat->radars[i].name) == 0) cJSON_AddItemToArray(rs, radar_json(cat, &cat->radars[i]));
  for (int i = 0; i < cat->nearly_warning && (want & 8); i++)
    if (!name || strcmp(name, cat->ews[i].name) == 0) cJSON_AddItemToArray(es, ew_json(cat, &cat->ews[i]));
  cJSON_AddItemToObject(root, "radars", rs);
  cJSON_AddItemToObject(root, "early_warning", es);
  cJSON_AddItemToObject(root, "missiles", ms);
  cJSON_AddItemToObject(root, "interceptors", is);
  cJSON_AddItemToObject(root, "sites", ss);
  cJSON_AddStringToObject(root, "evidence_classes", "published, derived, fitted, estimated, assumed, chosen (docs/data.md)");
  s = cJSON_Print(root);
  if (s) cli_print_json(s);
  else cli_error("out of memory");
  free(s);
  cJSON_Delete(root);
}

static void print_missiles(const struct bmd_catalog *cat, const char *name, int pass) {
  const char *unit = pass ? "m/s" : "km";
  int any = 0;
  for (int i = 0; i < cat->nmissiles; i++) {
    const struct bmd_missile *m = &cat->missiles[i];
    struct bmd_refperf p;
    char band[40], stated[64], sim[32];
    if (m->interceptor != pass || (name && strcmp(name, m->name))) continue;
    if (name) {
      print_missile_detail(cat, m);
      continue;
    }
    if (!any++)
      printf("%s\n%-16s %-10s %6s %7s  %-24s %10s  %s\n", pass ? "INTERCEPTORS" : "MISSILES", "name", "class",
             "stages", "mass_t", pass ? "burnout m/s: stated" : "range km: stated", "simulated", "title");
    fmt_band(band, sizeof band, pass ? m->vbo_lo_mps : m->range_lo_km, pass ? m->vbo_hi_mps : m->range_hi_km);
    snprintf(stated, sizeof stated, "%s (%s)", band, bmd_evidence_class_word(m->perf_class));
    if (bmd_refperf_compute(&m->vehicle, m->interceptor, &p) == BMD_OK) snprintf(sim, sizeof sim, "%.0f", p.value);
    else snprintf(sim, sizeof sim, "-");
    printf("%-16s %-10s %6d %7.1f  %-24s %10s  %s\n", m->name, cli_safe(m->klass), m->vehicle.nstages,
           bmd_vehicle_liftoff_kg(&m->vehicle) / 1e3, stated, sim, cli_safe(m->title));
  }
  if (any) {
    char line[1024];
    snprintf(line, sizeof line, "stated: the catalog's figure and its evidence; simulated (%s): %s.", unit,
             bmd_refperf_conditions(pass));
    wrap(line, 0);
    printf("\n");
  }
  if (any && pass) {
    /* the limits every engagement applies, one row per interceptor */
    printf("INTERCEPTOR LIMITS (kill vehicle; applied by engage, coverage, footprint, run and mc)\n");
    for (int i = 0; i < cat->nmissiles; i++)
      if (cat->missiles[i].interceptor) print_limits(&cat->missiles[i], 0);
    printf("\n");
  }
}

int cmd_catalog(int argc, char **argv) {
  int want = 15, json = 0, c;
  const char *data = NULL, *name = NULL;
  struct bmd_catalog cat;
  struct cli_args args;

  cli_args_init(&args, &catalog_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'm': want = (want == 15 ? 0 : want) | 1; break;
    case 'i': want = (want == 15 ? 0 : want) | 2; break;
    case 's': want = (want == 15 ? 0 : want) | 4; break;
    case 'S': want = (want == 15 ? 0 : want) | 8; break;
    case 'n': name = args.value; break;
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  if (cli_load_catalog(data, &cat) != 0) return CLI_USAGE;
  if (name) {
    const struct bmd_missile *nm = bmd_catalog_missile(&cat, name);
    const struct bmd_site *ns = bmd_catalog_site(&cat, name);
    const struct bmd_radar_type *nr = bmd_catalog_radar(&cat, name);
    const struct bmd_early_warning *ne = bmd_catalog_early_warning(&cat, name);
    if (!nm && !ns && !nr && !ne) {
      char h[96];
      cli_error("catalog: no missile, interceptor, site or sensor named '%s'%s", name,
                bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(&cat, ~0u, name)));
      bmd_catalog_release(&cat);
      return CLI_USAGE;
    }
    /* the name as the catalog spells it (it was matched in any case) */
    name = nm ? nm->name : ns ? ns->name : nr ? nr->name : ne->name;
    /* show only the section that holds the name */
    want = nm ? (nm->interceptor ? 2 : 1) : (ns ? 4 : 8);
  }
  if (json) {
    print_json(&cat, name, want);
    bmd_catalog_release(&cat);
    return CLI_OK;
  }
  for (int pass = 0; pass < 2; pass++)
    if (want & (pass ? 2 : 1)) print_missiles(&cat, name, pass);
  if (want & 4) {
    if (!name) printf("SITES\n%-20s %-8s %-24s %7s  %s\n", "name", "kind", "position", "alt_m", "title");
    for (int i = 0; i < cat.nsites; i++) {
      const struct bmd_site *s = &cat.sites[i];
      char pos[64];
      if (name && strcmp(name, s->name)) continue;
      bmd_latlon_text(pos, sizeof pos, s->lat_deg, s->lon_deg, 5);
      if (name) printf("\n%s -- %s\n  %s, %s: %s, %.0f m\n", s->name, cli_safe(s->title), s->kind,
                       cli_safe(s->country), pos, s->alt_m);
      else printf("%-20s %-8s %-24s %7.0f  %s\n", s->name, s->kind, pos, s->alt_m, cli_safe(s->title));
      if (name) print_values(&cat, BMD_EVS_SITE, s->name);
    }
    printf("\n");
  }
  if (want & 8) {
    if (!name) printf("RADARS\n%-12s %-9s %-6s %12s %10s %8s  %s\n", "name", "coverage", "fc", "range_km", "at_dbsm",
                      "update_s", "title");
    for (int i = 0; i < cat.nradars; i++) {
      const struct bmd_radar_type *t = &cat.radars[i];
      char cov[24];
      if (name && strcmp(name, t->name)) continue;
      if (t->steerable) snprintf(cov, sizeof cov, "steered");
      else snprintf(cov, sizeof cov, "%d face%s", t->nfaces, t->nfaces > 1 ? "s" : "");
      if (name) printf("\n%s -- %s\n  %s, fire control %s, %.0f km at %.0f dBsm, update %.1f s\n", t->name,
                       cli_safe(t->title), cov, t->fire_control ? "yes" : "no", t->ref_range_km, t->ref_rcs_dbsm,
                       t->update_s);
      else printf("%-12s %-9s %-6s %12.0f %10.0f %8.1f  %s\n", t->name, cov, t->fire_control ? "yes" : "no",
                  t->ref_range_km, t->ref_rcs_dbsm, t->update_s, cli_safe(t->title));
      if (name) print_values(&cat, BMD_EVS_RADAR, t->name);
    }
    if (!name) printf("\nEARLY WARNING\n");
    for (int i = 0; i < cat.nearly_warning; i++) {
      const struct bmd_early_warning *w = &cat.ews[i];
      if (name && strcmp(name, w->name)) continue;
      if (name) printf("\n");
      printf("%-12s report after %.0f s, launch point +-%.0f km, azimuth +-%.1f deg  %s\n", w->name,
             w->detect_delay_s, w->launch_point_error_km, w->azimuth_error_deg, cli_safe(w->title));
      if (name) print_values(&cat, BMD_EVS_EARLY_WARNING, w->name);
    }
  }
  if (!name) printf("\nEvery value's evidence and sources: bmdsim catalog --name SLUG, or --json.\n");
  bmd_catalog_release(&cat);
  return CLI_OK;
}
