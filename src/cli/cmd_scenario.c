/* cmd_scenario.c - bmdsim scenario: the built-in scenarios, listed or written out as YAML
   (the binary carries them: embedded.h), so that a user with the binary alone can start a
   scenario of their own from one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include <bmd/arch.h>
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
    {"architecture", 'A', NULL, 0, "show: NAME is a built-in architecture (architectures/)"},
    {"attack", 'K', NULL, 0, "show: NAME is a built-in attack (attacks/)"},
    {NULL, 0, NULL, 0, NULL}};

static const struct cli_command scenario_cmd = {
    "scenario", "list|show [NAME]", 1, 2, scenario_opts,
    "The scenarios built into bmdsim (the files of scenarios/ in its source):\n"
    "  list        their names, titles and sizes\n"
    "  show NAME   the scenario's YAML exactly as shipped: save it, edit it, and run it\n"
    "              as a file (bmdsim validate my.yaml; bmdsim run my.yaml). The format is\n"
    "              documented in docs/scenario.md and in the file's own comments.\n"
    "The built-in architectures (a defence) and attacks (threats), which a scenario can\n"
    "name instead of giving them inline and bmdsim compare puts side by side, are listed\n"
    "after the scenarios; show --architecture NAME or --attack NAME writes one out.\n",
    NULL, NULL, NULL};

/* the built-in architectures and attacks, after the scenarios */
static int list_parts(cJSON *arr, const struct bmd_catalog *cat) {
  int rc = CLI_OK;
  for (int k = 0; k < BMD_PART_N; k++) {
    if (!arr) printf("\n%-22s %7s %5s %6s  %s\n", k == BMD_PART_ATTACK ? "attack" : "architecture", "threats", "sites",
                     "radars", "title");
    for (const char *const *b = bmd_part_builtin_names((enum bmd_part)k); *b; b++) {
      struct bmd_scenario sc;
      struct bmd_diag d;
      if (bmd_part_load(&sc, (enum bmd_part)k, *b, cat, &d) != BMD_OK) { /* NEVER with the built-in catalog */
        cli_diag(&d);
        rc = CLI_FAIL;
        continue;
      }
      if (arr) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", bmd_part_word((enum bmd_part)k));
        cJSON_AddStringToObject(o, "name", sc.name);
        cJSON_AddStringToObject(o, "title", sc.title);
        if (k == BMD_PART_ARCHITECTURE && sc.arch_date[0]) cJSON_AddStringToObject(o, "date", sc.arch_date);
        cJSON_AddNumberToObject(o, "threats", sc.nthreats);
        cJSON_AddNumberToObject(o, "sites", sc.nsites);
        cJSON_AddNumberToObject(o, "radars", sc.nradars);
        cJSON_AddItemToArray(arr, o);
      } else {
        printf("%-22s %7d %5d %6d  %s\n", sc.name, sc.nthreats, sc.nsites, sc.nradars, sc.title);
      }
      bmd_scenario_release(&sc);
    }
  }
  return rc;
}

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
      cJSON_AddStringToObject(o, "kind", "scenario");
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
  if (list_parts(arr, &cat) != CLI_OK) rc = CLI_FAIL;
  if (json) {
    char *s = cJSON_Print(arr);
    if (s) puts(s);
    free(s);
    cJSON_Delete(arr);
  } else {
    printf("\nbmdsim scenario show NAME writes one out as YAML (show --architecture NAME, --attack NAME).\n");
  }
  bmd_catalog_release(&cat);
  return rc;
}

static int show(const char *name, const char *out, int json, int kind) {
  size_t len = 0;
  const char *text = kind < 0 ? bmd_scenario_builtin_text(name, &len) : bmd_part_builtin_text((enum bmd_part)kind, name, &len);
  const char *canon = kind < 0 ? bmd_scenario_builtin_find(name) : bmd_part_builtin_find((enum bmd_part)kind, name);
  if (!text && kind >= 0) {
    char h[96];
    cli_error("scenario: no built-in %s '%s'%s (see bmdsim scenario list)", bmd_part_word((enum bmd_part)kind), name,
              bmd_name_hint_text(h, sizeof h, bmd_name_hint_list(name, bmd_part_builtin_names((enum bmd_part)kind))));
    return CLI_USAGE;
  }
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
    printf("wrote %s (built-in %s %s)\n", out, kind < 0 ? "scenario" : bmd_part_word((enum bmd_part)kind), canon);
  } else if (fwrite(text, 1, len, stdout) != len) {
    cli_error("standard output: write failed: %s", strerror(errno));
    return CLI_FAIL;
  }
  return CLI_OK;
}

int cmd_scenario(int argc, char **argv) {
  const char *out = NULL, *data = NULL;
  int json = 0, c, kind = -1;
  struct cli_args args;
  cli_args_init(&args, &scenario_cmd, argc, argv);
  while ((c = cli_args_next(&args)) > 0) {
    switch (c) {
    case 'o': out = args.value; break;
    case 'j': json = 1; break;
    case 'd': data = args.value; break;
    case 'A':
    case 'K':
      if (kind >= 0) {
        cli_error("scenario: give --architecture or --attack, not both");
        return CLI_USAGE;
      }
      kind = c == 'A' ? BMD_PART_ARCHITECTURE : BMD_PART_ATTACK;
      break;
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
    if (kind >= 0) {
      cli_error("scenario: --architecture and --attack go with show, not list");
      return CLI_USAGE;
    }
    return list(json, data);
  }
  if (strcmp(args.ops[0], "show") == 0) {
    if (args.nops < 2) {
      cli_error("scenario: show needs a NAME (see bmdsim scenario list)");
      return CLI_USAGE;
    }
    return show(args.ops[1], out, json, kind);
  }
  {
    static const char *const actions[] = {"list", "show", NULL};
    char h[96];
    cli_error("scenario: '%s' is not list or show%s", args.ops[0],
              bmd_name_hint_text(h, sizeof h, bmd_name_hint_list(args.ops[0], actions)));
  }
  return CLI_USAGE;
}
