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

/* scale m's Isp by k and say so in its records */
static int apply(struct bmd_catalog *cat, struct bmd_missile *m, double k, double before, double after) {
  const char *unit = m->interceptor ? "m/s" : "km";
  m->fit.load_factor = k;
  for (int s = 0; s < m->vehicle.nstages; s++) {
    char f[40], text[32], note[320];
    int first, n = bmd_evidence_find(&cat->ev, bmd_catalog_section(m), m->name, &first);
    double isp0 = m->vehicle.stage[s].isp_s;
    m->vehicle.stage[s].isp_s *= k;
    snprintf(f, sizeof f, "stages[%d].isp_s", s + 1);
    snprintf(text, sizeof text, "%.1f", m->vehicle.stage[s].isp_s);
    snprintf(note, sizeof note,
             "%.1f s in the file times %.4f, fitted when the catalog was loaded so that the %s at the "
             "reference conditions is %.0f %s (the file's stages gave %.0f %s).",
             isp0, k, m->interceptor ? "burnout speed" : "maximum range", after, unit, before, unit);
    for (int i = first; i < first + n; i++)
      if (strcmp(cat->ev.values[i].field, f) == 0 &&
          bmd_evidence_revise(&cat->ev, i, text, BMD_EV_FITTED, note) != BMD_OK)
        return BMD_ENOMEM;
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
  if (cache_dir && cache_dir[0]) {
    snprintf(path, sizeof path, "%s/fit-%016llx.txt", cache_dir, (unsigned long long)entry_key(m, lo, hi));
    k0 = cache_read(path);
  }
  st = bmd_refperf_fit(&m->vehicle, m->interceptor, 0.5 * (lo + hi), k0, &k, &q);
  if (st != BMD_OK) {
    bmd_diag_set(d, cat->missiles_file, m->line, m->col,
                 "%s: no Isp factor in [0.4, 1.6] brings the %s of its stages (%.0f %s) to the stated %s: "
                 "change the stages or the stated figure (docs/data.md section 6)",
                 m->name, what, p.value, unit, want);
    return BMD_EPARSE;
  }
  const char *cached = "";
  if (path[0] && k == k0) cached = "; factor from the cache ";
  else if (path[0] && cache_write(cache_dir, path, k) == 0) cached = "; cached in ";
  else if (path[0]) cached = "; not cached, cannot write ";
  if (apply(cat, m, k, p.value, q.value) != BMD_OK) return BMD_ENOMEM;
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
