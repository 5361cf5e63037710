/* plot_scenario.c - a scenario's sensors and sites on a map (plot_scenario.h). */
#include <bmd/plot_scenario.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/radar.h>
#include <bmd/status.h>

#define DEG BMD_DEG

/* colour index of a missile: order of first appearance among threats, then interceptors */
int bmd_plot_scenario_missile_index(const struct bmd_scenario *sc, const struct bmd_missile *m) {
  int k = 0;
  for (int i = 0; i < sc->nthreats; i++) {
    int seen = 0;
    for (int j = 0; j < i; j++) seen |= sc->threats[j].missile == sc->threats[i].missile;
    if (seen) continue;
    if (sc->threats[i].missile == m) return k;
    k++;
  }
  for (int i = 0; i < sc->nsites; i++) {
    int seen = 0;
    for (int j = 0; j < i; j++) seen |= sc->sites[j].interceptor == sc->sites[i].interceptor;
    for (int j = 0; j < sc->nthreats; j++) seen |= sc->threats[j].missile == sc->sites[i].interceptor;
    if (seen) continue;
    if (sc->sites[i].interceptor == m) return k;
    k++;
  }
  return k;
}

struct bmd_plot_color bmd_plot_scenario_missile_color(const struct bmd_scenario *sc, const struct bmd_missile *m) {
  return bmd_plot_palette(bmd_plot_scenario_missile_index(sc, m));
}

/* common name of the sites at one place: the longest common prefix of their names, cut at
   a '-' (redzikowo-gbi-mda + redzikowo-sm3-iia -> redzikowo) */
static void place_name(char *buf, size_t cap, const char *a, const char *b) {
  size_t n = 0;
  while (a[n] && a[n] == b[n]) n++;
  if (a[n] || b[n]) {
    while (n > 0 && a[n - 1] != '-') n--;
    if (n > 0) n--;
  }
  if (n == 0) n = strlen(a);
  if (n >= cap) n = cap - 1;
  memcpy(buf, a, n);
  buf[n] = 0;
}

double bmd_plot_scenario_min_rcs(const struct bmd_scenario *sc) {
  double rcs = HUGE_VAL;
  for (int i = 0; i < sc->nthreats; i++) rcs = fmin(rcs, sc->threats[i].rcs_dbsm);
  return isfinite(rcs) ? rcs : 0.0;
}

int bmd_plot_scenario_radar_coverage(struct bmd_plot *p, const struct bmd_scenario *sc, double rcs) {
  char label[200];
  snprintf(label, sizeof label, "radar coverage (RCS %g dBsm)", rcs);
  struct bmd_plot_color rc_col = bmd_plot_rgb(0x3a7fb8);
  struct bmd_plot_style cov = bmd_plot_style_fill(bmd_plot_alpha(rc_col, 0.05), bmd_plot_alpha(rc_col, 0.5));
  cov.width_px = 1.0;
  cov.dash = BMD_PLOT_DASHED;
  for (int k = 0; k < sc->nradars; k++) {
    const struct bmd_scen_radar *rd = &sc->radars[k];
    struct bmd_radar_sector sec[BMD_RADAR_MAX_FACES];
    int n = bmd_radar_coverage_sectors(rd->type, rd->boresight_az_deg, rcs, sec);
    for (int f = 0; f < n; f++) {
      if (sec[f].full)
        bmd_plot_map_circle(p, rd->lat_deg, rd->lon_deg, sec[f].range_m, &cov, label);
      else
        bmd_plot_map_sector(p, rd->lat_deg, rd->lon_deg, sec[f].range_m, sec[f].az_from_deg,
                            sec[f].az_to_deg, &cov, label);
    }
  }
  return BMD_OK;
}

int bmd_plot_scenario_sites(struct bmd_plot *p, const struct bmd_scenario *sc) {
  static const int shapes[] = {BMD_PLOT_MARKER_SQUARE, BMD_PLOT_MARKER_TRIANGLE, BMD_PLOT_MARKER_CIRCLE};
  char label[200];
  /* interceptor sites: shape and colour by interceptor type; co-located sites side by side */
  double x0, y0, x1, y1;
  bmd_plot_map_project(p, 50.0, 20.0, &x0, &y0);
  bmd_plot_map_project(p, 50.0, 21.0, &x1, &y1);
  double deg_per_px = 1.0 / fmax(hypot(x1 - x0, y1 - y0), 1e-6);
  for (int s = 0; s < sc->nsites; s++) {
    const struct bmd_scen_site *si = &sc->sites[s];
    int before = 0, first = s, last = s;
    for (int j = 0; j < sc->nsites; j++) {
      int same = fabs(sc->sites[j].lat_deg - si->lat_deg) < 0.05 && fabs(sc->sites[j].lon_deg - si->lon_deg) < 0.05;
      if (!same) continue;
      if (j < s) before++;
      if (j < first) first = j;
      last = j;
    }
    int k = bmd_plot_scenario_missile_index(sc, si->interceptor);
    snprintf(label, sizeof label, "site: %s", si->interceptor->name);
    struct bmd_plot_style st = bmd_plot_style_marker(shapes[k % 3], bmd_plot_palette(k), 13.0);
    char name[64] = "";
    if (s == first) {
      if (last != first)
        place_name(name, sizeof name, si->name, sc->sites[last].name);
      else
        snprintf(name, sizeof name, "%s", si->name);
    }
    /* side by side, 14 px apart, along the parallel (deg per px of longitude at 50 N
       scaled to the site's latitude) */
    double dlon = before * 14.0 * deg_per_px * cos(50.0 * DEG) / fmax(cos(si->lat_deg * DEG), 0.05);
    bmd_plot_map_marker(p, si->lat_deg, si->lon_deg + dlon, &st, name[0] ? name : NULL, label);
  }
  return BMD_OK;
}

int bmd_plot_scenario_radar_markers(struct bmd_plot *p, const struct bmd_scenario *sc) {
  struct bmd_plot_color rc_col = bmd_plot_rgb(0x3a7fb8);
  for (int k = 0; k < sc->nradars; k++) {
    const struct bmd_scen_radar *rd = &sc->radars[k];
    struct bmd_plot_style st = bmd_plot_style_marker(BMD_PLOT_MARKER_DIAMOND, rc_col, 11.0);
    bmd_plot_map_marker(p, rd->lat_deg, rd->lon_deg, &st, rd->name, "radar");
  }
  return BMD_OK;
}
