/* cmd_coverage.c - bmdsim coverage: can the architecture reach these threats? */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include <bmd/outcome.h>
#include <bmd/coverage.h>
#include <bmd/coverageout.h>
#include <bmd/plot.h>
#include <bmd/plot_analysis.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include "cli.h"

#define DEFAULT_SCENARIO "epaa-phase3"

static const struct cli_opt coverage_opts[] = {
    {"no-sweep", 'n', NULL, 0, "skip the burnout-speed thresholds (the slow part)"},
    {"threads", 'T', "N", 0, "worker threads (default: all cores)"},
    {"out", 'o', "DIR", 0, "write coverage.csv, coverage.json, coverage.geojson (ground tracks,\n"
                           "sites and their reach) and the figures coverage-map and\n"
                           "coverage-thresholds (.png/.svg); default out/<scenario>-coverage"},
    {"format", 'F', "F", 0, "figure formats: png, svg or png,svg (default)"},
    {"report", 'R', "DIR", 0, "also write DIR/report.html (tables, figures, assumptions and sources)"},
    {"json", 'j', NULL, 0, "rows as JSON on stdout"},
    {"data", 'd', "DIR", 0, "catalog files from DIR"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command coverage_cmd = {
    "coverage", "[SCENARIO]", 0, 1, coverage_opts,
    "Can the architecture reach these threats? For every threat corridor of the scenario\n"
    "(launch point -> target) and every interceptor site, two answers side by side:\n"
    "  kinematic   the interceptor could physically meet the threat, launched as early as\n"
    "              the first cue (early warning or radar detection) and the decision delay\n"
    "              allow;\n"
    "  engageable  also launched only after a fire-control track and the decision delay.\n"
    "With the engagement window, the earliest and latest intercept, the binding constraint,\n"
    "the latest launch that still allows an intercept, and how the answer moves with the\n"
    "assumptions disputed in public: the interceptor burnout speed at which it flips (found\n"
    "by bisection), the answer for each cue source, and the largest decision delay that\n"
    "still allows an engageable shot. SCENARIO defaults to " DEFAULT_SCENARIO ".\n",
    cli_builtin_list, "outcomes and reason codes: " BMD_OUTCOME_DOC "\n", NULL};

struct cov_out {
  const struct bmd_scenario *sc;
  const struct bmd_coverage *cov;
  const char *json;
};

static int write_one(FILE *fp, int k, void *ctx) {
  const struct cov_out *w = ctx;
  switch (k) {
  case 0: return bmd_coverageout_csv(fp, w->sc, w->cov);
  case 1: return fputs(w->json, fp) < 0 || fputc('\n', fp) < 0 ? -1 : 0;
  default: return bmd_coverageout_geojson(fp, w->sc, w->cov);
  }
}

static void fmt_opt(char *buf, size_t cap, double v, const char *fmt_unit) {
  if (isnan(v)) snprintf(buf, cap, "-");
  else snprintf(buf, cap, "%.0f%s", v, fmt_unit);
}

static void print_human(const struct bmd_scenario *sc, const struct bmd_coverage *cov, int sweep) {
  int n_eng = 0, n_kin = 0;
  printf("%s: %s\n", sc->name, sc->title);
  printf("%d corridors x %d interceptor sites; kinematic = could reach if launched on the first cue,\n"
         "engageable = also tracked in time by a fire-control radar (decision delay %.0f s)\n\n",
         cov->ncorridors, sc->nsites, sc->c2.decision_latency_s);
  for (int c = 0; c < cov->ncorridors; c++) {
    const struct bmd_coverage_corridor *co = &cov->corridor[c];
    const struct bmd_scen_threat *t = &sc->threats[co->threat];
    int any_e = 0, any_k = 0;
    char ew[32], det[32], firm[32];
    fmt_opt(ew, sizeof ew, co->cue.ew_t_s, " s");
    fmt_opt(det, sizeof det, co->cue.detect_t_s, " s");
    fmt_opt(firm, sizeof firm, co->cue.firm_t_s, " s");
    printf("%s %s %s -> %s (flight %.0f s; early warning %s, first detection %s, fire-control track %s)\n",
           t->id, t->missile->name, t->from, t->to, co->traj.impact_t_s, ew, det, firm);
    printf("  %-22s %-15s %-9s %-10s %7s %-22s %9s %9s %9s\n", "site", "interceptor", "kinematic", "engageable",
           "window", "constraint", "v_bo m/s", "flips at", "max delay");
    for (int s = 0; s < sc->nsites; s++) {
      const struct bmd_coverage_row *r = &cov->row[c * sc->nsites + s];
      char win[32], thr[32], dl[32];
      if (r->feasible) snprintf(win, sizeof win, "%.0f s", r->eng.window_s);
      else snprintf(win, sizeof win, "-");
      if (!sweep) snprintf(thr, sizeof thr, "(no sweep)");
      else fmt_opt(thr, sizeof thr, r->threshold_burnout_speed_mps, "");
      fmt_opt(dl, sizeof dl, r->max_decision_delay_s, " s");
      printf("  %-22s %-15s %-9s %-10s %7s %-22s %9.0f %9s %9s\n", sc->sites[s].name,
             sc->sites[s].interceptor->name, r->kinematic_feasible ? "yes" : "no", r->feasible ? "yes" : "no", win,
             bmd_coverage_constraint_word(r), r->burnout_speed_mps, thr, dl);
      any_e |= r->feasible;
      any_k |= r->kinematic_feasible;
    }
    n_eng += any_e;
    n_kin += any_k;
    printf("\n");
  }
  printf("answer: %d of %d corridors are engageable by at least one site; %d of %d are within\n"
         "kinematic reach. 'flips at' is the burnout speed at which a site's engageable answer\n"
         "changes (other assumptions held); 'max delay' the longest decision delay that still\n"
         "allows an engageable launch.\n", n_eng, cov->ncorridors, n_kin, cov->ncorridors);
}

int cmd_coverage(int argc, char **argv) {
  struct cli_args args;
  const char *out = NULL, *data = NULL, *report = NULL;
  int formats = CLI_FMT_PNG | CLI_FMT_SVG;
  char cmdline[2048];
  int json = 0, c, rc = CLI_FAIL;
  struct bmd_coverage_opts o = {1.0, 1, 1};
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_coverage cov;
  struct bmd_diag d;
  char outbuf[512];

  o.threads = cli_default_threads();
  cli_args_init(&args, &coverage_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'n': o.sweep = 0; break;
    case 'T':
      if (cli_parse_threads(args.value, &o.threads) != 0) return CLI_USAGE;
      break;
    case 'o': out = args.value; break;
    case 'F':
      if (cli_parse_formats(args.value, &formats) != 0) return CLI_USAGE;
      break;
    case 'R': report = args.value; break;
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  if (cli_open_scenario(&args, DEFAULT_SCENARIO, data, &cat, &sc) != 0) return CLI_USAGE;
  if (!out) {
    snprintf(outbuf, sizeof outbuf, "out/%s-coverage", sc.name);
    out = outbuf;
  }
  /* before the work, not after it: an unusable --out is bad input */
  if (cli_mkdir_p(out) != 0) {
    rc = CLI_USAGE;
    goto done;
  }
  {
    struct cli_progress prog;
    double t0 = cli_now();
    int st;
    cli_progress_init(&prog, "coverage");
    st = bmd_coverage_compute(&sc, &o, &cov, &d, cli_progress_update, &prog);
    cli_progress_done(&prog);
    if (st != BMD_OK) {
      cli_diag(&d);
      rc = st == BMD_ERANGE ? CLI_USAGE : CLI_FAIL;
      goto done;
    }
    cov.seconds = cli_now() - t0;
  }
  {
    static const char *const names[] = {"coverage.csv", "coverage.json", "coverage.geojson"};
    cJSON *j = bmd_coverageout_json(&sc, &cov, o.sweep);
    char *s = j ? cJSON_Print(j) : NULL;
    struct cov_out w = {&sc, &cov, s};
    cJSON_Delete(j);
    if (!s || cli_write_dir(out, 3, names, write_one, &w) != 0) {
      if (!s) cli_error("out of memory");
      free(s);
      bmd_coverage_release(&cov);
      goto done;
    }
    {
      struct bmd_plot *map = NULL, *thr = NULL;
      int a = bmd_plot_analysis_coverage_map(&sc, &cov, &map);
      int b = bmd_plot_analysis_coverage_thresholds(&sc, &cov, &thr);
      cli_command_line(argc, argv, "coverage", cmdline, sizeof cmdline);
      if (a != BMD_OK || b != BMD_OK || cli_write_plot(map, out, "coverage-map", formats) != 0 ||
          cli_write_plot(thr, out, "coverage-thresholds", formats) != 0 ||
          (report && cli_report_coverage(report, cmdline, &sc, &cat, &cov, o.sweep, map, thr) != 0)) {
        if (a != BMD_OK || b != BMD_OK) cli_error("coverage figures: %s", bmd_strerror(a != BMD_OK ? a : b));
        bmd_plot_free(map);
        bmd_plot_free(thr);
        free(s);
        bmd_coverage_release(&cov);
        goto done;
      }
      bmd_plot_free(map);
      bmd_plot_free(thr);
    }
    if (json) puts(s);
    else {
      print_human(&sc, &cov, o.sweep);
      printf("wrote %s/{coverage.csv,coverage.json,coverage.geojson} and figures%s%s (%.1f s)\n", out,
             report ? "; report " : "", report ? report : "", cov.seconds);
    }
    free(s);
  }
  bmd_coverage_release(&cov);
  rc = CLI_OK;
done:
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return rc;
}
