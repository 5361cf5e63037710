/* trajout.c - trajectory CSV, GeoJSON and KML writers (trajout.h). */
#include <bmd/trajout.h>

#include <math.h>
#include <string.h>
#include <time.h>

#include <bmd/const.h>
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

/* The CSV columns: (header with unit, printf format, field). */
#define TRAJ_COLUMNS(X)                 \
  X("t_s", "%.3f", t_s)                 \
  X("lat_deg", "%.7f", lat_deg)         \
  X("lon_deg", "%.7f", lon_deg)         \
  X("alt_m", "%.2f", alt_m)             \
  X("speed_mps", "%.3f", speed_mps)     \
  X("v_east_mps", "%.3f", v_east_mps)   \
  X("v_north_mps", "%.3f", v_north_mps) \
  X("v_up_mps", "%.3f", v_up_mps)       \
  X("mass_kg", "%.2f", mass_kg)

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
  if (bmd_trajout_check(phys, r, NULL, 0) != BMD_OK) return BMD_ENONFINITE;
#define HDR(name, fmt, field) fputs(name ",", fp);
  TRAJ_COLUMNS(HDR)
#undef HDR
  fputs("phase\n", fp);
  for (long i = 0; i < r->nsamples; i++) {
    struct row w;
    row_of(phys, &r->samples[i], &w);
#define VAL(name, fmt, field) fprintf(fp, fmt ",", w.field);
    TRAJ_COLUMNS(VAL)
#undef VAL
    fprintf(fp, "%s\n", w.phase);
  }
  return ferror(fp) ? -1 : 0;
}

int bmd_trajout_geojson(FILE *fp, const struct bmd_physics *phys,
                        const struct bmd_traj_result *r, const struct bmd_trajout_meta *m) {
  if (bmd_trajout_check(phys, r, NULL, 0) != BMD_OK) return BMD_ENONFINITE;
  fprintf(fp, "{\"type\":\"FeatureCollection\",\"features\":[\n");
  fprintf(fp, "{\"type\":\"Feature\",\"properties\":{\"kind\":\"trajectory\",\"missile\":\"%s\","
              "\"from\":\"%s\",\"to\":\"%s\",\"time_of_flight_s\":%.3f,\"apogee_km\":%.3f,"
              "\"times_s\":[",
          m->missile, m->from, m->to, r->impact_t_s, r->apogee_alt_m / 1e3);
  for (long i = 0; i < r->nsamples; i++) fprintf(fp, "%s%.3f", i ? "," : "", r->samples[i].t_s);
  fprintf(fp, "]},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[");
  for (long i = 0; i < r->nsamples; i++) {
    struct row w;
    row_of(phys, &r->samples[i], &w);
    /* RFC 7946: [lon, lat, alt]; antimeridian crossings left to the viewer */
    fprintf(fp, "%s[%.7f,%.7f,%.1f]", i ? "," : "", w.lon_deg, w.lat_deg, w.alt_m);
  }
  fprintf(fp, "]}},\n");
  fprintf(fp, "{\"type\":\"Feature\",\"properties\":{\"kind\":\"launch\",\"name\":\"%s\"},"
              "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}},\n",
          m->from, m->launch_lon_deg, m->launch_lat_deg);
  fprintf(fp, "{\"type\":\"Feature\",\"properties\":{\"kind\":\"target\",\"name\":\"%s\"},"
              "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}},\n",
          m->to, m->target_lon_deg, m->target_lat_deg);
  fprintf(fp, "{\"type\":\"Feature\",\"properties\":{\"kind\":\"impact\",\"t_s\":%.3f},"
              "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}}\n",
          r->impact_t_s, r->impact_lon_deg, r->impact_lat_deg);
  fprintf(fp, "]}\n");
  return ferror(fp) ? -1 : 0;
}

static void iso8601(double unix_s, char *buf, size_t n) {
  time_t t = (time_t)floor(unix_s);
  struct tm tm;
  gmtime_r(&t, &tm);
  int ms = (int)((unix_s - floor(unix_s)) * 1000.0) % 1000;
  size_t k = strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(buf + k, n - k, ".%03dZ", ms);
}

int bmd_trajout_kml(FILE *fp, const struct bmd_physics *phys, const struct bmd_traj_result *r,
                    const struct bmd_trajout_meta *m) {
  char ts[40];
  if (bmd_trajout_check(phys, r, NULL, 0) != BMD_OK) return BMD_ENONFINITE;
  fprintf(fp,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n"
          "<Document>\n<name>bmdsim: %s %s to %s</name>\n"
          "<Style id=\"traj\"><LineStyle><color>ff0000ff</color><width>3</width></LineStyle>"
          "<IconStyle><Icon><href>http://maps.google.com/mapfiles/kml/shapes/airports.png</href></Icon></IconStyle></Style>\n",
          m->missile, m->from, m->to);
  fprintf(fp, "<Placemark><name>%s</name><styleUrl>#traj</styleUrl>\n<gx:Track>\n"
              "<altitudeMode>absolute</altitudeMode>\n", m->missile);
  for (long i = 0; i < r->nsamples; i++) {
    iso8601(m->epoch_unix_s + r->samples[i].t_s, ts, sizeof ts);
    fprintf(fp, "<when>%s</when>\n", ts);
  }
  for (long i = 0; i < r->nsamples; i++) {
    struct row w;
    row_of(phys, &r->samples[i], &w);
    fprintf(fp, "<gx:coord>%.7f %.7f %.1f</gx:coord>\n", w.lon_deg, w.lat_deg, w.alt_m);
  }
  fprintf(fp, "</gx:Track></Placemark>\n");
  fprintf(fp, "<Placemark><name>launch: %s</name><Point><coordinates>%.7f,%.7f,0</coordinates></Point></Placemark>\n",
          m->from, m->launch_lon_deg, m->launch_lat_deg);
  fprintf(fp, "<Placemark><name>target: %s</name><Point><coordinates>%.7f,%.7f,0</coordinates></Point></Placemark>\n",
          m->to, m->target_lon_deg, m->target_lat_deg);
  fprintf(fp, "</Document>\n</kml>\n");
  return ferror(fp) ? -1 : 0;
}
