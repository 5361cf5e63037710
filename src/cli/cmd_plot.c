/* cmd_plot.c - bmdsim plot: run a scenario and write its figures (and optionally the report). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/outcome.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "cli.h"

#define DEFAULT_SCENARIO "epaa-phase3"

static const struct cli_opt plot_opts[] = {
    {"out", 'o', "DIR", 0, "where to write (default out/<scenario>-plots)"},
    {"seed", 's', "N", 0, "random seed, 0 to 18446744073709551615 (default: the scenario's;\n"
                          "the engine's stream takes its low 32 bits)"},
    {"format", 'f', "LIST", 0, "png, svg or png,svg (default png,svg)"},
    {"report", 'r', "DIR", 0, "also write DIR/report.html (self-contained HTML report)"},
    {"json", 'j', NULL, 0, "print {\"scenario\", \"seed\", \"files\": [...]} on stdout"},
    {"data", 'd', "DIR", 0, "catalog files from DIR"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command plot_cmd = {
    "plot", "[SCENARIO]", 0, 1, plot_opts,
    "Run a scenario (as bmdsim run) and draw its figures (docs/plots.md):\n"
    "  profile   altitude against ground distance of every threat and interceptor\n"
    "  map       ground tracks, sites, radar coverage, intercepts and leaks\n"
    "  timeline  per threat: flight, detection, firm track, interceptor shots\n"
    "SCENARIO defaults to " DEFAULT_SCENARIO ".\n",
    cli_builtin_list, "outcomes: " BMD_OUTCOME_DOC "\n", NULL};

int cmd_plot(int argc, char **argv) {
  const char *out = NULL, *data = NULL, *report = NULL;
  int json = 0, c, rc = CLI_FAIL, have_seed = 0, formats = CLI_FMT_PNG | CLI_FMT_SVG;
  struct cli_args args;
  unsigned long seed = 0;
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_sim_result res;
  struct bmd_diag d;
  char outbuf[512];
  cli_args_init(&args, &plot_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 's':
      if (cli_parse_seed(args.value, &seed) != 0) return CLI_USAGE;
      have_seed = 1;
      break;
    case 'o': out = args.value; break;
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    case 'r': report = args.value; break;
    case 'f':
      if (cli_parse_formats(args.value, &formats) != 0) return CLI_USAGE;
      break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  const char *scen = args.nops > 0 ? args.ops[0] : DEFAULT_SCENARIO; /* as the user named it */
  if (cli_open_scenario(&args, DEFAULT_SCENARIO, data, &cat, &sc) != 0) return CLI_USAGE;
  if (!have_seed) seed = (unsigned long)sc.seed;
  if (!out) {
    cli_default_out(scen, &sc, "-plots", outbuf, sizeof outbuf);
    out = outbuf;
  }
  if (cli_out_check(out) != 0 || (report && cli_out_check(report) != 0)) {
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
    struct cli_out oo, ro, *pr = NULL;
    char *cmdline = cli_command_line();
    cJSON *files = cJSON_CreateArray();
    int c1 = 0, c2 = 0;
    if (cli_out_open(&oo, out) != 0) {
      free(cmdline);
      cJSON_Delete(files);
      bmd_sim_result_release(&res);
      goto done;
    }
    if (report) {
      if (cli_out_same(out, report)) pr = &oo;
      else if (cli_out_open(&ro, report) == 0) pr = &ro;
    }
    struct cli_fig_opts fo = {&oo, formats, pr, cmdline ? cmdline : "", seed};
    if ((report && !pr) || cli_figures(&fo, &sc, &cat, &res, files) != 0 || (c1 = cli_out_commit(&oo)) != 0 ||
        (pr && pr != &oo && (c2 = cli_out_commit(pr)) != 0)) {
      if (c1 == -2 || c2 == -2) rc = CLI_USAGE;
      cli_out_abort(&oo);
      if (pr && pr != &oo) cli_out_abort(pr);
      free(cmdline);
      cJSON_Delete(files);
      bmd_sim_result_release(&res);
      goto done;
    }
    free(cmdline);
    if (json) {
      cJSON *j = cJSON_CreateObject();
      cJSON_AddStringToObject(j, "scenario", sc.name);
      cli_json_seed(j, "seed", seed);
      cJSON_AddItemToObject(j, "files", files);
      char *s = cJSON_Print(j);
      if (s) cli_print_json(s);
      free(s);
      cJSON_Delete(j);
    } else {
      for (int i = 0; i < cJSON_GetArraySize(files); i++) printf("wrote %s\n", cli_safe(cJSON_GetArrayItem(files, i)->valuestring));
      cJSON_Delete(files);
    }
  }
  bmd_sim_result_release(&res);
  rc = CLI_OK;
done:
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return rc;
}
