/* cmd_run.c - bmdsim run / bmdsim validate: a scenario, end to end. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include <bmd/assumptions.h>
#include <bmd/aim.h>
#include <bmd/arch.h>
#include <bmd/runout.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "cli.h"

#define DEFAULT_SCENARIO "epaa-phase3"

static const struct cli_opt run_opts[] = {
    {"seed", 's', "N", 0, "random seed, 0 to 18446744073709551615 (default: the scenario's);\n"
                          "same seed, same results (the engine's stream takes the seed's\n"
                          "low 32 bits: docs/scenario.md)"},
    {"out", 'o', "DIR", 0, "write events.csv, summary.json, tracks.geojson and run.kml (animated)"},
    {"plot", 'p', NULL, 0, "also write the figures profile, map and timeline (.png and .svg) into\n"
                           "the --out directory (default out/<scenario>); see bmdsim plot --help"},
    {"report", 'r', "DIR", 0, "write DIR/report.html: summary, events, figures, sources (self-contained)"},
    {"json", 'j', NULL, 0, "the summary as JSON on stdout (keys: scenario, seed, threats, summary)"},
    {"data", 'd', "DIR", 0, "catalog files from DIR"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command run_cmd = {
    "run", "[SCENARIO]", 0, 1, run_opts,
    "Run a scenario: threats fly, sensors detect and track, the battle manager engages by\n"
    "doctrine, intercepts succeed or fail by seeded random draws. Prints a per-threat table\n"
    "and a summary: each threat killed, leaked or unengaged (with the reason no interceptor\n"
    "was fired), and how many reached their target. SCENARIO defaults to " DEFAULT_SCENARIO ".\n",
    cli_builtin_list, "outcomes: " BMD_OUTCOME_DOC "\n", NULL};

static const struct cli_opt validate_opts[] = {
    {"json", 'j', NULL, 0, "{\"scenario\", \"valid\", \"threats\", \"shots\", \"sites\", \"radars\"} on stdout"},
    {"data", 'd', "DIR", 0, "catalog files from DIR"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command validate_cmd = {
    "validate", "SCENARIO", 1, 1, validate_opts,
    "Check a scenario without running it: the format, every name against the catalog, every\n"
    "citation's source against the bibliography (data/sources.yaml), and that every threat\n"
    "can reach its target (each distinct shot -- missile, launch point, target, trajectory --\n"
    "is aimed once). Prints 'ok' with the number of values the scenario leaves uncited\n"
    "(docs/data.md section 4.5), or one line file:line:col: message.\n",
    cli_builtin_list, "exit status: 0 valid, 2 not (the message says where and why)\n", NULL};

/* element k of a run's loss list (sites, then radars): its name and kind */
static const char *element_name(const struct bmd_scenario *sc, int k) {
  return k < sc->nsites ? sc->sites[k].name : sc->radars[k - sc->nsites].name;
}

/* the first warning of threat i: the early-warning report or the first detection, NAN if
   neither came */
static double first_warning(const struct bmd_scenario *sc, const struct bmd_sim_threat *th) {
  double w = sc->ew ? th->launch_t_s + sc->ew->detect_delay_s : (double)NAN;
  if (!isnan(th->first_detect_t_s) && (isnan(w) || th->first_detect_t_s < w)) w = th->first_detect_t_s;
  return w < th->impact_t_s ? w : (double)NAN;
}

/* battle damage (docs/models/damage.md): one entry per element lost */
static cJSON *damage_json(const struct bmd_scenario *sc, const struct bmd_sim_result *r) {
  cJSON *a = cJSON_CreateArray();
  for (int k = 0; k < sc->nsites + sc->nradars; k++) {
    const struct bmd_sim_loss *L = &r->loss[k];
    const struct bmd_sim_threat *th;
    cJSON *o;
    double w;
    if (L->level == BMD_DAMAGE_NONE) continue;
    th = &r->threats[L->threat];
    w = first_warning(sc, th);
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "element", element_name(sc, k));
    cJSON_AddStringToObject(o, "kind", k < sc->nsites ? "site" : "radar");
    cJSON_AddStringToObject(o, "damage", bmd_damage_level_word((enum bmd_damage_level)L->level));
    cJSON_AddNumberToObject(o, "t_s", L->t_s);
    cJSON_AddStringToObject(o, "by", sc->threats[L->threat].id);
    cJSON_AddNumberToObject(o, "probability", L->p);
    cJSON_AddNumberToObject(o, "miss_m", L->miss_m);
    if (isnan(w)) cJSON_AddNullToObject(o, "warning_s");
    else cJSON_AddNumberToObject(o, "warning_s", L->t_s - w);
    if (k < sc->nsites) cJSON_AddNumberToObject(o, "interceptors_unused", L->unused);
    else cJSON_AddNullToObject(o, "interceptors_unused");
    cJSON_AddItemToArray(a, o);
  }
  return a;
}

/* the battle-damage lines of the text summary: what was lost, when, with what warning, and
   what came after; nothing if nothing was lost */
static void print_damage(const struct bmd_scenario *sc, const struct bmd_sim_result *r) {
  double last = -HUGE_VAL, first_after = HUGE_VAL, last_after = -HUGE_VAL;
  int lost_sites = 0, lost_radars = 0, after = 0, left = 0;
  for (int k = 0; k < sc->nsites + sc->nradars; k++)
    if (r->loss[k].level != BMD_DAMAGE_NONE) {
      if (k < sc->nsites) lost_sites++;
      else lost_radars++;
      if (r->loss[k].t_s > last) last = r->loss[k].t_s;
    }
  if (!lost_sites && !lost_radars) return;
  printf("battle damage:\n");
  for (int k = 0; k < sc->nsites + sc->nradars; k++) {
    const struct bmd_sim_loss *L = &r->loss[k];
    const struct bmd_sim_threat *th;
    double w;
    if (L->level == BMD_DAMAGE_NONE) continue;
    th = &r->threats[L->threat];
    w = first_warning(sc, th);
    printf("  %s %s at T+%.0f s by %s (launched T+%.0f s, impact %.0f m away, P = %.2f)", element_name(sc, k),
           bmd_damage_level_word((enum bmd_damage_level)L->level), L->t_s, cli_safe(sc->threats[L->threat].id),
           th->launch_t_s, L->miss_m, L->p);
    if (!isnan(w)) printf("; warning %.0f s", L->t_s - w);
    if (k < sc->nsites) printf("; %d interceptors unused", L->unused);
    printf("\n");
  }
  for (int i = 0; i < r->nthreats; i++) {
    if (r->threats[i].impact_t_s <= last) continue;
    after++;
    if (r->threats[i].impact_t_s < first_after) first_after = r->threats[i].impact_t_s;
    if (r->threats[i].impact_t_s > last_after) last_after = r->threats[i].impact_t_s;
  }
  for (int s = 0; s < sc->nsites; s++)
    if (r->loss[s].level == BMD_DAMAGE_NONE) left += sc->sites[s].inventory - r->spent[s];
  printf("  left after T+%.0f s: %d of %d sites, %d of %d radars, %d interceptors", last,
         sc->nsites - lost_sites, sc->nsites, sc->nradars - lost_radars, sc->nradars, left);
  if (after) printf("; %d threats still to arrive, impacts T+%.0f to T+%.0f s", after, first_after, last_after);
  printf("\n");
}

static cJSON *summary_json(const struct bmd_scenario *sc, unsigned long seed, const struct bmd_sim_result *r) {
  cJSON *j = cJSON_CreateObject(), *ts = cJSON_CreateArray(), *sm = cJSON_CreateObject(),
        *sp = cJSON_CreateObject();
  int total = 0;
  cJSON_AddStringToObject(j, "scenario", sc->name);
  cJSON_AddStringToObject(j, "title", sc->title);
  cli_json_seed(j, "seed", seed);
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    cJSON *o = cJSON_CreateObject(), *shots = cJSON_CreateArray();
    cJSON_AddStringToObject(o, "id", sc->threats[i].id);
    cJSON_AddStringToObject(o, "missile", sc->threats[i].missile->name);
    cJSON_AddStringToObject(o, "from", sc->threats[i].from);
    cJSON_AddStringToObject(o, "to", sc->threats[i].to);
    cJSON_AddStringToObject(o, "outcome", bmd_outcome_name(th->outcome));
    if (th->outcome == BMD_OUTCOME_UNENGAGED)
      cJSON_AddStringToObject(o, "reason", bmd_engage_reason_word((enum bmd_engage_reason)th->reason));
    else
      cJSON_AddNullToObject(o, "reason");
    cJSON_AddNumberToObject(o, "launch_t_s", th->launch_t_s);
    cJSON_AddNumberToObject(o, "impact_t_s", th->impact_t_s);
    if (isnan(th->first_detect_t_s)) {
      cJSON_AddNullToObject(o, "first_detection_t_s");
      cJSON_AddNullToObject(o, "first_detection_sensor");
    } else {
      cJSON_AddNumberToObject(o, "first_detection_t_s", th->first_detect_t_s);
      cJSON_AddStringToObject(o, "first_detection_sensor", sc->radars[th->first_detect_radar].name);
    }
    if (isnan(th->firm_track_t_s)) cJSON_AddNullToObject(o, "firm_track_t_s");
    else cJSON_AddNumberToObject(o, "firm_track_t_s", th->firm_track_t_s);
    for (int s = 0; s < th->nshots; s++) {
      const struct bmd_sim_shot *sh = &th->shots[s];
      cJSON *x = cJSON_CreateObject();
      cJSON_AddStringToObject(x, "site", sc->sites[sh->site].name);
      cJSON_AddStringToObject(x, "interceptor", sc->sites[sh->site].interceptor->name);
      cJSON_AddNumberToObject(x, "launch_t_s", sh->launch_t_s);
      cJSON_AddNumberToObject(x, "intercept_t_s", th->launch_t_s + sh->ic.t_s);
      cJSON_AddNumberToObject(x, "alt_km", sh->ic.alt_m / 1e3);
      cJSON_AddNumberToObject(x, "lat_deg", sh->ic.lat_deg);
      cJSON_AddNumberToObject(x, "lon_deg", sh->ic.lon_deg);
      cJSON_AddNumberToObject(x, "closing_speed_mps", sh->ic.closing_mps);
      cJSON_AddNumberToObject(x, "crossing_angle_deg", sh->ic.crossing_deg);
      cJSON_AddBoolToObject(x, "hit", sh->hit);
      cJSON_AddItemToArray(shots, x);
    }
    cJSON_AddItemToObject(o, "shots", shots);
    cJSON_AddItemToArray(ts, o);
  }
  cJSON_AddItemToObject(j, "threats", ts);
  cJSON_AddNumberToObject(sm, "threats", r->nthreats);
  cJSON_AddNumberToObject(sm, "engaged", r->engaged);
  for (int o = 0; o < BMD_OUTCOME_COUNT; o++) cJSON_AddNumberToObject(sm, bmd_outcome_name(o), r->count.n[o]);
  cJSON_AddNumberToObject(sm, BMD_OUTCOME_REACHED_TARGET, r->count.reached_target);
  for (int s = 0; s < sc->nsites; s++) {
    cJSON_AddNumberToObject(sp, sc->sites[s].name, r->spent[s]);
    total += r->spent[s];
  }
  cJSON_AddItemToObject(sm, "interceptors_spent", sp);
  cJSON_AddNumberToObject(sm, "interceptors_spent_total", total);
  cJSON_AddItemToObject(j, "summary", sm);
  /* the elements lost to battle damage, [] if none */
  cJSON_AddItemToObject(j, "damage", damage_json(sc, r));
  /* what the answer rests on (assumptions.h) */
  if (cli_json_assumptions(j, sc, BMD_ASSUME_THREATS, NULL) != 0) {
    cJSON_Delete(j);
    return NULL;
  }
  return j;
}

struct run_out {
  const struct bmd_scenario *sc;
  const struct bmd_sim_result *r;
  const char *summary;
};

static int write_one(FILE *fp, int k, void *ctx) {
  const struct run_out *o = ctx;
  switch (k) {
  case 0: return bmd_runout_events_csv(fp, o->sc, o->r);
  case 1: return fputs(o->summary, fp) < 0 || fputc('\n', fp) < 0 ? -1 : 0;
  case 2: return bmd_runout_geojson(fp, o->sc, o->r);
  default: return bmd_runout_kml(fp, o->sc, o->r, 1262304000.0 /* 2010-01-01 */);
  }
}

static int write_all(struct cli_out *dir, const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                     const char *summary) {
  static const char *const names[4] = {"events.csv", "summary.json", "tracks.geojson", "run.kml"};
  struct run_out o = {sc, r, summary};
  return cli_write_dir(dir, 4, names, write_one, &o);
}

static void print_table(const struct bmd_scenario *sc, const struct bmd_sim_result *r) {
  printf("%s: %s\n\n", sc->name, cli_safe(sc->title));
  printf("%-5s %-13s %-26s %-24s %-8s %-34s %-26s %s\n", "id", "missile", "from -> to",
         "first detection", "firm", "interceptors (site @ launch s)", "intercept (s, km, m/s)", "outcome");
  for (int i = 0; i < r->nthreats; i++) {
    const struct bmd_sim_threat *th = &r->threats[i];
    char route[128], det[96], firm[32], shots[256] = "", icpt[96] = "-";
    snprintf(route, sizeof route, "%s -> %s", cli_safe(sc->threats[i].from), cli_safe(sc->threats[i].to));
    if (isnan(th->first_detect_t_s)) snprintf(det, sizeof det, "never");
    else snprintf(det, sizeof det, "%.0f s %s", th->first_detect_t_s, sc->radars[th->first_detect_radar].name);
    if (isnan(th->firm_track_t_s)) snprintf(firm, sizeof firm, "-");
    else snprintf(firm, sizeof firm, "%.0f s", th->firm_track_t_s);
    for (int s = 0; s < th->nshots; s++) {
      char one[96];
      snprintf(one, sizeof one, "%s%s@%.0f", s ? " " : "", sc->sites[th->shots[s].site].name, th->shots[s].launch_t_s);
      size_t used = strlen(shots);
      if (used + strlen(one) < sizeof shots - 4) snprintf(shots + used, sizeof shots - used, "%s", one);
    }
    if (!th->nshots) snprintf(shots, sizeof shots, "-");
    if (th->nshots) {
      const struct bmd_sim_shot *sh = &th->shots[th->nshots - 1];
      for (int s = 0; s < th->nshots; s++)
        if (th->shots[s].hit) sh = &th->shots[s];
      snprintf(icpt, sizeof icpt, "%.0f s %.0f km %.0f m/s", th->launch_t_s + sh->ic.t_s, sh->ic.alt_m / 1e3, sh->ic.closing_mps);
    }
    printf("%-5s %-13s %-26s %-24s %-8s %-34s %-26s %s%s%s\n", cli_safe(sc->threats[i].id), sc->threats[i].missile->name,
           route, det, firm, shots, icpt, bmd_outcome_name(th->outcome), th->outcome == BMD_OUTCOME_UNENGAGED ? ": " : "",
           th->outcome == BMD_OUTCOME_UNENGAGED ? bmd_engage_reason_word((enum bmd_engage_reason)th->reason) : "");
  }
  printf("\nsummary: %d threats: %d %s, %d %s, %d %s; %d %s (%s + %s); %d engaged\n", r->nthreats,
         r->count.n[BMD_OUTCOME_KILLED], bmd_outcome_name(BMD_OUTCOME_KILLED), r->count.n[BMD_OUTCOME_LEAKED],
         bmd_outcome_name(BMD_OUTCOME_LEAKED), r->count.n[BMD_OUTCOME_UNENGAGED], bmd_outcome_name(BMD_OUTCOME_UNENGAGED),
         r->count.reached_target, BMD_OUTCOME_REACHED_TARGET_WORDS, bmd_outcome_name(BMD_OUTCOME_LEAKED),
         bmd_outcome_name(BMD_OUTCOME_UNENGAGED), r->engaged);
  printf("interceptors spent:");
  for (int s = 0; s < sc->nsites; s++) printf(" %s %d/%d;", sc->sites[s].name, r->spent[s], sc->sites[s].inventory);
  printf("\n");
  print_damage(sc, r);
}

int cmd_run(int argc, char **argv) {
  const char *out = NULL, *data = NULL, *report = NULL;
  int json = 0, c, rc = CLI_FAIL, have_seed = 0, plot = 0;
  char outbuf[512];
  unsigned long seed = 0;
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_sim_result res;
  struct bmd_diag d;
  struct cli_args args;
  cli_args_init(&args, &run_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 's':
      if (cli_parse_seed(args.value, &seed) != 0) return CLI_USAGE;
      have_seed = 1;
      break;
    case 'o': out = args.value; break;
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    case 'p': plot = 1; break;
    case 'r': report = args.value; break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  if (cli_open_scenario(&args, DEFAULT_SCENARIO, data, &cat, &sc) != 0) return CLI_USAGE;
  const char *scen = args.nops > 0 ? args.ops[0] : DEFAULT_SCENARIO; /* as the user named it */
  if (!have_seed) seed = (unsigned long)sc.seed;
  if (plot && !out) {
    cli_default_out(scen, &sc, "", outbuf, sizeof outbuf);
    out = outbuf;
  }
  /* before the work, not after it: an unusable output folder is bad input */
  if ((out && cli_out_check(out) != 0) || (report && cli_out_check(report) != 0)) {
    rc = CLI_USAGE;
    goto done;
  }
  struct cli_progress prog;
  cli_progress_init(&prog, sc.name);
  int st = bmd_sim_run(&sc, seed, &res, &d, cli_progress_update, &prog);
  cli_progress_done(&prog);
  if (st != BMD_OK) {
    cli_diag(&d);
    rc = st == BMD_ERANGE ? CLI_USAGE : st == BMD_ESOLVER ? CLI_SOLVER : CLI_FAIL;
    goto done;
  }
  {
    cJSON *j = summary_json(&sc, seed, &res);
    char *s = cJSON_Print(j), *cmdline = NULL;
    struct cli_out oo, ro, *po = NULL, *pr = NULL;
    int c1 = 0, c2 = 0;
    cJSON_Delete(j);
    if (!s) {
      cli_error("out of memory");
      bmd_sim_result_release(&res);
      goto done;
    }
    /* the files of --out (with --plot's figures) and of --report, each folder one set */
    if (out) {
      if (cli_out_open(&oo, out) != 0) goto fail;
      po = &oo;
    }
    if (report) {
      if (po && cli_out_same(out, report)) pr = po;
      else if (cli_out_open(&ro, report) != 0) goto fail;
      else pr = &ro;
    }
    if (po && write_all(po, &sc, &res, s) != 0) goto fail;
    if (plot || report) {
      cmdline = cli_command_line();
      struct cli_fig_opts fo = {plot ? po : NULL, CLI_FMT_PNG | CLI_FMT_SVG, pr, cmdline ? cmdline : "", seed};
      if (cli_figures(&fo, &sc, &cat, &res, NULL) != 0) goto fail;
    }
    if ((c1 = cli_out_commit(po)) != 0 || (pr != po && (c2 = cli_out_commit(pr)) != 0)) {
      if (c1 == -2 || c2 == -2) rc = CLI_USAGE;
      goto fail;
    }
    if (json) cli_print_json(s);
    else {
      print_table(&sc, &res);
      if (out) printf("wrote %s/{events.csv,summary.json,tracks.geojson,run.kml}\n", cli_safe(out));
      if (plot) printf("wrote %s/{profile,map,timeline}.{png,svg}\n", cli_safe(out));
      if (report) printf("wrote %s/report.html\n", cli_safe(report));
    }
    free(cmdline);
    free(s);
    bmd_sim_result_release(&res);
    rc = CLI_OK;
    goto done;
  fail:
    cli_out_abort(po);
    if (pr != po) cli_out_abort(pr);
    free(cmdline);
    free(s);
    bmd_sim_result_release(&res);
  }
done:
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return rc;
}

int cmd_validate(int argc, char **argv) {
  const char *data = NULL;
  int json = 0, c, kind;
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct cli_args args;
  cli_args_init(&args, &validate_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  if (cli_load_catalog(data, &cat) != 0) return CLI_USAGE;
  /* an architecture or attack file (arch.h) is validated alone */
  kind = cli_scenario_is_file(args.ops[0]) ? bmd_part_file_kind(args.ops[0]) : -1;
  if (kind >= 0) {
    struct bmd_diag d;
    if (bmd_part_load(&sc, (enum bmd_part)kind, args.ops[0], &cat, &d) != BMD_OK) {
      cli_diag(&d);
      bmd_catalog_release(&cat);
      return CLI_USAGE;
    }
  } else if (cli_load_scenario(args.ops[0], &cat, &sc) != 0) {
    bmd_catalog_release(&cat);
    return CLI_USAGE;
  }
  /* reachability: every threat must reach its target; each distinct shot is aimed once
     (bmd_scenario_shots: the engine's rule), so a raid of copies costs one solve */
  int *first = malloc((size_t)(sc.nthreats + 1) * sizeof *first), nshots; /* an architecture: none */
  nshots = first ? bmd_scenario_shots(&sc, first) : -1;
  if (nshots < 0) {
    cli_error("out of memory");
    free(first);
    bmd_scenario_release(&sc);
    bmd_catalog_release(&cat);
    return CLI_FAIL;
  }
  for (int i = 0; i < sc.nthreats; i++) {
    const struct bmd_scen_threat *t = &sc.threats[i];
    if (first[i] != i || (t->payload && t->entry != i)) continue; /* a complex: its bus, once */
    struct bmd_traj_opts o;
    struct bmd_aim_request rq = {(enum bmd_aim_kind)t->traj_kind, t->apogee_km, t->from_lat_deg,
                                 t->from_lon_deg, t->from_alt_m, t->to_lat_deg, t->to_lon_deg, 0.0, 0, 0.0, 0};
    struct bmd_aim_result ar;
    bmd_traj_opts_default(&o);
    o.phys = sc.phys;
    int st = bmd_aim_solve(&t->missile->vehicle, &o, &rq, &ar);
    if (st != BMD_OK) {
      char why[512];
      cli_error("%s: threat '%s': %s from %s: target %s %s", sc.file, t->id, t->missile->name,
                t->from, t->to, bmd_aim_explain(st, &rq, &ar, why, sizeof why));
      free(first);
      bmd_scenario_release(&sc);
      bmd_catalog_release(&cat);
      /* impossible: the scenario is wrong (2); the solver failed: a bug (3) */
      return st == BMD_ERANGE || st == BMD_EINVAL ? CLI_USAGE : st == BMD_ENOMEM ? CLI_FAIL : CLI_SOLVER;
    }
  }
  free(first);
  /* the values the scenario sets without a citation (the defaults it relies on are listed
     by run and the analyses) */
  int uncited = 0;
  for (int i = 0; sc.ev && i < sc.ev->nvalues; i++)
    uncited += sc.ev->values[i].numeric && !sc.ev->values[i].dflt && sc.ev->values[i].cite < 0;
  if (json) {
    cJSON *j = cJSON_CreateObject();
    char *txt;
    cJSON_AddStringToObject(j, kind >= 0 ? bmd_part_word((enum bmd_part)kind) : "scenario", sc.name);
    cJSON_AddBoolToObject(j, "valid", 1);
    cJSON_AddNumberToObject(j, "threats", sc.nthreats);
    cJSON_AddNumberToObject(j, "shots", nshots);
    cJSON_AddNumberToObject(j, "sites", sc.nsites);
    cJSON_AddNumberToObject(j, "radars", sc.nradars);
    cJSON_AddNumberToObject(j, "uncited_values", uncited);
    txt = cJSON_PrintUnformatted(j);
    if (txt) cli_print_json(txt);
    free(txt);
    cJSON_Delete(j);
  } else {
    printf("ok: %s%s (%d threat%s in %d distinct shot%s, %d site%s, %d radar%s); ",
           kind == BMD_PART_ARCHITECTURE ? "architecture " : kind == BMD_PART_ATTACK ? "attack " : "", sc.name, sc.nthreats,
           sc.nthreats == 1 ? "" : "s", nshots, nshots == 1 ? "" : "s", sc.nsites, sc.nsites == 1 ? "" : "s",
           sc.nradars, sc.nradars == 1 ? "" : "s");
    if (uncited)
      printf("%d value%s without a citation, reported as 'unstated' (docs/data.md section 4.5)\n", uncited,
             uncited > 1 ? "s" : "");
    else
      printf("every value cited\n");
  }
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return CLI_OK;
}
