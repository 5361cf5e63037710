/* footprintout.c - footprint CSV and GeoJSON (footprintout.h). */
#include <bmd/footprintout.h>

#include <math.h>
#include <string.h>

#include <bmd/const.h>

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

/* a number with the given decimals, or nothing (an empty CSV field) when not finite */
static void num(FILE *fp, int decimals, double v) {
  if (isfinite(v)) fprintf(fp, "%.*f", decimals, v);
}

int bmd_footprintout_csv(FILE *fp, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                         const struct bmd_footprint *f) {
  char a[1024], b[1024];
  fputs("launch,lat_deg,lon_deg,status,range_km,azimuth_deg,time_of_flight_s,apogee_km,cue_t_s,"
        "firm_track_t_s,opportunities,shoot_look_shoot,earliest_intercept_alt_km,"
        "earliest_intercept_t_s,first_site,sites,kinematic_opportunities,"
        "kinematic_earliest_alt_km,kinematic_sites\n", fp);
  for (int k = 0; k < f->nlaunch; k++)
    for (int i = 0; i < f->nlat; i++)
      for (int j = 0; j < f->nlon; j++) {
        const struct bmd_footprint_cell *c = bmd_footprint_at(f, k, i, j);
        int ok = c->status == BMD_FOOTPRINT_OK;
        fprintf(fp, "%s,%.4f,%.4f,%s,%.3f,%.3f,", o->launch[k].name, f->lat0_deg + i * f->grid_deg,
                lon_of(f, j), bmd_footprintout_status_name(c->status), c->range_m / 1e3, c->az_deg);
        if (ok) {
          site_list(sc, c->sites, a, sizeof a);
          site_list(sc, c->kin_sites, b, sizeof b);
          fprintf(fp, "%.1f,%.1f,", c->tof_s, c->apogee_alt_m / 1e3);
          num(fp, 0, c->cue_t_s);
          fputc(',', fp);
          num(fp, 0, c->firm_t_s);
          fprintf(fp, ",%d,%d,", c->opportunities, c->opportunities >= 2);
          num(fp, 1, c->first_alt_m / 1e3);
          fputc(',', fp);
          num(fp, 0, c->first_t_s);
          fprintf(fp, ",%s,%s,%d,", c->first_site >= 0 ? sc->sites[c->first_site].name : "", a,
                  c->kin_opportunities);
          num(fp, 1, c->kin_first_alt_m / 1e3);
          fprintf(fp, ",%s\n", b);
        } else {
          fputs(",,,,,,,,,,,,\n", fp);
        }
      }
  return ferror(fp) ? -1 : 0;
}

static void point_feature(FILE *fp, int *first, double lat, double lon, const char *kind,
                          const char *name, const char *extra) {
  fprintf(fp, "%s\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]},"
              "\"properties\":{\"kind\":\"%s\",\"name\":\"%s\"%s}}",
          *first ? "" : ",", lon, lat, kind, name, extra);
  *first = 0;
}

int bmd_footprintout_geojson(FILE *fp, const struct bmd_scenario *sc,
                             const struct bmd_footprint_opts *o, const struct bmd_footprint *f) {
  int first = 1;
  char a[1024], b[1024], extra[256];
  fputs("{\"type\":\"FeatureCollection\",\"features\":[", fp);
  for (int i = 0; i < f->nlat; i++)
    for (int j = 0; j < f->nlon; j++) {
      int opp, kin;
      double lat = f->lat0_deg + i * f->grid_deg, lon = lon_of(f, j), h = 0.5 * f->grid_deg;
      double s = fmax(-90.0, lat - h), n = fmin(90.0, lat + h), w = lon - h, e = lon + h;
      bmd_footprint_combined(f, i, j, &opp, &kin);
      if (opp < 0) continue;   /* no launch reaches the cell */
      /* RFC 7946 sec. 3.1.6: exterior ring counterclockwise, first = last position */
      fprintf(fp, "%s\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                  "[[[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]},",
              first ? "" : ",", w, s, e, s, e, n, w, n, w, s);
      first = 0;
      fprintf(fp, "\"properties\":{\"kind\":\"cell\",\"lat_deg\":%.4f,\"lon_deg\":%.4f,"
                  "\"area_km2\":%.1f,\"opportunities\":%d,\"shoot_look_shoot\":%s,"
                  "\"kinematic_opportunities\":%d,\"by_launch\":[",
              lat, lon, bmd_footprint_cell_area_m2(f, i) / 1e6, opp, opp >= 2 ? "true" : "false", kin);
      for (int k = 0; k < f->nlaunch; k++) {
        const struct bmd_footprint_cell *c = bmd_footprint_at(f, k, i, j);
        fprintf(fp, "%s{\"launch\":\"%s\",\"status\":\"%s\",\"range_km\":%.1f", k ? "," : "",
                o->launch[k].name, bmd_footprintout_status_name(c->status), c->range_m / 1e3);
        if (c->status == BMD_FOOTPRINT_OK) {
          site_list(sc, c->sites, a, sizeof a);
          site_list(sc, c->kin_sites, b, sizeof b);
          fprintf(fp, ",\"time_of_flight_s\":%.1f,\"opportunities\":%d,\"kinematic_opportunities\":%d,"
                      "\"sites\":\"%s\",\"kinematic_sites\":\"%s\"",
                  c->tof_s, c->opportunities, c->kin_opportunities, a, b);
          if (c->first_site >= 0)
            fprintf(fp, ",\"earliest_intercept_alt_km\":%.1f,\"earliest_intercept_t_s\":%.0f,\"first_site\":\"%s\"",
                    c->first_alt_m / 1e3, c->first_t_s, sc->sites[c->first_site].name);
        }
        fputc('}', fp);
      }
      fputs("]}}", fp);
    }
  for (int k = 0; k < f->nlaunch; k++)
    point_feature(fp, &first, o->launch[k].lat_deg, o->launch[k].lon_deg, "launch", o->launch[k].name, "");
  for (int s = 0; s < sc->nsites; s++) {
    snprintf(extra, sizeof extra, ",\"interceptor\":\"%s\",\"inventory\":%d", sc->sites[s].interceptor->name,
             sc->sites[s].inventory);
    point_feature(fp, &first, sc->sites[s].lat_deg, sc->sites[s].lon_deg, "site", sc->sites[s].name, extra);
  }
  for (int r = 0; r < sc->nradars; r++) {
    snprintf(extra, sizeof extra, ",\"radar\":\"%s\"", sc->radars[r].type->name);
    point_feature(fp, &first, sc->radars[r].lat_deg, sc->radars[r].lon_deg, "radar", sc->radars[r].name, extra);
  }
  fputs("\n]}\n", fp);
  return ferror(fp) ? -1 : 0;
}
