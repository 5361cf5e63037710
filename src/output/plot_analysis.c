/* plot_analysis.c - footprint and coverage figures (plot_analysis.h). */
#include <bmd/plot_analysis.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/footprintout.h>
#include <bmd/plot_scenario.h>
#include <bmd/status.h>

#define NCLASS BMD_FOOTPRINT_NCLASS
/* opacity of the cell fill: the basemap and its borders show through (measured on the
   footprint map: borders legible at 0.65, class colours still told apart) */
#define CELL_ALPHA 0.65

/* footprint classes (bmd_footprint_class): blank (not threatened) is not a class */

static struct bmd_plot_color class_color(int k) {
  /* not defended, kinematic only; then 1..5+ opportunities on viridis (Smith & van der
     Walt 2015), light to dark, distinct from the pale ocean and land of the basemap */
  static const unsigned long c[NCLASS] = {0xe34a33, 0xfdbb84, 0xfde725, 0x7ad151, 0x22a884, 0x2a788e, 0x414487};
  return bmd_plot_rgb(c[k]);
}


static void launch_markers(struct bmd_plot *p, int n, const double *lat, const double *lon,
                           const char *const *name) {
  struct bmd_plot_style st = bmd_plot_style_marker(BMD_PLOT_MARKER_TRIANGLE, bmd_plot_rgb(0x111111), 13.0);
  for (int k = 0; k < n; k++) bmd_plot_map_marker(p, lat[k], lon[k], &st, name[k], "launch point");
}

int bmd_plot_analysis_footprint(const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                                const struct bmd_footprint *f, struct bmd_plot **out) {
  struct bmd_plot *p = bmd_plot_alloc(1500, 1100);
  struct bmd_plot_region reg;
  struct bmd_plot_color cols[NCLASS];
  char title[256], sub[512], launches[256] = "";
  struct bmd_footprint_summary sm;
  int rc;
  *out = NULL;
  if (!p) return BMD_ENOMEM;
  /* the numbers of footprint.json and the report, from the one summary */
  if ((rc = bmd_footprint_summarize(f, sc->nsites, &sm)) != BMD_OK) {
    bmd_plot_free(p);
    return rc;
  }
  for (int k = 0; k < o->nlaunch; k++) {
    size_t u = strlen(launches);
    snprintf(launches + u, sizeof launches - u, "%s%s", k ? ", " : "", o->launch[k].name);
  }
  snprintf(title, sizeof title, "%s: area defended", sc->name);
  snprintf(sub, sizeof sub, "%s from %s; %g deg cells; defended %.2f of %.2f million km2 threatened (%.0f%% of the area)",
           o->missile->name, launches, o->grid_deg, sm.combined.defended.area_km2 / 1e6,
           sm.combined.threatened.area_km2 / 1e6, 100.0 * sm.combined.defended_fraction);
  bmd_footprint_summary_release(&sm);
  bmd_plot_title(p, title, sub);
  reg.lat_south_deg = o->lat_min_deg;
  reg.lat_north_deg = o->lat_max_deg;
  reg.lon_west_deg = o->lon_min_deg;
  reg.lon_east_deg = o->lon_max_deg;
  if ((rc = bmd_plot_map_land(p, &reg)) != BMD_OK) goto fail;
  {
    /* the classes as nested layers, lowest first: layer c fills, as one area, every cell of
       class c or more (bmd_plot_map_cells). No two colours then meet edge to edge over the
       basemap, so no seam of it shows between cells: each boundary is drawn once,
       antialiased over the layer below. The layers are one group painted at CELL_ALPHA, so
       land, sea and the coastlines and borders drawn over them (bmd_plot_map_outlines)
       show through the fill: a reader can tell which country a cell lies in. */
    long ncell = (long)f->nlat * f->nlon;
    signed char *cls = malloc((size_t)ncell);
    unsigned char *in = malloc((size_t)ncell);
    if (!cls || !in) {
      free(cls);
      free(in);
      rc = BMD_ENOMEM;
      goto fail;
    }
    for (int i = 0; i < f->nlat; i++)
      for (int j = 0; j < f->nlon; j++) {
        int opp, kin;
        bmd_footprint_combined(f, i, j, &opp, &kin);
        cls[(long)i * f->nlon + j] = (signed char)bmd_footprint_class(opp, kin);
      }
    bmd_plot_group_begin(p);
    for (int c = 0; c < NCLASS && rc == BMD_OK; c++) {
      struct bmd_plot_style st;
      long any = 0;
      for (long q = 0; q < ncell; q++) any += in[q] = cls[q] >= c;
      if (!any) continue;
      memset(&st, 0, sizeof st);
      st.fill = class_color(c);
      rc = bmd_plot_map_cells(p, f->nlat, f->nlon, f->lat0_deg - 0.5 * f->grid_deg,
                              f->lon0_deg - 0.5 * f->grid_deg, f->grid_deg, f->grid_deg, in, &st, NULL);
    }
    bmd_plot_group_end(p, CELL_ALPHA);
    free(cls);
    free(in);
    if (rc != BMD_OK) goto fail;
  }
  bmd_plot_map_outlines(p);
  /* the legend's patches at the same opacity, over the legend's white */
  for (int k = 0; k < NCLASS; k++) cols[k] = bmd_plot_alpha(class_color(k), CELL_ALPHA);
  {
    const char *class_label[NCLASS];
    for (int k = 0; k < NCLASS; k++) class_label[k] = bmd_footprint_class_label(k);
    bmd_plot_colorbar_classes(p, "engagement opportunities", NCLASS, cols, class_label);
  }
  bmd_plot_scenario_radar_coverage(p, sc, o->rcs_dbsm);
  bmd_plot_scenario_sites(p, sc);
  bmd_plot_scenario_radar_markers(p, sc);
  {
    double la[BMD_FOOTPRINT_MAX_LAUNCHES], lo[BMD_FOOTPRINT_MAX_LAUNCHES];
    const char *nm[BMD_FOOTPRINT_MAX_LAUNCHES];
    for (int k = 0; k < o->nlaunch; k++) {
      la[k] = o->launch[k].lat_deg;
      lo[k] = o->launch[k].lon_deg;
      nm[k] = o->launch[k].name;
    }
    launch_markers(p, o->nlaunch, la, lo, nm);
  }
  *out = p;
  return BMD_OK;
fail:
  bmd_plot_free(p);
  return rc;
}

#define TRACK_DT_S 10.0
#define TRACK_MAX 1024

/* ground track of a corridor between t0 and t1 (s after launch), every 10 s */
static int track(const struct bmd_scenario *sc, const struct bmd_traj_result *tj, double t0, double t1,
                 double *lat, double *lon) {
  int n = 0;
  long hint = 0;
  if (t1 > tj->impact_t_s) t1 = tj->impact_t_s;
  for (double t = t0; n < TRACK_MAX; t += TRACK_DT_S) {
    double r[3], la, lo, h, tt = fmin(t, t1);
    if (!bmd_traj_state_at(tj, tt, &hint, r, NULL)) break;
    bmd_physics_from_ecef(&sc->phys, r, &la, &lo, &h);
    lat[n] = la / BMD_DEG;
    lon[n] = lo / BMD_DEG;
    n++;
    if (tt >= t1) break;
  }
  return n;
}

int bmd_plot_analysis_coverage_map(const struct bmd_scenario *sc, const struct bmd_coverage *cov,
                                   struct bmd_plot **out) {
  struct bmd_plot *p = bmd_plot_alloc(1500, 1100);
  double *lat = malloc(sizeof *lat * 2 * (TRACK_MAX + 8)), *lon = lat ? lat + TRACK_MAX + 8 : NULL;
  double *plat = NULL, *plon = NULL;
  struct bmd_plot_region reg;
  char sub[512];
  int rc = BMD_ENOMEM, np = 0, n_eng = 0;
  *out = NULL;
  plat = malloc(sizeof *plat * 2 * (size_t)(cov->ncorridors * 12 + sc->nsites + 8));
  if (!p || !lat || !plat) goto fail;
  plon = plat + cov->ncorridors * 12 + sc->nsites + 8;
  for (int c = 0; c < cov->ncorridors; c++) {
    const struct bmd_coverage_corridor *co = &cov->corridor[c];
    int m = track(sc, &co->traj, 0.0, co->traj.impact_t_s, lat, lon);
    for (int k = 0; k < m; k += m / 10 + 1) plat[np] = lat[k], plon[np++] = lon[k];
    if (m > 0) plat[np] = lat[m - 1], plon[np++] = lon[m - 1];
    for (int s = 0; s < sc->nsites; s++) n_eng += cov->row[c * sc->nsites + s].feasible && s == 0 ? 0 : 0;
  }
  for (int s = 0; s < sc->nsites; s++) plat[np] = sc->sites[s].lat_deg, plon[np++] = sc->sites[s].lon_deg;
  if (bmd_plot_region_fit(np, plat, plon, 3.0, &reg) != BMD_OK) reg = (struct bmd_plot_region){30.0, 75.0, -80.0, 60.0};
  for (int c = 0; c < cov->ncorridors; c++) {
    int any = 0;
    for (int s = 0; s < sc->nsites; s++) any |= cov->row[c * sc->nsites + s].feasible;
    n_eng += any;
  }
  snprintf(sub, sizeof sub, "%d of %d corridors engageable by at least one site (fire-control track + %.0f s decision "
           "delay); rings: interceptor reach at kill-vehicle altitudes",
           n_eng, cov->ncorridors, sc->c2.decision_latency_s);
  bmd_plot_title(p, sc->title[0] ? sc->title : sc->name, sub);
  /* no opaque layer on this map: the coastlines and borders are drawn with the land */
  if ((rc = bmd_plot_map(p, &reg)) != BMD_OK) goto fail;
  /* reach rings, one per site (the largest over the corridors' directions) */
  for (int s = 0; s < sc->nsites; s++) {
    double reach = 0.0;
    char label[160];
    struct bmd_plot_style st = bmd_plot_style_line(bmd_plot_scenario_missile_color(sc, sc->sites[s].interceptor), 1.4,
                                                   BMD_PLOT_DASHED);
    for (int c = 0; c < cov->ncorridors; c++) reach = fmax(reach, cov->row[c * sc->nsites + s].reach_ground_m);
    if (!(reach > 0.0)) continue;
    snprintf(label, sizeof label, "reach: %s", sc->sites[s].interceptor->name);
    bmd_plot_map_circle(p, sc->sites[s].lat_deg, sc->sites[s].lon_deg, reach, &st, label);
  }
  for (int c = 0; c < cov->ncorridors; c++) {
    const struct bmd_coverage_corridor *co = &cov->corridor[c];
    struct bmd_plot_style full = bmd_plot_style_line(bmd_plot_rgb(0x555555), 1.6, BMD_PLOT_SOLID);
    int m = track(sc, &co->traj, 0.0, co->traj.impact_t_s, lat, lon);
    if (m > 1) bmd_plot_map_line(p, m, lat, lon, &full, "threat ground track");
    for (int pass = 1; pass >= 0; pass--) {
      /* kinematic-only stretches first, engageable over them */
      for (int s = 0; s < sc->nsites; s++) {
        const struct bmd_coverage_row *r = &cov->row[c * sc->nsites + s];
        const struct bmd_engage_result *e = pass ? &r->kin : &r->eng;
        struct bmd_plot_style st = bmd_plot_style_line(bmd_plot_rgb(pass ? 0xf28e2b : 0x1a9850), pass ? 5.0 : 6.0,
                                                       BMD_PLOT_SOLID);
        if (!e->feasible) continue;
        m = track(sc, &co->traj, e->earliest.t_s, e->latest.t_s, lat, lon);
        if (m > 1)
          bmd_plot_map_line(p, m, lat, lon, &st, pass ? "within kinematic reach only" : "engageable (some site)");
      }
    }
  }
  bmd_plot_scenario_sites(p, sc);
  bmd_plot_scenario_radar_markers(p, sc);
  for (int c = 0; c < cov->ncorridors; c++) {
    const struct bmd_scen_threat *t = &sc->threats[cov->corridor[c].threat];
    struct bmd_plot_style ls = bmd_plot_style_marker(BMD_PLOT_MARKER_TRIANGLE, bmd_plot_rgb(0x111111), 11.0);
    struct bmd_plot_style ts = bmd_plot_style_marker(BMD_PLOT_MARKER_CIRCLE, bmd_plot_rgb(0xa50f15), 9.0);
    int dup_from = 0, dup_to = 0;
    for (int d = 0; d < c; d++) {
      const struct bmd_scen_threat *u = &sc->threats[cov->corridor[d].threat];
      dup_from |= strcmp(u->from, t->from) == 0;
      dup_to |= strcmp(u->to, t->to) == 0;
    }
    bmd_plot_map_marker(p, t->from_lat_deg, t->from_lon_deg, &ls, dup_from ? NULL : t->from, "launch point");
    bmd_plot_map_marker(p, t->to_lat_deg, t->to_lon_deg, &ts, dup_to ? NULL : t->to, "target");
  }
  *out = p;
  free(lat);
  free(plat);
  return BMD_OK;
fail:
  bmd_plot_free(p);
  free(lat);
  free(plat);
  return rc;
}

int bmd_plot_analysis_coverage_thresholds(const struct bmd_scenario *sc,
                                          const struct bmd_coverage *cov, struct bmd_plot **out) {
  int nrows = cov->ncorridors, rc;
  const char **labels = calloc((size_t)nrows + 1, sizeof *labels);
  char (*buf)[160] = calloc((size_t)nrows + 1, sizeof *buf);
  struct bmd_plot *p = bmd_plot_alloc(1500, 220 + 46 * (nrows > 4 ? nrows : 4));
  double xmax = 2.0;
  *out = NULL;
  if (!labels || !buf || !p) {
    rc = BMD_ENOMEM;
    goto fail;
  }
  for (int c = 0; c < nrows; c++) {
    const struct bmd_scen_threat *t = &sc->threats[cov->corridor[c].threat];
    snprintf(buf[c], sizeof buf[c], "%s %s > %s", t->id, t->from, t->to);
    labels[c] = buf[c];
  }
  for (int k = 0; k < cov->nrows; k++) {
    if (isfinite(cov->row[k].threshold_burnout_speed_mps)) xmax = fmax(xmax, cov->row[k].threshold_burnout_speed_mps / 1e3);
    if (isfinite(cov->row[k].burnout_speed_mps)) xmax = fmax(xmax, cov->row[k].burnout_speed_mps / 1e3);
  }
  bmd_plot_title(p, "Burnout speed needed to engage each corridor",
                 "marker: the speed at which a site's engageable answer flips (filled: engageable today); "
                 "lines: the interceptors' burnout speeds");
  bmd_plot_legend_position(p, BMD_PLOT_LEGEND_RIGHT);
  if ((rc = bmd_plot_rows(p, nrows, labels, 0.0, ceil(xmax + 0.5), "interceptor burnout speed (km/s)")) != BMD_OK) goto fail;
  /* one vertical line per interceptor type, told apart by its dash and named in the
     legend (a name written at the top of the frame collided with the markers) */
  {
    static const int dashes[] = {BMD_PLOT_DASHED, BMD_PLOT_DOTTED, BMD_PLOT_DASHDOT, BMD_PLOT_SOLID};
    int ntype = 0;
    for (int s = 0; s < sc->nsites; s++) {
      int seen = 0;
      double v = nan("");
      char legend[160];
      for (int d = 0; d < s; d++) seen |= sc->sites[d].interceptor == sc->sites[s].interceptor;
      if (seen) continue;
      for (int c = 0; c < cov->ncorridors && isnan(v); c++) v = cov->row[c * sc->nsites + s].burnout_speed_mps;
      if (isnan(v)) continue;
      struct bmd_plot_style st = bmd_plot_style_line(bmd_plot_rgb(0x333333), 1.5, dashes[ntype++ % 4]);
      snprintf(legend, sizeof legend, "burnout speed of %s", sc->sites[s].interceptor->name);
      bmd_plot_vline(p, v / 1e3, &st, NULL);
      bmd_plot_legend_add(p, BMD_PLOT_LEGEND_LINE, &st, legend);
    }
  }
  /* each site its own colour (Okabe & Ito's colour-blind-safe palette) and its own marker
     shape, so that sites are told apart without colour too */
  for (int s = 0; s < sc->nsites; s++) {
    static const int shapes[] = {BMD_PLOT_MARKER_CIRCLE, BMD_PLOT_MARKER_SQUARE, BMD_PLOT_MARKER_DIAMOND,
                                 BMD_PLOT_MARKER_TRIANGLE, BMD_PLOT_MARKER_STAR, BMD_PLOT_MARKER_PLUS,
                                 BMD_PLOT_MARKER_CROSS};
    struct bmd_plot_color col = bmd_plot_palette(s);
    char legend[160];
    snprintf(legend, sizeof legend, "%s (%s)", sc->sites[s].name, sc->sites[s].interceptor->name);
    {
      struct bmd_plot_style ls = bmd_plot_style_marker(shapes[s % 7], col, 11.0);
      bmd_plot_legend_add(p, BMD_PLOT_LEGEND_MARKER, &ls, legend);
    }
    for (int c = 0; c < cov->ncorridors; c++) {
      const struct bmd_coverage_row *r = &cov->row[c * sc->nsites + s];
      int ns = sc->nsites < 8 ? sc->nsites : 8;
      double x = r->threshold_burnout_speed_mps / 1e3, y = c + 0.7 * ((s % ns) - 0.5 * (ns - 1)) / ns;
      struct bmd_plot_style st = bmd_plot_style_marker(shapes[s % 7], col, 11.0);
      if (!isfinite(x)) continue;
      if (!r->feasible) {
        st.fill = bmd_plot_rgb(0xffffff);
        st.stroke = col;
        st.width_px = 2.0;
      }
      bmd_plot_points(p, 1, &x, &y, &st, NULL);
    }
  }
  {
    struct bmd_plot_style open = bmd_plot_style_marker(BMD_PLOT_MARKER_CIRCLE, bmd_plot_rgb(0xffffff), 11.0);
    open.stroke = bmd_plot_rgb(0x444444);
    open.width_px = 2.0;
    bmd_plot_legend_add(p, BMD_PLOT_LEGEND_MARKER, &open, "open marker: not engageable today");
  }
  free(labels);
  free(buf);
  *out = p;
  return BMD_OK;
fail:
  bmd_plot_free(p);
  free(labels);
  free(buf);
  return rc;
}
