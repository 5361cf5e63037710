/* cmd_plot.c - bmdsim plot: run a scenario and write its figures (and optionally the report). */
#include <getopt.h>
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
    "  --help            this text\n"
    "\noutcomes: %s\n", DEFAULT_SCENARIO, BMD_OUTCOME_DOC);
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
  char outbuf[512];
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
  if (optind < argc) scen = argv[optind];
  if (cli_open_scenario("plot", argc, argv, scen, data, &cat, &sc) != 0) return CLI_USAGE;
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
      cJSON_AddNumberToObject(j, "seed", (double)seed);
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
