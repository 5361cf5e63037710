/* live_features.c - the static part of the live page's scenario document: sites, radars
   with their coverage sectors, threats' launch points and targets, as GeoJSON features
   (live_impl.h; the document's keys in docs/http.md). */
#include <bmd/live.h>

#include <cjson/cJSON.h>

#include <bmd/geodesic.h>
#include <bmd/plot_scenario.h>
#include <bmd/radar.h>

#include "live_impl.h"

static void cJSON_idx(cJSON *j, const char *key, int v) { cJSON_AddNumberToObject(j, key, v); }

static cJSON *point(double lat, double lon) {
  cJSON *g = cJSON_CreateObject(), *c = cJSON_CreateArray();
  cJSON_AddStringToObject(g, "type", "Point");
  cJSON_AddItemToArray(c, cJSON_CreateNumber(lon));
  cJSON_AddItemToArray(c, cJSON_CreateNumber(lat));
  cJSON_AddItemToObject(g, "coordinates", c);
  return g;
}

static cJSON *feature(const char *kind, cJSON *geometry, cJSON **props) {
  cJSON *f = cJSON_CreateObject();
  cJSON_AddStringToObject(f, "type", "Feature");
  cJSON_AddItemToObject(f, "geometry", geometry);
  *props = cJSON_AddObjectToObject(f, "properties");
  cJSON_AddStringToObject(*props, "kind", kind);
  return f;
}

/* a coverage sector as a GeoJSON Polygon: one closed ring, counter-clockwise (RFC 7946
   3.1.6; the geodesic ring runs clockwise, so it is reversed) */
static cJSON *sector_polygon(const struct bmd_scen_radar *rd, const struct bmd_radar_sector *s) {
  enum { MAXN = 400 };
  double lat[MAXN + 2], lon[MAXN + 2];
  int n = bmd_geodesic_ring(BMD_EARTH_WGS84_J2, rd->lat_deg, rd->lon_deg, s->range_m, s->az_from_deg,
                            s->az_to_deg, !s->full, 2.0, MAXN + 2, lat, lon);
  cJSON *g = cJSON_CreateObject(), *rings = cJSON_CreateArray(), *ring = cJSON_CreateArray();
  cJSON_AddStringToObject(g, "type", "Polygon");
  for (int k = n; k >= 0; k--) {
    int i = k == n ? 0 : k; /* closed: starts and ends at point 0 */
    cJSON *c = cJSON_CreateArray();
    cJSON_AddItemToArray(c, cJSON_CreateNumber(lon[i]));
    cJSON_AddItemToArray(c, cJSON_CreateNumber(lat[i]));
    cJSON_AddItemToArray(ring, c);
  }
  cJSON_AddItemToArray(rings, ring);
  cJSON_AddItemToObject(g, "coordinates", rings);
  return g;
}

char *bmd_live_features_build(const struct bmd_scenario *sc) {
  cJSON *fs = cJSON_CreateArray(), *p, *t;
  double rcs = bmd_plot_scenario_min_rcs(sc);
  for (int s = 0; s < sc->nsites; s++) {
    const struct bmd_scen_site *si = &sc->sites[s];
    cJSON_AddItemToArray(fs, feature("site", point(si->lat_deg, si->lon_deg), &p));
    cJSON_idx(p, "site", s);
    cJSON_AddStringToObject(p, "name", si->name);
    cJSON_AddStringToObject(p, "interceptor", si->interceptor->name);
    cJSON_idx(p, "inventory", si->inventory);
    cJSON_idx(p, "launchers", si->launchers);
  }
  for (int k = 0; k < sc->nradars; k++) {
    const struct bmd_scen_radar *rd = &sc->radars[k];
    struct bmd_radar_sector sec[BMD_RADAR_MAX_FACES];
    int n = bmd_radar_coverage_sectors(rd->type, rd->boresight_az_deg, rcs, sec);
    cJSON_AddItemToArray(fs, feature("radar", point(rd->lat_deg, rd->lon_deg), &p));
    cJSON_idx(p, "radar", k);
    cJSON_AddStringToObject(p, "name", rd->name);
    cJSON_AddStringToObject(p, "type", rd->type->name);
    cJSON_AddBoolToObject(p, "fire_control", rd->type->fire_control);
    cJSON_AddNumberToObject(p, "range_m", bmd_radar_detection_range_m(rd->type, rcs));
    for (int f = 0; f < n; f++) {
      cJSON_AddItemToArray(fs, feature("radar-coverage", sector_polygon(rd, &sec[f]), &p));
      cJSON_idx(p, "radar", k);
      cJSON_AddStringToObject(p, "name", rd->name);
      cJSON_idx(p, "face", f);
    }
  }
  for (int i = 0; i < sc->nthreats; i++) {
    const struct bmd_scen_threat *th = &sc->threats[i];
    cJSON_AddItemToArray(fs, feature("threat", point(th->from_lat_deg, th->from_lon_deg), &p));
    cJSON_idx(p, "threat", i);
    cJSON_AddStringToObject(p, "name", th->id);
    cJSON_AddStringToObject(p, "missile", th->missile->name);
    cJSON_AddNumberToObject(p, "launch_t_s", th->launch_s);
    t = cJSON_AddArrayToObject(p, "target");
    cJSON_AddItemToArray(t, cJSON_CreateNumber(th->to_lon_deg));
    cJSON_AddItemToArray(t, cJSON_CreateNumber(th->to_lat_deg));
  }
  return bmd_live_json_text(fs);
}

