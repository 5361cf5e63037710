/* util.c - helpers shared by the subcommands (cli.h). */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <errno.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include <bmd/aim.h>
#include <bmd/catfit.h>
#include <bmd/names.h>
#include <bmd/outfile.h>
#include <bmd/scenario.h>
#include <bmd/shape.h>
#include <bmd/status.h>
#include <bmd/text.h>

#include "cli.h"

void cli_error(const char *fmt, ...) {
  va_list ap;
  char msg[2048], safe[8192];
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  /* names and values in the message come from input: one line, nothing raw (text.h) */
  bmd_text_term(safe, sizeof safe, msg);
  fprintf(stderr, "bmdsim: %s\n", safe);
}

void cli_diag(const struct bmd_diag *d) {
  char buf[1024];
  bmd_diag_format(d, buf, sizeof buf);
  cli_error("%s", buf);
}

int cli_physics_option(struct bmd_physics *p, const char *opt, const char *value) {
  const char *name = NULL;
  if (strcmp(opt, "earth") == 0) name = "earth";
  else if (strcmp(opt, "rotation") == 0) name = "rotation";
  else if (strcmp(opt, "drag") == 0) name = "drag";
  if (!name) return 0;
  if (bmd_physics_parse(p, name, value) != BMD_OK) {
    cli_error("--%s: '%s' is not one of %s", opt, value,
              name[0] == 'e' ? "wgs84-j2, sphere" : "on, off");
    return -1;
  }
  return 1;
}

int cli_parse_double(const char *s, double *out) {
  char *end;
  double v;
  if (!s || !*s) return -1;
  v = strtod(s, &end);
  if (end == s || *end != '\0' || !isfinite(v)) return -1;
  *out = v;
  return 0;
}

int cli_scenario_is_file(const char *arg) {
  struct stat sb;
  return stat(arg, &sb) == 0 || strchr(arg, '/') || strstr(arg, ".yaml") || strstr(arg, ".yml");
}

int cli_load_scenario(const char *arg, const struct bmd_catalog *cat, struct bmd_scenario *sc) {
  struct bmd_diag d;
  int st;
  if (cli_scenario_is_file(arg))
    st = bmd_scenario_load_file(sc, arg, cat, &d);
  else
    st = bmd_scenario_load_builtin(sc, arg, cat, &d);
  if (st != BMD_OK) {
    if (st == BMD_ENOTFOUND) {
      char h[96];
      cli_error("'%s' is neither a scenario file nor a built-in scenario%s (see bmdsim scenario list)", arg,
                bmd_name_hint_text(h, sizeof h, bmd_name_hint_list(arg, bmd_scenario_builtin_names())));
    } else {
      cli_diag(&d);
    }
    return -1;
  }
  return 0;
}

void cli_builtin_list(FILE *fp) {
  const char *const *b = bmd_scenario_builtin_names();
  int col = fprintf(fp, "\nSCENARIO is a YAML file (docs/scenario.md) or a built-in scenario:") - 1;
  for (; *b; b++) {
    if (col + 1 + (int)strlen(*b) + 1 > 88) col = fprintf(fp, "\n ") - 1;
    col += fprintf(fp, " %s%s", *b, b[1] ? "," : "");
  }
  fprintf(fp, "\n(bmdsim scenario show NAME writes one out as YAML, to start a file from).\n");
}

/* the fit cache (catfit.h): $BMDSIM_CACHE_DIR, else $XDG_CACHE_HOME/bmdsim, else
   ~/.cache/bmdsim (made only when a fit is written there) */
static void cache_dir(char *buf, size_t n) {
  const char *e = getenv("BMDSIM_CACHE_DIR"), *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
  buf[0] = '\0';
  if (e && e[0]) snprintf(buf, n, "%s", e);
  else if (x && x[0]) snprintf(buf, n, "%s/bmdsim", x);
  else if (h && h[0]) snprintf(buf, n, "%s/.cache/bmdsim", h);
}

static void fit_note(void *ctx, const char *line) {
  (void)ctx;
  fprintf(stderr, "bmdsim: %s\n", line);
}

int cli_load_catalog(const char *data_dir, struct bmd_catalog *cat) {
  struct bmd_diag d;
  int st = data_dir ? bmd_catalog_load_dir(cat, data_dir, &d) : bmd_catalog_load_embedded(cat, &d);
  if (st != BMD_OK) {
    cli_diag(&d);
    return -1;
  }
  /* a --data catalog's stages against its stated performance (the built-in one is checked
     by the test suite): agree, fit where the entry allows it, or refuse */
  if (data_dir) {
    char dir[4096];
    cache_dir(dir, sizeof dir);
    st = bmd_catfit_check(cat, dir, fit_note, NULL, &d);
    if (st != BMD_OK) {
      if (st == BMD_EPARSE) cli_diag(&d);
      else cli_error("%s: %s", data_dir, bmd_strerror(st));
      bmd_catalog_release(cat);
      return -1;
    }
  }
  return 0;
}

int cli_resolve_point(const struct bmd_catalog *cat, const char *what, const char *s,
                      double *lat, double *lon, double *alt, const char **name) {
  const struct bmd_site *site = bmd_catalog_site(cat, s);
  if (site) {
    *lat = site->lat_deg;
    *lon = site->lon_deg;
    *alt = site->alt_m;
    if (name) *name = site->name;
    return 0;
  }
  if (strchr(s, ',')) {
    char buf[128], *comma;
    double la, lo;
    snprintf(buf, sizeof buf, "%s", s);
    comma = strchr(buf, ',');
    *comma = '\0';
    if (cli_parse_double(buf, &la) != 0 || cli_parse_double(comma + 1, &lo) != 0) {
      cli_error("%s: '%s' is not LAT,LON in decimal degrees", what, s);
      return -1;
    }
    if (fabs(la) > 90.0 || fabs(lo) > 360.0) {
      cli_error("%s: '%s' is out of range (|lat| <= 90, |lon| <= 360)", what, s);
      return -1;
    }
    *lat = la;
    *lon = lo > 180.0 ? lo - 360.0 : (lo < -180.0 ? lo + 360.0 : lo);
    *alt = 0.0;
    if (name) *name = NULL;
    return 0;
  }
  {
    char h[96];
    cli_error("%s: unknown site '%s'%s (see bmdsim catalog --sites; or give LAT,LON)", what, s,
              bmd_name_hint_text(h, sizeof h, bmd_catalog_hint(cat, BMD_CATALOG_SITE, s)));
  }
  return -1;
}

double cli_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cli_progress_init(struct cli_progress *p, const char *label) {
  p->tty = isatty(STDERR_FILENO);
  p->label = label;
  p->t0 = cli_now();
  p->last_pct = -1;
}

void cli_progress_update(void *pv, long done, long total) {
  struct cli_progress *p = pv;
  int pct, bars;
  double el, eta;
  if (!p->tty || total <= 0) return;
  pct = (int)(100.0 * (double)done / (double)total);
  if (pct == p->last_pct) return;
  p->last_pct = pct;
  el = cli_now() - p->t0;
  eta = done > 0 ? el * (double)(total - done) / (double)done : 0.0;
  bars = pct / 4;
  fprintf(stderr, "\r%s [%.*s%*s] %3d%% %ld/%ld eta %.0fs ", p->label, bars,
          "#########################", 25 - bars, "", pct, done, total, eta);
  fflush(stderr);
}

void cli_progress_rate(struct cli_progress *p, long done0, long done, long total) {
  int pct, bars;
  double el, rate, eta;
  if (!p->tty || total <= 0) return;
  pct = (int)(100.0 * (double)done / (double)total);
  el = cli_now() - p->t0;
  rate = el > 0.0 ? (double)(done - done0) / el : 0.0;
  eta = rate > 0.0 ? (double)(total - done) / rate : 0.0;
  bars = pct / 4;
  fprintf(stderr, "\r%s [%.*s%*s] %3d%% %ld/%ld %.2f/s eta %.0fs ", p->label, bars,
          "#########################", 25 - bars, "", pct, done, total, rate, eta);
  fflush(stderr);
  p->last_pct = pct;
}

void cli_progress_done(struct cli_progress *p) {
  if (p->tty && p->last_pct >= 0) fputs("\r\033[K", stderr);
}

int cli_parse_trajectory(const char *traj, struct bmd_aim_request *rq) {
  int e = bmd_shape_parse(traj, &rq->kind, &rq->apogee_km);
  if (e == -2) {
    cli_error("--trajectory: '%s' needs an apogee in km in (0, 20000], e.g. lofted:1500", traj);
    return -1;
  }
  if (e != 0) {
    cli_error("--trajectory: '%s' is not " BMD_SHAPE_SYNTAX, traj);
    return -1;
  }
  return 0;
}

int cli_write_dir(struct cli_out *o, int n, const char *const *names,
                  int (*write)(FILE *fp, int k, void *ctx), void *ctx) {
  for (int k = 0; k < n; k++) {
    char path[4096 + 320];
    struct bmd_outfile of;
    int e;
    snprintf(path, sizeof path, "%s/%s", o->dir, names[k]);
    if (bmd_outfile_open(&of, path) != BMD_OK) {
      cli_out_fail(o, names[k], errno);
      return -1;
    }
    errno = 0;
    if (write(of.fp, k, ctx) != 0) {
      e = errno;
      bmd_outfile_fail(&of, e);
      cli_out_fail(o, names[k], e);
      return -1;
    }
    if (bmd_outfile_commit(&of) != BMD_OK) {
      cli_out_fail(o, names[k], errno);
      return -1;
    }
  }
  return 0;
}

int cli_default_threads(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : (n > 256 ? 256 : (int)n);
}

int cli_parse_threads(const char *s, int *n) {
  double v;
  if (cli_parse_double(s, &v) != 0 || v < 1 || v > 256 || v != floor(v)) {
    cli_error("--threads: '%s' must be a whole number from 1 to 256", s);
    return -1;
  }
  *n = (int)v;
  return 0;
}

int cli_open_scenario(const struct cli_args *a, const char *dflt, const char *data_dir, struct bmd_catalog *cat,
                      struct bmd_scenario *sc) {
  if (cli_load_catalog(data_dir, cat) != 0) return -1;
  if (cli_load_scenario(a->nops > 0 ? a->ops[0] : dflt, cat, sc) != 0) {
    bmd_catalog_release(cat);
    return -1;
  }
  return 0;
}

int cli_parse_seed(const char *s, unsigned long *seed) {
  /* decimal digits only, read exactly (a double would round 2^64 - 1 up to 2^64) */
  unsigned long long v = 0;
  int ok = s && *s;
  for (const char *c = s; ok && *c; c++) {
    unsigned dg = (unsigned)(*c - '0');
    if (*c < '0' || *c > '9' || v > (BMD_SEED_MAX - dg) / 10u) ok = 0;
    else v = v * 10u + dg;
  }
  if (!ok || v > ULONG_MAX) {
    cli_error("--seed: '%s' is not a whole number from 0 to %llu", s ? s : "", (unsigned long long)BMD_SEED_MAX);
    return -1;
  }
  *seed = (unsigned long)v;
  return 0;
}

void cli_json_seed(struct cJSON *j, const char *key, unsigned long long seed) {
  /* a JSON number is read as a double by most readers (JavaScript's among them), exact
     only to 2^53: a larger seed is written as a string of its digits, never rounded */
  if (seed <= (1ULL << 53)) cJSON_AddNumberToObject(j, key, (double)seed);
  else {
    char buf[24];
    snprintf(buf, sizeof buf, "%llu", seed);
    cJSON_AddStringToObject(j, key, buf);
  }
}
