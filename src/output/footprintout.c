/* footprintout.c - footprint CSV and GeoJSON (footprintout.h). */
#include <bmd/footprintout.h>

#include <math.h>
#include <stdlib.h>

#include <bmd/const.h>
#include <bmd/csv.h>

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
          bmd_csv_fixed(w, (double)c->tof_s, 1);
          bmd_csv_fixed(w, (double)c->apogee_alt_m / 1e3, 1);
          bmd_csv_fixed(w, (double)c->cue_t_s, 0);
          bmd_csv_fixed(w, (double)c->firm_t_s, 0);
          bmd_csv_int(w, c->opportunities);
          bmd_csv_int(w, c->opportunities >= 2);
          bmd_csv_fixed(w, (double)c->first_alt_m / 1e3, 1);
          bmd_csv_fixed(w, (double)c->first_t_s, 0);
          bmd_csv_text(w, c->first_site >= 0 ? sc->sites[c->first_site].name : "");
          bmd_csv_text(w, a);
          bmd_csv_int(w, c->kin_opportunities);
          bmd_csv_fixed(w, (double)c->kin_first_alt_m / 1e3, 1);
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
