/* cmd_mc.c - bmdsim mc: Monte Carlo over a scenario's uncertainties (mc.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/assumptions.h>
#include <bmd/csv.h>
#include <bmd/mc.h>
#include <bmd/plot.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "cli.h"

#define DEFAULT_SCENARIO "epaa-phase3"
#define DEFAULT_TRIALS 1000

_Static_assert(BMD_MC_MAX_TRIALS == 100000000L && DEFAULT_TRIALS == 1000, "update --trials in mc_opts");
static const struct cli_opt mc_opts[] = {
    {"trials", 'n', "N", 0, "number of trials, 1 to 100000000 (default 1000)"},
    {"seed", 's', "S", 0, "seed of the whole run, 0 to 18446744073709551615 (default: the scenario's);\n"
                          "trial k's seed is SplitMix64 output k: results do not depend on --threads"},
    {"threads", 't', "N", 0, "worker threads, 0 = all online cores (default 0)"},
    {"out", 'o', "DIR", 0, "write mc.json (the --json document), trials.csv (one row per trial:\n"
                           "seeds, outcome counts, interceptors fired, each threat's outcome) and\n"
                           "the histograms reached-target and interceptors-fired (.png/.svg)"},
    {"format", 'F', "F", 0, "figure formats: png, svg or png,svg (default)"},
    {"model", 'M', "M", 0, "engine (default): the whole engine per trial, every uncertainty (over\n"
                           "10,000 trials/s on 2 cores for epaa-phase3: BENCHMARKS.md);\n"
                           "plan: the engagement plan held fixed (the shots each threat meets when\n"
                           "all miss), only shot outcomes drawn: about 1 us per trial; exact where\n"
                           "the analytic value applies; no launch-time or delay uncertainty;\n"
                           "reference: the engine of commit 2d8827a (a Kalman filter fed with\n"
                           "noisy measurements in every trial), to check the engine against"},
    {"report", 'R', "DIR", 0, "write DIR/report.html (tables, histograms, assumptions and sources)"},
    {"json", 'j', NULL, 0, "results as JSON on stdout (keys: scenario, model, trials, seed, threads,\n"
                           "p_none_reached_target, reached_target, outcomes, interceptors_spent,\n"
                           "threats, trials_per_s)"},
    {"data", 'd', "DIR", 0, "catalog files from DIR"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command mc_cmd = {
    "mc", "[SCENARIO]", 0, 1, mc_opts,
    "How well does the defence work? Runs the scenario N times, each trial with its own seed\n"
    "and its own draw of the scenario's uncertainties (the 'uncertainty' section:\n"
    "launch times, early-warning delays, decision latency, SSPK and reliability; the per-shot\n"
    "hit draws are random in every trial; tracks are a covariance analysis, which radar\n"
    "noise does not move: docs/models/tracking.md). Prints P(no threat reaches its\n"
    "target) with its 95% Wilson interval, the distribution of the threats that reached\n"
    "their target (leaked + unengaged) and of interceptors spent, the mean killed, leaked\n"
    "and unengaged per trial, and each threat's kill probability, beside the\n"
    "independent-shot formula where it applies (docs/models/montecarlo.md). Trial k of a\n"
    "scenario without uncertainty is `bmdsim run --seed R` with R its run_seed in\n"
    "trials.csv. SCENARIO defaults to " DEFAULT_SCENARIO ".\n",
    cli_builtin_list, "outcomes: " BMD_OUTCOME_DOC "\n", NULL};

/* a whole decimal number in [lo, hi] */
static int parse_whole(const char *s, unsigned long long lo, unsigned long long hi, unsigned long long *out) {
  char *end;
  unsigned long long v;
  if (!s || !*s) return -1;
  for (const char *c = s; *c; c++)
    if (*c < '0' || *c > '9') return -1;
  errno = 0;
  v = strtoull(s, &end, 10);
  if (errno || *end || v < lo || v > hi) return -1;
  *out = v;
  return 0;
}

static cJSON *prop_json(const struct bmd_mc_prop *p) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "value", p->p);
  cJSON_AddNumberToObject(o, "ci95_lo", p->ci95_lo);
  cJSON_AddNumberToObject(o, "ci95_hi", p->ci95_hi);
  cJSON_AddNumberToObject(o, "successes", (double)p->x);
  return o;
}

static void add_num_or_null(cJSON *o, const char *key, double v) {
  if (isnan(v)) cJSON_AddNullToObject(o, key);
  else cJSON_AddNumberToObject(o, key, v);
}

static cJSON *to_json(const struct bmd_scenario *sc, const struct bmd_mc_result *r, double elapsed_s, double prep_s) {
  cJSON *j = cJSON_CreateObject(), *pz = prop_json(&r->p_none_reached_target), *lk = cJSON_CreateObject(),
        *sp = cJSON_CreateObject(), *ps = cJSON_CreateObject(), *ts = cJSON_CreateArray(), *h, *u = cJSON_CreateObject();
  static const char *const model[] = {"engine", "plan", "reference"};
  cJSON_AddStringToObject(j, "scenario", sc->name);
  cJSON_AddStringToObject(j, "model", r->model >= 0 && r->model <= BMD_MC_REFERENCE ? model[r->model] : "unknown");
  cJSON_AddNumberToObject(j, "trials", (double)r->trials);
  cli_json_seed(j, "seed", (unsigned long long)r->seed);
  cJSON_AddNumberToObject(j, "threads", r->threads);
  cJSON_AddNumberToObject(u, "launch_time_sigma_s", sc->unc.launch_time_sigma_s);
  cJSON_AddNumberToObject(u, "ew_delay_sigma_s", sc->unc.ew_delay_sigma_s);
  cJSON_AddNumberToObject(u, "decision_latency_sigma_s", sc->unc.decision_latency_sigma_s);
  cJSON_AddNumberToObject(u, "sspk_sigma", sc->unc.sspk_sigma);
  cJSON_AddNumberToObject(u, "reliability_sigma", sc->unc.reliability_sigma);
  cJSON_AddItemToObject(j, "uncertainty", u);
  add_num_or_null(pz, "analytic", r->p_none_reached_target_analytic);
  cJSON_AddItemToObject(j, "p_none_" BMD_OUTCOME_REACHED_TARGET, pz);
  cJSON_AddNumberToObject(lk, "mean", r->reached_target_mean);
  cJSON_AddNumberToObject(lk, "sd", r->reached_target_sd);
  h = cJSON_CreateArray();
  for (int k = 0; k <= r->nthreats; k++) cJSON_AddItemToArray(h, cJSON_CreateNumber((double)r->reached_target_hist[k]));
  cJSON_AddItemToObject(lk, "histogram", h);
  cJSON_AddItemToObject(j, BMD_OUTCOME_REACHED_TARGET, lk);
  {
    cJSON *oc = cJSON_AddObjectToObject(j, "outcomes");
    for (int o = 0; o < BMD_OUTCOME_COUNT; o++) {
      cJSON *x = cJSON_AddObjectToObject(oc, bmd_outcome_name(o));
      cJSON_AddNumberToObject(x, "mean", r->count_mean[o]);
      cJSON_AddNumberToObject(x, "sd", r->count_sd[o]);
    }
  }
  cJSON_AddNumberToObject(sp, "mean", r->spent_mean);
  cJSON_AddNumberToObject(sp, "sd", r->spent_sd);
  h = cJSON_CreateArray();
  for (int k = 0; k <= r->spent_max; k++) cJSON_AddItemToArray(h, cJSON_CreateNumber((double)r->spent_hist[k]));
  cJSON_AddItemToObject(sp, "histogram", h);
  for (int s = 0; s < r->nsites; s++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "mean", r->spent_site_mean[s]);
    cJSON_AddNumberToObject(o, "sd", r->spent_site_sd[s]);
    cJSON_AddNumberToObject(o, "inventory", sc->sites[s].inventory);
    cJSON_AddItemToObject(ps, sc->sites[s].name, o);
  }
  cJSON_AddItemToObject(sp, "per_site", ps);
  cJSON_AddItemToObject(j, "interceptors_spent", sp);
  for (int i = 0; i < r->nthreats; i++) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", sc->threats[i].id);
    cJSON_AddStringToObject(o, "missile", sc->threats[i].missile->name);
    cJSON_AddNumberToObject(o, "p_kill", r->p_kill[i].p);
    cJSON_AddNumberToObject(o, "ci95_lo", r->p_kill[i].ci95_lo);
    cJSON_AddNumberToObject(o, "ci95_hi", r->p_kill[i].ci95_hi);
    add_num_or_null(o, "p_kill_analytic", r->p_kill_analytic[i]);
    {
      cJSON *oc = cJSON_AddObjectToObject(o, "outcomes"); /* trials with each outcome */
      for (int c = 0; c < BMD_OUTCOME_COUNT; c++)
        cJSON_AddNumberToObject(oc, bmd_outcome_name(c), (double)r->threat_count[(size_t)i * BMD_OUTCOME_COUNT + (size_t)c]);
    }
    cJSON_AddItemToArray(ts, o);
  }
  cJSON_AddItemToObject(j, "threats", ts);
  {
    /* battle damage: the elements some trial lost, with the fraction of trials */
    cJSON *dm = cJSON_AddArrayToObject(j, "damage");
    for (int e = 0; e < r->nelements; e++) {
      cJSON *o;
      if (r->p_lost[e].x == 0) continue;
      o = cJSON_CreateObject();
      cJSON_AddStringToObject(o, "element", e < sc->nsites ? sc->sites[e].name : sc->radars[e - sc->nsites].name);
      cJSON_AddStringToObject(o, "kind", e < sc->nsites ? "site" : "radar");
      cJSON_AddNumberToObject(o, "p_lost", r->p_lost[e].p);
      cJSON_AddNumberToObject(o, "ci95_lo", r->p_lost[e].ci95_lo);
      cJSON_AddNumberToObject(o, "ci95_hi", r->p_lost[e].ci95_hi);
      cJSON_AddItemToArray(dm, o);
    }
  }
  cJSON_AddBoolToObject(j, "analytic_applies", r->analytic_applies);
  cJSON_AddNumberToObject(j, "prep_s", prep_s);
  cJSON_AddNumberToObject(j, "elapsed_s", elapsed_s);
  cJSON_AddNumberToObject(j, "trials_per_s", elapsed_s > 0.0 ? (double)r->trials / elapsed_s : 0.0);
  /* what the answer rests on (assumptions.h) */
  if (cli_json_assumptions(j, sc, BMD_ASSUME_THREATS | BMD_ASSUME_UNCERTAINTY, NULL) != 0) {
    cJSON_Delete(j);
    return NULL;
  }
  return j;
}

struct out_ctx {
  const struct bmd_scenario *sc;
  const struct bmd_mc_result *r;
  const char *json;
};

static int write_trials(FILE *fp, const struct bmd_scenario *sc, const struct bmd_mc_result *r) {
  size_t ns = (size_t)r->nsites, nt = (size_t)r->nthreats;
  struct bmd_csv *w = malloc(sizeof *w);
  int rc;
  if (!w) return -1;
  bmd_csv_init(w, fp);
  bmd_csv_text(w, "trial");
  bmd_csv_text(w, "seed");
  bmd_csv_text(w, "run_seed");
  for (int o = 0; o < BMD_OUTCOME_COUNT; o++) bmd_csv_text(w, bmd_outcome_name(o));
  bmd_csv_text(w, BMD_OUTCOME_REACHED_TARGET);
  bmd_csv_text(w, "spent");
  for (size_t s = 0; s < ns; s++) bmd_csv_text2(w, "spent_", sc->sites[s].name);
  for (size_t i = 0; i < nt; i++) bmd_csv_text2(w, "outcome_", sc->threats[i].id);
  bmd_csv_end(w);
  for (long k = 0; k < r->trials; k++) {
    bmd_csv_int(w, k);
    bmd_csv_uint(w, (unsigned long long)r->trial_seed[k]);
    bmd_csv_uint(w, (unsigned long long)(r->trial_seed[k] & 0xffffffffu));
    for (int o = 0; o < BMD_OUTCOME_COUNT; o++) bmd_csv_int(w, r->count[(size_t)k * BMD_OUTCOME_COUNT + (size_t)o]);
    bmd_csv_int(w, r->reached_target[k]);
    bmd_csv_int(w, r->spent[k]);
    for (size_t s = 0; s < ns; s++) bmd_csv_int(w, r->spent_site[(size_t)k * ns + s]);
    for (size_t i = 0; i < nt; i++) bmd_csv_text(w, bmd_outcome_name(r->outcome[(size_t)k * nt + i]));
    bmd_csv_end(w);
  }
  rc = bmd_csv_finish(w);
  free(w);
  return rc;
}

static int write_one(FILE *fp, int k, void *ctx) {
  const struct out_ctx *o = ctx;
  if (k == 0) return fputs(o->json, fp) < 0 || fputc('\n', fp) < 0 ? -1 : 0;
  return write_trials(fp, o->sc, o->r);
}

static void fmt_analytic(char *buf, size_t n, double v) {
  if (isnan(v)) snprintf(buf, n, "-");
  else snprintf(buf, n, "%.4f", v);
}

static void print_table(const struct bmd_scenario *sc, const struct bmd_mc_result *r, double elapsed_s, double prep_s) {
  char a[32];
  long top = 1;
  printf("%s: %s\n\n", sc->name, cli_safe(sc->title));
  printf("Monte Carlo: %ld trials, seed %llu, %d thread%s; %.2f s (%.0f trials/s) after %.2f s of preparation\n",
         r->trials, (unsigned long long)r->seed, r->threads, r->threads == 1 ? "" : "s", elapsed_s,
         elapsed_s > 0.0 ? (double)r->trials / elapsed_s : 0.0, prep_s);
  printf("uncertainty (sd): launch time %g s, early-warning delay %g s, decision latency %g s, SSPK %g, reliability %g\n\n",
         sc->unc.launch_time_sigma_s, sc->unc.ew_delay_sigma_s, sc->unc.decision_latency_sigma_s, sc->unc.sspk_sigma,
         sc->unc.reliability_sigma);
  fmt_analytic(a, sizeof a, r->p_none_reached_target_analytic);
  printf("P(no threat reaches its target)  %.4f   95%% CI [%.4f, %.4f]   analytic %s\n", r->p_none_reached_target.p,
         r->p_none_reached_target.ci95_lo, r->p_none_reached_target.ci95_hi, a);
  printf("per trial (of %d threats):\n", r->nthreats);
  printf("  %-22s mean %7.3f  sd %6.3f  (%s + %s)\n", BMD_OUTCOME_REACHED_TARGET_WORDS, r->reached_target_mean,
         r->reached_target_sd, bmd_outcome_name(BMD_OUTCOME_LEAKED), bmd_outcome_name(BMD_OUTCOME_UNENGAGED));
  for (int o = 0; o < BMD_OUTCOME_COUNT; o++)
    printf("  %-22s mean %7.3f  sd %6.3f\n", bmd_outcome_name(o), r->count_mean[o], r->count_sd[o]);
  printf("interceptors spent   mean %.3f  sd %.3f\n", r->spent_mean, r->spent_sd);
  for (int s = 0; s < r->nsites; s++)
    printf("  %-22s mean %7.3f  sd %6.3f  of %d\n", sc->sites[s].name, r->spent_site_mean[s], r->spent_site_sd[s],
           sc->sites[s].inventory);
  printf("\n%-6s %-14s %-8s %-19s %s\n", "threat", "missile", "P(kill)", "95% CI", "analytic");
  for (int i = 0; i < r->nthreats; i++) {
    fmt_analytic(a, sizeof a, r->p_kill_analytic[i]);
    printf("%-6s %-14s %-8.4f [%.4f, %.4f]  %s\n", cli_safe(sc->threats[i].id), sc->threats[i].missile->name, r->p_kill[i].p,
           r->p_kill[i].ci95_lo, r->p_kill[i].ci95_hi, a);
  }
  for (int e = 0, head = 0; e < r->nelements; e++) {
    if (r->p_lost[e].x == 0) continue;
    if (!head++) printf("\n%-22s %-8s %s\n", "battle damage", "P(lost)", "95% CI  (disabled or destroyed)");
    printf("%-22s %-8.4f [%.4f, %.4f]\n", e < sc->nsites ? sc->sites[e].name : sc->radars[e - sc->nsites].name,
           r->p_lost[e].p, r->p_lost[e].ci95_lo, r->p_lost[e].ci95_hi);
  }
  for (int k = 0; k <= r->nthreats; k++)
    if (r->reached_target_hist[k] > top) top = r->reached_target_hist[k];
  printf("\n%s  trials\n", BMD_OUTCOME_REACHED_TARGET_WORDS);
  for (int k = 0; k <= r->nthreats; k++)
    printf("%14d  %6ld %.*s\n", k, r->reached_target_hist[k], (int)(40 * r->reached_target_hist[k] / top),
           "########################################");
  if (!r->analytic_applies)
    printf("\n(analytic values apply only without uncertainty, when no site runs out and when no impact can reach a site or radar; see docs/models/montecarlo.md)\n");
}

int cmd_mc(int argc, char **argv) {
  const char *out = NULL, *data = NULL, *report = NULL;
  int formats = CLI_FMT_PNG | CLI_FMT_SVG;
  unsigned long seed = 0;
  struct cli_args args;
  int json = 0, c, rc = CLI_FAIL, have_seed = 0, st;
  unsigned long long v;
  struct bmd_mc_opts mo;
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_sim_prep *prep = NULL;
  struct bmd_mc_result res;
  struct bmd_diag d;
  struct cli_progress prog;
  double t0, t1, t2;

  memset(&mo, 0, sizeof mo);
  memset(&res, 0, sizeof res);
  mo.trials = DEFAULT_TRIALS;
  cli_args_init(&args, &mc_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'n':
      if (parse_whole(args.value, 1, (unsigned long long)BMD_MC_MAX_TRIALS, &v) != 0) {
        cli_error("--trials: '%s' is not a whole number from 1 to %ld", args.value, BMD_MC_MAX_TRIALS);
        return CLI_USAGE;
      }
      mo.trials = (long)v;
      break;
    case 's':
      if (cli_parse_seed(args.value, &seed) != 0) return CLI_USAGE;
      mo.seed = seed;
      have_seed = 1;
      break;
    case 't':
      if (parse_whole(args.value, 0, BMD_MC_MAX_THREADS, &v) != 0) {
        cli_error("--threads: '%s' is not a whole number from 0 (all cores) to %d", args.value, BMD_MC_MAX_THREADS);
        return CLI_USAGE;
      }
      mo.threads = (int)v;
      break;
    case 'o': out = args.value; break;
    case 'R': report = args.value; break;
    case 'M':
      if (strcmp(args.value, "engine") == 0) mo.model = BMD_MC_ENGINE;
      else if (strcmp(args.value, "plan") == 0) mo.model = BMD_MC_PLAN;
      else if (strcmp(args.value, "reference") == 0) mo.model = BMD_MC_REFERENCE;
      else {
        cli_error("--model: '%s' is not engine, plan or reference", args.value);
        return CLI_USAGE;
      }
      break;
    case 'F':
      if (cli_parse_formats(args.value, &formats) != 0) return CLI_USAGE;
      break;
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  if (cli_open_scenario(&args, DEFAULT_SCENARIO, data, &cat, &sc) != 0) return CLI_USAGE;
  if ((out && cli_out_check(out) != 0) || (report && cli_out_check(report) != 0)) {
    rc = CLI_USAGE;
    goto done;
  }
  if (!have_seed) mo.seed = sc.seed;

  t0 = cli_now();
  cli_progress_init(&prog, "preparing");
  st = bmd_sim_prep_alloc(&sc, &prep, &d, cli_progress_update, &prog);
  cli_progress_done(&prog);
  if (st != BMD_OK) {
    cli_diag(&d);
    rc = st == BMD_ERANGE ? CLI_USAGE : st == BMD_ESOLVER ? CLI_SOLVER : CLI_FAIL;
    goto done;
  }
  t1 = cli_now();
  cli_progress_init(&prog, "trials");
  mo.progress = cli_progress_update;
  mo.progress_ctx = &prog;
  st = bmd_mc_run(prep, &mo, &res, &d);
  cli_progress_done(&prog);
  t2 = cli_now();
  if (st != BMD_OK) {
    cli_diag(&d);
    if (st == BMD_EINVAL) rc = CLI_USAGE;
    goto done;
  }
  {
    cJSON *j = to_json(&sc, &res, t2 - t1, t1 - t0);
    char *s = cJSON_Print(j);
    cJSON_Delete(j);
    if (!s) {
      cli_error("out of memory");
      goto done;
    }
    {
      static const char *const names[2] = {"mc.json", "trials.csv"};
      struct out_ctx oc = {&sc, &res, s};
      struct cli_out oo, ro, *po = NULL, *pr = NULL;
      struct bmd_plot *reached = NULL, *spent = NULL;
      char *cmdline = NULL;
      int bad = 0, c1 = 0, c2 = 0;
      if (out) {
        if (cli_out_open(&oo, out) == 0) po = &oo;
        else bad = 1;
      }
      if (report && !bad) {
        if (po && cli_out_same(out, report)) pr = po;
        else if (cli_out_open(&ro, report) == 0) pr = &ro;
        else bad = 1;
      }
      if (!bad && po && cli_write_dir(po, 2, names, write_one, &oc) != 0) bad = 1;
      if (!bad && (out || report)) {
        cmdline = cli_command_line();
        if (cli_plot_mc(&sc, &res, &reached, &spent) != 0) {
          cli_error("out of memory drawing the figures");
          bad = 1;
        } else if ((po && (cli_write_plot(reached, po, "reached-target", formats) != 0 ||
                           cli_write_plot(spent, po, "interceptors-fired", formats) != 0)) ||
                   (pr && cli_report_mc(pr, cmdline ? cmdline : "", &sc, &cat, &res, reached, spent) != 0)) {
          bad = 1;
        }
      }
      if (!bad && ((c1 = cli_out_commit(po)) != 0 || (pr != po && (c2 = cli_out_commit(pr)) != 0))) {
        bad = 1;
        if (c1 == -2 || c2 == -2) rc = CLI_USAGE;
      }
      if (bad) {
        cli_out_abort(po);
        if (pr != po) cli_out_abort(pr);
      }
      bmd_plot_free(reached);
      bmd_plot_free(spent);
      free(cmdline);
      if (bad) {
        free(s);
        goto done;
      }
    }
    if (json) cli_print_json(s);
    else {
      print_table(&sc, &res, t2 - t1, t1 - t0);
      if (out) printf("wrote %s/{mc.json,trials.csv,reached-target,interceptors-fired}\n", cli_safe(out));
      if (report) printf("wrote %s/report.html\n", cli_safe(report));
    }
    free(s);
  }
  rc = CLI_OK;
done:
  bmd_mc_result_release(&res);
  bmd_sim_prep_free(prep);
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return rc;
}
