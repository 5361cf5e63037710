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
  char outbuf[512], cmdline[1200];
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
  if (cli_open_scenario(&args, DEFAULT_SCENARIO, data, &cat, &sc) != 0) return CLI_USAGE;
  if (!have_seed) seed = (unsigned long)sc.seed;
  if (!out) {
    snprintf(outbuf, sizeof outbuf, "out/%s-plots", sc.name);
    out = outbuf;
  }
  struct cli_progress prog;
  cli_progress_init(&prog, sc.name);
  int st = bmd_sim_run(&sc, seed, &res, &d, cli_progress_update, &prog);
  cli_progress_done(&prog);
  if (st != BMD_OK) {
    cli_diag(&d);
    rc = st == BMD_ERANGE ? CLI_USAGE : CLI_FAIL;
    goto done;
  }
  snprintf(cmdline, sizeof cmdline, "bmdsim plot %s --seed %lu --out %s%s%s", args.nops ? args.ops[0] : DEFAULT_SCENARIO, seed, out,
           report ? " --report " : "", report ? report : "");
  struct cli_fig_opts fo = {out, formats, report, cmdline, seed};
  cJSON *files = cJSON_CreateArray();
  if (cli_figures(&fo, &sc, &cat, &res, files) != 0) {
    cJSON_Delete(files);
    bmd_sim_result_release(&res);
    goto done;
  }
  if (json) {
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "scenario", sc.name);
    cli_json_seed(j, "seed", seed);
    cJSON_AddItemToObject(j, "files", files);
    char *s = cJSON_Print(j);
    if (s) puts(s);
    free(s);
    cJSON_Delete(j);
  } else {
    for (int i = 0; i < cJSON_GetArraySize(files); i++) printf("wrote %s\n", cJSON_GetArrayItem(files, i)->valuestring);
    cJSON_Delete(files);
  }
  bmd_sim_result_release(&res);
  rc = CLI_OK;
done:
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return rc;
}
