/* cmd_scenario.c - bmdsim scenario: the built-in scenarios, listed or written out as YAML
   (the binary carries them: embedded.h), so that a user with the binary alone can start a
   scenario of their own from one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/names.h>
#include <bmd/outfile.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include "cli.h"

static const struct cli_opt scenario_opts[] = {
    {"out", 'o', "FILE", 0, "show: write the YAML to FILE (whole or not at all) instead of stdout"},
    {"json", 'j', NULL, 0, "list: [{\"name\", \"title\", \"threats\", \"sites\", \"radars\"}];\n"
                           "show: {\"name\", \"yaml\"} (the file's text as one string)"},
    {"data", 'd', "DIR", 0, "list: catalog files from DIR (to read the scenarios against)"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command scenario_cmd = {
    "scenario", "list|show [NAME]", 1, 2, scenario_opts,
    "The scenarios built into bmdsim (the files of scenarios/ in its source):\n"
    "  list        their names, titles and sizes\n"
    "  show NAME   the scenario's YAML exactly as shipped: save it, edit it, and run it\n"
    "              as a file (bmdsim validate my.yaml; bmdsim run my.yaml). The format is\n"
    "              documented in docs/scenario.md and in the file's own comments.\n",
    NULL, NULL, NULL};

static int list(int json, const char *data) {
  struct bmd_catalog cat;
  cJSON *arr = json ? cJSON_CreateArray() : NULL;
  int rc = CLI_OK;
  if (cli_load_catalog(data, &cat) != 0) {
    cJSON_Delete(arr);
    return CLI_USAGE;
  }
  if (!json) printf("%-22s %7s %5s %6s  %s\n", "name", "threats", "sites", "radars", "title");
  for (const char *const *b = bmd_scenario_builtin_names(); *b; b++) {
    struct bmd_scenario sc;
    struct bmd_diag d;
    if (bmd_scenario_load_builtin(&sc, *b, &cat, &d) != BMD_OK) { /* NEVER with the built-in catalog */
      cli_diag(&d);
      rc = CLI_FAIL;
      continue;
    }
    if (json) {
      cJSON *o = cJSON_CreateObject();
      cJSON_AddStringToObject(o, "name", sc.name);
      cJSON_AddStringToObject(o, "title", sc.title);
      cJSON_AddNumberToObject(o, "threats", sc.nthreats);
      cJSON_AddNumberToObject(o, "sites", sc.nsites);
      cJSON_AddNumberToObject(o, "radars", sc.nradars);
      cJSON_AddItemToArray(arr, o);
    } else {
      printf("%-22s %7d %5d %6d  %s\n", sc.name, sc.nthreats, sc.nsites, sc.nradars, sc.title);
    }
    bmd_scenario_release(&sc);
  }
  if (json) {
    char *s = cJSON_Print(arr);
    if (s) puts(s);
    free(s);
    cJSON_Delete(arr);
  } else {
    printf("\nbmdsim scenario show NAME writes one out as YAML.\n");
  }
  bmd_catalog_release(&cat);
  return rc;
}

static int show(const char *name, const char *out, int json) {
  size_t len = 0;
  const char *text = bmd_scenario_builtin_text(name, &len), *canon = bmd_scenario_builtin_find(name);
  if (!text) {
    char h[96];
    cli_error("scenario: no built-in scenario '%s'%s (see bmdsim scenario list)", name,
              bmd_name_hint_text(h, sizeof h, bmd_name_hint_list(name, bmd_scenario_builtin_names())));
    return CLI_USAGE;
  }
  if (out) {
    struct bmd_outfile of;
    if (bmd_outfile_open(&of, out) != BMD_OK) {
      cli_error("%s: cannot create: %s", out, strerror(errno));
      return CLI_USAGE;
    }
    if (fwrite(text, 1, len, of.fp) != len || bmd_outfile_commit(&of) != BMD_OK) {
      bmd_outfile_abort(&of);
      cli_error("%s: write failed: %s", out, strerror(errno));
      return CLI_FAIL;
    }
  }
  if (json) {
    cJSON *j = cJSON_CreateObject();
    char *s;
    cJSON_AddStringToObject(j, "name", canon);
    if (out) cJSON_AddStringToObject(j, "out", out);
    else cJSON_AddStringToObject(j, "yaml", text);
    s = cJSON_Print(j);
    cJSON_Delete(j);
    if (s) puts(s);
    free(s);
  } else if (out) {
    printf("wrote %s (built-in scenario %s)\n", out, canon);
  } else if (fwrite(text, 1, len, stdout) != len) {
    cli_error("standard output: write failed: %s", strerror(errno));
    return CLI_FAIL;
  }
  return CLI_OK;
}

int cmd_scenario(int argc, char **argv) {
  const char *out = NULL, *data = NULL;
  int json = 0, c;
  struct cli_args args;
  cli_args_init(&args, &scenario_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'o': out = args.value; break;
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    default: break;
    }
  }
  if (c != CLI_ARGS_END) return cli_args_exit(c);
  if (strcmp(args.ops[0], "list") == 0) {
    if (args.nops > 1) {
      cli_error("scenario: list takes no name (see bmdsim scenario --help)");
      return CLI_USAGE;
    }
    if (out) {
      cli_error("scenario: --out goes with show, not list");
      return CLI_USAGE;
    }
    return list(json, data);
  }
  if (strcmp(args.ops[0], "show") == 0) {
    if (args.nops < 2) {
      cli_error("scenario: show needs a NAME (see bmdsim scenario list)");
      return CLI_USAGE;
    }
    return show(args.ops[1], out, json);
  }
  {
    static const char *const actions[] = {"list", "show", NULL};
    char h[96];
    cli_error("scenario: '%s' is not list or show%s", args.ops[0],
              bmd_name_hint_text(h, sizeof h, bmd_name_hint_list(args.ops[0], actions)));
  }
  return CLI_USAGE;
}
