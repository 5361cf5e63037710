/* trajout.c - trajectory CSV (csv.h), GeoJSON (cJSON, geojson.h) and KML (libxml2, kml.h)
   writers (trajout.h). */
#include <bmd/trajout.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/csv.h>
#include <bmd/geojson.h>
#include <bmd/kml.h>
#include <bmd/status.h>
#include <bmd/vec3.h>

struct row {
  double t_s, lat_deg, lon_deg, alt_m, speed_mps, v_east_mps, v_north_mps, v_up_mps, mass_kg;
  const char *phase;
};

static void row_of(const struct bmd_physics *phys, const struct bmd_traj_sample *s,
                   struct row *w) {
  double lat, lon, h, e[3], n[3], u[3];
  bmd_physics_from_ecef(phys, s->r_ecef_m, &lat, &lon, &h);
  bmd_physics_enu_basis(phys, lat, lon, e, n, u);
  w->t_s = s->t_s;
  w->lat_deg = lat / BMD_DEG;
  w->lon_deg = lon / BMD_DEG;
  w->alt_m = h;
  w->speed_mps = bmd_vec3_norm(s->v_ecef_mps);
  w->v_east_mps = bmd_vec3_dot(s->v_ecef_mps, e);
  w->v_north_mps = bmd_vec3_dot(s->v_ecef_mps, n);
  w->v_up_mps = bmd_vec3_dot(s->v_ecef_mps, u);
  w->mass_kg = s->mass_kg;
  w->phase = bmd_phase_name((enum bmd_phase)s->phase);
}

/* The CSV columns: (header with unit, decimals, field). */
#define TRAJ_COLUMNS(X)             \
  X("t_s", 3, t_s)                  \
  X("lat_deg", 7, lat_deg)          \
  X("lon_deg", 7, lon_deg)          \
  X("alt_m", 2, alt_m)              \
  X("speed_mps", 3, speed_mps)      \
  X("v_east_mps", 3, v_east_mps)    \
  X("v_north_mps", 3, v_north_mps)  \
  X("v_up_mps", 3, v_up_mps)        \
  X("mass_kg", 2, mass_kg)

int bmd_trajout_check(const struct bmd_physics *phys, const struct bmd_traj_result *r, char *why,
                      size_t n) {
  const double top[4] = {r->impact_t_s, r->apogee_alt_m, r->impact_lat_deg, r->impact_lon_deg};
  static const char *const top_name[4] = {"time_of_flight_s", "apogee_alt_m", "impact_lat_deg",
                                          "impact_lon_deg"};
  for (int k = 0; k < 4; k++)
    if (!isfinite(top[k])) {
      if (why) snprintf(why, n, "'%s' is %g", top_name[k], top[k]);
      return BMD_ENONFINITE;
    }
  for (long i = 0; i < r->nsamples; i++) {
    struct row w;
    row_of(phys, &r->samples[i], &w);
#define CHK(name, fmt, field)                                                             \
  if (!isfinite(w.field)) {                                                               \
    if (why) snprintf(why, n, "sample %ld (t_s = %g): '%s' is %g", i, r->samples[i].t_s,  \
                      name, w.field);                                                     \
    return BMD_ENONFINITE;                                                                \
  }
    TRAJ_COLUMNS(CHK)
#undef CHK
  }
  return BMD_OK;
}

int bmd_trajout_csv(FILE *fp, const struct bmd_physics *phys, const struct bmd_traj_result *r) {
  struct bmd_csv *w;
  int rc;
  if (bmd_trajout_check(phys, r, NULL, 0) != BMD_OK) return BMD_ENONFINITE;
  if (!(w = malloc(sizeof *w))) return -1;
  bmd_csv_init(w, fp);
#define HDR(name, dec, field) name ","
  bmd_csv_header(w, TRAJ_COLUMNS(HDR) "phase");
#undef HDR
  for (long i = 0; i < r->nsamples; i++) {
    struct row x;
    row_of(phys, &r->samples[i], &x);
#define VAL(name, dec, field) bmd_csv_fixed(w, x.field, dec);
    TRAJ_COLUMNS(VAL)
#undef VAL
    bmd_csv_text(w, x.phase);
    bmd_csv_end(w);
  }
  rc = bmd_csv_finish(w);
  free(w);
  return rc;
}

static cJSON *named_point(const char *kind, const char *name, double lon, double lat) {
  cJSON *f = bmd_geojson_feature_alloc(), *p = bmd_geojson_add_object(f, "properties");
  bmd_geojson_add_string(p, "kind", kind);
  bmd_geojson_add_string(p, "name", name);
  cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_point(lon, lat, 7));
  return f;
}

int bmd_trajout_geojson(FILE *fp, const struct bmd_physics *phys, const struct bmd_traj_result *r,
                        const struct bmd_trajout_meta *m) {
  struct bmd_geojson g;
  double *lat, *lon, *alt;
  cJSON *f, *p, *times;
  if (bmd_trajout_check(phys, r, NULL, 0) != BMD_OK) return BMD_ENONFINITE;
  lat = malloc(sizeof *lat * 3 * (size_t)(r->nsamples > 0 ? r->nsamples : 1));
  if (!lat) return -1;
  lon = lat + r->nsamples;
  alt = lon + r->nsamples;
  for (long i = 0; i < r->nsamples; i++) {
    struct row x;
    row_of(phys, &r->samples[i], &x);
    lat[i] = x.lat_deg;
    lon[i] = x.lon_deg;
    alt[i] = x.alt_m;
  }
  bmd_geojson_begin(&g, fp);
  f = bmd_geojson_feature_alloc();
  p = bmd_geojson_add_object(f, "properties");
  bmd_geojson_add_string(p, "kind", "trajectory");
  bmd_geojson_add_string(p, "missile", m->missile);
  bmd_geojson_add_string(p, "from", m->from);
  bmd_geojson_add_string(p, "to", m->to);
  bmd_geojson_add_fixed(p, "time_of_flight_s", r->impact_t_s, 3);
  bmd_geojson_add_fixed(p, "apogee_km", r->apogee_alt_m / 1e3, 3);
  times = bmd_geojson_add_array(p, "times_s");
  for (long i = 0; i < r->nsamples; i++) cJSON_AddItemToArray(times, bmd_geojson_fixed(r->samples[i].t_s, 3));
  /* RFC 7946: [lon, lat, alt]; antimeridian crossings left to the viewer */
  cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_line((int)r->nsamples, lon, lat, alt, 7, 1));
  bmd_geojson_put(&g, f);
  bmd_geojson_put(&g, named_point("launch", m->from, m->launch_lon_deg, m->launch_lat_deg));
  bmd_geojson_put(&g, named_point("target", m->to, m->target_lon_deg, m->target_lat_deg));
  f = bmd_geojson_feature_alloc();
  p = bmd_geojson_add_object(f, "properties");
  bmd_geojson_add_string(p, "kind", "impact");
  bmd_geojson_add_fixed(p, "t_s", r->impact_t_s, 3);
  cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_point(r->impact_lon_deg, r->impact_lat_deg, 7));
  bmd_geojson_put(&g, f);
  free(lat);
  return bmd_geojson_end(&g);
}

int bmd_trajout_kml(FILE *fp, const struct bmd_physics *phys, const struct bmd_traj_result *r,
                    const struct bmd_trajout_meta *m) {
  char name[512];
  double *t, *lat, *lon, *alt;
  struct bmd_kml *k;
  size_t n = (size_t)(r->nsamples > 0 ? r->nsamples : 1);
  if (bmd_trajout_check(phys, r, NULL, 0) != BMD_OK) return BMD_ENONFINITE;
  t = malloc(sizeof *t * 4 * n);
  if (!t) return -1;
  lat = t + n;
  lon = lat + n;
  alt = lon + n;
  for (long i = 0; i < r->nsamples; i++) {
    struct row x;
    row_of(phys, &r->samples[i], &x);
    t[i] = m->epoch_unix_s + r->samples[i].t_s;
    lat[i] = x.lat_deg;
    lon[i] = x.lon_deg;
    alt[i] = x.alt_m;
  }
  snprintf(name, sizeof name, "bmdsim: %s %s to %s", m->missile, m->from, m->to);
  k = bmd_kml_open(fp, name);
  if (!k) {
    free(t);
    errno = ENOMEM;
    return -1;
  }
  bmd_kml_style(k, "traj", "ff0000ff", 3, "http://maps.google.com/mapfiles/kml/shapes/airports.png");
  bmd_kml_track(k, m->missile, "traj", (int)r->nsamples, t, lon, lat, alt, 7, 1);
  snprintf(name, sizeof name, "launch: %s", m->from);
  bmd_kml_point(k, name, m->launch_lon_deg, m->launch_lat_deg, 7);
  snprintf(name, sizeof name, "target: %s", m->to);
  bmd_kml_point(k, name, m->target_lon_deg, m->target_lat_deg, 7);
  free(t);
  return bmd_kml_close(k);
}
