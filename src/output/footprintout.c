/* footprintout.c - footprint CSV and GeoJSON (footprintout.h). */
#include <bmd/footprintout.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/fmt.h>

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

/* The rows are built in a buffer (numbers by fmt.h, the same text as printf's and several
   times faster) and written whole; a buffer about to overflow is written first. */
struct row {
  FILE *fp;
  size_t n;
  char b[8192];
};

static void row_room(struct row *r, size_t k) {
  if (r->n + k > sizeof r->b) {
    fwrite(r->b, 1, r->n, r->fp);
    r->n = 0;
  }
}

/* k bytes of s */
static void put_n(struct row *r, const char *s, size_t k) {
  row_room(r, k);
  if (k > sizeof r->b) {
    fwrite(s, 1, k, r->fp);
    return;
  }
  memcpy(r->b + r->n, s, k);
  r->n += k;
}

static void put_s(struct row *r, const char *s) {
  put_n(r, s, strlen(s));
}

/* v with the given decimals; with empty set, nothing (an empty CSV field) when not finite.
   Any double fits the buffer (9 decimals of DBL_MAX: 320 characters): values too large for
   fmt.h's fast path come from snprintf, as long as they are */
static void put_f(struct row *r, double v, int decimals, int empty) {
  char t[352];
  int k;
  if (empty && !isfinite(v)) return;
  k = bmd_fmt_fixed(t, sizeof t, v, decimals);
  if (k > 0) put_n(r, t, (size_t)k < sizeof t ? (size_t)k : sizeof t - 1);
}

static void put_i(struct row *r, long v) {
  row_room(r, 24);
  r->n += (size_t)bmd_fmt_int(r->b + r->n, v);
}

static void row_end(struct row *r) {
  fwrite(r->b, 1, r->n, r->fp);
  r->n = 0;
}

int bmd_footprintout_csv(FILE *fp, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                         const struct bmd_footprint *f) {
  char a[1024], b[1024];
  struct row *r = malloc(sizeof *r);   /* 8 KB: not on a writer thread's stack */
  if (!r) return -1;
  r->fp = fp;
  r->n = 0;
  fputs("launch,lat_deg,lon_deg,status,range_km,azimuth_deg,time_of_flight_s,apogee_km,cue_t_s,"
        "firm_track_t_s,opportunities,shoot_look_shoot,earliest_intercept_alt_km,"
        "earliest_intercept_t_s,first_site,sites,kinematic_opportunities,"
        "kinematic_earliest_alt_km,kinematic_sites\n", fp);
  for (int k = 0; k < f->nlaunch; k++)
    for (int i = 0; i < f->nlat; i++)
      for (int j = 0; j < f->nlon; j++) {
        const struct bmd_footprint_cell *c = bmd_footprint_at(f, k, i, j);
        int ok = c->status == BMD_FOOTPRINT_OK;
        put_s(r, o->launch[k].name);
        put_s(r, ",");
        put_f(r, f->lat0_deg + i * f->grid_deg, 4, 0);
        put_s(r, ",");
        put_f(r, lon_of(f, j), 4, 0);
        put_s(r, ",");
        put_s(r, bmd_footprintout_status_name(c->status));
        put_s(r, ",");
        put_f(r, c->range_m / 1e3, 3, 0);
        put_s(r, ",");
        put_f(r, c->az_deg, 3, 0);
        put_s(r, ",");
        if (ok) {
          site_list(sc, c->sites, a, sizeof a);
          site_list(sc, c->kin_sites, b, sizeof b);
          put_f(r, c->tof_s, 1, 0);
          put_s(r, ",");
          put_f(r, c->apogee_alt_m / 1e3, 1, 0);
          put_s(r, ",");
          put_f(r, c->cue_t_s, 0, 1);
          put_s(r, ",");
          put_f(r, c->firm_t_s, 0, 1);
          put_s(r, ",");
          put_i(r, c->opportunities);
          put_s(r, c->opportunities >= 2 ? ",1," : ",0,");
          put_f(r, c->first_alt_m / 1e3, 1, 1);
          put_s(r, ",");
          put_f(r, c->first_t_s, 0, 1);
          put_s(r, ",");
          put_s(r, c->first_site >= 0 ? sc->sites[c->first_site].name : "");
          put_s(r, ",");
          put_s(r, a);
          put_s(r, ",");
          put_i(r, c->kin_opportunities);
          put_s(r, ",");
          put_f(r, c->kin_first_alt_m / 1e3, 1, 1);
          put_s(r, ",");
          put_s(r, b);
          put_s(r, "\n");
        } else {
          put_s(r, ",,,,,,,,,,,,\n");
        }
        if (r->n > sizeof r->b / 2) row_end(r);
      }
  row_end(r);
  free(r);
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
  struct row *r = malloc(sizeof *r);   /* 8 KB: not on a writer thread's stack */
  if (!r) return -1;
  r->fp = fp;
  r->n = 0;
  fputs("{\"type\":\"FeatureCollection\",\"features\":[", fp);
  for (int i = 0; i < f->nlat; i++)
    for (int j = 0; j < f->nlon; j++) {
      int opp, kin;
      double lat = f->lat0_deg + i * f->grid_deg, lon = lon_of(f, j), h = 0.5 * f->grid_deg;
      double s = fmax(-90.0, lat - h), n = fmin(90.0, lat + h), w = lon - h, e = lon + h;
      bmd_footprint_combined(f, i, j, &opp, &kin);
      if (opp < 0) continue;   /* no launch reaches the cell */
      /* RFC 7946 sec. 3.1.6: exterior ring counterclockwise, first = last position */
      {
        const double ring[5][2] = {{w, s}, {e, s}, {e, n}, {w, n}, {w, s}};
        put_s(r, first ? "\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
                       : ",\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int q = 0; q < 5; q++) {
          put_s(r, q ? ",[" : "[");
          put_f(r, ring[q][0], 4, 0);
          put_s(r, ",");
          put_f(r, ring[q][1], 4, 0);
          put_s(r, "]");
        }
        put_s(r, "]]},");
      }
      first = 0;
      put_s(r, "\"properties\":{\"kind\":\"cell\",\"lat_deg\":");
      put_f(r, lat, 4, 0);
      put_s(r, ",\"lon_deg\":");
      put_f(r, lon, 4, 0);
      put_s(r, ",\"area_km2\":");
      put_f(r, bmd_footprint_cell_area_m2(f, i) / 1e6, 1, 0);
      put_s(r, ",\"opportunities\":");
      put_i(r, opp);
      put_s(r, opp >= 2 ? ",\"shoot_look_shoot\":true" : ",\"shoot_look_shoot\":false");
      put_s(r, ",\"kinematic_opportunities\":");
      put_i(r, kin);
      put_s(r, ",\"by_launch\":[");
      for (int k = 0; k < f->nlaunch; k++) {
        const struct bmd_footprint_cell *c = bmd_footprint_at(f, k, i, j);
        put_s(r, k ? ",{\"launch\":\"" : "{\"launch\":\"");
        put_s(r, o->launch[k].name);
        put_s(r, "\",\"status\":\"");
        put_s(r, bmd_footprintout_status_name(c->status));
        put_s(r, "\",\"range_km\":");
        put_f(r, c->range_m / 1e3, 1, 0);
        if (c->status == BMD_FOOTPRINT_OK) {
          site_list(sc, c->sites, a, sizeof a);
          site_list(sc, c->kin_sites, b, sizeof b);
          put_s(r, ",\"time_of_flight_s\":");
          put_f(r, c->tof_s, 1, 0);
          put_s(r, ",\"opportunities\":");
          put_i(r, c->opportunities);
          put_s(r, ",\"kinematic_opportunities\":");
          put_i(r, c->kin_opportunities);
          put_s(r, ",\"sites\":\"");
          put_s(r, a);
          put_s(r, "\",\"kinematic_sites\":\"");
          put_s(r, b);
          put_s(r, "\"");
          if (c->first_site >= 0) {
            put_s(r, ",\"earliest_intercept_alt_km\":");
            put_f(r, c->first_alt_m / 1e3, 1, 0);
            put_s(r, ",\"earliest_intercept_t_s\":");
            put_f(r, c->first_t_s, 0, 0);
            put_s(r, ",\"first_site\":\"");
            put_s(r, sc->sites[c->first_site].name);
            put_s(r, "\"");
          }
        }
        put_s(r, "}");
      }
      put_s(r, "]}}");
      if (r->n > sizeof r->b / 2) row_end(r);
    }
  row_end(r);
  free(r);
  for (int k = 0; k < f->nlaunch; k++)
    point_feature(fp, &first, o->launch[k].lat_deg, o->launch[k].lon_deg, "launch", o->launch[k].name, "");
  for (int s = 0; s < sc->nsites; s++) {
    snprintf(extra, sizeof extra, ",\"interceptor\":\"%s\",\"inventory\":%d", sc->sites[s].interceptor->name,
             sc->sites[s].inventory);
    point_feature(fp, &first, sc->sites[s].lat_deg, sc->sites[s].lon_deg, "site", sc->sites[s].name, extra);
  }
  for (int q = 0; q < sc->nradars; q++) {
    snprintf(extra, sizeof extra, ",\"radar\":\"%s\"", sc->radars[q].type->name);
    point_feature(fp, &first, sc->radars[q].lat_deg, sc->radars[q].lon_deg, "radar", sc->radars[q].name, extra);
  }
  fputs("\n]}\n", fp);
  return ferror(fp) ? -1 : 0;
}
