/* plot_run.c - the figures of a scenario run (plot_run.h). */
#include <bmd/flyout.h>
#include <bmd/geodesic.h>
#include <bmd/plot.h>
#include <bmd/plot_run.h>
#include <bmd/plot_scenario.h>
#include <bmd/radar.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>
#include <bmd/traj.h>
#include <bmd/wgs84.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/const.h>
#define DEG BMD_DEG
#define MAX_TRACK 400 /* points per drawn track (decimated) */

static const char *const names[BMD_PLOT_RUN_NFIG] = {"profile", "map", "timeline"};
static const char *const captions[BMD_PLOT_RUN_NFIG] = {
    "Altitude against ground distance from each threat's launch point: threats (solid until "
    "killed, dotted beyond), interceptors (dashed, from launch to intercept), kills and misses.",
    "Ground tracks of threats and interceptors, interceptor sites by type, radars with their "
    "detection coverage, intercept points and the impacts of threats that reached their target "
    "(azimuthal equidistant projection).",
    "Engagement timeline: per threat, flight from launch to impact or kill, first detection, "
    "firm track, each interceptor from launch to intercept, in seconds after the scenario epoch, "
    "and the threat's outcome: " BMD_OUTCOME_KILLED_NAME ", " BMD_OUTCOME_LEAKED_NAME " (engaged, not killed) or "
    BMD_OUTCOME_UNENGAGED_NAME " with the reason no interceptor was fired (" BMD_OUTCOME_DOC ")."};

const char *bmd_plot_run_name(int fig) {
  return fig >= 0 && fig < BMD_PLOT_RUN_NFIG ? names[fig] : NULL;
}

const char *bmd_plot_run_caption(int fig) {
  return fig >= 0 && fig < BMD_PLOT_RUN_NFIG ? captions[fig] : NULL;
}

/* ---- shared ---------------------------------------------------------------------------- */

static struct bmd_plot_color missile_color(const struct bmd_scenario *sc, const struct bmd_missile *m) {
  return bmd_plot_scenario_missile_color(sc, m);
}

static void sample_geo(const struct bmd_traj_sample *s, double *lat_deg, double *lon_deg, double *h_m) {
  double la, lo, h;
  bmd_wgs84_from_ecef(s->r_ecef_m, &la, &lo, &h);
  *lat_deg = la / DEG;
  *lon_deg = lo / DEG;
  *h_m = h;
}

static void state_geo(const struct bmd_traj_result *tr, double t, double *lat, double *lon, double *h) {
  double r[3], v[3], la, lo;
  if (!bmd_traj_state_at(tr, t, NULL, r, v)) { /* outside the record: the nearer end */
    const struct bmd_traj_sample *s = t <= tr->samples[0].t_s ? &tr->samples[0] : &tr->samples[tr->nsamples - 1];
    memcpy(r, s->r_ecef_m, sizeof r);
  }
  bmd_wgs84_from_ecef(r, &la, &lo, h);
  *lat = la / DEG;
  *lon = lo / DEG;
}

/* the track from t_a to t_b (s after launch): up to MAX_TRACK points, lat, lon (deg) and
   h (m), the ends interpolated; returns the count (0 if nothing was recorded) */
static int track_span(const struct bmd_traj_result *tr, double t_a, double t_b, double *lat, double *lon,
                      double *h) {
  if (tr->nsamples < 1 || !(t_b >= t_a)) return 0;
  long i0 = 0, i1;
  while (i0 < tr->nsamples && tr->samples[i0].t_s <= t_a) i0++;
  i1 = i0;
  while (i1 < tr->nsamples && tr->samples[i1].t_s < t_b) i1++;
  long step = (i1 - i0) / (MAX_TRACK - 2) + 1;
  int m = 0;
  state_geo(tr, t_a, &lat[m], &lon[m], &h[m]);
  m++;
  for (long i = i0; i < i1; i += step) sample_geo(&tr->samples[i], &lat[m], &lon[m], &h[m]), m++;
  state_geo(tr, t_b, &lat[m], &lon[m], &h[m]);
  m++;
  return m;
}

static int track(const struct bmd_traj_result *tr, double t_end, double *lat, double *lon, double *h) {
  return track_span(tr, 0.0, t_end, lat, lon, h);
}

static double threat_end_rel_s(const struct bmd_sim_threat *th) {
  if (th->outcome == BMD_OUTCOME_KILLED && isfinite(th->kill_t_s)) return th->kill_t_s - th->launch_t_s;
  return th->traj.impact_t_s;
}

static void subtitle(char *buf, size_t cap, const struct bmd_scenario *sc, const char *what) {
  snprintf(buf, cap, "scenario %s \xc2\xb7 %s", sc->name, what);
}

/* ---- profile --------------------------------------------------------------------------- */

int bmd_plot_run_profile(const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                         struct bmd_plot **out) {
  int rc = BMD_ENOMEM;
  double *lat = malloc(sizeof *lat * (MAX_TRACK + 2) * 4), *lon = lat + MAX_TRACK + 2,
         *h = lon + MAX_TRACK + 2, *x = h + MAX_TRACK + 2;
  struct bmd_plot *p = bmd_plot_alloc(1400, 820);
  if (!lat || !p) goto fail;
  char sub[256];
  subtitle(sub, sizeof sub, sc, "altitude against ground distance from each threat's launch point");
  bmd_plot_title(p, sc->title[0] ? sc->title : sc->name, sub);
  /* ranges */
  double xmax = 100.0, ymax = 50.0;
  for (int i = 0; i < r->nthreats; i++) {
    xmax = fmax(xmax, r->threats[i].traj.range_m / 1e3);
    ymax = fmax(ymax, r->threats[i].traj.apogee_alt_m / 1e3);
  }
  double lo, hi;
  bmd_plot_nice_range(0.0, xmax * 1.02, &lo, &hi);
  struct bmd_plot_axes ax = {0.0, hi, 0.0, 0.0, "ground distance from the threat's launch point (km)",
                             "altitude (km)", 1, 1};
  bmd_plot_nice_range(0.0, ymax * 1.1, &lo, &ax.y_max);
  if ((rc = bmd_plot_axes(p, &ax)) != BMD_OK) goto fail;
  char label[160];
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    const struct bmd_scen_threat *t = &sc->threats[i];
    if (th->traj.nsamples < 2) continue;
    struct bmd_plot_color col = missile_color(sc, t->missile);
    double t_end = threat_end_rel_s(th);
    for (int part = 0; part < 2; part++) {
      if (part == 1 && th->outcome != BMD_OUTCOME_KILLED) break;
      int m = part == 0 ? track_span(&th->traj, 0.0, t_end, lat, lon, h)
                        : track_span(&th->traj, t_end, th->traj.impact_t_s, lat, lon, h);
      for (int k = 0; k < m; k++) {
        double s;
        bmd_geodesic_inverse(sc->phys.earth, t->from_lat_deg, t->from_lon_deg, lat[k], lon[k], &s, NULL, NULL);
        x[k] = s / 1e3;
        h[k] /= 1e3;
      }
      if (part == 1) {
        struct bmd_plot_style st = bmd_plot_style_line(bmd_plot_rgb(0x8a8a8a), 1.6, BMD_PLOT_DOTTED);
        bmd_plot_line(p, m, x, h, &st, "threat path after the kill");
      } else {
        snprintf(label, sizeof label, "threat: %s", t->missile->name);
        struct bmd_plot_style st = bmd_plot_style_line(col, 2.2, BMD_PLOT_SOLID);
        bmd_plot_line(p, m, x, h, &st, label);
      }
    }
  }
  /* interceptors, and intercept points */
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    const struct bmd_scen_threat *t = &sc->threats[i];
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      const struct bmd_missile *im = sc->sites[sh->site].interceptor;
      struct bmd_flyout fo;
      /* the flown path, ending on the kill point (flyout.h): the same path as the map,
         tracks.geojson and run.kml */
      if (bmd_flyout_path(sc, sh, 4.0, &fo) == BMD_OK) {
        int m = fo.n < MAX_TRACK ? fo.n : MAX_TRACK;
        for (int k = 0; k < m; k++) {
          double d;
          int q = m == fo.n ? k : (int)((long)k * (fo.n - 1) / (m - 1));
          bmd_geodesic_inverse(sc->phys.earth, t->from_lat_deg, t->from_lon_deg, fo.lat_deg[q], fo.lon_deg[q], &d, NULL, NULL);
          x[k] = d / 1e3;
          h[k] = fo.alt_m[q] / 1e3;
        }
        snprintf(label, sizeof label, "interceptor: %s", im->name);
        struct bmd_plot_style st = bmd_plot_style_line(missile_color(sc, im), 1.8, BMD_PLOT_DASHED);
        bmd_plot_line(p, m, x, h, &st, label);
        bmd_flyout_release(&fo);
      }
    }
  }
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    const struct bmd_scen_threat *t = &sc->threats[i];
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      double d, a = sh->ic.alt_m / 1e3;
      bmd_geodesic_inverse(sc->phys.earth, t->from_lat_deg, t->from_lon_deg, sh->ic.lat_deg, sh->ic.lon_deg, &d, NULL, NULL);
      d /= 1e3;
      struct bmd_plot_style st = sh->hit ? bmd_plot_style_marker(BMD_PLOT_MARKER_STAR, bmd_plot_rgb(0xe8202a), 16.0)
                                         : bmd_plot_style_marker(BMD_PLOT_MARKER_CROSS, bmd_plot_rgb(0x666666), 11.0);
      bmd_plot_points(p, 1, &d, &a, &st, sh->hit ? "kill" : "miss");
    }
  }
  *out = p;
  free(lat);
  return BMD_OK;
fail:
  bmd_plot_free(p);
  free(lat);
  return rc;
}

/* ---- map ------------------------------------------------------------------------------- */

int bmd_plot_run_map(const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                     struct bmd_plot **out) {
  int rc = BMD_ENOMEM;
  struct bmd_plot *p = NULL;
  long cap = (long)(r->nthreats + 1) * 24 + sc->nsites + sc->nradars + 64;
  for (int i = 0; i < r->nthreats; i++) cap += 2L * r->threats[i].nshots;
  double *plat = malloc(sizeof *plat * (size_t)cap * 2), *plon = plat ? plat + cap : NULL;
  double *lat = malloc(sizeof *lat * (MAX_TRACK + 2) * 3), *lon = lat ? lat + MAX_TRACK + 2 : NULL,
         *h = lon ? lon + MAX_TRACK + 2 : NULL;
  if (!plat || !lat) goto fail;
  int np = 0;
  /* region: threat tracks (launch, apogee-ish middle, end), sites, radars, intercepts */
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    int m = track(&th->traj, th->traj.impact_t_s, lat, lon, h);
    for (int k = 0; k < m; k += m / 16 + 1) plat[np] = lat[k], plon[np++] = lon[k];
    if (m > 0) plat[np] = lat[m - 1], plon[np++] = lon[m - 1];
    plat[np] = sc->threats[i].from_lat_deg, plon[np++] = sc->threats[i].from_lon_deg;
    for (int s = 0; s < th->nshots; s++)
      plat[np] = th->shots[s].ic.lat_deg, plon[np++] = th->shots[s].ic.lon_deg;
  }
  for (int s = 0; s < sc->nsites; s++) plat[np] = sc->sites[s].lat_deg, plon[np++] = sc->sites[s].lon_deg;
  for (int s = 0; s < sc->nradars; s++) plat[np] = sc->radars[s].lat_deg, plon[np++] = sc->radars[s].lon_deg;
  struct bmd_plot_region reg;
  if (np == 0 || bmd_plot_region_fit(np, plat, plon, 4.0, &reg) != BMD_OK) {
    reg = (struct bmd_plot_region){30.0, 65.0, -10.0, 50.0};
  }
  p = bmd_plot_alloc(1500, 1000);
  if (!p) goto fail;
  char sub[256];
  subtitle(sub, sizeof sub, sc, "ground tracks, sites, radar coverage and intercepts");
  bmd_plot_title(p, sc->title[0] ? sc->title : sc->name, sub);
  if ((rc = bmd_plot_map(p, &reg)) != BMD_OK) goto fail;

  /* radar coverage at the smallest threat RCS */
  char label[200];
  bmd_plot_scenario_radar_coverage(p, sc, bmd_plot_scenario_min_rcs(sc));
  /* threat tracks: solid to the kill, dotted beyond */
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    const struct bmd_scen_threat *t = &sc->threats[i];
    struct bmd_plot_color col = missile_color(sc, t->missile);
    double t_end = threat_end_rel_s(th);
    int m = track(&th->traj, t_end, lat, lon, h);
    snprintf(label, sizeof label, "threat: %s", t->missile->name);
    struct bmd_plot_style st = bmd_plot_style_line(col, 2.4, BMD_PLOT_SOLID);
    if (m > 0) bmd_plot_map_line(p, m, lat, lon, &st, label);
    if (th->outcome == BMD_OUTCOME_KILLED) {
      int m2 = track_span(&th->traj, t_end, th->traj.impact_t_s, lat, lon, h);
      struct bmd_plot_style d = bmd_plot_style_line(bmd_plot_rgb(0x8a8a8a), 1.6, BMD_PLOT_DOTTED);
      if (m2 > 1) bmd_plot_map_line(p, m2, lat, lon, &d, "threat path after the kill");
    }
  }
  /* interceptor tracks: the flown paths (flyout.h) */
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      const struct bmd_missile *im = sc->sites[sh->site].interceptor;
      struct bmd_flyout fo;
      if (bmd_flyout_path(sc, sh, 4.0, &fo) != BMD_OK) continue;
      snprintf(label, sizeof label, "interceptor: %s", im->name);
      struct bmd_plot_style st = bmd_plot_style_line(missile_color(sc, im), 1.8, BMD_PLOT_DASHED);
      if (fo.n > 1) bmd_plot_map_line(p, fo.n, fo.lat_deg, fo.lon_deg, &st, label);
      bmd_flyout_release(&fo);
    }
  }
  /* threat launch points, labelled once per place */
  /* diamonds are radars, stars kills, crosses misses, plus signs impacts */
  for (int i = 0; i < sc->nthreats; i++) {
    const struct bmd_scen_threat *t = &sc->threats[i];
    int dup = 0;
    for (int j = 0; j < i; j++)
      dup |= fabs(sc->threats[j].from_lat_deg - t->from_lat_deg) < 0.05 &&
             fabs(sc->threats[j].from_lon_deg - t->from_lon_deg) < 0.05;
    if (dup) continue;
    struct bmd_plot_style st = bmd_plot_style_marker(BMD_PLOT_MARKER_CIRCLE, bmd_plot_rgb(0x222222), 8.0);
    bmd_plot_map_marker(p, t->from_lat_deg, t->from_lon_deg, &st, t->from, "threat launch point");
  }
  bmd_plot_scenario_sites(p, sc);
  bmd_plot_scenario_radar_markers(p, sc);
  /* intercepts, and the impacts of the threats that reached their target */
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      struct bmd_plot_style st = sh->hit ? bmd_plot_style_marker(BMD_PLOT_MARKER_STAR, bmd_plot_rgb(0xe8202a), 17.0)
                                         : bmd_plot_style_marker(BMD_PLOT_MARKER_CROSS, bmd_plot_rgb(0x666666), 12.0);
      bmd_plot_map_marker(p, sh->ic.lat_deg, sh->ic.lon_deg, &st, NULL, sh->hit ? "kill" : "miss");
    }
    if (th->outcome != BMD_OUTCOME_KILLED) {
      struct bmd_plot_style st = bmd_plot_style_marker(BMD_PLOT_MARKER_PLUS, bmd_plot_rgb(0xa50f15), 15.0);
      st.stroke = bmd_plot_rgb(0xffffff);
      int dup = 0; /* one label per target */
      for (int j = 0; j < i; j++) dup |= r->threats[j].outcome != BMD_OUTCOME_KILLED && strcmp(sc->threats[j].to, sc->threats[i].to) == 0;
      bmd_plot_map_marker(p, th->traj.impact_lat_deg, th->traj.impact_lon_deg, &st, dup ? NULL : sc->threats[i].to,
                          "target reached (" BMD_OUTCOME_LEAKED_NAME ", " BMD_OUTCOME_UNENGAGED_NAME ")");
    }
  }
  *out = p;
  free(plat);
  free(lat);
  return BMD_OK;
fail:
  bmd_plot_free(p);
  free(plat);
  free(lat);
  return rc;
}

/* ---- timeline -------------------------------------------------------------------------- */

int bmd_plot_run_timeline(const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                          struct bmd_plot **out) {
  int n = r->nthreats > 0 ? r->nthreats : 1, rc = BMD_ENOMEM;
  char **rows = calloc((size_t)n, sizeof *rows);
  struct bmd_plot *p = bmd_plot_alloc(1400, 190 + 46 * n);
  if (!rows || !p) goto fail;
  double t0 = HUGE_VAL, t1 = -HUGE_VAL;
  for (int i = 0; i < r->nthreats; i++) {
    rows[i] = malloc(160);
    if (!rows[i]) goto fail;
    snprintf(rows[i], 160, "%s  %s", sc->threats[i].id, sc->threats[i].missile->name);
    t0 = fmin(t0, r->threats[i].launch_t_s);
    t1 = fmax(t1, r->threats[i].launch_t_s + r->threats[i].traj.impact_t_s);
  }
  if (r->nthreats == 0) {
    rows[0] = malloc(8);
    if (!rows[0]) goto fail;
    snprintf(rows[0], 8, "-");
    t0 = 0.0;
    t1 = 100.0;
  }
  double lo, hi;
  bmd_plot_nice_range(fmin(t0, 0.0), t1 + 0.2 * (t1 - fmin(t0, 0.0)), &lo, &hi); /* room for the outcome text */
  char sub[256];
  subtitle(sub, sizeof sub, sc, "engagement timeline");
  bmd_plot_title(p, sc->title[0] ? sc->title : sc->name, sub);
  bmd_plot_legend_position(p, BMD_PLOT_LEGEND_RIGHT);
  if ((rc = bmd_plot_rows(p, n, (const char *const *)rows, lo, hi, "time after the scenario epoch (s)")) != BMD_OK)
    goto fail;
  struct bmd_plot_style flight = bmd_plot_style_fill(bmd_plot_rgb(0xd4d8dd), bmd_plot_rgb(0x8a9099));
  struct bmd_plot_style hit = bmd_plot_style_fill(bmd_plot_rgb(0x009E73), bmd_plot_rgb(0x00573f));
  struct bmd_plot_style miss = bmd_plot_style_fill(bmd_plot_rgb(0xD55E00), bmd_plot_rgb(0x7a3600));
  struct bmd_plot_style det = bmd_plot_style_marker(BMD_PLOT_MARKER_DIAMOND, bmd_plot_rgb(0x0072B2), 12.0);
  struct bmd_plot_style firm = bmd_plot_style_marker(BMD_PLOT_MARKER_TRIANGLE, bmd_plot_rgb(0xCC79A7), 12.0);
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    double end = th->launch_t_s + threat_end_rel_s(th);
    const char *what = bmd_outcome_name(th->outcome);
    char txt[160];
    if (th->outcome == BMD_OUTCOME_UNENGAGED)
      snprintf(txt, sizeof txt, "%s: %s", what, bmd_engage_reason_word((enum bmd_engage_reason)th->reason));
    else
      snprintf(txt, sizeof txt, "%s", what);
    bmd_plot_hbar(p, i - 0.1, 0.5, th->launch_t_s, end, &flight, NULL, "threat flight (launch to impact or kill)");
    /* the outcome as text right of the flight bar */
    double ex = end, ey = i - 0.1;
    bmd_plot_text(p, ex + 0.006 * (hi - lo), ey, txt, 0.0, 0);
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      double yb = i + 0.27 - 0.0;
      bmd_plot_hbar(p, yb, 0.2, sh->launch_t_s, th->launch_t_s + sh->ic.t_s, sh->hit ? &hit : &miss, NULL,
                    sh->hit ? "interceptor: launch to kill" : "interceptor: launch to miss");
    }
    double yd = i - 0.2, yf = i + 0.0; /* apart: the two are often seconds apart */
    if (isfinite(th->first_detect_t_s)) bmd_plot_points(p, 1, &th->first_detect_t_s, &yd, &det, "first radar detection");
    if (isfinite(th->firm_track_t_s)) bmd_plot_points(p, 1, &th->firm_track_t_s, &yf, &firm, "firm track");
  }
  *out = p;
  for (int i = 0; i < n; i++) free(rows[i]);
  free(rows);
  return BMD_OK;
fail:
  bmd_plot_free(p);
  if (rows)
    for (int i = 0; i < n; i++) free(rows[i]);
  free(rows);
  return rc;
}

int bmd_plot_run_figure(int fig, const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                        struct bmd_plot **out) {
  switch (fig) {
  case BMD_PLOT_RUN_PROFILE: return bmd_plot_run_profile(sc, r, out);
  case BMD_PLOT_RUN_MAP: return bmd_plot_run_map(sc, r, out);
  case BMD_PLOT_RUN_TIMELINE: return bmd_plot_run_timeline(sc, r, out);
  default: return BMD_EINVAL;
  }
}
