/* cmd_plot.c - bmdsim plot: run a scenario and write its figures (and optionally the report). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "cli.h"

#define DEFAULT_SCENARIO "epaa-phase3"

static void help(FILE *fp) {
  const char *const *b = bmd_scenario_builtin_names();
  fprintf(fp,
    "usage: bmdsim plot [SCENARIO] [--out DIR] [--seed N] [--format png,svg] [--report DIR]\n"
    "                   [--json] [--data DIR]\n"
    "\n"
    "Run a scenario (as bmdsim run) and draw its figures (docs/plots.md):\n"
    "  profile   altitude against ground distance of every threat and interceptor\n"
    "  map       ground tracks, sites, radar coverage, intercepts and leaks\n"
    "  timeline  per threat: flight, detection, firm track, interceptor shots\n"
    "SCENARIO is a YAML file or a built-in name:");
  for (; *b; b++) fprintf(fp, " %s", *b);
  fprintf(fp,
    "\n(default %s).\n\n"
    "options:\n"
    "  --out DIR         where to write (default out/<scenario>-plots)\n"
    "  --seed N          random seed (default: the scenario's)\n"
    "  --format LIST     png, svg or png,svg (default png,svg)\n"
    "  --report DIR      also write DIR/report.html (self-contained HTML report)\n"
    "  --json            print {\"scenario\", \"seed\", \"files\": [...]} on stdout\n"
    "  --data DIR        catalog files from DIR\n"
    "  --help            this text\n", DEFAULT_SCENARIO);
}

int cmd_plot(int argc, char **argv) {
  static const struct option opts[] = {{"seed", required_argument, 0, 's'},   {"out", required_argument, 0, 'o'},
                                       {"json", no_argument, 0, 'j'},         {"data", required_argument, 0, 'd'},
                                       {"format", required_argument, 0, 'f'}, {"report", required_argument, 0, 'r'},
                                       {"help", no_argument, 0, 'h'},         {0, 0, 0, 0}};
  const char *scen = DEFAULT_SCENARIO, *out = NULL, *data = NULL, *report = NULL;
  int json = 0, c, rc = CLI_FAIL, have_seed = 0, formats = CLI_FMT_PNG | CLI_FMT_SVG;
  unsigned long seed = 0;
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_sim_result res;
  struct bmd_diag d;
  char outbuf[512], cmdline[1200];
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (c) {
    case 's':
      if (cli_parse_seed(optarg, &seed) != 0) return CLI_USAGE;
      have_seed = 1;
      break;
    case 'o': out = optarg; break;
    case 'j': json = 1; break;
    case 'd': data = optarg; break;
    case 'r': report = optarg; break;
    case 'f':
      if (cli_parse_formats(optarg, &formats) != 0) return CLI_USAGE;
      break;
    case 'h': help(stdout); return CLI_OK;
    default:
      cli_error("plot: unknown or incomplete option '%s' (see bmdsim plot --help)", argv[optind - 1]);
      return CLI_USAGE;
    }
  }
  if (cli_open_scenario("plot", argc, argv, scen, data, &cat, &sc) != 0) return CLI_USAGE;
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
    rc = st == BMD_ERANGE ? CLI_USAGE : st == BMD_ESOLVER ? CLI_SOLVER : CLI_FAIL;
    goto done;
  }
  snprintf(cmdline, sizeof cmdline, "bmdsim plot %s --seed %lu --out %s%s%s", scen, seed, out,
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
    cJSON_AddNumberToObject(j, "seed", (double)seed);
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
