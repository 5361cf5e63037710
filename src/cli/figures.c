/* figures.c - the figures and HTML report of a run, shared by bmdsim plot and bmdsim run
   (--plot, --report). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include <bmd/assumptions.h>
#include <bmd/plot.h>
#include <bmd/plot_run.h>
#include <bmd/report.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "cli.h"

int cli_parse_formats(const char *s, int *formats) {
  int f = 0;
  const char *p = s;
  while (*p) {
    size_t n = strcspn(p, ",");
    if (n == 3 && strncmp(p, "png", 3) == 0) f |= CLI_FMT_PNG;
    else if (n == 3 && strncmp(p, "svg", 3) == 0) f |= CLI_FMT_SVG;
    else {
      cli_error("--format: '%.*s' is not png or svg", (int)n, p);
      return -1;
    }
    p += n;
    if (*p == ',') p++;
  }
  if (!f) {
    cli_error("--format: give png, svg or png,svg");
    return -1;
  }
  *formats = f;
  return 0;
}

static void add_row(const char **cells, int *k, const char *v) { cells[(*k)++] = v; }

/* the HTML report of the run, with the figures figs[] */
static int write_report(const struct cli_fig_opts *o, const struct bmd_scenario *sc,
                        const struct bmd_catalog *cat, const struct bmd_sim_result *r,
                        struct bmd_plot *const *figs, cJSON *written) {
  char title[256], path[4096 + 64];
  snprintf(title, sizeof title, "%s: one simulated engagement", sc->title[0] ? sc->title : sc->name);
  struct bmd_report *rep = bmd_report_alloc(title);
  char *text = NULL;
  (void)cat; /* the scenario's own (sc->cat) */
  const char **cells = NULL;
  int rc = BMD_ENOMEM;
  if (!rep) goto done;
  bmd_report_command(rep, o->command);
  /* summary */
  int spent = 0;
  for (int s = 0; s < sc->nsites; s++) spent += r->spent[s];
  char para[1024];
  snprintf(para, sizeof para,
           "Scenario %s, seed %lu: %d threats: %d %s, %d %s, %d %s; %d %s (%s + %s); "
           "%d interceptors fired. One run of a stochastic model: intercepts succeed with "
           "probability reliability x SSPK, so another seed can give another outcome.",
           sc->name, o->seed, r->nthreats, r->count.n[BMD_OUTCOME_KILLED], bmd_outcome_name(BMD_OUTCOME_KILLED),
           r->count.n[BMD_OUTCOME_LEAKED], bmd_outcome_name(BMD_OUTCOME_LEAKED), r->count.n[BMD_OUTCOME_UNENGAGED],
           bmd_outcome_name(BMD_OUTCOME_UNENGAGED), r->count.reached_target, BMD_OUTCOME_REACHED_TARGET_WORDS,
           bmd_outcome_name(BMD_OUTCOME_LEAKED), bmd_outcome_name(BMD_OUTCOME_UNENGAGED), spent);
  bmd_report_section(rep, "Summary");
  bmd_report_paragraph(rep, para);
  /* threats table: 11 columns, text stored in one block */
  enum { NC = 11, W = 96 };
  int nt = r->nthreats;
  text = calloc((size_t)(nt > 0 ? nt : 1) * NC, W);
  cells = calloc((size_t)(nt > 0 ? nt : 1) * NC, sizeof *cells);
  if (!text || !cells) goto done;
  static const char *const th_head[NC] = {"threat", "missile", "from", "to", "outcome", "reason (unengaged)",
                                          "shots", "first detection (s)", "firm track (s)",
                                          "intercept altitude (km)", "intercept time (s)"};
  int k = 0;
  for (int i = 0; i < nt; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    char *b = text + (size_t)i * NC * W;
    snprintf(b + 0 * W, W, "%s", sc->threats[i].id);
    snprintf(b + 1 * W, W, "%s", sc->threats[i].missile->name);
    snprintf(b + 2 * W, W, "%s", sc->threats[i].from);
    snprintf(b + 3 * W, W, "%s", sc->threats[i].to);
    snprintf(b + 4 * W, W, "%s", bmd_outcome_name(th->outcome));
    snprintf(b + 5 * W, W, "%s",
             th->outcome == BMD_OUTCOME_UNENGAGED ? bmd_engage_reason_word((enum bmd_engage_reason)th->reason) : "-");
    snprintf(b + 6 * W, W, "%d", th->nshots);
    if (isfinite(th->first_detect_t_s)) snprintf(b + 7 * W, W, "%.0f", th->first_detect_t_s);
    else snprintf(b + 7 * W, W, "-");
    if (isfinite(th->firm_track_t_s)) snprintf(b + 8 * W, W, "%.0f", th->firm_track_t_s);
    else snprintf(b + 8 * W, W, "-");
    if (th->nshots) {
      const struct bmd_sim_shot *sh = &th->shots[th->nshots - 1];
      for (int s = 0; s < th->nshots; s++)
        if (th->shots[s].hit) sh = &th->shots[s];
      snprintf(b + 9 * W, W, "%.0f", sh->ic.alt_m / 1e3);
      snprintf(b + 10 * W, W, "%.0f", th->launch_t_s + sh->ic.t_s);
    } else {
      snprintf(b + 9 * W, W, "-");
      snprintf(b + 10 * W, W, "-");
    }
    for (int c = 0; c < NC; c++) add_row(cells, &k, b + c * W);
  }
  bmd_report_table(rep, "Threats", NC, th_head, nt, cells);
  /* interceptors spent */
  {
    static const char *const head[4] = {"site", "interceptor", "fired", "inventory"};
    char *b2 = calloc((size_t)(sc->nsites > 0 ? sc->nsites : 1) * 4, W);
    const char **c2 = calloc((size_t)(sc->nsites > 0 ? sc->nsites : 1) * 4, sizeof *c2);
    if (!b2 || !c2) {
      free(b2);
      free(c2);
      goto done;
    }
    for (int s = 0; s < sc->nsites; s++) {
      snprintf(b2 + (size_t)(4 * s + 0) * W, W, "%s", sc->sites[s].name);
      snprintf(b2 + (size_t)(4 * s + 1) * W, W, "%s", sc->sites[s].interceptor->name);
      snprintf(b2 + (size_t)(4 * s + 2) * W, W, "%d", r->spent[s]);
      snprintf(b2 + (size_t)(4 * s + 3) * W, W, "%d", sc->sites[s].inventory);
      for (int c = 0; c < 4; c++) c2[4 * s + c] = b2 + (size_t)(4 * s + c) * W;
    }
    bmd_report_table(rep, "Interceptor sites", 4, head, sc->nsites, c2);
    free(b2);
    free(c2);
  }
  cli_report_outcomes(rep, r);
  /* figures */
  bmd_report_section(rep, "Figures");
  for (int f = 0; f < BMD_PLOT_RUN_NFIG; f++) {
    if (!figs[f]) continue;
    if (f == BMD_PLOT_RUN_MAP) { /* the basemap makes the SVG 4x larger than the PNG */
      unsigned char *png = NULL;
      size_t n = 0;
      if (bmd_plot_write_png_mem(figs[f], &png, &n) == BMD_OK) bmd_report_figure_png(rep, png, n, bmd_plot_run_caption(f));
      free(png);
    } else {
      bmd_report_figure_plot(rep, figs[f], bmd_plot_run_caption(f));
    }
  }
  /* events, without the periodic track updates; at most 500 rows */
  {
    enum { EC = 5, EW = 128, EMAX = 500 };
    long n = 0, total = 0;
    for (long e = 0; e < r->nevents; e++)
      if (r->events[e].kind != BMD_SIM_TRACK) total++;
    long rows = total < EMAX ? total : EMAX;
    char *b3 = calloc((size_t)(rows > 0 ? rows : 1) * EC, EW);
    const char **c3 = calloc((size_t)(rows > 0 ? rows : 1) * EC, sizeof *c3);
    if (!b3 || !c3) {
      free(b3);
      free(c3);
      goto done;
    }
    static const char *const head[EC] = {"time (s)", "event", "threat", "site or radar", "note"};
    for (long e = 0; e < r->nevents && n < rows; e++) {
      const struct bmd_sim_event *ev = &r->events[e];
      if (ev->kind == BMD_SIM_TRACK) continue;
      char *b = b3 + (size_t)n * EC * EW;
      snprintf(b, EW, "%.1f", ev->t_s);
      snprintf(b + EW, EW, "%s", bmd_sim_event_name((enum bmd_sim_event_kind)ev->kind));
      snprintf(b + 2 * EW, EW, "%s", ev->threat >= 0 ? sc->threats[ev->threat].id : "");
      snprintf(b + 3 * EW, EW, "%s", ev->site >= 0 ? sc->sites[ev->site].name : ev->radar >= 0 ? sc->radars[ev->radar].name : "");
      snprintf(b + 4 * EW, EW, "%s", ev->note);
      for (int c = 0; c < EC; c++) c3[n * EC + c] = b + c * EW;
      n++;
    }
    bmd_report_section(rep, "Events");
    char cap[160];
    snprintf(cap, sizeof cap, "Events of the run (%ld%s; periodic track updates left out; all in events.csv of bmdsim run --out)",
             total, total > rows ? ", first 500 shown" : "");
    bmd_report_table(rep, cap, EC, head, (int)rows, c3);
    free(b3);
    free(c3);
  }
  if (cli_report_assumptions(rep, sc, BMD_ASSUME_THREATS, NULL) != 0) goto done;
  snprintf(path, sizeof path, "%s/report.html", o->report->dir);
  rc = bmd_report_write(rep, path);
  if (rc == BMD_EIO) cli_out_fail(o->report, "report.html", errno);
  else if (rc == BMD_OK && written) {
    snprintf(path, sizeof path, "%s/report.html", o->report->final);
    cJSON_AddItemToArray(written, cJSON_CreateString(path));
  }
done:
  if (rc == BMD_ENOMEM) cli_error("out of memory writing the report");
  else if (rc != BMD_OK && rc != BMD_EIO) cli_error("report.html: %s", bmd_strerror(rc));
  free(text);
  free(cells);
  bmd_report_free(rep);
  return rc == BMD_OK ? 0 : -1;
}

int cli_figures(const struct cli_fig_opts *o, const struct bmd_scenario *sc, const struct bmd_catalog *cat,
                const struct bmd_sim_result *r, cJSON *written) {
  struct bmd_plot *figs[BMD_PLOT_RUN_NFIG] = {NULL};
  int ret = -1;
  for (int f = 0; f < BMD_PLOT_RUN_NFIG; f++) {
    int rc = bmd_plot_run_figure(f, sc, r, &figs[f]);
    if (rc != BMD_OK) {
      cli_error("%s figure: %s", bmd_plot_run_name(f), bmd_strerror(rc));
      goto done;
    }
    if (!o->plot) continue;
    if (cli_write_plot(figs[f], o->plot, bmd_plot_run_name(f), o->formats) != 0) goto done;
    for (int fmt = CLI_FMT_PNG; fmt <= CLI_FMT_SVG && written; fmt <<= 1) {
      char path[4096 + 64];
      if (!(o->formats & fmt)) continue;
      snprintf(path, sizeof path, "%s/%s.%s", o->plot->final, bmd_plot_run_name(f), fmt == CLI_FMT_PNG ? "png" : "svg");
      cJSON_AddItemToArray(written, cJSON_CreateString(path));
    }
  }
  if (o->report && write_report(o, sc, cat, r, figs, written) != 0) goto done;
  ret = 0;
done:
  for (int f = 0; f < BMD_PLOT_RUN_NFIG; f++) bmd_plot_free(figs[f]);
  return ret;
}
