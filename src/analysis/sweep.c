/* sweep.c - parameter sweeps over a base scenario (sweep.h; format in docs/sweep.md). */
#include <bmd/sweep.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <bmd/const.h>
#include <bmd/coverage.h>
#include <bmd/infile.h>
#include <bmd/names.h>
#include <bmd/mc.h>
#include <bmd/sim.h>
#include <bmd/status.h>
#include <bmd/yamldoc.h>

#define TRY(x) do { int st_ = (x); if (st_ != BMD_OK) return st_; } while (0)

/* ---- names ---- */

static const struct {
  int analysis;
  const char *name;
} metrics[BMD_SWEEP_M_COUNT] = {
#define BMD_X_(an, id, nm, doc) {BMD_SWEEP_##an, nm},
    BMD_SWEEP_METRICS(BMD_X_)
#undef BMD_X_
};

static const char *const analysis_names[] = {"run", "mc", "coverage", "footprint"};

/* metric names retired when the outcome vocabulary was fixed (docs/outcomes.md), and the
   metric that replaces each: a sweep file naming one gets an error that says so */
static const struct {
  const char *old, *now;
} renamed[] = {
    {"not_engaged", BMD_OUTCOME_UNENGAGED_NAME},
    {"p_zero_leakers", "p_none_" BMD_OUTCOME_REACHED_TARGET},
    {"p_zero_leakers_ci95_lo", "p_none_" BMD_OUTCOME_REACHED_TARGET "_ci95_lo"},
    {"p_zero_leakers_ci95_hi", "p_none_" BMD_OUTCOME_REACHED_TARGET "_ci95_hi"},
    {"leakers_mean", BMD_OUTCOME_REACHED_TARGET "_mean"},
    {"leakers_sd", BMD_OUTCOME_REACHED_TARGET "_sd"},
};

const char *bmd_sweep_analysis_name(int a) {
  return a >= 0 && a < 4 ? analysis_names[a] : "unknown";
}

const char *bmd_sweep_metric_name(int m) {
  return m >= 0 && m < BMD_SWEEP_M_COUNT ? metrics[m].name : NULL;
}

/* FNV-1a, 64 bit (Fowler, Noll & Vo; IETF draft-eastlake-fnv, sec. 2) */
static uint64_t fnv1a(uint64_t h, const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* ---- parameter values ---- */

struct pkind {
  const char *name;   /* exact name, or the suffix after site.<name>. */
  int kind, site_param;
  double lo, hi;
  int whole;          /* 1: integers only */
};

static const struct pkind pkinds[] = {
    {"c2.decision_latency_s", BMD_SWEEP_P_DECISION_LATENCY, 0, 0.0, 86400.0, 0},
    {"c2.sspk", BMD_SWEEP_P_SSPK, 0, 0.0, 1.0, 0},
    {"c2.reliability", BMD_SWEEP_P_RELIABILITY, 0, 0.0, 1.0, 0},
    {"c2.salvo", BMD_SWEEP_P_SALVO, 0, 1.0, 16.0, 1},
    {"c2.doctrine", BMD_SWEEP_P_DOCTRINE, 0, 0.0, 1.0, 0},
    {"c2.kill_assessment_s", BMD_SWEEP_P_KILL_ASSESSMENT, 0, 0.0, 86400.0, 0},
    {"interceptor_speed_scale", BMD_SWEEP_P_SPEED_SCALE, 0, 0.25, 4.0, 0},
    {"inventory", BMD_SWEEP_P_INVENTORY, 1, 0.0, 100000.0, 1},
    {"enabled", BMD_SWEEP_P_ENABLED, 1, 0.0, 1.0, 0},
    {"raid_size", BMD_SWEEP_P_RAID_SIZE, 0, 1.0, (double)BMD_SWEEP_MAX_RAID, 1},
    {"seed", BMD_SWEEP_P_SEED, 0, 0.0, 18446744073709551615.0, 1},
    {"glide.lift_to_drag", BMD_SWEEP_P_GLIDE_LD, 0, 0.5, 10.0, 0},
    {"glide.beta_kgm2", BMD_SWEEP_P_GLIDE_BETA, 0, 1000.0, 100000.0, 0},
};
#define NPKINDS ((int)(sizeof pkinds / sizeof pkinds[0]))

static const struct pkind *kind_of(int kind) {
  for (int i = 0; i < NPKINDS; i++)
    if (pkinds[i].kind == kind) return &pkinds[i];
  return NULL;
}

/* Check one value text of parameter p; canonicalise it into out and its number into *num.
   Returns NULL if good, else a message (static text). */
static const char *check_value(const struct bmd_sweep_param *p, const char *text, char *out, double *num) {
  const struct pkind *k = kind_of(p->kind);
  char *end;
  double v;
  if (p->kind == BMD_SWEEP_P_DOCTRINE) {
    if (strcmp(text, "shoot-look-shoot") == 0) *num = BMD_DOCTRINE_SLS;
    else if (strcmp(text, "salvo") == 0) *num = BMD_DOCTRINE_SALVO;
    else return "must be shoot-look-shoot or salvo";
    snprintf(out, BMD_SWEEP_VALUE_MAX, "%s", text);
    return NULL;
  }
  if (p->kind == BMD_SWEEP_P_ENABLED) {
    if (strcmp(text, "true") == 0) *num = 1.0;
    else if (strcmp(text, "false") == 0) *num = 0.0;
    else return "must be true or false";
    snprintf(out, BMD_SWEEP_VALUE_MAX, "%s", text);
    return NULL;
  }
  if (p->kind == BMD_SWEEP_P_SEED) {
    unsigned long long u;
    if (!*text) return "must be a whole number from 0 to 18446744073709551615";
    for (const char *c = text; *c; c++)
      if (*c < '0' || *c > '9') return "must be a whole number from 0 to 18446744073709551615";
    errno = 0;
    u = strtoull(text, &end, 10);
    if (errno || *end) return "must be a whole number from 0 to 18446744073709551615";
    snprintf(out, BMD_SWEEP_VALUE_MAX, "%llu", u);
    *num = (double)u;
    return NULL;
  }
  v = strtod(text, &end);
  if (end == text || *end || !isfinite(v)) return "must be a number";
  if (v < k->lo || v > k->hi) return "is out of range";
  if (k->whole && v != floor(v)) return "must be a whole number";
  snprintf(out, BMD_SWEEP_VALUE_MAX, "%.15g", v);
  *num = strtod(out, NULL);
  return NULL;
}

static int param_name(struct bmd_sweep_param *p, const struct bmd_scenario *sc, const char *name) {
  p->site = -1;
  snprintf(p->name, sizeof p->name, "%s", name);
  if (strncmp(name, "site.", 5) == 0) {
    const char *dot = strrchr(name, '.');
    size_t n = (size_t)(dot - (name + 5));
    if (dot <= name + 5) return -1;
    for (int i = 0; i < NPKINDS; i++)
      if (pkinds[i].site_param && strcmp(dot + 1, pkinds[i].name) == 0) p->kind = pkinds[i].kind;
    if (p->kind < 0) return -1;
    for (int s = 0; s < sc->nsites; s++)
      if (strlen(sc->sites[s].name) == n && strncasecmp(sc->sites[s].name, name + 5, n) == 0) p->site = s;
    return p->site < 0 ? -2 : 0;
  }
  for (int i = 0; i < NPKINDS; i++)
    if (!pkinds[i].site_param && strcmp(name, pkinds[i].name) == 0) p->kind = pkinds[i].kind;
  return p->kind < 0 ? -1 : 0;
}

static int alloc_values(struct bmd_sweep_param *p, long n) {
  p->value = calloc((size_t)n, sizeof *p->value);
  p->num = calloc((size_t)n, sizeof *p->num);
  return p->value && p->num ? BMD_OK : BMD_ENOMEM;
}

/* mc: a swept SSPK or reliability must admit the base scenario's spread of it (a Beta
   distribution around it: bmd_scenario_beta_ok), as the scenario's own values must */
static int check_spread(const struct bmd_sweep *sw, const struct bmd_sweep_param *p, const struct bmd_yamldoc *y,
                        int node, struct bmd_diag *d) {
  double sd;
  const char *what;
  if (sw->analysis != BMD_SWEEP_MC) return BMD_OK;
  if (p->kind == BMD_SWEEP_P_SSPK) sd = sw->sc.unc.sspk_sigma, what = "sspk_sigma";
  else if (p->kind == BMD_SWEEP_P_RELIABILITY) sd = sw->sc.unc.reliability_sigma, what = "reliability_sigma";
  else return BMD_OK;
  for (int i = 0; i < p->nvalues; i++)
    if (!bmd_scenario_beta_ok(p->num[i], sd)) {
      char a[32];
      return bmd_yamldoc_error(y, node, d,
                               "parameter '%s': value %s cannot have the base scenario's %s = %s (a Beta "
                               "distribution with mean m has a standard deviation below sqrt(m(1 - m)), and "
                               "none at m = 0 or 1)",
                               p->name, p->value[i], what, bmd_yamldoc_fmt_limit(a, sizeof a, sd));
    }
  return BMD_OK;
}

static int parse_param(struct bmd_sweep *sw, const struct bmd_yamldoc *y, int node, struct bmd_diag *d) {
  static const char *const keys[] = {"name", "values", "from", "to", "step", NULL};
  struct bmd_sweep_param *p = &sw->param[sw->nparams];
  char name[BMD_SWEEP_PARAM_NAME_MAX];
  int vals, r;
  const char *msg;
  TRY(bmd_yamldoc_expect(y, node, BMD_YAML_MAP, "parameter", d));
  TRY(bmd_yamldoc_check_keys(y, node, keys, d));
  TRY(bmd_yamldoc_string(y, node, "name", 1, name, sizeof name, d));
  p->kind = -1;
  r = param_name(p, &sw->sc, name);
  if (r == -1)
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "name"), d,
                             "unknown parameter '%s' (c2.decision_latency_s, c2.sspk, c2.reliability, "
                             "c2.salvo, c2.doctrine, c2.kill_assessment_s, interceptor_speed_scale, "
                             "site.NAME.inventory, site.NAME.enabled, raid_size, seed, glide.lift_to_drag, glide.beta_kgm2)", name);
  if (r == -2)
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "name"), d, "parameter '%s': no site of that name in scenario '%s'",
                             name, sw->sc.name);
  for (int q = 0; q < sw->nparams; q++)
    if (strcmp(sw->param[q].name, name) == 0)
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "name"), d, "parameter '%s' given twice", name);
  if (p->kind == BMD_SWEEP_P_GLIDE_LD || p->kind == BMD_SWEEP_P_GLIDE_BETA) {
    int any = 0;
    for (int i = 0; i < sw->sc.nthreats; i++) any |= sw->sc.threats[i].missile->vehicle.glide.have;
    if (!any)
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "name"), d,
                               "%s: no threat of scenario '%s' is a glider (docs/models/glide.md)", name, sw->sc.name);
  }
  if (p->kind == BMD_SWEEP_P_RAID_SIZE && sw->sc.nthreats < 1)
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "name"), d, "raid_size: scenario '%s' has no threats", sw->sc.name);
  sw->nparams++;
  vals = bmd_yamldoc_get(y, node, "values");
  if (vals) {
    int n;
    if (bmd_yamldoc_get(y, node, "from") || bmd_yamldoc_get(y, node, "to") || bmd_yamldoc_get(y, node, "step"))
      return bmd_yamldoc_error(y, vals, d, "parameter '%s': give either 'values' or 'from'/'to'/'step', not both", name);
    TRY(bmd_yamldoc_expect(y, vals, BMD_YAML_SEQ, "values", d));
    n = bmd_yamldoc_seq_len(y, vals);
    if (n < 1 || n > BMD_SWEEP_MAX_VALUES)
      return bmd_yamldoc_error(y, vals, d, "parameter '%s': 'values' must have 1 to %d entries", name, BMD_SWEEP_MAX_VALUES);
    TRY(alloc_values(p, n));
    p->nvalues = n;
    for (int i = 0; i < n; i++) {
      int v = bmd_yamldoc_seq_at(y, vals, i);
      const char *t = bmd_yamldoc_scalar(y, v);
      if (!t) return bmd_yamldoc_error(y, v, d, "parameter '%s': each value must be a scalar", name);
      /* numbers and seeds are written plainly; "0.5" in quotes is text (yamldoc.h) */
      if (p->kind != BMD_SWEEP_P_DOCTRINE && p->kind != BMD_SWEEP_P_ENABLED && !bmd_yamldoc_plain(y, v))
        return bmd_yamldoc_error(y, v, d, "parameter '%s': value '%.40s' must be a number, not text (write it without quotes)",
                                 name, t);
      if ((msg = check_value(p, t, p->value[i], &p->num[i])) != NULL)
        return bmd_yamldoc_error(y, v, d, "parameter '%s': value '%s' %s", name, t, msg);
      for (int j = 0; j < i; j++)
        if (strcmp(p->value[j], p->value[i]) == 0)
          return bmd_yamldoc_error(y, v, d, "parameter '%s': value '%s' given twice", name, t);
    }
    return check_spread(sw, p, y, vals, d);
  }
  {
    double from, to, step, count;
    if (p->kind == BMD_SWEEP_P_DOCTRINE || p->kind == BMD_SWEEP_P_ENABLED || p->kind == BMD_SWEEP_P_SEED)
      return bmd_yamldoc_error(y, node, d, "parameter '%s' takes a 'values' list", name);
    TRY(bmd_yamldoc_number(y, node, "from", 1, -1e300, 1e300, &from, d));
    TRY(bmd_yamldoc_number(y, node, "to", 1, -1e300, 1e300, &to, d));
    TRY(bmd_yamldoc_number(y, node, "step", 1, 0.0, 1e300, &step, d));
    if (!(step > 0.0)) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "step"), d, "'step' must be > 0");
    if (to < from) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "to"), d, "'to' must be >= 'from'");
    /* the values from + k step for k = 0, 1, ... up to `to`; the 1e-9 step slack keeps
       `to` itself when (to - from) / step is whole but rounds just below */
    count = floor((to - from) / step + 1e-9) + 1.0;
    if (count > BMD_SWEEP_MAX_VALUES)
      return bmd_yamldoc_error(y, node, d, "parameter '%s': more than %d values", name, BMD_SWEEP_MAX_VALUES);
    TRY(alloc_values(p, (long)count));
    p->nvalues = (int)count;
    for (int i = 0; i < p->nvalues; i++) {
      char t[64];
      snprintf(t, sizeof t, "%.15g", from + i * step);
      if ((msg = check_value(p, t, p->value[i], &p->num[i])) != NULL)
        return bmd_yamldoc_error(y, node, d, "parameter '%s': value %s %s", name, t, msg);
    }
  }
  return check_spread(sw, p, y, node, d);
}

static int parse_metrics(struct bmd_sweep *sw, const struct bmd_yamldoc *y, int node, struct bmd_diag *d) {
  if (!node) {
    for (int m = 0; m < BMD_SWEEP_M_COUNT; m++)
      if (metrics[m].analysis == sw->analysis) sw->metric[sw->nmetrics++] = m;
    return BMD_OK;
  }
  TRY(bmd_yamldoc_expect(y, node, BMD_YAML_SEQ, "metrics", d));
  if (bmd_yamldoc_seq_len(y, node) < 1) return bmd_yamldoc_error(y, node, d, "'metrics' is empty");
  for (int i = 0; i < bmd_yamldoc_seq_len(y, node); i++) {
    int v = bmd_yamldoc_seq_at(y, node, i), found = -1;
    const char *t = bmd_yamldoc_scalar(y, v);
    char list[512] = "";
    if (!t) return bmd_yamldoc_error(y, v, d, "each metric must be a name");
    for (int m = 0; m < BMD_SWEEP_M_COUNT; m++)
      if (metrics[m].analysis == sw->analysis) {
        if (strcmp(t, metrics[m].name) == 0) found = m;
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? ", " : "", metrics[m].name);
      }
    for (size_t r = 0; found < 0 && r < sizeof renamed / sizeof renamed[0]; r++)
      if (strcmp(t, renamed[r].old) == 0) {
        int an = 0;
        for (int m = 0; m < BMD_SWEEP_M_COUNT; m++)
          if (strcmp(metrics[m].name, renamed[r].now) == 0) an = metrics[m].analysis;
        return bmd_yamldoc_error(y, v, d, "metric '%s' is now '%s' (a metric of analysis %s; %s)", t, renamed[r].now,
                                 analysis_names[an], BMD_OUTCOME_DOC);
      }
    if (found < 0)
      return bmd_yamldoc_error(y, v, d, "unknown metric '%s' for analysis %s (%s)", t,
                               analysis_names[sw->analysis], list);
    for (int k = 0; k < sw->nmetrics; k++)
      if (sw->metric[k] == found) return bmd_yamldoc_error(y, v, d, "metric '%s' given twice", t);
    sw->metric[sw->nmetrics++] = found;
  }
  return BMD_OK;
}

/* a site slug or "lat,lon" */
static int parse_launch(struct bmd_footprint_launch *l, const struct bmd_yamldoc *y, int v,
                        const struct bmd_catalog *cat, struct bmd_diag *d) {
  const char *t = bmd_yamldoc_scalar(y, v);
  const struct bmd_site *s;
  if (!t || strlen(t) >= BMD_NAME_MAX) return bmd_yamldoc_error(y, v, d, "'launch' entries must be a site or LAT,LON");
  s = bmd_catalog_site(cat, t);
  snprintf(l->name, sizeof l->name, "%s", t);
  if (s) {
    l->lat_deg = s->lat_deg;
    l->lon_deg = s->lon_deg;
    l->alt_m = s->alt_m;
    return BMD_OK;
  }
  {
    char buf[BMD_NAME_MAX], *comma, *e1, *e2;
    double la, lo;
    snprintf(buf, sizeof buf, "%s", t);
    comma = strchr(buf, ',');
    if (comma) {
      *comma = '\0';
      la = strtod(buf, &e1);
      lo = strtod(comma + 1, &e2);
      if (e1 != buf && !*e1 && e2 != comma + 1 && !*e2 && fabs(la) <= 90.0 && fabs(lo) <= 180.0) {
        l->lat_deg = la;
        l->lon_deg = lo;
        l->alt_m = 0.0;
        return BMD_OK;
      }
    }
  }
  {
    char h[96];
    return bmd_yamldoc_error(y, v, d, "unknown launch site '%s'%s (see bmdsim catalog; or give LAT,LON)", t,
                             bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(cat, BMD_CATALOG_SITE, t)));
  }
}

static int parse_options(struct bmd_sweep *sw, const struct bmd_yamldoc *y, int node,
                         const struct bmd_catalog *cat, struct bmd_diag *d) {
  static const char *const k_run[] = {NULL};
  static const char *const k_mc[] = {"trials", NULL};
  static const char *const k_cov[] = {"thresholds", NULL};
  static const char *const k_fp[] = {"missile", "launch", "region", "grid_deg", "rcs_dbsm", NULL};
  static const char *const *const keys[] = {k_run, k_mc, k_cov, k_fp};
  double v;
  sw->mc_trials = 200;
  sw->fp.grid_deg = 1.0;
  sw->fp.dt_s = 2.0;
  sw->fp.rcs_dbsm = nan("");
  if (!node) {
    if (sw->analysis == BMD_SWEEP_FOOTPRINT)
      return bmd_yamldoc_error(y, bmd_yamldoc_root(y), d, "analysis footprint needs 'options' with missile, launch and region");
    return BMD_OK;
  }
  TRY(bmd_yamldoc_expect(y, node, BMD_YAML_MAP, "options", d));
  TRY(bmd_yamldoc_check_keys(y, node, keys[sw->analysis], d));
  if (sw->analysis == BMD_SWEEP_MC) {
    v = (double)sw->mc_trials;
    TRY(bmd_yamldoc_number(y, node, "trials", 0, 1.0, (double)BMD_SWEEP_MC_MAX_TRIALS, &v, d));
    if (v != floor(v)) return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "trials"), d, "'trials' must be a whole number");
    sw->mc_trials = (long)v;
  } else if (sw->analysis == BMD_SWEEP_COVERAGE) {
    int t = bmd_yamldoc_get(y, node, "thresholds");
    if (t) {
      const char *s = bmd_yamldoc_scalar(y, t);
      if (!s || (strcmp(s, "true") && strcmp(s, "false")))
        return bmd_yamldoc_error(y, t, d, "'thresholds' must be true or false");
      sw->coverage_thresholds = s[0] == 't';
    }
  } else if (sw->analysis == BMD_SWEEP_FOOTPRINT) {
    char name[BMD_NAME_MAX];
    int l = bmd_yamldoc_get(y, node, "launch"), r = bmd_yamldoc_get(y, node, "region");
    double reg[4];
    TRY(bmd_yamldoc_string(y, node, "missile", 1, name, sizeof name, d));
    sw->fp.missile = bmd_catalog_missile(cat, name);
    if (!sw->fp.missile || sw->fp.missile->interceptor) {
      char h[96];
      return bmd_yamldoc_error(y, bmd_yamldoc_get(y, node, "missile"), d, "unknown threat missile '%s'%s (see bmdsim catalog)",
                               name, bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(cat, BMD_CATALOG_THREAT, name)));
    }
    if (!l) return bmd_yamldoc_error(y, node, d, "missing 'launch'");
    TRY(bmd_yamldoc_expect(y, l, BMD_YAML_SEQ, "launch", d));
    if (bmd_yamldoc_seq_len(y, l) < 1 || bmd_yamldoc_seq_len(y, l) > BMD_FOOTPRINT_MAX_LAUNCHES)
      return bmd_yamldoc_error(y, l, d, "'launch' must list 1 to %d points", BMD_FOOTPRINT_MAX_LAUNCHES);
    sw->fp.nlaunch = bmd_yamldoc_seq_len(y, l);
    for (int i = 0; i < sw->fp.nlaunch; i++) TRY(parse_launch(&sw->fp.launch[i], y, bmd_yamldoc_seq_at(y, l, i), cat, d));
    if (!r) return bmd_yamldoc_error(y, node, d, "missing 'region'");
    TRY(bmd_yamldoc_expect(y, r, BMD_YAML_SEQ, "region", d));
    if (bmd_yamldoc_seq_len(y, r) != 4) return bmd_yamldoc_error(y, r, d, "'region' must be [LAT0, LON0, LAT1, LON1]");
    for (int i = 0; i < 4; i++)
      TRY(bmd_yamldoc_to_number(y, bmd_yamldoc_seq_at(y, r, i), "region", i % 2 ? -180.0 : -90.0, i % 2 ? 180.0 : 90.0,
                                &reg[i], d));
    if (reg[2] <= reg[0] || reg[3] <= reg[1])
      return bmd_yamldoc_error(y, r, d, "'region' must have LAT0 < LAT1 and LON0 < LON1");
    sw->fp.lat_min_deg = reg[0];
    sw->fp.lon_min_deg = reg[1];
    sw->fp.lat_max_deg = reg[2];
    sw->fp.lon_max_deg = reg[3];
    TRY(bmd_yamldoc_number(y, node, "grid_deg", 0, 0.01, 10.0, &sw->fp.grid_deg, d));
    TRY(bmd_yamldoc_number(y, node, "rcs_dbsm", 0, -60.0, 60.0, &sw->fp.rcs_dbsm, d));
    if (isnan(sw->fp.rcs_dbsm)) {
      /* the first scenario threat flying this missile, else -10 dBsm (a re-entry vehicle) */
      sw->fp.rcs_dbsm = -10.0;
      for (int i = sw->sc.nthreats - 1; i >= 0; i--)
        if (sw->sc.threats[i].missile == sw->fp.missile) sw->fp.rcs_dbsm = sw->sc.threats[i].rcs_dbsm;
    }
  }
  return BMD_OK;
}

/* the base scenario: a built-in name, or a path (with '/' or ending in .yaml) relative to
   the sweep file's directory */
static int load_base(struct bmd_sweep *sw, const struct bmd_yamldoc *y, int node, const char *name,
                     const struct bmd_catalog *cat, struct bmd_diag *d) {
  size_t n = strlen(sw->base);
  int st;
  if (strchr(sw->base, '/') || (n > 5 && strcmp(sw->base + n - 5, ".yaml") == 0)) {
    char path[512];
    const char *slash = strrchr(name, '/');
    char *buf = NULL;
    size_t len = 0;
    struct bmd_diag e;
    if (sw->base[0] == '/' || !slash) snprintf(path, sizeof path, "%s", sw->base);
    else snprintf(path, sizeof path, "%.*s/%s", (int)(slash - name), name, sw->base);
    st = bmd_infile_read(path, BMD_YAMLDOC_MAX_BYTES, &buf, &len, &e);
    if (st == BMD_ENOMEM) return st;
    if (st != BMD_OK) return bmd_yamldoc_error(y, node, d, "base scenario '%s': %s", path, e.msg);
    sw->hash = fnv1a(sw->hash, buf, len);
    st = bmd_scenario_parse(&sw->sc, buf, len, path, cat, d);
    free(buf);
    return st;
  }
  {
    const char *canon = bmd_scenario_builtin_find(sw->base), *text;
    size_t len = 0;
    char h[96];
    text = canon ? bmd_scenario_builtin_text(canon, &len) : NULL;
    if (!text)
      return bmd_yamldoc_error(y, node, d, "base '%s' is neither a scenario file nor a built-in scenario%s", sw->base,
                               bmd_name_hint_text(h, sizeof h, bmd_name_hint_list(sw->base, bmd_scenario_builtin_names())));
    sw->hash = fnv1a(sw->hash, text, len);
    st = bmd_scenario_load_builtin(&sw->sc, canon, cat, d);
  }
  return st;
}

static int parse_doc(struct bmd_sweep *sw, const struct bmd_yamldoc *y, const char *name,
                     const struct bmd_catalog *cat, struct bmd_diag *d) {
  static const char *const keys[] = {"sweep", "source", "base", "analysis", "options", "parameters",
                                     "metrics", "seed", NULL};
  int root = bmd_yamldoc_root(y), ps;
  char an[32];
  TRY(bmd_yamldoc_expect(y, root, BMD_YAML_MAP, "sweep file", d));
  TRY(bmd_yamldoc_check_keys(y, root, keys, d));
  {
    const char *slash = strrchr(name, '/'), *b = slash ? slash + 1 : name;
    size_t n = strlen(b);
    if (n > 5 && strcmp(b + n - 5, ".yaml") == 0) n -= 5;
    snprintf(sw->name, sizeof sw->name, "%.*s", (int)(n < BMD_NAME_MAX - 1 ? n : BMD_NAME_MAX - 1), b);
  }
  TRY(bmd_yamldoc_string(y, root, "sweep", 0, sw->name, sizeof sw->name, d));
  TRY(bmd_yamldoc_string(y, root, "source", 1, sw->source, sizeof sw->source, d));
  TRY(bmd_yamldoc_string(y, root, "analysis", 1, an, sizeof an, d));
  sw->analysis = -1;
  for (int a = 0; a < 4; a++)
    if (strcmp(an, analysis_names[a]) == 0) sw->analysis = a;
  if (sw->analysis < 0)
    return bmd_yamldoc_error(y, bmd_yamldoc_get(y, root, "analysis"), d, "'analysis' must be run, mc, coverage or footprint");
  TRY(bmd_yamldoc_string(y, root, "base", 1, sw->base, sizeof sw->base, d));
  TRY(load_base(sw, y, bmd_yamldoc_get(y, root, "base"), name, cat, d));
  sw->seed = sw->sc.seed;
  TRY(bmd_yamldoc_uint64(y, root, "seed", 0, 0, BMD_SEED_MAX, &sw->seed, d));
  TRY(parse_options(sw, y, bmd_yamldoc_get(y, root, "options"), cat, d));
  ps = bmd_yamldoc_get(y, root, "parameters");
  sw->npoints = 1;
  if (ps) {
    TRY(bmd_yamldoc_expect(y, ps, BMD_YAML_SEQ, "parameters", d));
    if (bmd_yamldoc_seq_len(y, ps) > BMD_SWEEP_MAX_PARAMS)
      return bmd_yamldoc_error(y, ps, d, "more than %d parameters", BMD_SWEEP_MAX_PARAMS);
    for (int i = 0; i < bmd_yamldoc_seq_len(y, ps); i++) {
      TRY(parse_param(sw, y, bmd_yamldoc_seq_at(y, ps, i), d));
      if ((double)sw->npoints * sw->param[i].nvalues > (double)BMD_SWEEP_MAX_POINTS)
        return bmd_yamldoc_error(y, ps, d, "more than %ld points", BMD_SWEEP_MAX_POINTS);
      sw->npoints *= sw->param[i].nvalues;
    }
  }
  TRY(parse_metrics(sw, y, bmd_yamldoc_get(y, root, "metrics"), d));
  return BMD_OK;
}

int bmd_sweep_parse(struct bmd_sweep *sw, const char *text, size_t len, const char *name,
                    const struct bmd_catalog *cat, struct bmd_diag *d) {
  struct bmd_yamldoc *y = NULL;
  int st;
  memset(sw, 0, sizeof *sw);
  snprintf(sw->file, sizeof sw->file, "%s", name);
  sw->hash = fnv1a(0xcbf29ce484222325ULL, text, len);
  st = bmd_yamldoc_load(&y, text, len, name, d);
  if (st != BMD_OK) goto fail;
  st = parse_doc(sw, y, name, cat, d);
  if (st != BMD_OK) goto fail;
  bmd_yamldoc_free(y);
  return BMD_OK;
fail:
  bmd_yamldoc_free(y);
  bmd_sweep_release(sw);
  return st;
}

int bmd_sweep_load_file(struct bmd_sweep *sw, const char *path, const struct bmd_catalog *cat,
                        struct bmd_diag *d) {
  char *buf = NULL;
  size_t len = 0;
  int st;
  memset(sw, 0, sizeof *sw);
  st = bmd_infile_read(path, BMD_YAMLDOC_MAX_BYTES, &buf, &len, d);
  if (st != BMD_OK) return st;
  st = bmd_sweep_parse(sw, buf, len, path, cat, d);
  free(buf);
  return st;
}

void bmd_sweep_release(struct bmd_sweep *sw) {
  if (!sw) return;
  for (int p = 0; p < BMD_SWEEP_MAX_PARAMS; p++) {
    free(sw->param[p].value);
    free(sw->param[p].num);
  }
  bmd_scenario_release(&sw->sc);
  memset(sw, 0, sizeof *sw);
}

/* ---- points ---- */

int bmd_sweep_value_index(const struct bmd_sweep *sw, long idx, int p) {
  for (int q = sw->nparams - 1; q > p; q--) idx /= sw->param[q].nvalues;
  return (int)(idx % sw->param[p].nvalues);
}

int bmd_sweep_params_json(const struct bmd_sweep *sw, long idx, char *buf, size_t cap) {
  size_t n = 0;
  int w;
  if (cap < 3) return BMD_ERANGE;
  buf[n++] = '{';
  for (int p = 0; p < sw->nparams; p++) {
    const struct bmd_sweep_param *pa = &sw->param[p];
    int k = bmd_sweep_value_index(sw, idx, p);
    int quoted = pa->kind == BMD_SWEEP_P_DOCTRINE;
    /* names and values are from a checked alphabet (slugs, numbers, words): no escapes */
    w = snprintf(buf + n, cap - n, "%s\"%s\":%s%s%s", p ? "," : "", pa->name, quoted ? "\"" : "", pa->value[k],
                 quoted ? "\"" : "");
    if (w < 0 || (size_t)w >= cap - n) return BMD_ERANGE;
    n += (size_t)w;
  }
  if (n + 2 > cap) return BMD_ERANGE;
  buf[n++] = '}';
  buf[n] = '\0';
  return BMD_OK;
}

void bmd_sweep_scenario_release(struct bmd_sweep_scenario *s) {
  if (!s) return;
  free(s->sites);
  free(s->threats);
  free(s->sspk_pairs);
  free(s->missiles);
  free(s->gliders);
  memset(s, 0, sizeof *s);
}

int bmd_sweep_apply(const struct bmd_sweep *sw, long idx, struct bmd_sweep_scenario *out, struct bmd_diag *d) {
  const struct bmd_scenario *b = &sw->sc;
  struct bmd_scenario *sc = &out->sc;
  double scale = 1.0, glide_ld = 0.0, glide_beta = 0.0;
  int raid = b->nthreats, ns = 0, have_seed = 0;
  unsigned char *drop = NULL;
  const struct bmd_missile **tm = NULL;
  memset(out, 0, sizeof *out);
  if (idx < 0 || idx >= sw->npoints) {
    bmd_diag_set(d, sw->file, 0, 0, "point %ld out of range (0 to %ld)", idx, sw->npoints - 1);
    return BMD_EINVAL;
  }
  *sc = *b;
  out->sites = calloc((size_t)(b->nsites > 0 ? b->nsites : 1), sizeof *out->sites);
  out->missiles = calloc((size_t)(b->nsites > 0 ? b->nsites : 1), sizeof *out->missiles);
  out->sspk_pairs = calloc((size_t)(b->c2.nsspk > 0 ? b->c2.nsspk : 1), sizeof *out->sspk_pairs);
  drop = calloc((size_t)(b->nsites > 0 ? b->nsites : 1), 1);
  if (!out->sites || !out->missiles || !out->sspk_pairs || !drop) goto nomem;
  memcpy(out->sites, b->sites, (size_t)b->nsites * sizeof *b->sites);
  if (b->c2.nsspk) memcpy(out->sspk_pairs, b->c2.sspk_pairs, (size_t)b->c2.nsspk * sizeof *b->c2.sspk_pairs);
  sc->c2.sspk_pairs = out->sspk_pairs;
  out->seed = sw->seed;   /* common random numbers across points (sweep.h) */
  for (int p = 0; p < sw->nparams; p++) {
    const struct bmd_sweep_param *pa = &sw->param[p];
    int k = bmd_sweep_value_index(sw, idx, p);
    double v = pa->num[k];
    switch (pa->kind) {
    case BMD_SWEEP_P_DECISION_LATENCY: sc->c2.decision_latency_s = v; break;
    case BMD_SWEEP_P_SSPK:
      /* the swept SSPK replaces the per-pair overrides too: it is the assumption varied */
      sc->c2.sspk = v;
      sc->c2.nsspk = 0;
      break;
    case BMD_SWEEP_P_RELIABILITY: sc->c2.reliability = v; break;
    case BMD_SWEEP_P_SALVO: sc->c2.salvo = (int)v; break;
    case BMD_SWEEP_P_DOCTRINE: sc->c2.doctrine = (enum bmd_doctrine)(int)v; break;
    case BMD_SWEEP_P_KILL_ASSESSMENT: sc->c2.kill_assessment_s = v; break;
    case BMD_SWEEP_P_SPEED_SCALE: scale = v; break;
    case BMD_SWEEP_P_GLIDE_LD: glide_ld = v; break;
    case BMD_SWEEP_P_GLIDE_BETA: glide_beta = v; break;
    case BMD_SWEEP_P_INVENTORY:
      /* launchers follow the inventory where the scenario left them equal (its default) */
      if (out->sites[pa->site].launchers == b->sites[pa->site].inventory) out->sites[pa->site].launchers = (int)v;
      out->sites[pa->site].inventory = (int)v;
      if (out->sites[pa->site].launchers < 1) out->sites[pa->site].launchers = 1;
      break;
    case BMD_SWEEP_P_ENABLED: drop[pa->site] = v == 0.0; break;
    case BMD_SWEEP_P_RAID_SIZE: raid = (int)v; break;
    case BMD_SWEEP_P_SEED:
      /* the value text, not the double, holds all 64 bits */
      out->seed = strtoull(pa->value[k], NULL, 10);
      have_seed = 1;
      break;
    default: break;
    }
  }
  (void)have_seed;
  /* interceptor speed: every stage's Isp of each distinct interceptor type, one copy per
     type so that pointer identity (SSPK pairs, Monte Carlo classes) is kept */
  if (scale != 1.0) {
    int nm = 0;
    for (int s = 0; s < b->nsites; s++) {
      const struct bmd_missile *orig = b->sites[s].interceptor;
      int m = -1;
      for (int s2 = 0; s2 < s; s2++)
        if (b->sites[s2].interceptor == orig) m = (int)(out->sites[s2].interceptor - out->missiles);
      if (m < 0) {
        m = nm++;
        out->missiles[m] = *orig;
        for (int k = 0; k < out->missiles[m].vehicle.nstages; k++) out->missiles[m].vehicle.stage[k].isp_s *= scale;
        for (int q = 0; q < sc->c2.nsspk; q++)
          if (b->c2.sspk_pairs[q].interceptor == orig) out->sspk_pairs[q].interceptor = &out->missiles[m];
      }
      out->sites[s].interceptor = &out->missiles[m];
    }
  }
  /* gliders: every glider threat's L/D or beta, one copy per distinct type (identity kept
     for SSPK pairs and Monte Carlo classes, as for the interceptors) */
  tm = calloc((size_t)(b->nthreats > 0 ? b->nthreats : 1), sizeof *tm);
  if (!tm) goto nomem;
  for (int i = 0; i < b->nthreats; i++) tm[i] = b->threats[i].missile;
  if (glide_ld > 0.0 || glide_beta > 0.0) {
    int ng = 0;
    out->gliders = calloc((size_t)(b->nthreats > 0 ? b->nthreats : 1), sizeof *out->gliders);
    if (!out->gliders) goto nomem;
    for (int i = 0; i < b->nthreats; i++) {
      const struct bmd_missile *orig = b->threats[i].missile;
      int m = -1;
      if (!orig->vehicle.glide.have) continue;
      for (int i2 = 0; i2 < i; i2++)
        if (b->threats[i2].missile == orig) m = (int)(tm[i2] - out->gliders);
      if (m < 0) {
        m = ng++;
        out->gliders[m] = *orig;
        if (glide_ld > 0.0) out->gliders[m].vehicle.glide.lift_to_drag = glide_ld;
        if (glide_beta > 0.0) out->gliders[m].vehicle.rv_beta_kgm2 = glide_beta;
        for (int q = 0; q < sc->c2.nsspk; q++)
          if (b->c2.sspk_pairs[q].threat == orig) out->sspk_pairs[q].threat = &out->gliders[m];
      }
      tm[i] = &out->gliders[m];
    }
  }
  for (int s = 0; s < b->nsites; s++)
    if (!drop[s]) out->sites[ns++] = out->sites[s];
  sc->sites = out->sites;
  sc->nsites = ns;
  /* raid: the first raid_size threats, or the raid repeated (copy r of threat i is
     "<id>.<r+1>", launched with it) */
  out->threats = calloc((size_t)raid, sizeof *out->threats);
  if (!out->threats) goto nomem;
  for (int i = 0; i < raid; i++) {
    out->threats[i] = b->threats[i % b->nthreats];
    out->threats[i].missile = tm[i % b->nthreats];
    if (i >= b->nthreats) {
      char id[BMD_NAME_MAX + 16];
      snprintf(id, sizeof id, "%s.%d", b->threats[i % b->nthreats].id, i / b->nthreats + 1);
      snprintf(out->threats[i].id, sizeof out->threats[i].id, "%.*s", BMD_NAME_MAX - 1, id);
    }
  }
  sc->threats = out->threats;
  sc->nthreats = raid;
  sc->seed = out->seed;
  free(drop);
  free(tm);
  return BMD_OK;
nomem:
  free(drop);
  free(tm);
  bmd_sweep_scenario_release(out);
  return BMD_ENOMEM;
}
