/* coverageout.c - coverage JSON, CSV and GeoJSON (coverageout.h). */
#include <bmd/coverageout.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/csv.h>
#include <bmd/geodesic.h>
#include <bmd/geojson.h>

static void num_or_null(cJSON *o, const char *k, double v) {
  if (isfinite(v)) cJSON_AddNumberToObject(o, k, v);
  else cJSON_AddNullToObject(o, k);
}

static cJSON *point(const struct bmd_intercept *ic) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "t_s", ic->t_s);
  cJSON_AddNumberToObject(o, "launch_t_s", ic->launch_t_s);
  cJSON_AddNumberToObject(o, "alt_km", ic->alt_m / 1e3);
  cJSON_AddNumberToObject(o, "lat_deg", ic->lat_deg);
  cJSON_AddNumberToObject(o, "lon_deg", ic->lon_deg);
  cJSON_AddNumberToObject(o, "closing_speed_mps", ic->closing_mps);
  cJSON_AddNumberToObject(o, "crossing_angle_deg", ic->crossing_deg);
  return o;
}

cJSON *bmd_coverageout_json(const struct bmd_scenario *sc, const struct bmd_coverage *cov, int sweep) {
  cJSON *j = cJSON_CreateObject(), *rows = cJSON_CreateArray(), *cors = cJSON_CreateArray();
  if (!j || !rows || !cors) {
    cJSON_Delete(j);
    cJSON_Delete(rows);
    cJSON_Delete(cors);
    return NULL;
  }
  cJSON_AddStringToObject(j, "scenario", sc->name);
  cJSON_AddStringToObject(j, "title", sc->title);
  cJSON_AddNumberToObject(j, "decision_latency_s", sc->c2.decision_latency_s);
  cJSON_AddBoolToObject(j, "sweep", sweep);
  for (int c = 0; c < cov->ncorridors; c++) {
    const struct bmd_coverage_corridor *co = &cov->corridor[c];
    const struct bmd_scen_threat *t = &sc->threats[co->threat];
    cJSON *o = cJSON_CreateObject();
    int any_e = 0, any_k = 0;
    cJSON_AddStringToObject(o, "threat", t->id);
    cJSON_AddNumberToObject(o, "threats", co->nthreats);
    cJSON_AddStringToObject(o, "missile", t->missile->name);
    cJSON_AddStringToObject(o, "from", t->from);
    cJSON_AddStringToObject(o, "to", t->to);
    cJSON_AddNumberToObject(o, "time_of_flight_s", co->traj.impact_t_s);
    cJSON_AddNumberToObject(o, "apogee_km", co->traj.apogee_alt_m / 1e3);
    num_or_null(o, "early_warning_t_s", co->cue.ew_t_s);
    num_or_null(o, "first_detection_t_s", co->cue.detect_t_s);
    num_or_null(o, "fire_control_track_t_s", co->cue.firm_t_s);
    for (int s = 0; s < sc->nsites; s++) {
      any_e |= cov->row[c * sc->nsites + s].feasible;
      any_k |= cov->row[c * sc->nsites + s].kinematic_feasible;
    }
    cJSON_AddBoolToObject(o, "engageable_by_any_site", any_e);
    cJSON_AddBoolToObject(o, "kinematic_reach_by_any_site", any_k);
    cJSON_AddItemToArray(cors, o);
  }
  cJSON_AddItemToObject(j, "corridors", cors);
  for (int k = 0; k < cov->nrows; k++) {
    const struct bmd_coverage_row *r = &cov->row[k];
    const struct bmd_coverage_corridor *co = &cov->corridor[r->corridor];
    const struct bmd_scen_threat *t = &sc->threats[co->threat];
    const struct bmd_scen_site *st = &sc->sites[r->site];
    cJSON *o = cJSON_CreateObject(), *bc = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "threat", t->id);
    cJSON_AddStringToObject(o, "missile", t->missile->name);
    cJSON_AddStringToObject(o, "from", t->from);
    cJSON_AddStringToObject(o, "to", t->to);
    cJSON_AddStringToObject(o, "site", st->name);
    cJSON_AddStringToObject(o, "interceptor", st->interceptor->name);
    cJSON_AddBoolToObject(o, "kinematic_feasible", r->kinematic_feasible);
    cJSON_AddBoolToObject(o, "feasible", r->feasible);
    cJSON_AddNumberToObject(o, "window_s", r->feasible ? r->eng.window_s : 0.0);
    cJSON_AddNumberToObject(o, "kinematic_window_s", r->kinematic_feasible ? r->kin.window_s : 0.0);
    cJSON_AddStringToObject(o, "constraint", bmd_coverage_constraint_word(r));
    if (r->feasible) {
      cJSON_AddItemToObject(o, "earliest", point(&r->eng.earliest));
      cJSON_AddItemToObject(o, "latest", point(&r->eng.latest));
    } else {
      cJSON_AddNullToObject(o, "earliest");
      cJSON_AddNullToObject(o, "latest");
    }
    if (r->kinematic_feasible) cJSON_AddItemToObject(o, "kinematic_earliest", point(&r->kin.earliest));
    else cJSON_AddNullToObject(o, "kinematic_earliest");
    num_or_null(o, "latest_launch_s", r->kin.npoints > 0 || r->kinematic_feasible || isfinite(r->latest_launch_s)
                                          ? r->latest_launch_s : nan(""));
    num_or_null(o, "max_decision_delay_s", r->max_decision_delay_s);
    num_or_null(o, "latest_track_t_s", r->latest_track_t_s);
    num_or_null(o, "burnout_speed_mps", r->burnout_speed_mps);
    if (sweep) num_or_null(o, "threshold_burnout_speed_mps", r->threshold_burnout_speed_mps);
    else cJSON_AddNullToObject(o, "threshold_burnout_speed_mps");
    num_or_null(o, "threshold_isp_scale", sweep ? r->threshold_isp_scale : nan(""));
    for (int c = 0; c < BMD_CUE_N; c++) {
      if (r->feasible_by_cue[c] < 0) cJSON_AddNullToObject(bc, bmd_coverage_cue_name((enum bmd_coverage_cue)c));
      else cJSON_AddBoolToObject(bc, bmd_coverage_cue_name((enum bmd_coverage_cue)c), r->feasible_by_cue[c]);
    }
    cJSON_AddItemToObject(o, "feasible_by_cue", bc);
    cJSON_AddNumberToObject(o, "reach_ground_km", r->reach_ground_m / 1e3);
    cJSON_AddItemToArray(rows, o);
  }
  cJSON_AddItemToObject(j, "rows", rows);
  cJSON_AddNumberToObject(j, "seconds", cov->seconds);
  return j;
}

int bmd_coverageout_csv(FILE *fp, const struct bmd_scenario *sc, const struct bmd_coverage *cov) {
  struct bmd_csv *w = malloc(sizeof *w);
  int rc;
  if (!w) return -1;
  bmd_csv_init(w, fp);
  bmd_csv_header(w, "threat,missile,from,to,site,interceptor,kinematic_feasible,feasible,window_s,constraint,"
                    "earliest_t_s,earliest_alt_km,latest_t_s,latest_alt_km,closing_speed_mps,latest_launch_s,"
                    "max_decision_delay_s,burnout_speed_mps,threshold_burnout_speed_mps,feasible_on_launch,"
                    "feasible_on_early_warning,feasible_on_first_detection,feasible_on_fire_control_track,"
                    "reach_ground_km");
  for (int k = 0; k < cov->nrows; k++) {
    const struct bmd_coverage_row *r = &cov->row[k];
    const struct bmd_scen_threat *t = &sc->threats[cov->corridor[r->corridor].threat];
    const struct bmd_scen_site *st = &sc->sites[r->site];
    bmd_csv_text(w, t->id);
    bmd_csv_text(w, t->missile->name);
    bmd_csv_text(w, t->from);
    bmd_csv_text(w, t->to);
    bmd_csv_text(w, st->name);
    bmd_csv_text(w, st->interceptor->name);
    bmd_csv_int(w, r->kinematic_feasible);
    bmd_csv_int(w, r->feasible);
    bmd_csv_fixed(w, r->feasible ? r->eng.window_s : 0.0, 0);
    bmd_csv_text(w, bmd_coverage_constraint_word(r));
    if (r->feasible) {
      bmd_csv_fixed(w, r->eng.earliest.t_s, 0);
      bmd_csv_fixed(w, r->eng.earliest.alt_m / 1e3, 1);
      bmd_csv_fixed(w, r->eng.latest.t_s, 0);
      bmd_csv_fixed(w, r->eng.latest.alt_m / 1e3, 1);
      bmd_csv_fixed(w, r->eng.earliest.closing_mps, 0);
    } else {
      for (int e = 0; e < 5; e++) bmd_csv_empty(w);
    }
    bmd_csv_fixed(w, r->latest_launch_s, 0);
    bmd_csv_fixed(w, r->max_decision_delay_s, 0);
    bmd_csv_fixed(w, r->burnout_speed_mps, 0);
    bmd_csv_fixed(w, r->threshold_burnout_speed_mps, 0);
    for (int c = 0; c < BMD_CUE_N; c++) {
      if (r->feasible_by_cue[c] < 0) bmd_csv_empty(w);
      else bmd_csv_int(w, r->feasible_by_cue[c]);
    }
    bmd_csv_fixed(w, r->reach_ground_m / 1e3, 0);
    bmd_csv_end(w);
  }
  rc = bmd_csv_finish(w);
  free(w);
  return rc;
}

/* one LineString feature per run of points without an antimeridian jump, with a copy of
   the properties props */
static void line_features(struct bmd_geojson *g, int n, const double *lat, const double *lon, const cJSON *props) {
  int k = 0;
  while (k < n - 1) {
    int e = k + 1;
    while (e < n && fabs(lon[e] - lon[e - 1]) < 180.0) e++;
    if (e - k >= 2) {
      cJSON *f = bmd_geojson_feature_alloc();
      cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_line(e - k, lon + k, lat + k, NULL, 4, 0));
      cJSON_AddItemToObjectCS(f, "properties", cJSON_Duplicate(props, 1));
      bmd_geojson_put(g, f);
    }
    k = e;
  }
}

#define TRACK_DT_S 10.0
#define TRACK_MAX 2048
#define RING_N 120

int bmd_coverageout_geojson(FILE *fp, const struct bmd_scenario *sc, const struct bmd_coverage *cov) {
  struct bmd_geojson g;
  double *lat = malloc(sizeof *lat * 4 * (TRACK_MAX + 1)), *lon, *la2, *lo2;
  if (!lat) return -1;
  lon = lat + TRACK_MAX + 1;
  la2 = lon + TRACK_MAX + 1;
  lo2 = la2 + TRACK_MAX + 1;
  bmd_geojson_begin(&g, fp);
  for (int c = 0; c < cov->ncorridors; c++) {
    const struct bmd_coverage_corridor *co = &cov->corridor[c];
    const struct bmd_scen_threat *t = &sc->threats[co->threat];
    cJSON *props = cJSON_CreateObject();
    int n = 0;
    long hint = 0;
    /* ground track every 10 s, and the stretches some site can engage (engageable) or
       only reach (kinematic) */
    for (double ts = 0.0; ts <= co->traj.impact_t_s + TRACK_DT_S && n < TRACK_MAX; ts += TRACK_DT_S) {
      double r[3], la, lo, h;
      if (!bmd_traj_state_at(&co->traj, fmin(ts, co->traj.impact_t_s), &hint, r, NULL)) break;
      bmd_physics_from_ecef(&sc->phys, r, &la, &lo, &h);
      lat[n] = la / BMD_DEG;
      lon[n] = lo / BMD_DEG;
      n++;
    }
    bmd_geojson_add_string(props, "kind", "track");
    bmd_geojson_add_string(props, "threat", t->id);
    bmd_geojson_add_string(props, "missile", t->missile->name);
    bmd_geojson_add_string(props, "from", t->from);
    bmd_geojson_add_string(props, "to", t->to);
    line_features(&g, n, lat, lon, props);
    cJSON_Delete(props);
    for (int pass = 0; pass < 2; pass++) {
      int m = 0;
      for (int i = 0; i <= n; i++) {
        int in = 0;
        if (i < n)
          for (int s = 0; s < sc->nsites && !in; s++) {
            const struct bmd_coverage_row *r = &cov->row[c * sc->nsites + s];
            const struct bmd_engage_result *e = pass == 0 ? &r->eng : &r->kin;
            if (e->feasible && i * TRACK_DT_S >= e->earliest.t_s - TRACK_DT_S && i * TRACK_DT_S <= e->latest.t_s + TRACK_DT_S)
              in = 1;
          }
        if (in) {
          la2[m] = lat[i];
          lo2[m] = lon[i];
          m++;
        } else if (m > 0) {
          props = cJSON_CreateObject();
          bmd_geojson_add_string(props, "kind", pass == 0 ? "engageable" : "kinematic");
          bmd_geojson_add_string(props, "threat", t->id);
          line_features(&g, m, la2, lo2, props);
          cJSON_Delete(props);
          m = 0;
        }
      }
    }
  }
  for (int s = 0; s < sc->nsites; s++) {
    const struct bmd_scen_site *st = &sc->sites[s];
    double reach = 0.0;
    int n = 0;
    cJSON *f = bmd_geojson_feature_alloc(), *p, *props;
    for (int c = 0; c < cov->ncorridors; c++) reach = fmax(reach, cov->row[c * sc->nsites + s].reach_ground_m);
    cJSON_AddItemToObjectCS(f, "geometry", bmd_geojson_point(st->lon_deg, st->lat_deg, 5));
    p = bmd_geojson_add_object(f, "properties");
    bmd_geojson_add_string(p, "kind", "site");
    bmd_geojson_add_string(p, "name", st->name);
    bmd_geojson_add_string(p, "interceptor", st->interceptor->name);
    bmd_geojson_add_fixed(p, "reach_ground_km", reach / 1e3, 0);
    bmd_geojson_put(&g, f);
    if (!(reach > 0.0)) continue;
    for (int k = 0; k <= RING_N; k++) {
      double la, lo;
      bmd_geodesic_direct(sc->phys.earth, st->lat_deg, st->lon_deg, 360.0 * k / RING_N, reach, &la, &lo);
      lat[n] = la;
      lon[n] = lo;
      n++;
    }
    props = cJSON_CreateObject();
    bmd_geojson_add_string(props, "kind", "reach");
    bmd_geojson_add_string(props, "site", st->name);
    bmd_geojson_add_string(props, "interceptor", st->interceptor->name);
    bmd_geojson_add_fixed(props, "reach_ground_km", reach / 1e3, 0);
    line_features(&g, n, lat, lon, props);
    cJSON_Delete(props);
  }
  free(lat);
  return bmd_geojson_end(&g);
}
