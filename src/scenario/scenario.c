/* scenario.c - scenario YAML into struct bmd_scenario, names resolved (scenario.h). */
#include <bmd/scenario.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/aim.h>
#include <bmd/arch.h>
#include <bmd/embedded.h>
#include <bmd/geodesic.h>
#include <bmd/infile.h>
#include <bmd/names.h>
#include <bmd/shape.h>
#include <bmd/status.h>
#include <bmd/yamldoc.h>

#include "scenario_ev.h"
#include "scenario_parts.h"

/* why a spread is refused, in the messages */
#define BETA_RULE "a Beta distribution with mean m has a standard deviation below sqrt(m(1 - m)), and none at m = 0 or 1"

#define TRY(x) do { int st_ = (x); if (st_ != BMD_OK) return st_; } while (0)

static const char *const builtin[] = {"epaa-phase3", "third-site-2008", "epaa-phase4",
                                      "russia-deterrent", "iskander-kaliningrad", "russian-alternative",
                                      "homeland-nk", "strike-redzikowo", NULL};

const char *const *bmd_scenario_builtin_names(void) { return builtin; }

const char *bmd_scenario_builtin_find(const char *name) {
  for (const char *const *b = builtin; *b; b++)
    if (bmd_name_eq(*b, name)) return *b;
  return NULL;
}

const char *bmd_scenario_builtin_text(const char *name, size_t *len) {
  char file[BMD_NAME_MAX + 8];
  const struct bmd_embedded_file *f;
  const char *canon = bmd_scenario_builtin_find(name);
  if (!canon) return NULL;
  snprintf(file, sizeof file, "%s.yaml", canon);
  f = bmd_embedded_find(file);
  if (!f) return NULL; /* NEVER: the build embeds every scenario file */
  if (len) *len = f->size;
  return f->data;
}

/* "; did you mean 'x'?" for an unknown catalog name */
static const char *hint(char *buf, size_t cap, const struct bmd_catalog *cat, unsigned kinds, const char *word) {
  return bmd_name_hint_text(buf, cap, bmd_catalog_hint(cat, kinds, word));
}

static int slug_ok(const char *s) {
  if (!*s) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_')) return 0;
  return 1;
}

/* a place: `site: SLUG` or `lat_deg`/`lon_deg` (+ `alt_m`) in map m; label gets the name */
static int place(const struct bmd_yamldoc *y, int m, const struct bmd_catalog *cat, double *lat,
                 double *lon, double *alt, char *label, struct bmd_diag *d) {
  int s = bmd_yamldoc_get(y, m, "site");
  if (s) {
    char name[BMD_NAME_MAX];
    const struct bmd_site *st;
    TRY(bmd_yamldoc_string(y, m, "site", 1, name, sizeof name, d));
    st = bmd_catalog_site(cat, name);
    if (!st) {
      char h[96];
      return bmd_yamldoc_error(y, s, d, "unknown site '%s'%s (see bmdsim catalog --sites)", name,
                               hint(h, sizeof h, cat, BMD_CATALOG_SITE, name));
    }
    if (bmd_yamldoc_get(y, m, "lat_deg") || bmd_yamldoc_get(y, m, "lon_deg"))
      return bmd_yamldoc_error(y, s, d, "give either 'site' or 'lat_deg'/'lon_deg', not both");
    *lat = st->lat_deg;
    *lon = st->lon_deg;
    *alt = st->alt_m;
    if (label) snprintf(label, BMD_NAME_MAX, "%s", st->name);
    return BMD_OK;
  }
  *alt = 0.0;
  TRY(bmd_yamldoc_number(y, m, "lat_deg", 1, -90.0, 90.0, lat, d));
  TRY(bmd_yamldoc_number(y, m, "lon_deg", 1, -180.0, 180.0, lon, d));
  TRY(bmd_yamldoc_number(y, m, "alt_m", 0, -500.0, 9000.0, alt, d));
  if (label) snprintf(label, BMD_NAME_MAX, "%.4f,%.4f", *lat, *lon);
  return BMD_OK;
}

/* "slug" or "lat,lon" in a scalar */
int bmd_scen_point_string(const struct bmd_yamldoc *y, int m, const char *key, const struct bmd_catalog *cat,
                          double *lat, double *lon, double *alt, char *label, struct bmd_diag *d) {
  char buf[BMD_NAME_MAX];
  int node = bmd_yamldoc_get(y, m, key);
  const struct bmd_site *st;
  TRY(bmd_yamldoc_string(y, m, key, 1, buf, sizeof buf, d));
  st = bmd_catalog_site(cat, buf);
  if (st) {
    *lat = st->lat_deg;
    *lon = st->lon_deg;
    *alt = st->alt_m;
    snprintf(label, BMD_NAME_MAX, "%s", st->name);
    return BMD_OK;
  }
  {
    char *comma = strchr(buf, ','), *e1, *e2;
    if (comma) {
      *comma = '\0';
      double la = strtod(buf, &e1), lo = strtod(comma + 1, &e2);
      int numbers = e1 != buf && *e1 == '\0' && e2 != comma + 1 && *e2 == '\0';
      if (numbers && (!isfinite(la) || !isfinite(lo)))
        return bmd_yamldoc_error(y, node, d, "'%s': latitude and longitude must be finite", key);
      if (numbers && fabs(la) > 90.0)
        return bmd_yamldoc_error(y, node, d, "'%s': latitude %g is outside [-90, 90]", key, la);
      if (numbers && fabs(lo) > 180.0)
        return bmd_yamldoc_error(y, node, d, "'%s': longitude %g is outside [-180, 180]", key, lo);
      if (numbers) {
        *lat = la;
        *lon = lo;
        *alt = 0.0;
        snprintf(label, BMD_NAME_MAX, "%.4f,%.4f", la, lo);
        return BMD_OK;
      }
      *comma = ',';
    }
  }
  {
    char h[96];
    return bmd_yamldoc_error(y, node, d, "'%s': unknown site '%s'%s (a catalog site or \"LAT,LON\")", key, buf,
                             hint(h, sizeof h, cat, BMD_CATALOG_SITE, buf));
  }
}

static int on_off(const struct bmd_yamldoc *y, int m, const char *key, int *out, struct bmd_diag *d) {
  int node = bmd_yamldoc_get(y, m, key);
  const char *s;
  if (!node) return BMD_OK;
  s = bmd_yamldoc_scalar(y, node);
  /* YAML 1.1 reads on/off as booleans; libyaml leaves the scalar as written */
  if (s && (strcmp(s, "on") == 0 || strcmp(s, "true") == 0)) *out = 1;
  else if (s && (strcmp(s, "off") == 0 || strcmp(s, "false") == 0)) *out = 0;
  else return bmd_yamldoc_error(y, node, d, "'%s' must be on or off", key);
  return BMD_OK;
}

static int parse_int(const struct bmd_yamldoc *y, int m, const char *key, int required, int lo,
                     int hi, int *out, struct bmd_diag *d) {
  double v = *out;
  int node = bmd_yamldoc_get(y, m, key);
  TRY(bmd_yamldoc_number(y, m, key, required, lo, hi, &v, d));
  if (node && v != floor(v)) return bmd_yamldoc_error(y, node, d, "'%s' must be a whole number", key);
  *out = (int)v;
  return BMD_OK;
}

static int parse_physics(struct bmd_scenario *sc, const struct bmd_yamldoc *y, int m, struct bmd_diag *d) {
  static const char *const keys[] = {"earth", "rotation", "drag", "cite", NULL};
  int e;
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "physics", d));
  TRY(bmd_yamldoc_check_keys(y, m, keys, d));
  e = bmd_yamldoc_get(y, m, "earth");
  if (e) {
    const char *s = bmd_yamldoc_scalar(y, e);
    if (!s || bmd_physics_parse(&sc->phys, "earth", s) != BMD_OK)
      return bmd_yamldoc_error(y, e, d, "'earth' must be wgs84-j2 or sphere");
  }
  TRY(on_off(y, m, "rotation", &sc->phys.rotation, d));
  TRY(on_off(y, m, "drag", &sc->phys.drag, d));
  return BMD_OK;
}

static int parse_sensors(struct bmd_scenario *sc, const struct bmd_yamldoc *y, int m,
                         const struct bmd_catalog *cat, struct bmd_diag *d) {
  static const char *const keys[] = {"early_warning", "radars", "cite", NULL};
  static const char *const rkeys[] = {"name", "type", "site", "lat_deg", "lon_deg", "alt_m",
                                      "boresight_az_deg", "source", "cite", NULL};
  int ew, rs, n;
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "sensors", d));
  TRY(bmd_yamldoc_check_keys(y, m, keys, d));
  ew = bmd_yamldoc_get(y, m, "early_warning");
  if (ew) {
    char name[BMD_NAME_MAX];
    TRY(bmd_yamldoc_string(y, m, "early_warning", 1, name, sizeof name, d));
    if (strcmp(name, "none") != 0) {
      sc->ew = bmd_catalog_early_warning(cat, name);
      if (!sc->ew) {
        char h[96];
        return bmd_yamldoc_error(y, ew, d, "unknown early-warning sensor '%s'%s (or none)", name,
                                 hint(h, sizeof h, cat, BMD_CATALOG_EW, name));
      }
    }
  }
  rs = bmd_yamldoc_get(y, m, "radars");
  if (!rs) return BMD_OK;
  TRY(bmd_yamldoc_expect(y, rs, BMD_YAML_SEQ, "radars", d));
  n = bmd_yamldoc_seq_len(y, rs);
  if (n > BMD_SCEN_MAX_RADARS)
    return bmd_yamldoc_error(y, rs, d, "%d radars: a scenario takes at most %d", n, BMD_SCEN_MAX_RADARS);
  sc->radars = calloc((size_t)(n > 0 ? n : 1), sizeof *sc->radars);
  if (!sc->radars) return BMD_ENOMEM;
  for (int i = 0; i < n; i++) {
    int r = bmd_yamldoc_seq_at(y, rs, i);
    struct bmd_scen_radar *rd = &sc->radars[sc->nradars];
    char type[BMD_NAME_MAX], src[BMD_SCEN_TEXT];
    TRY(bmd_yamldoc_expect(y, r, BMD_YAML_MAP, "radars entry", d));
    TRY(bmd_yamldoc_check_keys(y, r, rkeys, d));
    TRY(bmd_yamldoc_string(y, r, "name", 1, rd->name, sizeof rd->name, d));
    if (!slug_ok(rd->name)) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, r, "name"), d, "'name' must be a lowercase slug");
    TRY(bmd_yamldoc_string(y, r, "type", 1, type, sizeof type, d));
    rd->type = bmd_catalog_radar(cat, type);
    if (!rd->type) {
      char h[96];
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, r, "type"), d, "unknown radar type '%s'%s", type,
                               hint(h, sizeof h, cat, BMD_CATALOG_RADAR, type));
    }
    TRY(place(y, r, cat, &rd->lat_deg, &rd->lon_deg, &rd->alt_m, rd->site, d));
    TRY(bmd_yamldoc_number(y, r, "boresight_az_deg", 1, -360.0, 360.0, &rd->boresight_az_deg, d));
    TRY(bmd_yamldoc_string(y, r, "source", 0, src, sizeof src, d));
    for (int k = 0; k < sc->nradars; k++)
      if (strcmp(sc->radars[k].name, rd->name) == 0) return bmd_yamldoc_error(y, r, d, "duplicate radar '%s'", rd->name);
    sc->nradars++;
  }
  return BMD_OK;
}

static int parse_sites(struct bmd_scenario *sc, const struct bmd_yamldoc *y, int m,
                       const struct bmd_catalog *cat, struct bmd_diag *d) {
  static const char *const keys[] = {"name", "kind", "site", "lat_deg", "lon_deg", "alt_m",
                                     "interceptor", "inventory", "launchers", "reload_s",
                                     "source", "cite", NULL};
  int n;
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_SEQ, "sites", d));
  n = bmd_yamldoc_seq_len(y, m);
  if (n > BMD_SCEN_MAX_SITES)
    return bmd_yamldoc_error(y, m, d, "%d sites: a scenario takes at most %d", n, BMD_SCEN_MAX_SITES);
  sc->sites = calloc((size_t)(n > 0 ? n : 1), sizeof *sc->sites);
  if (!sc->sites) return BMD_ENOMEM;
  for (int i = 0; i < n; i++) {
    int s = bmd_yamldoc_seq_at(y, m, i);
    struct bmd_scen_site *st = &sc->sites[sc->nsites];
    char ic[BMD_NAME_MAX], src[BMD_SCEN_TEXT];
    TRY(bmd_yamldoc_expect(y, s, BMD_YAML_MAP, "sites entry", d));
    TRY(bmd_yamldoc_check_keys(y, s, keys, d));
    TRY(bmd_yamldoc_string(y, s, "name", 1, st->name, sizeof st->name, d));
    if (!slug_ok(st->name)) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, s, "name"), d, "'name' must be a lowercase slug");
    snprintf(st->kind, sizeof st->kind, "land");
    TRY(bmd_yamldoc_string(y, s, "kind", 0, st->kind, sizeof st->kind, d));
    if (strcmp(st->kind, "land") && strcmp(st->kind, "ship"))
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, s, "kind"), d, "'kind' must be land or ship");
    TRY(place(y, s, cat, &st->lat_deg, &st->lon_deg, &st->alt_m, NULL, d));
    TRY(bmd_yamldoc_string(y, s, "interceptor", 1, ic, sizeof ic, d));
    st->interceptor = bmd_catalog_missile(cat, ic);
    if (!st->interceptor || !st->interceptor->interceptor) {
      char h[96];
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, s, "interceptor"), d, "unknown interceptor '%s'%s", ic,
                               hint(h, sizeof h, cat, BMD_CATALOG_INTERCEPTOR, ic));
    }
    TRY(parse_int(y, s, "inventory", 1, 0, 100000, &st->inventory, d));
    st->launchers = st->inventory;
    TRY(parse_int(y, s, "launchers", 0, 1, 100000, &st->launchers, d));
    st->reload_s = 0.0;
    TRY(bmd_yamldoc_number(y, s, "reload_s", 0, 0.0, 1e6, &st->reload_s, d));
    TRY(bmd_yamldoc_string(y, s, "source", 0, src, sizeof src, d));
    for (int k = 0; k < sc->nsites; k++)
      if (strcmp(sc->sites[k].name, st->name) == 0) return bmd_yamldoc_error(y, s, d, "duplicate site '%s'", st->name);
    sc->nsites++;
  }
  return BMD_OK;
}

static int parse_c2(struct bmd_scenario *sc, const struct bmd_yamldoc *y, int m,
                    const struct bmd_catalog *cat, struct bmd_diag *d) {
  static const char *const keys[] = {"decision_latency_s", "doctrine", "salvo", "kill_assessment_s",
                                     "priority", "sspk", "reliability", "firm_track_updates",
                                     "kv_homing_s", "track_process_noise_m2ps3", "sspk_pairs",
                                     "source", "cite", NULL};
  static const char *const pkeys[] = {"interceptor", "threat", "sspk", "cite", NULL};
  struct bmd_scen_c2 *c = &sc->c2;
  char buf[BMD_NAME_MAX], src[BMD_SCEN_TEXT];
  int pairs;
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "c2", d));
  TRY(bmd_yamldoc_check_keys(y, m, keys, d));
  TRY(bmd_yamldoc_number(y, m, "decision_latency_s", 1, 0.0, 3600.0, &c->decision_latency_s, d));
  TRY(bmd_yamldoc_string(y, m, "doctrine", 1, buf, sizeof buf, d));
  if (strcmp(buf, "shoot-look-shoot") == 0) c->doctrine = BMD_DOCTRINE_SLS;
  else if (strcmp(buf, "salvo") == 0) c->doctrine = BMD_DOCTRINE_SALVO;
  else return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "doctrine"), d, "'doctrine' must be shoot-look-shoot or salvo");
  TRY(parse_int(y, m, "salvo", 1, 1, 16, &c->salvo, d));
  TRY(bmd_yamldoc_number(y, m, "kill_assessment_s", 1, 0.0, 3600.0, &c->kill_assessment_s, d));
  snprintf(buf, sizeof buf, "time-to-impact");
  TRY(bmd_yamldoc_string(y, m, "priority", 0, buf, sizeof buf, d));
  if (strcmp(buf, "time-to-impact") == 0) c->priority = BMD_PRIORITY_TIME_TO_IMPACT;
  else if (strcmp(buf, "target-value") == 0) c->priority = BMD_PRIORITY_TARGET_VALUE;
  else return bmd_yamldoc_error(y, bmd_yamldoc_get(y, m, "priority"), d, "'priority' must be time-to-impact or target-value");
  TRY(bmd_yamldoc_number(y, m, "sspk", 1, 0.0, 1.0, &c->sspk, d));
  TRY(bmd_yamldoc_number(y, m, "reliability", 1, 0.0, 1.0, &c->reliability, d));
  c->firm_track_updates = 3;
  TRY(parse_int(y, m, "firm_track_updates", 0, 1, 1000, &c->firm_track_updates, d));
  c->kv_homing_s = 10.0;
  TRY(bmd_yamldoc_number(y, m, "kv_homing_s", 0, 0.1, 600.0, &c->kv_homing_s, d));
  c->track_q_m2ps3 = 1.0;
  TRY(bmd_yamldoc_number(y, m, "track_process_noise_m2ps3", 0, 0.0, 1e6, &c->track_q_m2ps3, d));
  TRY(bmd_yamldoc_string(y, m, "source", 0, src, sizeof src, d));
  pairs = bmd_yamldoc_get(y, m, "sspk_pairs");
  if (pairs) {
    int n;
    TRY(bmd_yamldoc_expect(y, pairs, BMD_YAML_SEQ, "sspk_pairs", d));
    n = bmd_yamldoc_seq_len(y, pairs);
    c->sspk_pairs = calloc((size_t)(n > 0 ? n : 1), sizeof *c->sspk_pairs);
    if (!c->sspk_pairs) return BMD_ENOMEM;
    for (int i = 0; i < n; i++) {
      int p = bmd_yamldoc_seq_at(y, pairs, i);
      struct bmd_scen_sspk *sp = &c->sspk_pairs[c->nsspk];
      TRY(bmd_yamldoc_expect(y, p, BMD_YAML_MAP, "sspk_pairs entry", d));
      TRY(bmd_yamldoc_check_keys(y, p, pkeys, d));
      TRY(bmd_yamldoc_string(y, p, "interceptor", 1, buf, sizeof buf, d));
      sp->interceptor = bmd_catalog_missile(cat, buf);
      if (!sp->interceptor || !sp->interceptor->interceptor) {
        char h[96];
        return bmd_yamldoc_error(y, bmd_yamldoc_get(y, p, "interceptor"), d, "unknown interceptor '%s'%s", buf,
                                 hint(h, sizeof h, cat, BMD_CATALOG_INTERCEPTOR, buf));
      }
      TRY(bmd_yamldoc_string(y, p, "threat", 1, buf, sizeof buf, d));
      sp->threat = bmd_catalog_missile(cat, buf);
      if (!sp->threat || sp->threat->interceptor) {
        char h[96];
        return bmd_yamldoc_error(y, bmd_yamldoc_get(y, p, "threat"), d, "unknown missile '%s'%s", buf,
                                 hint(h, sizeof h, cat, BMD_CATALOG_THREAT, buf));
      }
      TRY(bmd_yamldoc_number(y, p, "sspk", 1, 0.0, 1.0, &sp->sspk, d));
      /* one value per pair: a second entry would silently lose to the first */
      for (int k = 0; k < c->nsspk; k++)
        if (c->sspk_pairs[k].interceptor == sp->interceptor && c->sspk_pairs[k].threat == sp->threat)
          return bmd_yamldoc_error(y, p, d, "'sspk_pairs': %s against %s is given twice (sspk %s here, %s before)",
                                   sp->interceptor->name, sp->threat->name,
                                   bmd_yamldoc_fmt_limit(buf, sizeof buf / 2, sp->sspk),
                                   bmd_yamldoc_fmt_limit(buf + sizeof buf / 2, sizeof buf / 2, c->sspk_pairs[k].sspk));
      c->nsspk++;
    }
  }
  return BMD_OK;
}

static int parse_uncertainty(struct bmd_scenario *sc, const struct bmd_yamldoc *y, int m, struct bmd_diag *d) {
  static const char *const keys[] = {"launch_time_sigma_s", "ew_delay_sigma_s", "decision_latency_sigma_s",
                                     "sspk_sigma", "reliability_sigma", "source", "cite", NULL};
  struct bmd_scen_uncertainty *u = &sc->unc;
  char src[BMD_SCEN_TEXT];
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_MAP, "uncertainty", d));
  TRY(bmd_yamldoc_check_keys(y, m, keys, d));
  TRY(bmd_yamldoc_number(y, m, "launch_time_sigma_s", 0, 0.0, 3600.0, &u->launch_time_sigma_s, d));
  TRY(bmd_yamldoc_number(y, m, "ew_delay_sigma_s", 0, 0.0, 3600.0, &u->ew_delay_sigma_s, d));
  TRY(bmd_yamldoc_number(y, m, "decision_latency_sigma_s", 0, 0.0, 3600.0, &u->decision_latency_sigma_s, d));
  /* the standard deviation of a quantity in [0, 1] is at most 0.5 */
  TRY(bmd_yamldoc_number(y, m, "sspk_sigma", 0, 0.0, 0.5, &u->sspk_sigma, d));
  TRY(bmd_yamldoc_number(y, m, "reliability_sigma", 0, 0.0, 0.5, &u->reliability_sigma, d));
  TRY(bmd_yamldoc_string(y, m, "source", 0, src, sizeof src, d));
  return BMD_OK;
}

static int parse_threats(struct bmd_scenario *sc, const struct bmd_yamldoc *y, int m,
                         const struct bmd_catalog *cat, struct bmd_diag *d) {
  static const char *const keys[] = {"id", "missile", "from", "to", "launch_s", "trajectory",
                                     "rcs_dbsm", "value", "payload", "rv_targets", "cite", NULL};
  int n;
  TRY(bmd_yamldoc_expect(y, m, BMD_YAML_SEQ, "threats", d));
  n = bmd_yamldoc_seq_len(y, m);
  if (n < 1) return bmd_yamldoc_error(y, m, d, "'threats' needs at least one threat");
  if (n > BMD_SCEN_MAX_THREATS)
    return bmd_yamldoc_error(y, m, d, "%d threats: a scenario takes at most %d", n, BMD_SCEN_MAX_THREATS);
  sc->threats = calloc((size_t)n, sizeof *sc->threats);
  if (!sc->threats) return BMD_ENOMEM;
  for (int i = 0; i < n; i++) {
    int t = bmd_yamldoc_seq_at(y, m, i);
    struct bmd_scen_threat *th = &sc->threats[sc->nthreats];
    char ms[BMD_NAME_MAX], traj[64];
    double alt_to;
    TRY(bmd_yamldoc_expect(y, t, BMD_YAML_MAP, "threats entry", d));
    TRY(bmd_yamldoc_check_keys(y, t, keys, d));
    TRY(bmd_yamldoc_string(y, t, "id", 1, th->id, sizeof th->id, d));
    TRY(bmd_yamldoc_string(y, t, "missile", 1, ms, sizeof ms, d));
    th->missile = bmd_catalog_missile(cat, ms);
    if (!th->missile || th->missile->interceptor) {
      char h[96];
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, t, "missile"), d, "unknown missile '%s'%s (see bmdsim catalog --missiles)",
                               ms, hint(h, sizeof h, cat, BMD_CATALOG_THREAT, ms));
    }
    TRY(bmd_scen_point_string(y, t, "from", cat, &th->from_lat_deg, &th->from_lon_deg, &th->from_alt_m, th->from, d));
    TRY(bmd_scen_point_string(y, t, "to", cat, &th->to_lat_deg, &th->to_lon_deg, &alt_to, th->to, d));
    th->launch_s = 0.0;
    TRY(bmd_yamldoc_number(y, t, "launch_s", 0, 0.0, 86400.0, &th->launch_s, d));
    /* not given: the missile's default flight (data/missiles.yaml 'trajectory') */
    th->traj_kind = (int)th->missile->traj_kind;
    th->apogee_km = th->missile->traj_apogee_km;
    traj[0] = 0;
    TRY(bmd_yamldoc_string(y, t, "trajectory", 0, traj, sizeof traj, d));
    if (traj[0]) {
      enum bmd_aim_kind kind;
      int e = bmd_shape_parse(traj, &kind, &th->apogee_km);
      if (e == -2)
        return bmd_yamldoc_error(y, bmd_yamldoc_get(y, t, "trajectory"), d, "'trajectory' apogee must be in (0, 20000] km");
      if (e != 0)
        return bmd_yamldoc_error(y, bmd_yamldoc_get(y, t, "trajectory"), d, "'trajectory' must be " BMD_SHAPE_SYNTAX);
      th->traj_kind = (int)kind;
    }
    th->rcs_dbsm = -10.0;
    TRY(bmd_yamldoc_number(y, t, "rcs_dbsm", 0, -60.0, 40.0, &th->rcs_dbsm, d));
    th->value = 1.0;
    TRY(bmd_yamldoc_number(y, t, "value", 0, 0.0, 1e6, &th->value, d));
    th->entry = sc->nthreats;
    th->aim_lat_deg = th->to_lat_deg;
    th->aim_lon_deg = th->to_lon_deg;
    th->aims_of = 0;
    for (int k = 0; k < sc->nthreats; k++)
      if (strcmp(sc->threats[k].id, th->id) == 0) return bmd_yamldoc_error(y, t, d, "duplicate threat id '%s'", th->id);
    {
      /* the same point however written: lon 180 = -180, any longitude at a pole */
      double s_m = 0.0;
      bmd_geodesic_inverse(sc->phys.earth, th->from_lat_deg, th->from_lon_deg, th->to_lat_deg, th->to_lon_deg, &s_m,
                           NULL, NULL);
      if (!(s_m >= BMD_AIM_MIN_RANGE_M))
        return bmd_yamldoc_error(y, bmd_yamldoc_get(y, t, "to"), d,
                                 "'to' is the launch point (%.0f m from 'from'; a target must be at least %.0f m away)",
                                 isfinite(s_m) ? s_m : 0.0, BMD_AIM_MIN_RANGE_M);
    }
    sc->nthreats++;
  }
  return bmd_scenario_expand_payloads(sc, y, m, cat, d);
}

int bmd_scenario_beta_ok(double mean, double sd) {
  return sd == 0.0 || (mean > 0.0 && mean < 1.0 && sd * sd < mean * (1.0 - mean));
}

/* the uncertainty section's spreads must describe a distribution around every value they
   spread (scenario.h); ys holds the uncertainty section, ya the c2 */
static int check_spreads(const struct bmd_scenario *sc, const struct bmd_yamldoc *ys, const struct bmd_yamldoc *ya,
                         struct bmd_diag *d) {
  const struct bmd_yamldoc *y = ys;
  int un = ys ? bmd_yamldoc_get(ys, bmd_yamldoc_root(ys), "uncertainty") : 0,
      c2 = ya ? bmd_yamldoc_get(ya, bmd_yamldoc_root(ya), "c2") : 0;
  const struct bmd_scen_uncertainty *u = &sc->unc;
  char a[32], b[32];
  if (!un || !c2) return BMD_OK;
  if (!bmd_scenario_beta_ok(sc->c2.sspk, u->sspk_sigma))
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, un, "sspk_sigma"), d,
                             "'sspk_sigma' = %s: no distribution of SSPKs has mean %s (c2.sspk, line %d) and that "
                             "spread (%s)", bmd_yamldoc_fmt_limit(a, sizeof a, u->sspk_sigma),
                             bmd_yamldoc_fmt_limit(b, sizeof b, sc->c2.sspk), bmd_yamldoc_line(ya, bmd_yamldoc_get(ya, c2, "sspk")),
                             BETA_RULE);
  for (int k = 0; k < sc->c2.nsspk; k++)
    if (!bmd_scenario_beta_ok(sc->c2.sspk_pairs[k].sspk, u->sspk_sigma))
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, un, "sspk_sigma"), d,
                               "'sspk_sigma' = %s: no distribution of SSPKs has mean %s (sspk_pairs: %s against %s, "
                               "line %d) and that spread (%s)", bmd_yamldoc_fmt_limit(a, sizeof a, u->sspk_sigma),
                               bmd_yamldoc_fmt_limit(b, sizeof b, sc->c2.sspk_pairs[k].sspk),
                               sc->c2.sspk_pairs[k].interceptor->name, sc->c2.sspk_pairs[k].threat->name,
                               bmd_yamldoc_line(ya, bmd_yamldoc_seq_at(ya, bmd_yamldoc_get(ya, c2, "sspk_pairs"), k)),
                               BETA_RULE);
  if (!bmd_scenario_beta_ok(sc->c2.reliability, u->reliability_sigma))
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, un, "reliability_sigma"), d,
                             "'reliability_sigma' = %s: no distribution of reliabilities has mean %s (c2.reliability, "
                             "line %d) and that spread (%s)", bmd_yamldoc_fmt_limit(a, sizeof a, u->reliability_sigma),
                             bmd_yamldoc_fmt_limit(b, sizeof b, sc->c2.reliability),
                             bmd_yamldoc_line(ya, bmd_yamldoc_get(ya, c2, "reliability")), BETA_RULE);
  return BMD_OK;
}

/* the head of an architecture or attack file: its slug, title and (architecture) date */
static int part_head(struct bmd_scenario *sc, const struct bmd_yamldoc *y, enum bmd_part k, struct bmd_diag *d) {
  static const char *const akeys[] = {"architecture", "title", "date", "source", "cite", "sensors", "sites", "c2", NULL};
  static const char *const tkeys[] = {"attack", "title", "source", "cite", "seed", "threats", NULL};
  const char *word = bmd_part_word(k);
  char *slug = k == BMD_PART_ARCHITECTURE ? sc->architecture : sc->attack;
  char *title = k == BMD_PART_ARCHITECTURE ? sc->arch_title : sc->attack_title, src[BMD_SCEN_TEXT];
  int root = bmd_yamldoc_root(y);
  TRY(bmd_yamldoc_expect(y, root, BMD_YAML_MAP, "document", d));
  TRY(bmd_yamldoc_check_keys(y, root, k == BMD_PART_ARCHITECTURE ? akeys : tkeys, d));
  TRY(bmd_yamldoc_string(y, root, word, 1, slug, BMD_NAME_MAX, d));
  if (!slug_ok(slug)) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, root, word), d, "'%s' must be a lowercase slug", word);
  TRY(bmd_yamldoc_string(y, root, "title", 1, title, sizeof sc->arch_title, d));
  if (k == BMD_PART_ARCHITECTURE) TRY(bmd_yamldoc_string(y, root, "date", 0, sc->arch_date, sizeof sc->arch_date, d));
  return bmd_yamldoc_string(y, root, "source", 0, src, sizeof src, d);
}

int bmd_scenario_parse_docs(struct bmd_scenario *sc, const struct bmd_yamldoc *ys, const struct bmd_yamldoc *ya,
                            const struct bmd_yamldoc *yt, const struct bmd_catalog *cat, struct bmd_diag *d) {
  static const char *const keys[] = {"scenario", "title", "source", "seed", "physics", "sensors", "sites", "c2",
                                     "uncertainty", "threats", "architecture", "attack", "cite", NULL};
  int root = ys ? bmd_yamldoc_root(ys) : 0, node;
  if (ys) {
    TRY(bmd_yamldoc_expect(ys, root, BMD_YAML_MAP, "document", d));
    TRY(bmd_yamldoc_check_keys(ys, root, keys, d));
    TRY(bmd_yamldoc_string(ys, root, "scenario", 1, sc->name, sizeof sc->name, d));
    if (!slug_ok(sc->name)) return bmd_yamldoc_error(ys, bmd_yamldoc_get(ys, root, "scenario"), d, "'scenario' must be a lowercase slug");
    TRY(bmd_yamldoc_string(ys, root, "title", 1, sc->title, sizeof sc->title, d));
    TRY(bmd_yamldoc_string(ys, root, "source", 0, sc->source, sizeof sc->source, d));
  }
  if (ya && ya != ys) TRY(part_head(sc, ya, BMD_PART_ARCHITECTURE, d));
  if (yt && yt != ys) TRY(part_head(sc, yt, BMD_PART_ATTACK, d));
  sc->seed = 1;
  if (yt && yt != ys) TRY(bmd_yamldoc_uint64(yt, bmd_yamldoc_root(yt), "seed", 0, 0, BMD_SEED_MAX, &sc->seed, d));
  if (ys) TRY(bmd_yamldoc_uint64(ys, root, "seed", 0, 0, BMD_SEED_MAX, &sc->seed, d));
  bmd_physics_default(&sc->phys);
  node = ys ? bmd_yamldoc_get(ys, root, "physics") : 0;
  if (node) TRY(parse_physics(sc, ys, node, d));
  if (ya) {
    int ra = bmd_yamldoc_root(ya);
    node = bmd_yamldoc_get(ya, ra, "sensors");
    if (node) TRY(parse_sensors(sc, ya, node, cat, d));
    node = bmd_yamldoc_get(ya, ra, "sites");
    if (!node) return bmd_yamldoc_error(ya, ra, d, "missing 'sites'");
    TRY(parse_sites(sc, ya, node, cat, d));
    node = bmd_yamldoc_get(ya, ra, "c2");
    if (!node) return bmd_yamldoc_error(ya, ra, d, "missing 'c2'");
    TRY(parse_c2(sc, ya, node, cat, d));
  }
  node = ys ? bmd_yamldoc_get(ys, root, "uncertainty") : 0;
  if (node) TRY(parse_uncertainty(sc, ys, node, d));
  if (yt) {
    int rt = bmd_yamldoc_root(yt);
    node = bmd_yamldoc_get(yt, rt, "threats");
    if (!node) return bmd_yamldoc_error(yt, rt, d, "missing 'threats'");
    TRY(parse_threats(sc, yt, node, cat, d));
  }
  return check_spreads(sc, ys, ya, d);
}

int bmd_scenario_parse(struct bmd_scenario *sc, const char *text, size_t len, const char *name,
                       const struct bmd_catalog *cat, struct bmd_diag *d) {
  struct bmd_yamldoc *y = NULL;
  struct bmd_part_doc pa, pt;
  int st;
  memset(sc, 0, sizeof *sc);
  memset(&pa, 0, sizeof pa);
  memset(&pt, 0, sizeof pt);
  snprintf(sc->file, sizeof sc->file, "%s", name);
  sc->cat = cat;
  st = bmd_yamldoc_load(&y, text, len, name, d);
  if (st == BMD_OK) st = bmd_part_refs_open(y, name, &pa, &pt, d);
  if (st == BMD_OK) st = bmd_scenario_parse_docs(sc, y, pa.y ? pa.y : y, pt.y ? pt.y : y, cat, d);
  if (st == BMD_OK) st = bmd_scenario_collect_evidence(sc, y, pa.y ? pa.y : y, pt.y ? pt.y : y, d);
  bmd_part_doc_close(&pa);
  bmd_part_doc_close(&pt);
  bmd_yamldoc_free(y);
  if (st == BMD_ENOMEM) bmd_diag_set(d, name, 0, 0, "out of memory");
  if (st != BMD_OK) bmd_scenario_release(sc);
  return st;
}

int bmd_scenario_load_file(struct bmd_scenario *sc, const char *path,
                           const struct bmd_catalog *cat, struct bmd_diag *d) {
  char *buf = NULL;
  size_t n = 0;
  int st;
  memset(sc, 0, sizeof *sc);
  st = bmd_infile_read(path, BMD_YAMLDOC_MAX_BYTES, &buf, &n, d);
  if (st != BMD_OK) return st;
  st = bmd_scenario_parse(sc, buf, n, path, cat, d);
  free(buf);
  return st;
}

int bmd_scenario_load_builtin(struct bmd_scenario *sc, const char *name,
                              const struct bmd_catalog *cat, struct bmd_diag *d) {
  size_t len = 0;
  const char *text = bmd_scenario_builtin_text(name, &len), *canon = bmd_scenario_builtin_find(name);
  memset(sc, 0, sizeof *sc);
  if (!text) {
    char h[96];
    bmd_diag_set(d, "", 0, 0, "no built-in scenario '%s'%s", name,
                 bmd_name_hint_text(h, sizeof h, bmd_name_hint_list(name, builtin)));
    return BMD_ENOTFOUND;
  }
  /* diagnostics name the scenario as the user named it (by its name), not a path in the
     source tree that a binary-only user does not have */
  return bmd_scenario_parse(sc, text, len, canon, cat, d);
}

int bmd_scenario_same_shot(const struct bmd_scen_threat *a, const struct bmd_scen_threat *b) {
  return a->missile == b->missile && a->from_lat_deg == b->from_lat_deg && a->from_lon_deg == b->from_lon_deg &&
         a->from_alt_m == b->from_alt_m && a->to_lat_deg == b->to_lat_deg && a->to_lon_deg == b->to_lon_deg &&
         a->traj_kind == b->traj_kind && a->apogee_km == b->apogee_km && a->payload == b->payload &&
         a->object == b->object && a->aim_lat_deg == b->aim_lat_deg && a->aim_lon_deg == b->aim_lon_deg &&
         a->aims_of == b->aims_of;
}

static unsigned long long mix(unsigned long long h, double v) {
  unsigned long long u;
  v = v == 0.0 ? 0.0 : v; /* -0 and +0 are one shot, as == says */
  memcpy(&u, &v, sizeof u);
  h ^= u + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

int bmd_scenario_shots(const struct bmd_scenario *sc, int *first) {
  size_t cap = 16, mask;
  int *slot, nshots = 0;
  while (cap < 2 * (size_t)sc->nthreats) cap *= 2;
  mask = cap - 1;
  slot = malloc(cap * sizeof *slot);
  if (!slot) return -1;
  for (size_t k = 0; k < cap; k++) slot[k] = -1;
  for (int i = 0; i < sc->nthreats; i++) {
    const struct bmd_scen_threat *t = &sc->threats[i];
    unsigned long long h = (unsigned long long)(uintptr_t)t->missile * 0x100000001b3ULL;
    size_t k;
    h = mix(mix(mix(mix(mix(mix(h, t->from_lat_deg), t->from_lon_deg), t->from_alt_m), t->to_lat_deg),
                t->to_lon_deg), t->apogee_km) + (unsigned)t->traj_kind;
    for (k = (size_t)h & mask; slot[k] >= 0; k = (k + 1) & mask)
      if (bmd_scenario_same_shot(&sc->threats[slot[k]], t)) break;
    if (slot[k] < 0) {
      slot[k] = i;
      nshots++;
    }
    first[i] = slot[k];
  }
  free(slot);
  return nshots;
}

double bmd_scenario_sspk(const struct bmd_scenario *sc, const struct bmd_missile *ic,
                         const struct bmd_missile *th) {
  for (int i = 0; i < sc->c2.nsspk; i++)
    if (sc->c2.sspk_pairs[i].interceptor == ic && sc->c2.sspk_pairs[i].threat == th)
      return sc->c2.sspk_pairs[i].sspk;
  return sc->c2.sspk;
}

void bmd_scenario_release(struct bmd_scenario *sc) {
  if (!sc) return;
  free(sc->radars);
  free(sc->sites);
  free(sc->threats);
  free(sc->c2.sspk_pairs);
  if (sc->ev) bmd_evidence_release(sc->ev);
  free(sc->ev);
  memset(sc, 0, sizeof *sc);
}
