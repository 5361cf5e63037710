/* main.c - bmdsim: git-style dispatch to one file per subcommand. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <bmd/outcome.h>
#include <bmd/bmd.h>
#include <bmd/geodesic.h>
#include <bmd/names.h>
#include <bmd/outfile.h>
#include <bmd/plot.h>

#include "cli.h"

struct command {
  const char *name;
  int (*fn)(int argc, char **argv);
  const char *summary;
};

static const struct command commands[] = {
    {"run", cmd_run, "run a scenario (default: the built-in epaa-phase3)"},
    {"plot", cmd_plot, "run a scenario and draw its figures (map, profile, timeline; PNG/SVG)"},
    {"mc", cmd_mc, "Monte Carlo over a scenario's uncertainties: P(no threat reaches its target)"},
    {"validate", cmd_validate, "check a scenario file without running it"},
    {"fly", cmd_fly, "fly one missile from a launch point to a target"},
    {"propagate", cmd_propagate, "propagate many free-flying objects to impact (CSV in, CSV out)"},
    {"engage", cmd_engage, "one threat against one interceptor site: engagement window or why none"},
    {"footprint", cmd_footprint, "the area an architecture defends against launches from given points"},
    {"coverage", cmd_coverage, "every threat corridor x interceptor site: reachable? engageable? thresholds"},
    {"compare", cmd_compare, "one attack against several architectures, side by side (run, coverage, mc, footprint)"},
    {"sweep", cmd_sweep, "run an analysis over a grid of parameters into a resumable SQLite store (MPI)"},
    {"serve", cmd_serve, "run a scenario live and serve it over HTTP: web page, SSE feeds, control"},
    {"catalog", cmd_catalog, "list missiles, interceptors, sites and sensors with their sources"},
    {"scenario", cmd_scenario, "list the built-in scenarios, or write one out as YAML to start from"},
};

static void usage(FILE *fp) {
  fprintf(fp,
          "usage: bmdsim <command> [options]   (bmdsim <command> --help for details)\n\n"
          "bmdsim %s - open, physics-based simulator of ballistic-missile-defence architectures\n\n"
          "commands:\n",
          BMD_VERSION);
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(fp, "\nEvery command takes --help; commands that report results take --json.\n"
              "outcomes (killed, leaked, unengaged, reached_target) and reason codes: %s\n", BMD_OUTCOME_DOC);
}

/* SIGINT/SIGTERM/SIGHUP: remove the temporary output files (every output is written to a
   temporary name and renamed when complete, outfile.h), then die of the same signal so the
   caller sees it (exit status 128 + signal in a shell). Only async-signal-safe calls. */
static void on_signal(int sig) {
  bmd_outfile_unlink_live_final();
  signal(sig, SIG_DFL);
  raise(sig);
}

static void install_handlers(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaddset(&sa.sa_mask, sigs[i]);
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction old;
    /* keep an inherited "ignore" (nohup, background jobs of a non-interactive shell) */
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaction(sigs[i], &sa, NULL);
  }
}

/* every path out of main: standard output is checked at close (cli_close_stdout), so that
   a full disk or a closed pipe under `bmdsim ... > file` is an error, not a silent loss */
static int finish(int rc) {
  if (cli_close_stdout() != 0 && rc == CLI_OK) rc = CLI_FAIL;
  return rc;
}

int main(int argc, char **argv) {
  install_handlers();
  if (argc < 2) {
    usage(stderr);
    return finish(CLI_USAGE);
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
      strcmp(argv[1], "help") == 0) {
    usage(stdout);
    return finish(CLI_OK);
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("bmdsim %s\n", BMD_VERSION);
    return finish(CLI_OK);
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (bmd_name_eq(argv[1], commands[i].name)) {
      const char *why;
      int rc;
      /* PROJ, opened on first use (geodesic.h), now: a missing library is one clear error
         rather than NaNs later; propagate needs no geodesic */
      if (commands[i].fn != cmd_propagate && bmd_geodesic_load(&why) != BMD_OK) {
        cli_error("cannot load PROJ for geodesics: %s", why);
        return finish(CLI_FAIL);
      }
      cli_save_invocation(argc - 1, argv + 1);
      rc = commands[i].fn(argc - 1, argv + 1);
      bmd_plot_release_caches();
      return finish(rc);
    }
  {
    struct bmd_name_hint h;
    char hint[96];
    bmd_name_hint_init(&h, argv[1]);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) bmd_name_hint_add(&h, commands[i].name);
    cli_error("'%s' is not a bmdsim command%s (see bmdsim --help)", argv[1],
              bmd_name_hint_text(hint, sizeof hint, bmd_name_hint_best(&h)));
  }
  return finish(CLI_USAGE);
}
