/* catfit.c - a catalog's stages against its stated performance, at load (catfit.h). */
#include <bmd/catfit.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bmd/bmd.h>
#include <bmd/flighttest.h>
#include <bmd/refperf.h>
#include <bmd/status.h>

/* ---- the cache key: FNV-1a (64 bit) over everything the reference flight depends on ---- */

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= FNV_PRIME;
  }
  return h;
}

static uint64_t fnv_d(uint64_t h, double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return fnv(h, &u, sizeof u);
}

static uint64_t entry_key(const struct bmd_missile *m, double lo, double hi) {
  const struct bmd_vehicle *v = &m->vehicle;
  uint64_t h = fnv(FNV_OFFSET, BMD_VERSION, strlen(BMD_VERSION));
  h = fnv(h, m->name, strlen(m->name));
  h = fnv(h, &m->interceptor, sizeof m->interceptor);
  h = fnv_d(fnv_d(h, lo), hi);
  h = fnv(h, &v->nstages, sizeof v->nstages);
  for (int s = 0; s < v->nstages; s++) {
    const struct bmd_stage *st = &v->stage[s];
    h = fnv_d(fnv_d(fnv_d(h, st->propellant_kg), st->dry_kg), st->isp_s);
    h = fnv_d(fnv_d(fnv_d(h, st->burn_time_s), st->area_m2), st->coast_s);
    h = fnv(h, &st->cd.n, sizeof st->cd.n);
    for (int k = 0; k < st->cd.n; k++) h = fnv_d(fnv_d(h, st->cd.mach[k]), st->cd.cd[k]);
  }
  h = fnv_d(fnv_d(h, v->payload_kg), v->rv_beta_kgm2);
  h = fnv_d(fnv_d(h, v->vertical_s), v->pitch_over_s);
  return fnv(h, &v->pitch_hold, sizeof v->pitch_hold);
}

static double cache_read(const char *path) {
  FILE *fp = fopen(path, "r");
  double k = 0.0;
  if (!fp) return 0.0;
  if (fscanf(fp, "bmdsim-fit 1 k %lf", &k) != 1 || !(k > 0.0)) k = 0.0;
  fclose(fp);
  return k;
}

/* the cache directory and its parents, made when the first fit is written; 0 or -1 */
static int mkdir_p(const char *dir) {
  char buf[4096];
  size_t n = strlen(dir);
  if (n == 0 || n >= sizeof buf) return -1;
  memcpy(buf, dir, n + 1);
  for (size_t i = 1; i <= n; i++) {
    char c = buf[i];
    if (c != '/' && c != 0) continue;
    buf[i] = 0;
    if (mkdir(buf, 0755) != 0 && errno != EEXIST) return -1;
    buf[i] = c;
  }
  return 0;
}

/* written to a temporary file and renamed, so that a reader never sees half of it; a cache
   that cannot be written is no error (the fit is redone at the next load) */
static int cache_write(const char *dir, const char *path, double k) {
  char tmp[4200];
  FILE *fp;
  if (mkdir_p(dir) != 0) return -1;
  snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
  fp = fopen(tmp, "w");
  if (!fp) return -1;
  if (fprintf(fp, "bmdsim-fit 1 k %.17g\n", k) < 0) {
    fclose(fp);
    remove(tmp);
    return -1;
  }
  if (fclose(fp) != 0 || rename(tmp, path) != 0) {
    remove(tmp);
    return -1;
  }
  return 0;
}

/* the stated band of m, and the unit and word for messages */
static void band(const struct bmd_missile *m, double *lo, double *hi) {
  *lo = m->interceptor ? m->vbo_lo_mps : m->range_lo_km;
  *hi = m->interceptor ? m->vbo_hi_mps : m->range_hi_km;
}

static void fmt_band(char *b, size_t n, double lo, double hi, const char *unit) {
  if (lo == hi) snprintf(b, n, "%.0f %s", lo, unit);
  else snprintf(b, n, "%.0f-%.0f %s", lo, hi, unit);
}

/* scale m's Isp by k and say so in its records; why completes "fitted when the catalog was
   loaded so that ..." */
static int apply(struct bmd_catalog *cat, struct bmd_missile *m, double k, const char *why) {
  m->fit.load_factor = k;
  for (int s = 0; s < m->vehicle.nstages; s++) {
    char f[40], text[32], note[400];
    int first, n = bmd_evidence_find(&cat->ev, bmd_catalog_section(m), m->name, &first);
    double isp0 = m->vehicle.stage[s].isp_s;
    m->vehicle.stage[s].isp_s *= k;
    snprintf(f, sizeof f, "stages[%d].isp_s", s + 1);
    snprintf(text, sizeof text, "%.1f", m->vehicle.stage[s].isp_s);
    snprintf(note, sizeof note, "%.1f s in the file times %.4f, fitted when the catalog was loaded so that %s.",
             isp0, k, why);
    for (int i = first; i < first + n; i++)
      if (strcmp(cat->ev.values[i].field, f) == 0 &&
          bmd_evidence_revise(&cat->ev, i, text, BMD_EV_FITTED, note) != BMD_OK)
        return BMD_ENOMEM;
  }
  return BMD_OK;
}

/* the cache file of m's fit (path[0] = 0 without a cache directory) */
static void cache_path(char *path, size_t n, const char *cache_dir, uint64_t key) {
  path[0] = 0;
  if (cache_dir && cache_dir[0]) snprintf(path, n, "%s/fit-%016llx.txt", cache_dir, (unsigned long long)key);
}

static const char *cache_word(const char *cache_dir, const char *path, double k, double k0) {
  if (!path[0]) return "";
  if (k == k0) return "; factor from the cache ";
  if (cache_write(cache_dir, path, k) == 0) return "; cached in ";
  return "; not cached, cannot write ";
}

/* a threat calibrated to a lofted flight test: its full-burn flight to the test's range must
   peak at the test's apogee (flighttest.h) within BMD_REFPERF_TOL */
static int check_test(struct bmd_catalog *cat, struct bmd_missile *m, const char *cache_dir,
                      bmd_catfit_note note, void *ctx, struct bmd_diag *d) {
  const struct bmd_lofted_test *t = &m->test;
  struct bmd_traj_opts o;
  struct bmd_flighttest_result r, q;
  double a = t->t.apogee_km, k = 0.0, k0 = 0.0;
  char path[4096], line[1024], why[320];
  int st;
  bmd_traj_opts_default(&o);
  st = bmd_flighttest_full_burn(&m->vehicle, &o, &t->t, &r);
  if (st == BMD_OK && bmd_refperf_within(r.apogee_km, a, a)) return BMD_OK;
  if (st != BMD_OK && st != BMD_ERANGE) {
    bmd_diag_set(d, cat->missiles_file, t->line, t->col,
                 "%s: the full-burn flight of its stages to the %s test's %.0f km could not be solved (%s): "
                 "check the stage values", m->name, t->date, t->t.range_km, bmd_strerror(st));
    return BMD_EPARSE;
  }
  if (!m->fit.at_load) {
    if (st == BMD_ERANGE)
      bmd_diag_set(d, cat->missiles_file, t->line, t->col,
                   "%s: its stages do not reach the %s test's %.0f km (the longest full-burn range along "
                   "that azimuth is %.0f km), so they cannot reproduce its %.0f km apogee: make the stages and "
                   "the test agree, or add 'at_load: true' to the entry's 'fit:' map (docs/data.md section 6)",
                   m->name, t->date, t->t.range_km, r.max_range_km, a);
    else
      bmd_diag_set(d, cat->missiles_file, t->line, t->col,
                   "%s: its stages' full-burn flight to the %s test's %.0f km peaks at %.0f km, not the "
                   "published %.0f km (tolerance %.0f%%): make the stages and the test agree, or add "
                   "'at_load: true' to the entry's 'fit:' map to have bmdsim scale the stages' Isp to it "
                   "(docs/data.md section 6)",
                   m->name, t->date, t->t.range_km, r.apogee_km, a, 100.0 * BMD_REFPERF_TOL);
    return BMD_EPARSE;
  }
  cache_path(path, sizeof path, cache_dir, entry_key(m, t->t.range_km, a));
  if (path[0]) k0 = cache_read(path);
  st = BMD_ENOCONV;
  if (k0 > 0.0) {
    /* a cached factor, checked with one flight */
    struct bmd_vehicle w = m->vehicle;
    for (int s = 0; s < w.nstages; s++) w.stage[s].isp_s *= k0;
    if (bmd_flighttest_full_burn(&w, &o, &t->t, &q) == BMD_OK &&
        fabs(q.apogee_km / a - 1.0) < BMD_REFPERF_FIT_TOL) {
      k = k0;
      st = BMD_OK;
    }
  }
  if (st != BMD_OK)
    st = bmd_flighttest_fit_isp(&m->vehicle, &o, &t->t, 0.4, 1.6, BMD_REFPERF_FIT_TOL, &k, &q);
  if (st != BMD_OK) {
    bmd_diag_set(d, cat->missiles_file, t->line, t->col,
                 "%s: no Isp factor in [0.4, 1.6] makes its stages' full-burn flight to the %s test's %.0f km "
                 "peak at the published %.0f km: change the stages or the test (docs/data.md section 6)",
                 m->name, t->date, t->t.range_km, a);
    return BMD_EPARSE;
  }
  {
    const char *cached = cache_word(cache_dir, path, k, k0);
    snprintf(why, sizeof why, "the full-burn flight to the %s test's %.0f km peaks at %.0f km, within %.1f%% of its "
             "published %.0f km apogee", t->date, t->t.range_km, q.apogee_km, 100.0 * BMD_REFPERF_FIT_TOL, a);
    if (apply(cat, m, k, why) != BMD_OK) return BMD_ENOMEM;
    if (note) {
      char gave[64];
      if (r.apogee_km > 0.0) snprintf(gave, sizeof gave, "the stages gave %.0f km", r.apogee_km);
      else snprintf(gave, sizeof gave, "the stages did not reach that range");
      snprintf(line, sizeof line, "%s:%d:%d: %s: stage Isp scaled by %.4f at load (fit: at_load) so that %s (%s)%s%s",
               cat->missiles_file, t->line, t->col, m->name, k, why, gave, cached, path[0] ? path : "");
      note(ctx, line);
    }
  }
  return BMD_OK;
}

static int check_one(struct bmd_catalog *cat, struct bmd_missile *m, const char *cache_dir,
                     bmd_catfit_note note, void *ctx, struct bmd_diag *d) {
  struct bmd_refperf p, q;
  double lo, hi, k = 0.0, k0 = 0.0;
  char want[64], path[4096] = "", line[1024];
  const char *unit = m->interceptor ? "m/s" : "km", *what = m->interceptor ? "burnout speed" : "maximum range";
  int st;
  if (!m->interceptor && m->test.have) return check_test(cat, m, cache_dir, note, ctx, d);
  band(m, &lo, &hi);
  fmt_band(want, sizeof want, lo, hi, unit);
  st = bmd_refperf_compute(&m->vehicle, m->interceptor, &p);
  if (st != BMD_OK) {
    bmd_diag_set(d, cat->missiles_file, m->line, m->col,
                 "%s: its stages give no %s at the reference conditions (%s): check the stage values",
                 m->name, what,
                 st == BMD_ENOCONV ? (m->interceptor ? "no full-burn flight burns out before it hits the ground"
                                                     : "no full-burn flight lands: it reaches orbit or cannot climb")
                                   : bmd_strerror(st));
    return BMD_EPARSE;
  }
  if (bmd_refperf_within(p.value, lo, hi)) return BMD_OK;
  if (!m->fit.at_load) {
    bmd_diag_set(d, cat->missiles_file, m->line, m->col,
                 "%s: its stages give a %s of %.0f %s at the reference conditions, not the stated %s "
                 "(tolerance %.0f%%): make the stages and the stated figure agree, or add 'at_load: true' "
                 "to the entry's 'fit:' map to have bmdsim scale the stages' Isp to it (docs/data.md section 6)",
                 m->name, what, p.value, unit, want, 100.0 * BMD_REFPERF_TOL);
    return BMD_EPARSE;
  }
  cache_path(path, sizeof path, cache_dir, entry_key(m, lo, hi));
  if (path[0]) k0 = cache_read(path);
  st = bmd_refperf_fit(&m->vehicle, m->interceptor, 0.5 * (lo + hi), k0, &k, &q);
  if (st != BMD_OK) {
    bmd_diag_set(d, cat->missiles_file, m->line, m->col,
                 "%s: no Isp factor in [0.4, 1.6] brings the %s of its stages (%.0f %s) to the stated %s: "
                 "change the stages or the stated figure (docs/data.md section 6)",
                 m->name, what, p.value, unit, want);
    return BMD_EPARSE;
  }
  const char *cached = cache_word(cache_dir, path, k, k0);
  {
    char why[200];
    snprintf(why, sizeof why, "the %s at the reference conditions is %.0f %s (the file's stages gave %.0f %s)",
             what, q.value, unit, p.value, unit);
    if (apply(cat, m, k, why) != BMD_OK) return BMD_ENOMEM;
  }
  if (note) {
    snprintf(line, sizeof line,
             "%s:%d:%d: %s: stage Isp scaled by %.4f at load (fit: at_load) so that the %s at the reference "
             "conditions is %.0f %s, the middle of the stated %s (the stages gave %.0f %s)%s%s",
             cat->missiles_file, m->line, m->col, m->name, k, what, q.value, unit, want, p.value, unit, cached,
             path[0] ? path : "");
    note(ctx, line);
  }
  return BMD_OK;
}

int bmd_catfit_check(struct bmd_catalog *cat, const char *cache_dir, bmd_catfit_note note,
                     void *ctx, struct bmd_diag *d) {
  for (int i = 0; i < cat->nmissiles; i++) {
    int st = check_one(cat, &cat->missiles[i], cache_dir, note, ctx, d);
    if (st != BMD_OK) return st;
  }
  return BMD_OK;
}
