/* compare_out.c - bmdsim compare's files: the CSV, the output folder with one figure per
   question, and the HTML report (compare_out.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/assumptions.h>
#include <bmd/intercept.h>
#include <bmd/outcome.h>
#include <bmd/outfile.h>
#include <bmd/plot.h>
#include <bmd/plot_analysis.h>
#include <bmd/report.h>
#include <bmd/status.h>

#include "cli.h"
#include "compare_out.h"

/* ---- figures ----------------------------------------------------------------------------- */

/* "1 third-site-2008, 2 epaa-phase1, ...": the x axis of the matrices */
static void columns_label(const struct bmd_compare *cmp, char *buf, size_t cap) {
  size_t n = (size_t)snprintf(buf, cap, "architecture:");
  for (int i = 0; i < cmp->ncols && n < cap; i++)
    n += (size_t)snprintf(buf + n, cap - n, " %d %s%s", i + 1, cmp->col[i].sc.architecture, i + 1 < cmp->ncols ? "," : "");
}

/* one row per threat or corridor, one cell per architecture (centred at x = column + 1),
   coloured by class with a short text */
struct matrix_cell {
  int cls;
  char text[32];
};

static int matrix(const struct bmd_compare *cmp, const char *title, const char *subtitle, int nrows,
                  const char *const *labels, const struct matrix_cell *cells, int ncls, const unsigned long *rgb,
                  const char *const *cls_label, struct bmd_plot **out) {
  char xl[600];
  int h = 140 + 34 * nrows, st = BMD_OK;
  int w = 480 + 190 * cmp->ncols;
  struct bmd_plot *p = bmd_plot_alloc(w < 1000 ? 1000 : w, h < 320 ? 320 : h);
  if (!p) return BMD_ENOMEM;
  columns_label(cmp, xl, sizeof xl);
  st = bmd_plot_title(p, title, subtitle);
  if (st == BMD_OK) st = bmd_plot_legend_position(p, BMD_PLOT_LEGEND_RIGHT);
  if (st == BMD_OK) st = bmd_plot_rows(p, nrows, labels, 0.5, cmp->ncols + 0.5, xl);
  for (int r = 0; r < nrows && st == BMD_OK; r++)
    for (int i = 0; i < cmp->ncols && st == BMD_OK; i++) {
      const struct matrix_cell *c = &cells[r * cmp->ncols + i];
      struct bmd_plot_style s = bmd_plot_style_fill(bmd_plot_rgb(rgb[c->cls]), bmd_plot_rgb(0x444444));
      st = bmd_plot_hbar(p, r, 0.7, i + 0.55, i + 1.45, &s, c->text, cls_label[c->cls]);
    }
  (void)ncls;
  if (st != BMD_OK) {
    bmd_plot_free(p);
    return st;
  }
  *out = p;
  return BMD_OK;
}

static int fig_run(const struct bmd_compare *cmp, struct bmd_plot **out) {
  static const unsigned long rgb[3] = {0x009E73, 0xD55E00, 0xBBBBBB};
  static const char *const lab[3] = {"killed", "leaked", "unengaged"};
  const struct bmd_scenario *s0 = &cmp->col[0].sc;
  int n = s0->nthreats, st;
  char sub[200];
  const char **labels = calloc((size_t)n, sizeof *labels);
  char (*lb)[64] = calloc((size_t)n, sizeof *lb);
  struct matrix_cell *cells = calloc((size_t)n * (size_t)cmp->ncols, sizeof *cells);
  if (!labels || !lb || !cells) {
    free(labels), free(lb), free(cells);
    return BMD_ENOMEM;
  }
  for (int t = 0; t < n; t++) {
    snprintf(lb[t], sizeof lb[t], "%.12s %.20s>%.20s", s0->threats[t].id, s0->threats[t].from, s0->threats[t].to);
    labels[t] = lb[t];
    for (int i = 0; i < cmp->ncols; i++) {
      const struct bmd_sim_threat *th = &cmp->col[i].run.threats[t];
      struct matrix_cell *c = &cells[t * cmp->ncols + i];
      c->cls = th->outcome == BMD_OUTCOME_KILLED ? 0 : th->outcome == BMD_OUTCOME_LEAKED ? 1 : 2;
      if (th->outcome == BMD_OUTCOME_UNENGAGED)
        snprintf(c->text, sizeof c->text, "%.28s", bmd_engage_reason_word((enum bmd_engage_reason)th->reason));
      else
        snprintf(c->text, sizeof c->text, "%s, %d shot%s", lab[c->cls], th->nshots, th->nshots == 1 ? "" : "s");
    }
  }
  snprintf(sub, sizeof sub, "one run, seed %llu: each threat's outcome (unengaged: why no interceptor was fired)",
           (unsigned long long)cmp->seed);
  st = matrix(cmp, s0->attack_title, sub, n, labels, cells, 3, rgb, lab, out);
  free(labels), free(lb), free(cells);
  return st;
}

static int fig_coverage(const struct bmd_compare *cmp, struct bmd_plot **out) {
  static const unsigned long rgb[3] = {0x009E73, 0xE69F00, 0xF4C7C3};
  static const char *const lab[3] = {"engageable", "kinematic only", "no reach"};
  const struct bmd_scenario *s0 = &cmp->col[0].sc;
  const struct bmd_coverage *c0 = &cmp->col[0].cov;
  int n = c0->ncorridors, st;
  const char **labels = calloc((size_t)(n > 0 ? n : 1), sizeof *labels);
  char (*lb)[64] = calloc((size_t)(n > 0 ? n : 1), sizeof *lb);
  struct matrix_cell *cells = calloc((size_t)(n > 0 ? n : 1) * (size_t)cmp->ncols, sizeof *cells);
  if (!labels || !lb || !cells) {
    free(labels), free(lb), free(cells);
    return BMD_ENOMEM;
  }
  for (int k = 0; k < n; k++) {
    const struct bmd_scen_threat *th = &s0->threats[c0->corridor[k].threat];
    snprintf(lb[k], sizeof lb[k], "%.12s %.20s>%.20s", th->id, th->from, th->to);
    labels[k] = lb[k];
    for (int i = 0; i < cmp->ncols; i++) {
      const struct bmd_compare_reach *r = &cmp->col[i].reach[k];
      struct matrix_cell *c = &cells[k * cmp->ncols + i];
      c->cls = r->engageable ? 0 : r->kinematic ? 1 : 2;
      cmp_reach_text(r, c->text, sizeof c->text);
    }
  }
  st = matrix(cmp, s0->attack_title,
              "reach per threat corridor from some site, and the latest cue with which it still intercepts",
              n, labels, cells, 3, rgb, lab, out);
  free(labels), free(lb), free(cells);
  return st;
}

/* P(kill) per threat, one marker per architecture with its 95% interval */
static int fig_mc(const struct bmd_compare *cmp, long trials, struct bmd_plot **out) {
  const struct bmd_scenario *s0 = &cmp->col[0].sc;
  int n = s0->nthreats + 1, st, h = 140 + (14 + 12 * cmp->ncols) * n;
  char sub[200];
  const char **labels = calloc((size_t)n, sizeof *labels);
  char (*lb)[64] = calloc((size_t)n, sizeof *lb);
  struct bmd_plot *p = bmd_plot_alloc(1100, h < 360 ? 360 : h);
  if (!labels || !lb || !p) {
    free(labels), free(lb), bmd_plot_free(p);
    return BMD_ENOMEM;
  }
  for (int t = 0; t < n; t++) {
    if (t < s0->nthreats)
      snprintf(lb[t], sizeof lb[t], "%.12s %.20s>%.20s", s0->threats[t].id, s0->threats[t].from, s0->threats[t].to);
    else snprintf(lb[t], sizeof lb[t], "no threat reaches target");
    labels[t] = lb[t];
  }
  snprintf(sub, sizeof sub, "%ld trials each, seed %llu: P(kill) of each threat, and P(no threat reaches its target); bars: 95%% Wilson intervals",
           trials, (unsigned long long)cmp->seed);
  st = bmd_plot_title(p, s0->attack_title, sub);
  if (st == BMD_OK) st = bmd_plot_legend_position(p, BMD_PLOT_LEGEND_RIGHT);
  if (st == BMD_OK) st = bmd_plot_rows(p, n, labels, 0.0, 1.0, "probability");
  for (int i = 0; i < cmp->ncols && st == BMD_OK; i++) {
    struct bmd_plot_color col = bmd_plot_palette(i);
    struct bmd_plot_style bar = bmd_plot_style_fill(bmd_plot_alpha(col, 0.35), col),
                          mk = bmd_plot_style_marker(BMD_PLOT_MARKER_CIRCLE, col, 7);
    double off = cmp->ncols > 1 ? -0.3 + 0.6 * i / (cmp->ncols - 1) : 0.0;
    for (int t = 0; t < n && st == BMD_OK; t++) {
      const struct bmd_mc_prop *pp = t < s0->nthreats ? &cmp->col[i].mc.p_kill[t] : &cmp->col[i].mc.p_none_reached_target;
      double x = pp->p, y = t + off;
      st = bmd_plot_hbar(p, y, 0.5 / (cmp->ncols + 1), pp->ci95_lo, pp->ci95_hi, &bar, NULL, NULL);
      if (st == BMD_OK) st = bmd_plot_points(p, 1, &x, &y, &mk, t == 0 ? cmp->col[i].sc.architecture : NULL);
    }
  }
  free(labels), free(lb);
  if (st != BMD_OK) {
    bmd_plot_free(p);
    return st;
  }
  *out = p;
  return BMD_OK;
}

/* ---- files --------------------------------------------------------------------------------- */

struct files_ctx {
  const struct bmd_compare *cmp;
  const char *json;
};

static int write_file(FILE *fp, int k, void *ctx) {
  const struct files_ctx *f = ctx;
  if (k == 0) return fputs(f->json, fp) < 0 || fputc('\n', fp) < 0 ? -1 : 0;
  return cmp_csv(fp, f->cmp);
}

/* the figures, in the order of the questions; n set to how many were made */
static int figures(const struct bmd_compare *cmp, long trials, struct bmd_plot **fig, char (*name)[96],
                   char (*caption)[256], int *n) {
  int st = BMD_OK;
  *n = 0;
  if (cmp->what & BMD_COMPARE_RUN) {
    st = fig_run(cmp, &fig[*n]);
    snprintf(name[*n], sizeof name[0], "compare-run");
    snprintf(caption[*n], sizeof caption[0], "One run of the attack against each architecture: each threat's outcome.");
    if (st == BMD_OK) (*n)++;
  }
  if (st == BMD_OK && (cmp->what & BMD_COMPARE_COVERAGE)) {
    st = fig_coverage(cmp, &fig[*n]);
    snprintf(name[*n], sizeof name[0], "compare-coverage");
    snprintf(caption[*n], sizeof caption[0], "Reach against each threat corridor: engageable, kinematic only, or none, and the latest cue that still allows an intercept.");
    if (st == BMD_OK) (*n)++;
  }
  if (st == BMD_OK && (cmp->what & BMD_COMPARE_MC)) {
    st = fig_mc(cmp, trials, &fig[*n]);
    snprintf(name[*n], sizeof name[0], "compare-mc");
    snprintf(caption[*n], sizeof caption[0], "Monte Carlo: P(kill) per threat with 95%% Wilson intervals.");
    if (st == BMD_OK) (*n)++;
  }
  for (int i = 0; st == BMD_OK && (cmp->what & BMD_COMPARE_FOOTPRINT) && i < cmp->ncols; i++) {
    const struct bmd_compare_col *c = &cmp->col[i];
    st = bmd_plot_analysis_footprint(&c->sc, &cmp->fo, &c->fp, &fig[*n]);
    snprintf(name[*n], sizeof name[0], "compare-footprint-%.60s", c->sc.architecture);
    snprintf(caption[*n], sizeof caption[0], "Defended area of %.60s (defended fraction %.3f of the threatened area); every map uses the same classes and colours.",
             c->sc.architecture, c->fs.combined.defended_fraction);
    if (st == BMD_OK) (*n)++;
  }
  return st;
}

/* one question's table: a row per threat (or corridor, or the one footprint line), a
   column per architecture; cell(k, i) writes row k, column i */
static int question_table(struct bmd_report *r, const struct bmd_compare *cmp, const char *first, int nrows,
                          void (*cell)(const struct bmd_compare *, int, int, char *, size_t),
                          void (*label)(const struct bmd_compare *, int, char *, size_t)) {
  int nc = cmp->ncols + 1, st;
  const char **head = calloc((size_t)nc, sizeof *head);
  char **cells = calloc((size_t)(nrows > 0 ? nrows : 1) * (size_t)nc, sizeof *cells);
  char buf[200];
  st = head && cells ? BMD_OK : BMD_ENOMEM;
  if (st == BMD_OK) {
    head[0] = first;
    for (int i = 0; i < cmp->ncols; i++) head[i + 1] = cmp->col[i].sc.architecture;
    for (int k = 0; k < nrows && st == BMD_OK; k++)
      for (int i = 0; i < nc && st == BMD_OK; i++) {
        if (i == 0) label(cmp, k, buf, sizeof buf);
        else cell(cmp, k, i - 1, buf, sizeof buf);
        cells[k * nc + i] = strdup(buf);
        if (!cells[k * nc + i]) st = BMD_ENOMEM;
      }
  }
  if (st == BMD_OK) st = bmd_report_table(r, NULL, nc, head, nrows, (const char *const *)cells);
  for (int k = 0; cells && k < nrows * nc; k++) free(cells[k]);
  free(cells);
  free(head);
  return st;
}

static void threat_label(const struct bmd_compare *cmp, int t, char *buf, size_t cap) {
  const struct bmd_scen_threat *th = &cmp->col[0].sc.threats[t];
  snprintf(buf, cap, "%.40s %.40s %.40s > %.40s", th->id, th->missile->name, th->from, th->to);
}

static void mc_label(const struct bmd_compare *cmp, int t, char *buf, size_t cap) {
  if (t < cmp->col[0].sc.nthreats) threat_label(cmp, t, buf, cap);
  else snprintf(buf, cap, "P(no threat reaches its target)");
}

static void corridor_label(const struct bmd_compare *cmp, int k, char *buf, size_t cap) {
  threat_label(cmp, cmp->col[0].cov.corridor[k].threat, buf, cap);
}

static void fp_label(const struct bmd_compare *cmp, int k, char *buf, size_t cap) {
  (void)cmp;
  snprintf(buf, cap, "%s", k == 0 ? "defended fraction" : k == 1 ? "threatened (km2)" : k == 2 ? "defended (km2)"
                                                                                          : "kinematic reach (km2)");
}

static void run_cell(const struct bmd_compare *cmp, int t, int i, char *buf, size_t cap) {
  const struct bmd_sim_threat *th = &cmp->col[i].run.threats[t];
  if (th->outcome == BMD_OUTCOME_UNENGAGED)
    snprintf(buf, cap, "unengaged: %s", bmd_engage_reason_word((enum bmd_engage_reason)th->reason));
  else snprintf(buf, cap, "%s (%d shot%s)", bmd_outcome_name(th->outcome), th->nshots, th->nshots == 1 ? "" : "s");
}

static void cov_cell(const struct bmd_compare *cmp, int k, int i, char *buf, size_t cap) {
  cmp_reach_text(&cmp->col[i].reach[k], buf, cap);
}

static void mc_cell(const struct bmd_compare *cmp, int t, int i, char *buf, size_t cap) {
  const struct bmd_mc_prop *p = t < cmp->col[0].sc.nthreats ? &cmp->col[i].mc.p_kill[t] : &cmp->col[i].mc.p_none_reached_target;
  snprintf(buf, cap, "%.3f [%.3f, %.3f]", p->p, p->ci95_lo, p->ci95_hi);
}

static void fp_cell(const struct bmd_compare *cmp, int k, int i, char *buf, size_t cap) {
  const struct bmd_footprint_layer *L = &cmp->col[i].fs.combined;
  if (k == 0) snprintf(buf, cap, "%.3f", L->defended_fraction);
  else snprintf(buf, cap, "%.0f", k == 1 ? L->threatened.area_km2 : k == 2 ? L->defended.area_km2 : L->kinematic.area_km2);
}

/* the questions' sections: a table each, then its figures (fig in question order) */
static int question_sections(struct bmd_report *r, const struct bmd_compare *cmp, struct bmd_plot **fig,
                             char (*caption)[256]) {
  const struct bmd_scenario *s0 = &cmp->col[0].sc;
  int f = 0, st = BMD_OK;
  char para[400];
  if (cmp->what & BMD_COMPARE_RUN) {
    bmd_report_section(r, "Run: each threat's outcome");
    snprintf(para, sizeof para, "One run with seed %llu against each architecture (docs/outcomes.md: killed, leaked, unengaged with the reason no interceptor was fired).",
             (unsigned long long)cmp->seed);
    bmd_report_paragraph(r, para);
    st = question_table(r, cmp, "threat", s0->nthreats, run_cell, threat_label);
    if (st == BMD_OK) st = bmd_report_figure_plot(r, fig[f], caption[f]);
    f++;
  }
  if (st == BMD_OK && (cmp->what & BMD_COMPARE_COVERAGE)) {
    bmd_report_section(r, "Coverage: reach per threat corridor");
    bmd_report_paragraph(r, "Engageable: some site can launch on a fire-control track and the decision latency and still intercept. Kinematic: an interceptor launched on the first cue could meet the threat. The cue named is the latest with which some site still intercepts (EW: the early-warning report; launch: the threat's launch itself, which no sensor gives).");
    st = question_table(r, cmp, "corridor", cmp->col[0].cov.ncorridors, cov_cell, corridor_label);
    if (st == BMD_OK) st = bmd_report_figure_plot(r, fig[f], caption[f]);
    f++;
  }
  if (st == BMD_OK && (cmp->what & BMD_COMPARE_MC)) {
    bmd_report_section(r, "Monte Carlo: P(kill) with 95% intervals");
    st = question_table(r, cmp, "threat", s0->nthreats + 1, mc_cell, mc_label);
    if (st == BMD_OK) st = bmd_report_figure_plot(r, fig[f], caption[f]);
    f++;
  }
  if (st == BMD_OK && (cmp->what & BMD_COMPARE_FOOTPRINT)) {
    bmd_report_section(r, "Footprint: the area defended");
    snprintf(para, sizeof para, "%s from %d launch point%s, %g-degree cells; areas are area-weighted (docs/analysis.md). Every map uses the same classes and colours.",
             cmp->fo.missile->name, cmp->fo.nlaunch, cmp->fo.nlaunch == 1 ? "" : "s", cmp->fo.grid_deg);
    bmd_report_paragraph(r, para);
    st = question_table(r, cmp, "combined over the launch points", 4, fp_cell, fp_label);
    for (int i = 0; st == BMD_OK && i < cmp->ncols; i++, f++) st = bmd_report_figure_plot(r, fig[f], caption[f]);
  }
  return st;
}

static int report(struct cli_out *dir, const struct bmd_compare *cmp, struct bmd_plot **fig,
                  char (*caption)[256], int nfig) {
  const struct bmd_scenario *s0 = &cmp->col[0].sc;
  char title[300], *cmdline = cli_command_line(), path[4096 + 64], buf[200];
  struct bmd_report *r;
  int rc = -1, nc = cmp->ncols;
  const char **head = calloc((size_t)nc + 1, sizeof *head);
  char **cells = calloc((size_t)(CMP_NDIFF + 4) * (size_t)(nc + 1), sizeof *cells);
  snprintf(title, sizeof title, "%s: %d architectures compared", s0->attack_title, nc);
  r = bmd_report_alloc(title);
  if (!r || !head || !cells) goto done;
  bmd_report_command(r, cmdline ? cmdline : "");
  bmd_report_section(r, "Assumptions that differ between the columns");
  head[0] = "value (evidence)";
  for (int i = 0; i < nc; i++) head[i + 1] = cmp->col[i].sc.architecture;
  {
    int nrow = 0;
    for (int k = 0; k < CMP_NDIFF; k++) {
      if (!cmp_diff_differs(cmp, k)) continue;
      cells[nrow * (nc + 1)] = strdup(cmp_diff_field(k));
      for (int i = 0; i < nc; i++) {
        cmp_diff_cell(cmp, i, k, buf, sizeof buf);
        cells[nrow * (nc + 1) + i + 1] = strdup(buf);
      }
      nrow++;
    }
    for (int q = 0; q < 4; q++, nrow++) {
      cells[nrow * (nc + 1)] = strdup(q == 0 ? "date" : q == 1 ? "interceptors" : q == 2 ? "radars" : "title");
      for (int i = 0; i < nc; i++) {
        const struct bmd_scenario *sc = &cmp->col[i].sc;
        if (q == 0) snprintf(buf, sizeof buf, "%s", sc->arch_date[0] ? sc->arch_date : "-");
        else if (q == 1) cmp_interceptors(sc, buf, sizeof buf);
        else if (q == 2) snprintf(buf, sizeof buf, "%d", sc->nradars);
        else snprintf(buf, sizeof buf, "%s", sc->arch_title);
        cells[nrow * (nc + 1) + i + 1] = strdup(buf);
      }
    }
    bmd_report_paragraph(r, "Every column faces the same threats with the same seed. The values below are those of each architecture's command and control and early warning where they differ, with the evidence each rests on; then what each architecture deploys. The full list of each architecture's assumptions and sources ends the report.");
    bmd_report_table(r, NULL, nc + 1, head, nrow, (const char *const *)cells);
  }
  (void)nfig;
  if (question_sections(r, cmp, fig, caption) != BMD_OK) goto done;
  for (int i = 0; i < nc; i++) {
    snprintf(buf, sizeof buf, "Architecture %s", cmp->col[i].sc.architecture);
    bmd_report_section(r, buf);
    bmd_report_paragraph(r, cmp->col[i].sc.arch_title);
    if (cli_report_assumptions(r, &cmp->col[i].sc, BMD_ASSUME_THREATS,
                               (cmp->what & BMD_COMPARE_FOOTPRINT) ? &cmp->fo : NULL) != 0)
      goto done;
  }
  snprintf(path, sizeof path, "%s/report.html", dir->dir);
  {
    int st = bmd_report_write(r, path);
    if (st == BMD_EIO) cli_out_fail(dir, "report.html", errno);
    else if (st != BMD_OK) cli_error("%s/report.html: cannot write: %s", dir->final, bmd_strerror(st));
    rc = st == BMD_OK ? 0 : -1;
  }
done:
  if (rc != 0 && (!r || !head || !cells)) cli_error("out of memory");
  for (int k = 0; cells && k < (CMP_NDIFF + 4) * (nc + 1); k++) free(cells[k]);
  free(cells);
  free(head);
  bmd_report_free(r);
  free(cmdline);
  return rc;
}

int cmp_write_outputs(const struct bmd_compare *cmp, const struct bmd_catalog *cat, long trials, const char *csv,
                      const char *out, const char *rep, int formats) {
  static const char *const names[2] = {"compare.json", "compare.csv"};
  struct bmd_plot *fig[BMD_COMPARE_MAX_COLUMNS + 3];
  char name[BMD_COMPARE_MAX_COLUMNS + 3][96], caption[BMD_COMPARE_MAX_COLUMNS + 3][256];
  struct cli_out oo, ro, *po = NULL, *pr = NULL;
  char *json = NULL;
  int nfig = 0, bad = 0, rc = CLI_FAIL, c1 = 0, c2 = 0;
  (void)cat;
  if (csv) {
    struct bmd_outfile of;
    if (bmd_outfile_open(&of, csv) != BMD_OK) {
      cli_error("%s: cannot create: %s", csv, strerror(errno));
      return CLI_FAIL;
    }
    if (cmp_csv(of.fp, cmp) != 0 || bmd_outfile_commit(&of) != BMD_OK) {
      int e = errno;
      bmd_outfile_abort(&of);
      cli_error("%s: write failed: %s", csv, strerror(e));
      return CLI_FAIL;
    }
  }
  if (!out && !rep) return CLI_OK;
  if (figures(cmp, trials, fig, name, caption, &nfig) != BMD_OK) {
    cli_error("out of memory drawing the figures");
    goto done;
  }
  if (out) {
    cJSON *j = cmp_json(cmp, trials);
    json = j ? cJSON_Print(j) : NULL;
    cJSON_Delete(j);
    if (!json) {
      cli_error("out of memory");
      goto done;
    }
    if (cli_out_open(&oo, out) == 0) po = &oo;
    else bad = 1;
  }
  if (rep && !bad) {
    if (po && cli_out_same(out, rep)) pr = po;
    else if (cli_out_open(&ro, rep) == 0) pr = &ro;
    else bad = 1;
  }
  if (!bad && po) {
    struct files_ctx fc = {cmp, json};
    if (cli_write_dir(po, 2, names, write_file, &fc) != 0) bad = 1;
    for (int f = 0; f < nfig && !bad; f++)
      if (cli_write_plot(fig[f], po, name[f], formats) != 0) bad = 1;
  }
  if (!bad && pr && report(pr, cmp, fig, caption, nfig) != 0) bad = 1;
  if (!bad && ((c1 = cli_out_commit(po)) != 0 || (pr != po && (c2 = cli_out_commit(pr)) != 0))) bad = 1;
  if (bad) {
    cli_out_abort(po);
    if (pr != po) cli_out_abort(pr);
    rc = c1 == -2 || c2 == -2 ? CLI_USAGE : CLI_FAIL;
  } else {
    rc = CLI_OK;
  }
done:
  for (int f = 0; f < nfig; f++) bmd_plot_free(fig[f]);
  free(json);
  return rc;
}
