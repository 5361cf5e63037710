/* cmd_coverage.c - bmdsim coverage: can the architecture reach these threats? */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include <bmd/assumptions.h>
#include <bmd/outcome.h>
#include <bmd/coverage.h>
#include <bmd/coverageout.h>
#include <bmd/plot.h>
#include <bmd/plot_analysis.h>
#include <bmd/refperf.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include "cli.h"

#define DEFAULT_SCENARIO "epaa-phase3"

static void help(FILE *fp) {
  fprintf(fp,
    "usage: bmdsim coverage [SCENARIO] [--no-sweep] [--threads N] [--out DIR] [--json]\n"
    "\n"
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
    "still allows an engageable shot.\n"
    "\n"
    "options:\n"
    "  --no-sweep     skip the burnout-speed thresholds (the slow part)\n"
    "  --threads N    worker threads (default: all cores)\n"
    "  --out DIR      write coverage.csv, coverage.json, coverage.geojson (ground tracks,\n"
    "                 sites and their reach); default out/<scenario>-coverage\n"
    "                 and the figures coverage-map and coverage-thresholds (.png/.svg)\n"
    "  --format F     figure formats: png, svg or png,svg (default)\n"
    "  --report DIR   also write DIR/report.html (tables, figures, assumptions and sources)\n"
    "  --json         rows as JSON on stdout\n"
    "  --data DIR     catalog files from DIR\n"
    "  --help         this text\n"
    "\noutcomes and reason codes: %s\n", BMD_OUTCOME_DOC);
}

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

/* One burnout speed per interceptor, with the conditions of each figure: the catalog's
   stated one, the simulated one at the reference conditions (refperf.h, as bmdsim catalog
   shows it) and the range over this analysis's rows (fly-outs from each site toward each
   corridor, the scenario's physics). */
#define SITE_VBO_CONDITIONS "the highest burnout speed over pitch-over angles of a full-burn fly-out from the site toward the corridor, under the scenario's physics"

struct vbo {
  const struct bmd_missile *ic;
  double ref, lo, hi;
};

static int vbo_table(const struct bmd_scenario *sc, const struct bmd_coverage *cov, struct vbo *t, int max) {
  int n = 0;
  for (int s = 0; s < sc->nsites; s++) {
    int k;
    for (k = 0; k < n && t[k].ic != sc->sites[s].interceptor; k++) {}
    if (k == n) {
      struct bmd_refperf p;
      if (n == max) continue;
      t[n].ic = sc->sites[s].interceptor;
      t[n].ref = bmd_refperf_compute(&t[n].ic->vehicle, 1, &p) == BMD_OK ? p.value : nan("");
      t[n].lo = (double)INFINITY;
      t[n].hi = -(double)INFINITY;
      n++;
    }
    for (int c = 0; c < cov->ncorridors; c++) {
      double v = cov->row[c * sc->nsites + s].burnout_speed_mps;
      if (isnan(v)) continue;
      t[k].lo = fmin(t[k].lo, v);
      t[k].hi = fmax(t[k].hi, v);
    }
  }
  return n;
}

static void print_burnout(const struct bmd_scenario *sc, const struct bmd_coverage *cov) {
  struct vbo t[64];
  int n = vbo_table(sc, cov, t, 64);
  printf("\nburnout speeds (m/s): 'v_bo' above is " SITE_VBO_CONDITIONS ".\n");
  for (int k = 0; k < n; k++) {
    char band[48];
    if (t[k].ic->vbo_hi_mps > t[k].ic->vbo_lo_mps) snprintf(band, sizeof band, "%.0f-%.0f", t[k].ic->vbo_lo_mps, t[k].ic->vbo_hi_mps);
    else snprintf(band, sizeof band, "%.0f", t[k].ic->vbo_lo_mps);
    printf("  %-16s stated %s (%s); simulated at the reference conditions %.0f (bmdsim catalog); "
           "v_bo from these sites %.0f-%.0f\n", t[k].ic->name, band, bmd_evidence_class_word(t[k].ic->perf_class),
           t[k].ref, t[k].lo, t[k].hi);
  }
}

static void burnout_json(cJSON *j, const struct bmd_scenario *sc, const struct bmd_coverage *cov) {
  struct vbo t[64];
  int n = vbo_table(sc, cov, t, 64);
  cJSON *a = cJSON_CreateArray();
  cJSON_AddStringToObject(j, "burnout_speed_conditions", SITE_VBO_CONDITIONS);
  for (int k = 0; k < n; k++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "interceptor", t[k].ic->name);
    cJSON_AddNumberToObject(o, "stated_low_mps", t[k].ic->vbo_lo_mps);
    cJSON_AddNumberToObject(o, "stated_high_mps", t[k].ic->vbo_hi_mps);
    cJSON_AddStringToObject(o, "stated_evidence", bmd_evidence_class_word(t[k].ic->perf_class));
    if (isnan(t[k].ref)) cJSON_AddNullToObject(o, "reference_mps");
    else cJSON_AddNumberToObject(o, "reference_mps", t[k].ref);
    cJSON_AddStringToObject(o, "reference_conditions", bmd_refperf_conditions(1));
    if (isfinite(t[k].lo)) {
      cJSON_AddNumberToObject(o, "sites_min_mps", t[k].lo);
      cJSON_AddNumberToObject(o, "sites_max_mps", t[k].hi);
    }
    cJSON_AddItemToArray(a, o);
  }
  cJSON_AddItemToObject(j, "interceptor_burnout_speeds", a);
}

static void print_human(const struct bmd_scenario *sc, const struct bmd_coverage *cov, int sweep) {
  int n_eng = 0, n_kin = 0;
  printf("%s: %s\n", sc->name, cli_safe(sc->title));
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
           cli_safe(t->id), t->missile->name, cli_safe(t->from), cli_safe(t->to), co->traj.impact_t_s, ew, det, firm);
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
  print_burnout(sc, cov);
}

int cmd_coverage(int argc, char **argv) {
  static const struct option opts[] = {
      {"no-sweep", no_argument, 0, 'n'}, {"threads", required_argument, 0, 'T'},
      {"out", required_argument, 0, 'o'}, {"json", no_argument, 0, 'j'},
      {"data", required_argument, 0, 'd'}, {"help", no_argument, 0, 'h'},
      {"format", required_argument, 0, 'F'}, {"report", required_argument, 0, 'R'},
      {0, 0, 0, 0}};
  const char *scen = DEFAULT_SCENARIO, *out = NULL, *data = NULL, *report = NULL;
  int formats = CLI_FMT_PNG | CLI_FMT_SVG;
  int json = 0, c, rc = CLI_FAIL;
  struct bmd_coverage_opts o = {1.0, 1, 1};
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_coverage cov;
  struct bmd_diag d;
  char outbuf[512];

  o.threads = cli_default_threads();
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (c) {
    case 'n': o.sweep = 0; break;
    case 'T':
      if (cli_parse_threads(optarg, &o.threads) != 0) return CLI_USAGE;
      break;
    case 'o': out = optarg; break;
    case 'F':
      if (cli_parse_formats(optarg, &formats) != 0) return CLI_USAGE;
      break;
    case 'R': report = optarg; break;
    case 'j': json = 1; break;
    case 'd': data = optarg; break;
    case 'h': help(stdout); return CLI_OK;
    default:
      cli_error("coverage: unknown or incomplete option '%s' (see bmdsim coverage --help)", argv[optind - 1]);
      return CLI_USAGE;
    }
  }
  if (optind < argc) scen = argv[optind];
  if (cli_open_scenario("coverage", argc, argv, scen, data, &cat, &sc) != 0) return CLI_USAGE;
  if (!out) {
    cli_default_out(scen, &sc, "-coverage", outbuf, sizeof outbuf);
    out = outbuf;
  }
  /* before the work, not after it: an unusable --out is bad input */
  if (cli_out_check(out) != 0 || (report && cli_out_check(report) != 0)) {
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
      rc = st == BMD_ERANGE ? CLI_USAGE : st == BMD_ESOLVER ? CLI_SOLVER : CLI_FAIL;
      goto done;
    }
    cov.seconds = cli_now() - t0;
  }
  {
    static const char *const names[] = {"coverage.csv", "coverage.json", "coverage.geojson"};
    cJSON *j = bmd_coverageout_json(&sc, &cov, o.sweep);
    char *s, *cmdline = NULL;
    /* what the answer rests on (assumptions.h) */
    if (j) burnout_json(j, &sc, &cov);
    if (j && cli_json_assumptions(j, &sc, BMD_ASSUME_THREATS, NULL) != 0) {
      cJSON_Delete(j);
      j = NULL;
    }
    s = j ? cJSON_Print(j) : NULL;
    struct cov_out w = {&sc, &cov, s};
    struct cli_out oo, ro, *pr = NULL;
    struct bmd_plot *map = NULL, *thr = NULL;
    int a = BMD_OK, b = BMD_OK, c1 = 0, c2 = 0;
    cJSON_Delete(j);
    if (!s || cli_out_open(&oo, out) != 0) {
      if (!s) cli_error("out of memory");
      free(s);
      bmd_coverage_release(&cov);
      goto done;
    }
    if (report) {
      if (cli_out_same(out, report)) pr = &oo;
      else if (cli_out_open(&ro, report) == 0) pr = &ro;
    }
    cmdline = cli_command_line();
    if ((report && !pr) || cli_write_dir(&oo, 3, names, write_one, &w) != 0 ||
        (a = bmd_plot_analysis_coverage_map(&sc, &cov, &map)) != BMD_OK ||
        (b = bmd_plot_analysis_coverage_thresholds(&sc, &cov, &thr)) != BMD_OK ||
        cli_write_plot(map, &oo, "coverage-map", formats) != 0 ||
        cli_write_plot(thr, &oo, "coverage-thresholds", formats) != 0 ||
        (report && cli_report_coverage(pr, cmdline ? cmdline : "", &sc, &cat, &cov, o.sweep, map, thr) != 0) ||
        (c1 = cli_out_commit(&oo)) != 0 || (pr && pr != &oo && (c2 = cli_out_commit(pr)) != 0)) {
      if (a != BMD_OK || b != BMD_OK) cli_error("coverage figures: %s", bmd_strerror(a != BMD_OK ? a : b));
      if (c1 == -2 || c2 == -2) rc = CLI_USAGE;
      cli_out_abort(&oo);
      if (pr && pr != &oo) cli_out_abort(pr);
      bmd_plot_free(map);
      bmd_plot_free(thr);
      free(cmdline);
      free(s);
      bmd_coverage_release(&cov);
      goto done;
    }
    bmd_plot_free(map);
    bmd_plot_free(thr);
    free(cmdline);
    if (json) cli_print_json(s);
    else {
      print_human(&sc, &cov, o.sweep);
      printf("wrote %s/{coverage.csv,coverage.json,coverage.geojson} and figures%s%s (%.1f s)\n", cli_safe(out),
             report ? "; report " : "", report ? cli_safe(report) : "", cov.seconds);
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
