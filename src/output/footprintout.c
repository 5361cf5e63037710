/* footprintout.c - footprint CSV and GeoJSON (footprintout.h). */
#include <bmd/footprintout.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/csv.h>
#include <bmd/fmt.h>
#include <bmd/geojson.h>

const char *bmd_footprintout_status_name(int status) {
  static const char *const n[] = {"ok", "beyond-range", "too-close", "failed"};
  return status >= 0 && status < 4 ? n[status] : "unknown";
}


static double lon_of(const struct bmd_footprint *f, int ilon) {
  double lon = fmod(f->lon0_deg + ilon * f->grid_deg + 180.0, 360.0);
  if (lon < 0.0) lon += 360.0;
  return lon - 180.0;
}

/* "site1;site2" from a bit mask */
static void site_list(const struct bmd_scenario *sc, uint64_t mask, char *buf, size_t cap) {
  size_t used = 0;
  buf[0] = 0;
  for (int s = 0; s < sc->nsites && s < 64; s++) {
    if (!(mask & ((uint64_t)1 << s))) continue;
    int n = snprintf(buf + used, cap - used, "%s%s", used ? ";" : "", sc->sites[s].name);
    if (n < 0 || (size_t)n >= cap - used) break;
    used += (size_t)n;
  }
}

int bmd_footprintout_csv(FILE *fp, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                         const struct bmd_footprint *f) {
  char a[1024], b[1024];
  struct bmd_csv *w = malloc(sizeof *w);   /* 16 KB: not on a writer thread's stack */
  int rc;
  if (!w) return -1;
  bmd_csv_init(w, fp);
  bmd_csv_header(w, "launch,lat_deg,lon_deg,status,range_km,azimuth_deg,time_of_flight_s,apogee_km,cue_t_s,"
                    "firm_track_t_s,opportunities,shoot_look_shoot,earliest_intercept_alt_km,"
                    "earliest_intercept_t_s,first_site,sites,kinematic_opportunities,"
                    "kinematic_earliest_alt_km,kinematic_sites");
  for (int k = 0; k < f->nlaunch; k++)
    for (int i = 0; i < f->nlat; i++)
      for (int j = 0; j < f->nlon; j++) {
        const struct bmd_footprint_cell *c = bmd_footprint_at(f, k, i, j);
        bmd_csv_text(w, o->launch[k].name);
        bmd_csv_fixed(w, f->lat0_deg + i * f->grid_deg, 4);
        bmd_csv_fixed(w, lon_of(f, j), 4);
        bmd_csv_text(w, bmd_footprintout_status_name(c->status));
        bmd_csv_fixed(w, c->range_m / 1e3, 3);
        bmd_csv_fixed(w, c->az_deg, 3);
        if (c->status == BMD_FOOTPRINT_OK) {
          site_list(sc, c->sites, a, sizeof a);
          site_list(sc, c->kin_sites, b, sizeof b);
          bmd_csv_fixed(w, c->tof_s, 1);
          bmd_csv_fixed(w, c->apogee_alt_m / 1e3, 1);
          bmd_csv_fixed(w, c->cue_t_s, 0);
          bmd_csv_fixed(w, c->firm_t_s, 0);
          bmd_csv_int(w, c->opportunities);
          bmd_csv_int(w, c->opportunities >= 2);
          bmd_csv_fixed(w, c->first_alt_m / 1e3, 1);
          bmd_csv_fixed(w, c->first_t_s, 0);
          bmd_csv_text(w, c->first_site >= 0 ? sc->sites[c->first_site].name : "");
          bmd_csv_text(w, a);
          bmd_csv_int(w, c->kin_opportunities);
          bmd_csv_fixed(w, c->kin_first_alt_m / 1e3, 1);
          bmd_csv_text(w, b);
        } else {
          for (int e = 0; e < 13; e++) bmd_csv_empty(w);
        }
        bmd_csv_end(w);
      }
  rc = bmd_csv_finish(w);
  free(w);
  return rc;
}

static cJSON *point_feature(double lat, double lon, const char *kind, const char *name) {
  cJSON *f = bmd_geojson_feature_alloc(), *p;
  cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_point(lon, lat, 5));
  p = bmd_geojson_add_object(f, "properties");
  bmd_geojson_add_string(p, "kind", kind);
  bmd_geojson_add_string(p, "name", name);
  return f;
}

/* the Polygon of one cell: RFC 7946 sec. 3.1.6, exterior ring counterclockwise, first =
   last position; the ring's text formatted at once (one raw item, not 10 numbers) */
static cJSON *cell_polygon(double w, double s, double e, double n) {
  const double ring[5][2] = {{w, s}, {e, s}, {e, n}, {w, n}, {w, s}};
  char t[512];
  size_t k = 0;
  cJSON *g = cJSON_CreateObject(), *c;
  t[k++] = '[';
  t[k++] = '[';
  for (int q = 0; q < 5; q++) {
    if (q) t[k++] = ',';
    t[k++] = '[';
    k += (size_t)bmd_fmt_fixed(t + k, sizeof t - k, ring[q][0], 4);
    t[k++] = ',';
    k += (size_t)bmd_fmt_fixed(t + k, sizeof t - k, ring[q][1], 4);
    t[k++] = ']';
  }
  t[k++] = ']';
  t[k++] = ']';
  t[k] = '\0';
  bmd_geojson_add_string(g, "type", "Polygon");
  c = cJSON_CreateRaw(t);
  if (!c || !cJSON_AddItemToObjectCS(g, "coordinates", c)) cJSON_Delete(c);
  return g;
}

/* Text pieces for the by_launch arrays, made once: every name as a JSON string (escaped by
   cJSON), and each site's name escaped as the inside of one. */
struct esc {
  char **launch;   /* [nlaunch] "\"name\"" */
  char **site;     /* [nsites] name escaped, without quotes */
};

/* the inside of s as a JSON string: cJSON's printing of it without the quotes */
static char *json_inside(const char *s) {
  cJSON *x = cJSON_CreateString(s);
  char *t = x ? cJSON_PrintUnformatted(x) : NULL;
  cJSON_Delete(x);
  if (t) {
    size_t n = strlen(t);
    memmove(t, t + 1, n - 2);
    t[n - 2] = '\0';
  }
  return t;
}

static void esc_free(struct esc *e, int nl, int ns) {
  for (int k = 0; e->launch && k < nl; k++) free(e->launch[k]);
  for (int k = 0; e->site && k < ns; k++) free(e->site[k]);
  free(e->launch);
  free(e->site);
}

static int esc_make(struct esc *e, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o, int nl) {
  int ns = sc->nsites < 64 ? sc->nsites : 64, ok = 1;
  e->launch = calloc((size_t)(nl > 0 ? nl : 1), sizeof *e->launch);
  e->site = calloc((size_t)(ns > 0 ? ns : 1), sizeof *e->site);
  if (!e->launch || !e->site) return -1;
  for (int k = 0; k < nl && ok; k++) {
    cJSON *x = cJSON_CreateString(o->launch[k].name);
    ok = x && (e->launch[k] = cJSON_PrintUnformatted(x)) != NULL;
    cJSON_Delete(x);
  }
  for (int k = 0; k < ns && ok; k++) ok = (e->site[k] = json_inside(sc->sites[k].name)) != NULL;
  return ok ? 0 : -1;
}

/* a growable text (the by_launch array of one cell) */
struct text {
  char *b;
  size_t n, cap;
  int oom;
};

static void t_put(struct text *t, const char *s, size_t k) {
  if (t->oom) return;
  if (t->n + k + 1 > t->cap) {
    size_t c = t->cap ? t->cap : 1024;
    char *nb;
    while (c < t->n + k + 1) c *= 2;
    if (!(nb = realloc(t->b, c))) {
      t->oom = 1;
      return;
    }
    t->b = nb;
    t->cap = c;
  }
  memcpy(t->b + t->n, s, k);
  t->n += k;
  t->b[t->n] = '\0';
}

static void t_str(struct text *t, const char *s) { t_put(t, s, strlen(s)); }

static void t_fixed(struct text *t, double v, int decimals) {
  char x[352];
  if (!isfinite(v)) t_str(t, "null");
  else t_put(t, x, (size_t)bmd_fmt_fixed(x, sizeof x, v, decimals));
}

static void t_int(struct text *t, long v) {
  char x[24];
  t_put(t, x, (size_t)bmd_fmt_int(x, v));
}

/* "site1;site2" of a bit mask as a JSON string, from the escaped names */
static void t_sites(struct text *t, const struct esc *e, const struct bmd_scenario *sc, uint64_t mask) {
  int first = 1;
  t_str(t, "\"");
  for (int s = 0; s < sc->nsites && s < 64; s++) {
    if (!(mask & ((uint64_t)1 << s))) continue;
    if (!first) t_str(t, ";");
    t_str(t, e->site[s]);
    first = 0;
  }
  t_str(t, "\"");
}

int bmd_footprintout_geojson(FILE *fp, const struct bmd_scenario *sc,
                             const struct bmd_footprint_opts *o, const struct bmd_footprint *f) {
  struct bmd_geojson g;
  struct esc e = {NULL, NULL};
  struct text t = {NULL, 0, 0, 0};
  int ns = sc->nsites < 64 ? sc->nsites : 64;
  if (esc_make(&e, sc, o, f->nlaunch) != 0) {
    esc_free(&e, f->nlaunch, ns);
    errno = ENOMEM;
    return -1;
  }
  bmd_geojson_begin(&g, fp);
  for (int i = 0; i < f->nlat; i++)
    for (int j = 0; j < f->nlon; j++) {
      int opp, kin;
      double lat = f->lat0_deg + i * f->grid_deg, lon = lon_of(f, j), h = 0.5 * f->grid_deg;
      cJSON *ft, *p, *bl;
      bmd_footprint_combined(f, i, j, &opp, &kin);
      if (opp < 0) continue;   /* no launch reaches the cell */
      ft = bmd_geojson_feature_alloc();
      cJSON_AddItemToObjectCS(ft, "geometry", cell_polygon(lon - h, fmax(-90.0, lat - h), lon + h, fmin(90.0, lat + h)));
      p = bmd_geojson_add_object(ft, "properties");
      bmd_geojson_add_string(p, "kind", "cell");
      bmd_geojson_add_fixed(p, "lat_deg", lat, 4);
      bmd_geojson_add_fixed(p, "lon_deg", lon, 4);
      bmd_geojson_add_fixed(p, "area_km2", bmd_footprint_cell_area_m2(f, i) / 1e6, 1);
      bmd_geojson_add_int(p, "opportunities", opp);
      bmd_geojson_add_bool(p, "shoot_look_shoot", opp >= 2);
      bmd_geojson_add_int(p, "kinematic_opportunities", kin);
      /* by_launch: one raw item per cell, its strings escaped by cJSON beforehand (esc) --
         built as cJSON objects it cost 3.4 times the instructions of the whole file
         (callgrind, BENCHMARKS.md) */
      t.n = 0;
      t_str(&t, "[");
      for (int k = 0; k < f->nlaunch; k++) {
        const struct bmd_footprint_cell *c = bmd_footprint_at(f, k, i, j);
        t_str(&t, k ? ",{\"launch\":" : "{\"launch\":");
        t_str(&t, e.launch[k]);
        t_str(&t, ",\"status\":\"");
        t_str(&t, bmd_footprintout_status_name(c->status));
        t_str(&t, "\",\"range_km\":");
        t_fixed(&t, c->range_m / 1e3, 1);
        if (c->status == BMD_FOOTPRINT_OK) {
          t_str(&t, ",\"time_of_flight_s\":");
          t_fixed(&t, c->tof_s, 1);
          t_str(&t, ",\"opportunities\":");
          t_int(&t, c->opportunities);
          t_str(&t, ",\"kinematic_opportunities\":");
          t_int(&t, c->kin_opportunities);
          t_str(&t, ",\"sites\":");
          t_sites(&t, &e, sc, c->sites);
          t_str(&t, ",\"kinematic_sites\":");
          t_sites(&t, &e, sc, c->kin_sites);
          if (c->first_site >= 0) {
            t_str(&t, ",\"earliest_intercept_alt_km\":");
            t_fixed(&t, c->first_alt_m / 1e3, 1);
            t_str(&t, ",\"earliest_intercept_t_s\":");
            t_fixed(&t, c->first_t_s, 0);
            t_str(&t, ",\"first_site\":\"");
            t_str(&t, e.site[c->first_site < 64 ? c->first_site : 0]);
            t_str(&t, "\"");
          }
        }
        t_str(&t, "}");
      }
      t_str(&t, "]");
      bl = t.oom ? NULL : cJSON_CreateRaw(t.b);
      if (!bl || !cJSON_AddItemToObjectCS(p, "by_launch", bl)) {
        cJSON_Delete(bl);
        t.oom = 1;
      }
      bmd_geojson_put(&g, t.oom ? NULL : ft);
      if (t.oom) cJSON_Delete(ft);
    }
  free(t.b);
  esc_free(&e, f->nlaunch, ns);
  for (int k = 0; k < f->nlaunch; k++)
    bmd_geojson_put(&g, point_feature(o->launch[k].lat_deg, o->launch[k].lon_deg, "launch", o->launch[k].name));
  for (int s = 0; s < sc->nsites; s++) {
    cJSON *ft = point_feature(sc->sites[s].lat_deg, sc->sites[s].lon_deg, "site", sc->sites[s].name);
    cJSON *p = cJSON_GetObjectItemCaseSensitive(ft, "properties");
    bmd_geojson_add_string(p, "interceptor", sc->sites[s].interceptor->name);
    bmd_geojson_add_int(p, "inventory", sc->sites[s].inventory);
    bmd_geojson_put(&g, ft);
  }
  for (int q = 0; q < sc->nradars; q++) {
    cJSON *ft = point_feature(sc->radars[q].lat_deg, sc->radars[q].lon_deg, "radar", sc->radars[q].name);
    cJSON *p = cJSON_GetObjectItemCaseSensitive(ft, "properties");
    bmd_geojson_add_string(p, "radar", sc->radars[q].type->name);
    bmd_geojson_put(&g, ft);
  }
  return bmd_geojson_end(&g);
}
