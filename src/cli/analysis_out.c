/* analysis_out.c - figures and HTML reports of footprint, coverage and mc (cli.h). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/assumptions.h>
#include <bmd/assumptionsout.h>
#include <bmd/coverage.h>
#include <bmd/footprint.h>
#include <bmd/footprintout.h>
#include <bmd/mc.h>
#include <bmd/plot.h>
#include <bmd/plot_analysis.h>
#include <bmd/report.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include "cli.h"

int cli_write_plot(struct bmd_plot *p, struct cli_out *o, const char *base, int formats) {
  int rc;
  if ((formats & CLI_FMT_PNG) && (formats & CLI_FMT_SVG)) {
    /* both at once: the PNG encoded on a second thread while the SVG is rendered */
    char png[4096 + 320], svg[4096 + 320];
    snprintf(png, sizeof png, "%s/%s.png", o->dir, base);
    snprintf(svg, sizeof svg, "%s/%s.svg", o->dir, base);
    rc = bmd_plot_write2(p, svg, png);
    if (rc != BMD_OK) {
      char name[320];
      snprintf(name, sizeof name, "%s.png", base);
      if (rc == BMD_EIO) cli_out_fail(o, name, errno);
      else cli_error("%s/%s.png, .svg: cannot write: %s", o->final, base, bmd_strerror(rc));
      return -1;
    }
    return 0;
  }
  for (int fmt = CLI_FMT_PNG; fmt <= CLI_FMT_SVG; fmt <<= 1) {
    char path[4096 + 320], name[320];
    if (!(formats & fmt)) continue;
    snprintf(name, sizeof name, "%s.%s", base, fmt == CLI_FMT_PNG ? "png" : "svg");
    snprintf(path, sizeof path, "%s/%s", o->dir, name);
    rc = bmd_plot_write(p, path);
    if (rc != BMD_OK) {
      if (rc == BMD_EIO) cli_out_fail(o, name, errno);
      else cli_error("%s/%s: cannot write: %s", o->final, name, bmd_strerror(rc));
      return -1;
    }
  }
  return 0;
}

/* a report table built row by row, each cell formatted into its own buffer */
#define CELL_W 160
struct table {
  int ncols, n, cap;
  char *text;
  const char **cells;
  int oom;
};

static void cell(struct table *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void cell(struct table *t, const char *fmt, ...) {
  va_list ap;
  if (t->n == t->cap) {
    int nc = t->cap ? 2 * t->cap : 64;
    char *nt = realloc(t->text, (size_t)nc * CELL_W);
    if (!nt) {
      t->oom = 1;
      return;
    }
    t->text = nt;
    t->cap = nc;
  }
  va_start(ap, fmt);
  vsnprintf(t->text + (size_t)t->n * CELL_W, CELL_W, fmt, ap);
  va_end(ap);
  t->n++;
}

static void table_emit(struct bmd_report *r, struct table *t, const char *caption, const char *const *head) {
  if (!t->oom && t->n % t->ncols == 0) {
    t->cells = malloc(sizeof *t->cells * (size_t)(t->n + 1));
    if (t->cells) {
      for (int k = 0; k < t->n; k++) t->cells[k] = t->text + (size_t)k * CELL_W;
      bmd_report_table(r, caption, t->ncols, head, t->n / t->ncols, t->cells);
    }
  }
  free(t->text);
  free(t->cells);
  memset(t, 0, sizeof *t);
}

static void figure(struct bmd_report *r, struct bmd_plot *p, int png, const char *caption) {
  if (!p) return;
  if (png) {
    unsigned char *b = NULL;
    size_t n = 0;
    if (bmd_plot_write_png_mem(p, &b, &n) == BMD_OK) bmd_report_figure_png(r, b, n, caption);
    free(b);
  } else {
    bmd_report_figure_plot(r, p, caption);
  }
}

static int build_assumptions(struct bmd_assumptions *a, const struct bmd_scenario *sc, int flags,
                             const struct bmd_footprint_opts *fo) {
  if (bmd_assumptions_build(a, sc, flags) != BMD_OK) return -1;
  if (fo) {
    if (bmd_assumptions_add_missile(a, fo->missile) != BMD_OK) goto fail;
    for (int k = 0; k < fo->nlaunch; k++)
      if (bmd_assumptions_add_site(a, fo->launch[k].name) != BMD_OK) goto fail;
  }
  return 0;
fail:
  bmd_assumptions_release(a);
  return -1;
}

int cli_json_assumptions(cJSON *j, const struct bmd_scenario *sc, int flags,
                         const struct bmd_footprint_opts *fo) {
  struct bmd_assumptions a;
  int rc;
  if (build_assumptions(&a, sc, flags, fo) != 0) return -1;
  rc = bmd_assumptions_json_add(j, &a);
  bmd_assumptions_release(&a);
  return rc;
}

int cli_report_assumptions(struct bmd_report *r, const struct bmd_scenario *sc, int flags,
                           const struct bmd_footprint_opts *fo) {
  struct bmd_assumptions a;
  int rc;
  if (build_assumptions(&a, sc, flags, fo) != 0) return -1;
  rc = bmd_report_assumptions(r, &a) == BMD_OK ? 0 : -1;
  bmd_assumptions_release(&a);
  return rc;
}

static int finish(struct bmd_report *r, const struct bmd_scenario *sc, int flags,
                  const struct bmd_footprint_opts *fo, struct cli_out *dir) {
  char path[4096 + 64];
  int rc;
  if (cli_report_assumptions(r, sc, flags, fo) != 0) {
    cli_error("out of memory");
    return -1;
  }
  snprintf(path, sizeof path, "%s/report.html", dir->dir);
  rc = bmd_report_write(r, path);
  if (rc == BMD_EIO) {
    cli_out_fail(dir, "report.html", errno);
    return -1;
  }
  if (rc != BMD_OK) {
    cli_error("%s/report.html: cannot write: %s", dir->final, bmd_strerror(rc));
    return -1;
  }
  return 0;
}

int cli_report_footprint(struct cli_out *dir, const char *command, const struct bmd_scenario *sc,
                         const struct bmd_catalog *cat, const struct bmd_footprint_opts *o,
                         const struct bmd_footprint *f, const struct bmd_footprint_summary *sm,
                         struct bmd_plot *map) {
  (void)cat; /* the catalog is the scenario's (sc->cat) */
  static const char *const head[] = {"launch point", "cells threatened", "cells defended", "shoot-look-shoot cells",
                                     "kinematic-reach cells", "area threatened (km2)", "area defended (km2)",
                                     "defended (% of area)"};
  static const char *const shead[] = {"launch point", "site", "interceptor", "cells it can engage",
                                      "area it can engage (km2)", "cells it can reach", "area it can reach (km2)"};
  const struct bmd_footprint_layer *cb = &sm->combined;
  char title[256], para[1400];
  struct bmd_report *r;
  struct table t = {8, 0, 0, NULL, NULL, 0};
  int ret;
  snprintf(title, sizeof title, "%s: what does it defend?", sc->title[0] ? sc->title : sc->name);
  r = bmd_report_alloc(title);
  if (!r) return -1;
  bmd_report_command(r, command);
  snprintf(para, sizeof para,
           "For each %g-degree cell, a %s is aimed from each launch point at the cell's centre on a "
           "minimum-energy trajectory and the scenario's sensors and interceptor sites are asked what "
           "they can do: the number of sequential engagement opportunities (a second one allows "
           "shoot-look-shoot), and which sites contribute. A cell counts as defended when every "
           "launch that can reach it can be engaged (fire-control track plus the %.0f s decision "
           "delay). Of %.0f km2 within the missile's reach (%ld cells), %.0f km2 are defended "
           "(%ld cells): %.0f%% of the threatened area (area-weighted: cells of a latitude-longitude "
           "grid shrink towards the poles, so the share of cells differs). %.0f km2 (%ld cells) are "
           "within the interceptors' kinematic reach when launched on the first cue.",
           o->grid_deg, o->missile->name, sc->c2.decision_latency_s, cb->threatened.area_km2, cb->threatened.cells,
           cb->defended.area_km2, cb->defended.cells, 100.0 * cb->defended_fraction, cb->kinematic.area_km2,
           cb->kinematic.cells);
  bmd_report_section(r, "Answer");
  bmd_report_paragraph(r, para);
  for (int k = 0; k < f->nlaunch; k++) {
    const struct bmd_footprint_layer *l = &sm->launch[k];
    cell(&t, "%s", o->launch[k].name);
    cell(&t, "%ld", l->threatened.cells);
    cell(&t, "%ld", l->defended.cells);
    cell(&t, "%ld", l->shoot_look_shoot.cells);
    cell(&t, "%ld", l->kinematic.cells);
    cell(&t, "%.0f", l->threatened.area_km2);
    cell(&t, "%.0f", l->defended.area_km2);
    cell(&t, "%.0f", 100.0 * l->defended_fraction);
  }
  if (f->nlaunch > 1) {
    cell(&t, "all (combined)");
    cell(&t, "%ld", cb->threatened.cells);
    cell(&t, "%ld", cb->defended.cells);
    cell(&t, "%ld", cb->shoot_look_shoot.cells);
    cell(&t, "%ld", cb->kinematic.cells);
    cell(&t, "%.0f", cb->threatened.area_km2);
    cell(&t, "%.0f", cb->defended.area_km2);
    cell(&t, "%.0f", 100.0 * cb->defended_fraction);
  }
  table_emit(r, &t, "Cells and areas by launch point (combined: defended against every launch that reaches the cell)",
             head);
  t.ncols = 7;
  for (int k = 0; k < f->nlaunch; k++)
    for (int s = 0; s < sm->nsites; s++) {
      const struct bmd_footprint_tally *e = &sm->site_engage[(size_t)k * (size_t)sm->nsites + (size_t)s];
      const struct bmd_footprint_tally *q = &sm->site_reach[(size_t)k * (size_t)sm->nsites + (size_t)s];
      cell(&t, "%s", o->launch[k].name);
      cell(&t, "%s", sc->sites[s].name);
      cell(&t, "%s", sc->sites[s].interceptor->name);
      cell(&t, "%ld", e->cells);
      cell(&t, "%.0f", e->area_km2);
      cell(&t, "%ld", q->cells);
      cell(&t, "%.0f", q->area_km2);
    }
  table_emit(r, &t, "Contribution of each site, per launch point (cells where that site can engage, or reach, "
                    "the threat from that launch point)", shead);
  bmd_report_section(r, "Map");
  figure(r, map, 1, "Engagement opportunities per cell against the launches (fewest over the launches "
                    "that reach the cell), with radar coverage, interceptor sites and launch points.");
  bmd_report_section(r, "Where the model is rough");
  bmd_report_paragraph(r, "Threat trajectories are minimum-energy; lofted or depressed trajectories change "
                          "the answer. Fly-out fans are shared per 10-degree sector (1-3% in reach). The "
                          "kill vehicle's divert against the track error, launcher and inventory limits and "
                          "the contention of several threats are left out (docs/analysis.md).");
  ret = finish(r, sc, 0, o, dir);
  bmd_report_free(r);
  return ret;
}

int cli_report_coverage(struct cli_out *dir, const char *command, const struct bmd_scenario *sc,
                        const struct bmd_catalog *cat, const struct bmd_coverage *cov, int sweep,
                        struct bmd_plot *map, struct bmd_plot *thr) {
  (void)cat; /* the catalog is the scenario's (sc->cat) */
  static const char *const chead[] = {"corridor", "missile", "from", "to", "flight (s)", "fire-control track (s)",
                                      "kinematic reach by", "engageable by"};
  static const char *const rhead[] = {"corridor", "site", "interceptor", "kinematic", "engageable", "window (s)",
                                      "constraint", "earliest intercept (km)", "latest launch (s)",
                                      "burnout speed (m/s)", "flips at (m/s)", "max decision delay (s)",
                                      "on launch", "on early warning", "on first detection"};
  char title[256], para[1400];
  struct bmd_report *r;
  struct table t = {8, 0, 0, NULL, NULL, 0};
  int ne = 0, nk = 0, ret;
  snprintf(title, sizeof title, "%s: can it reach these threats?", sc->title[0] ? sc->title : sc->name);
  r = bmd_report_alloc(title);
  if (!r) return -1;
  bmd_report_command(r, command);
  for (int c = 0; c < cov->ncorridors; c++) {
    const struct bmd_coverage_corridor *co = &cov->corridor[c];
    const struct bmd_scen_threat *th = &sc->threats[co->threat];
    char kin[CELL_W] = "", eng[CELL_W] = "";
    for (int s = 0; s < sc->nsites; s++) {
      const struct bmd_coverage_row *x = &cov->row[c * sc->nsites + s];
      size_t u;
      if (x->kinematic_feasible && (u = strlen(kin)) < sizeof kin - 2)
        snprintf(kin + u, sizeof kin - u, "%s%s", u ? ", " : "", sc->sites[s].name);
      if (x->feasible && (u = strlen(eng)) < sizeof eng - 2)
        snprintf(eng + u, sizeof eng - u, "%s%s", u ? ", " : "", sc->sites[s].name);
    }
    ne += eng[0] != 0;
    nk += kin[0] != 0;
    cell(&t, "%s", th->id);
    cell(&t, "%s", th->missile->name);
    cell(&t, "%s", th->from);
    cell(&t, "%s", th->to);
    cell(&t, "%.0f", co->traj.impact_t_s);
    if (isnan(co->cue.firm_t_s)) cell(&t, "never");
    else cell(&t, "%.0f", co->cue.firm_t_s);
    cell(&t, "%s", kin[0] ? kin : "none");
    cell(&t, "%s", eng[0] ? eng : "none");
  }
  snprintf(para, sizeof para,
           "%d of %d threat corridors can be engaged by at least one interceptor site, and %d of %d lie "
           "within kinematic reach. Kinematic reach counts physics alone: the interceptor could meet the "
           "threat if launched as soon as the first cue (early warning or a radar detection) and the %.0f s "
           "decision delay allow. Engageable also requires a fire-control-quality track in time. Public "
           "claims differ largely because some count the first and others the second. The burnout-speed "
           "column gives the speed at which each answer flips, other assumptions held%s.",
           ne, cov->ncorridors, nk, cov->ncorridors, sc->c2.decision_latency_s,
           sweep ? "" : " (not computed: --no-sweep)");
  bmd_report_section(r, "Answer");
  bmd_report_paragraph(r, para);
  table_emit(r, &t, "Corridors", chead);
  bmd_report_section(r, "Figures");
  figure(r, map, 1, "Ground tracks of the threat corridors: green where some site can engage, orange where "
                    "a site could only reach them kinematically; dashed rings: each interceptor's reach at "
                    "kill-vehicle altitudes.");
  figure(r, thr, 0, "Burnout speed at which each site's engageable answer flips, per corridor (filled: "
                    "engageable with the catalogue interceptor; open: not), against the interceptors' "
                    "burnout speeds (dashed lines).");
  t.ncols = 15;
  for (int k = 0; k < cov->nrows; k++) {
    const struct bmd_coverage_row *x = &cov->row[k];
    const struct bmd_scen_threat *th = &sc->threats[cov->corridor[x->corridor].threat];
    cell(&t, "%s", th->id);
    cell(&t, "%s", sc->sites[x->site].name);
    cell(&t, "%s", sc->sites[x->site].interceptor->name);
    cell(&t, "%s", x->kinematic_feasible ? "yes" : "no");
    cell(&t, "%s", x->feasible ? "yes" : "no");
    if (x->feasible) cell(&t, "%.0f", x->eng.window_s);
    else cell(&t, "-");
    cell(&t, "%s", bmd_coverage_constraint_word(x));
    if (x->feasible) cell(&t, "%.0f", x->eng.earliest.alt_m / 1e3);
    else cell(&t, "-");
    if (isfinite(x->latest_launch_s)) cell(&t, "%.0f", x->latest_launch_s);
    else cell(&t, "-");
    if (isfinite(x->burnout_speed_mps)) cell(&t, "%.0f", x->burnout_speed_mps);
    else cell(&t, "-");
    if (sweep && isfinite(x->threshold_burnout_speed_mps)) cell(&t, "%.0f", x->threshold_burnout_speed_mps);
    else cell(&t, "-");
    if (isfinite(x->max_decision_delay_s)) cell(&t, "%.0f", x->max_decision_delay_s);
    else cell(&t, "-");
    for (int c = 0; c < 3; c++) cell(&t, "%s", x->feasible_by_cue[c] < 0 ? "-" : x->feasible_by_cue[c] ? "yes" : "no");
  }
  bmd_report_section(r, "Every corridor and site");
  table_emit(r, &t, "Corridor x site (engageable = launch after a fire-control track and the decision delay; "
                    "'on ...' columns: engageable if the launch could follow that cue instead)", rhead);
  bmd_report_section(r, "Where the model is rough");
  bmd_report_paragraph(r, "Burnout speed is varied by scaling every stage's specific impulse (burn time and masses "
                          "held), which keeps the flight profile; a real faster interceptor would differ in "
                          "more than that. Tracks are noise-free (the engine's expected times). The kill "
                          "vehicle's divert and discrimination of the warhead from decoys are left out "
                          "(docs/analysis.md).");
  ret = finish(r, sc, BMD_ASSUME_THREATS, NULL, dir);
  bmd_report_free(r);
  return ret;
}

int cli_report_outcomes(struct bmd_report *r, const struct bmd_sim_result *run) {
  static const char *const head[] = {"word", "meaning"};
  struct table t = {2, 0, 0, NULL, NULL, 0};
  int used[64] = {0};
  for (int o = 0; o < BMD_OUTCOME_COUNT; o++) {
    cell(&t, "%s", bmd_outcome_name(o));
    cell(&t, "%s", bmd_outcome_text(o));
  }
  cell(&t, "%s", BMD_OUTCOME_REACHED_TARGET);
  cell(&t, "%s", BMD_OUTCOME_REACHED_TARGET_TEXT);
  /* the reason codes of this run's unengaged threats */
  for (int i = 0; run && i < run->nthreats; i++) {
    const struct bmd_sim_threat *th = &run->threats[i];
    if (th->outcome != BMD_OUTCOME_UNENGAGED || th->reason < 0 || th->reason >= 64 || used[th->reason]) continue;
    used[th->reason] = 1;
    cell(&t, "%s: %s", bmd_outcome_name(BMD_OUTCOME_UNENGAGED), bmd_engage_reason_word((enum bmd_engage_reason)th->reason));
    cell(&t, "%s", bmd_engage_reason_text((enum bmd_engage_reason)th->reason));
  }
  bmd_report_section(r, "Outcomes");
  table_emit(r, &t, "What the outcome words mean (one definition for every bmdsim output: " BMD_OUTCOME_DOC ")", head);
  return 0;
}

int cli_plot_mc(const struct bmd_scenario *sc, const struct bmd_mc_result *m, struct bmd_plot **reached,
                struct bmd_plot **spent) {
  struct bmd_plot_axes ax;
  double *e = malloc(sizeof *e * (size_t)(m->nthreats + m->spent_max + 4) * 2), *h;
  double ymax = 0.0;
  char sub[256];
  struct bmd_plot_style st = bmd_plot_style_fill(bmd_plot_rgb(0x3182bd), bmd_plot_rgb(0x08306b));
  *reached = *spent = NULL;
  if (!e) return -1;
  h = e + m->nthreats + m->spent_max + 4;
  snprintf(sub, sizeof sub, "%s, %ld trials, seed %llu; P(no threat reaches its target) = %.3f [%.3f, %.3f] (95%%)",
           sc->name, m->trials, (unsigned long long)m->seed, m->p_none_reached_target.p,
           m->p_none_reached_target.ci95_lo, m->p_none_reached_target.ci95_hi);
  *reached = bmd_plot_alloc(1200, 750);
  *spent = bmd_plot_alloc(1200, 750);
  if (!*reached || !*spent) goto fail;
  for (int k = 0; k <= m->nthreats; k++) {
    e[k] = k - 0.4;
    h[k] = (double)m->reached_target_hist[k] / (double)m->trials;
    ymax = fmax(ymax, h[k]);
  }
  e[m->nthreats + 1] = m->nthreats + 0.4;
  bmd_plot_title(*reached, "Threats that reached their target, per raid", sub);
  memset(&ax, 0, sizeof ax);
  ax.x_min = -0.5;
  ax.x_max = m->nthreats + 0.5;
  ax.y_min = 0.0;
  ax.y_max = fmin(1.0, ymax * 1.15 + 0.01);
  ax.x_label = "threats that " BMD_OUTCOME_REACHED_TARGET_WORDS " (" BMD_OUTCOME_LEAKED_NAME " + " BMD_OUTCOME_UNENGAGED_NAME ")";
  ax.y_label = "fraction of trials";
  ax.y_grid = 1;
  bmd_plot_axes(*reached, &ax);
  /* bars of width 0.8 centred on each count: pairs of edges */
  for (int k = 0; k <= m->nthreats; k++) {
    double ed[2] = {k - 0.4, k + 0.4};
    bmd_plot_bars(*reached, 1, ed, &h[k], &st, k == 0 ? "Monte Carlo" : NULL);
  }
  ymax = 0.0;
  for (int k = 0; k <= m->spent_max; k++) {
    h[k] = (double)m->spent_hist[k] / (double)m->trials;
    ymax = fmax(ymax, h[k]);
  }
  bmd_plot_title(*spent, "Interceptors fired per raid", sub);
  ax.x_min = -0.5;
  ax.x_max = m->spent_max + 0.5;
  ax.y_max = fmin(1.0, ymax * 1.15 + 0.01);
  ax.x_label = "interceptors fired";
  bmd_plot_axes(*spent, &ax);
  for (int k = 0; k <= m->spent_max; k++) {
    double ed[2] = {k - 0.4, k + 0.4};
    bmd_plot_bars(*spent, 1, ed, &h[k], &st, k == 0 ? "Monte Carlo" : NULL);
  }
  free(e);
  return 0;
fail:
  bmd_plot_free(*reached);
  bmd_plot_free(*spent);
  *reached = *spent = NULL;
  free(e);
  return -1;
}

int cli_report_mc(struct cli_out *dir, const char *command, const struct bmd_scenario *sc,
                  const struct bmd_catalog *cat, const struct bmd_mc_result *m, struct bmd_plot *reached,
                  struct bmd_plot *spent) {
  (void)cat; /* the catalog is the scenario's (sc->cat) */
  static const char *const head[] = {"threat", "missile", "from", "to", "P(kill)", "95% low", "95% high",
                                     "analytic"};
  char title[256], para[1024];
  struct bmd_report *r;
  struct table t = {8, 0, 0, NULL, NULL, 0};
  int ret;
  snprintf(title, sizeof title, "%s: how well does it work?", sc->title[0] ? sc->title : sc->name);
  r = bmd_report_alloc(title);
  if (!r) return -1;
  bmd_report_command(r, command);
  snprintf(para, sizeof para,
           "%ld Monte Carlo trials (seed %llu) over the scenario's uncertainties: each shot kills with "
           "probability reliability x SSPK, radars measure with noise, and the uncertainty section of the "
           "scenario draws launch times, delays, SSPK and reliability per trial. P(no threat reaches its target) = "
           "%.3f (95%% Wilson interval %.3f-%.3f); threats that reached their target per raid %.2f +- %.2f "
           "(%s %.2f, %s %.2f; %s %.2f); interceptors fired %.1f +- %.1f.",
           m->trials, (unsigned long long)m->seed, m->p_none_reached_target.p, m->p_none_reached_target.ci95_lo,
           m->p_none_reached_target.ci95_hi, m->reached_target_mean, m->reached_target_sd,
           bmd_outcome_name(BMD_OUTCOME_LEAKED), m->count_mean[BMD_OUTCOME_LEAKED], bmd_outcome_name(BMD_OUTCOME_UNENGAGED),
           m->count_mean[BMD_OUTCOME_UNENGAGED], bmd_outcome_name(BMD_OUTCOME_KILLED), m->count_mean[BMD_OUTCOME_KILLED],
           m->spent_mean, m->spent_sd);
  bmd_report_section(r, "Answer");
  bmd_report_paragraph(r, para);
  for (int i = 0; i < m->nthreats; i++) {
    const struct bmd_scen_threat *th = &sc->threats[i];
    cell(&t, "%s", th->id);
    cell(&t, "%s", th->missile->name);
    cell(&t, "%s", th->from);
    cell(&t, "%s", th->to);
    cell(&t, "%.3f", m->p_kill[i].p);
    cell(&t, "%.3f", m->p_kill[i].ci95_lo);
    cell(&t, "%.3f", m->p_kill[i].ci95_hi);
    if (isfinite(m->p_kill_analytic[i])) cell(&t, "%.3f", m->p_kill_analytic[i]);
    else cell(&t, "-");
  }
  table_emit(r, &t, "Kill probability per threat (analytic: 1 - prod(1 - r x SSPK) over its shots, where it applies)",
             head);
  bmd_report_section(r, "Figures");
  figure(r, reached, 0, "Distribution of the number of threats that reached their target (leaked + unengaged) per raid.");
  figure(r, spent, 0, "Distribution of the number of interceptors fired per raid.");
  cli_report_outcomes(r, NULL);
  ret = finish(r, sc, BMD_ASSUME_THREATS | BMD_ASSUME_UNCERTAINTY, NULL, dir);
  bmd_report_free(r);
  return ret;
}
