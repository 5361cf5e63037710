/* args.c - command-line options as data: parsing, usage lines and help (cli.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bmd/names.h>

#include "cli.h"

#define WIDTH 80 /* usage lines wrap before this column */

static int nopts(const struct cli_command *c) {
  int n = 0;
  while (c->opts && c->opts[n].name) n++;
  return n;
}

/* "--name ARG" (or "--name") into buf */
static void opt_text(char *buf, size_t cap, const struct cli_opt *o) {
  if (o->arg) snprintf(buf, cap, "--%s %s", o->name, o->arg);
  else snprintf(buf, cap, "--%s", o->name);
}

void cli_usage_line(FILE *fp, const struct cli_command *c) {
  char head[64], item[160];
  int col, indent, n = nopts(c);
  snprintf(head, sizeof head, "usage: bmdsim %s", c->name);
  fputs(head, fp);
  col = indent = (int)strlen(head);
  /* operands, then required options, then the others in table order, then --help */
  for (int pass = 0; pass < 4; pass++) {
    int count = pass == 0 ? 1 : pass == 3 ? 1 : n;
    for (int k = 0; k < count; k++) {
      const struct cli_opt *o = pass == 1 || pass == 2 ? &c->opts[k] : NULL;
      if (pass == 0) {
        if (!c->operands) continue;
        snprintf(item, sizeof item, "%s", c->operands);
      } else if (pass == 3) {
        snprintf(item, sizeof item, "[--help]");
      } else {
        char t[128];
        if ((pass == 1) != ((o->flags & CLI_OPT_REQUIRED) != 0)) continue;
        opt_text(t, sizeof t, o);
        snprintf(item, sizeof item, o->flags & CLI_OPT_REQUIRED ? "%s%s" : "[%s]%s", t,
                 o->flags & CLI_OPT_REPEAT ? "..." : "");
      }
      if (col + 1 + (int)strlen(item) >= WIDTH && col > indent) {
        fprintf(fp, "\n%*s", indent, "");
        col = indent;
      }
      fprintf(fp, " %s", item);
      col += 1 + (int)strlen(item);
    }
  }
  fputc('\n', fp);
  if (c->more_usage) fputs(c->more_usage, fp);
}

void cli_help(FILE *fp, const struct cli_command *c) {
  char t[128];
  int n = nopts(c), w = 0;
  cli_usage_line(fp, c);
  if (c->about) fprintf(fp, "\n%s", c->about);
  if (c->more) c->more(fp);
  for (int k = 0; k < n; k++) {
    opt_text(t, sizeof t, &c->opts[k]);
    if ((int)strlen(t) > w) w = (int)strlen(t);
  }
  if (w < (int)strlen("-h, --help")) w = (int)strlen("-h, --help");
  if (w > 30) w = 30;
  fprintf(fp, "\noptions:\n");
  for (int k = 0; k <= n; k++) {
    const char *h = k < n ? c->opts[k].help : "this text", *nl;
    int first = 1;
    if (k < n) opt_text(t, sizeof t, &c->opts[k]);
    else snprintf(t, sizeof t, "-h, --help");
    if ((int)strlen(t) > w) { /* a long option: its text starts on the next line */
      fprintf(fp, "  %s\n", t);
      first = 0;
    }
    do {
      nl = strchr(h, '\n');
      fprintf(fp, "  %-*s  %.*s\n", w, first ? t : "", nl ? (int)(nl - h) : (int)strlen(h), h);
      first = 0;
      h = nl ? nl + 1 : NULL;
    } while (h);
  }
  if (c->notes) fprintf(fp, "\n%s", c->notes);
}

void cli_args_init(struct cli_args *a, const struct cli_command *c, int argc, char **argv) {
  memset(a, 0, sizeof *a);
  a->cmd = c;
  a->argc = argc;
  a->argv = argv;
  a->i = 1;
}

static int fail(struct cli_args *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int fail(struct cli_args *a, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  cli_error("%s: %s (see bmdsim %s --help)", a->cmd->name, msg, a->cmd->name);
  return CLI_ARGS_ERROR;
}

static int step(struct cli_args *a);

int cli_args_next(struct cli_args *a) {
  int r;
  if (!a->checked) {
    /* the whole command line is checked before any option is handed out, so that an
       unknown, repeated or incomplete option is reported before a value is interpreted or
       any work starts */
    struct cli_args pre = *a;
    while ((r = step(&pre)) > 0) {
    }
    if (r != CLI_ARGS_END) return r;
    a->checked = 1;
  }
  r = step(a);
  return r;
}

static int step(struct cli_args *a) {
  const struct cli_command *c = a->cmd;
  int n = nopts(c);
  a->value = NULL;
  while (a->i < a->argc) {
    const char *s = a->argv[a->i++], *eq;
    const struct cli_opt *o = NULL;
    size_t len;
    int k;
    if (a->rest || s[0] != '-' || s[1] == '\0') { /* an operand ("-" is standard input) */
      if (a->nops < CLI_MAX_OPERANDS) a->ops[a->nops] = s;
      if (a->all) a->all[a->nops] = a->argv[a->i - 1];
      a->nops++;
      continue;
    }
    if (strcmp(s, "--") == 0) {
      a->rest = 1;
      continue;
    }
    if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
      cli_help(stdout, c);
      return CLI_ARGS_HELP;
    }
    if (s[1] != '-') return fail(a, "unknown option '%s'", s);
    eq = strchr(s + 2, '=');
    len = eq ? (size_t)(eq - (s + 2)) : strlen(s + 2);
    for (k = 0; k < n; k++)
      if (strlen(c->opts[k].name) == len && strncmp(c->opts[k].name, s + 2, len) == 0) break;
    if (k == n) {
      /* the closest option as a hint: "--sed" -> "--seed" */
      struct bmd_name_hint h;
      char word[64], hint[96] = "";
      const char *best;
      snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : sizeof word - 1), s + 2);
      bmd_name_hint_init(&h, word);
      for (int q = 0; q < n; q++) bmd_name_hint_add(&h, c->opts[q].name);
      bmd_name_hint_add(&h, "help");
      best = bmd_name_hint_best(&h);
      if (best) snprintf(hint, sizeof hint, "; did you mean '--%s'?", best);
      return fail(a, "unknown option '%s'%s", s, hint);
    }
    o = &c->opts[k];
    if (a->seen[k] && !(o->flags & CLI_OPT_REPEAT)) return fail(a, "--%s is given twice", o->name);
    a->seen[k] = 1;
    if (o->arg) {
      if (eq) a->value = eq + 1;
      else if (a->i < a->argc) a->value = a->argv[a->i++];
      else return fail(a, "--%s needs a value (%s)", o->name, o->arg);
    } else if (eq) {
      return fail(a, "--%s takes no value", o->name);
    }
    return o->id;
  }
  /* the end: operands and required options */
  if (a->nops > c->max_operands) return fail(a, "unexpected argument '%s'", a->ops[c->max_operands]);
  if (a->nops < c->min_operands) return fail(a, "missing %s", c->operands ? c->operands : "argument");
  for (int k = 0; k < n; k++)
    if ((c->opts[k].flags & CLI_OPT_REQUIRED) && !a->seen[k]) return fail(a, "--%s is required", c->opts[k].name);
  return CLI_ARGS_END;
}

int cli_args_operands(const struct cli_args *a, char **out) {
  struct cli_args w;
  cli_args_init(&w, a->cmd, a->argc, a->argv);
  w.checked = 1;
  w.all = out;
  while (step(&w) > 0) {
  }
  return w.nops;
}

int cli_args_given(const struct cli_args *a, const char *name) {
  for (int k = 0; a->cmd->opts && a->cmd->opts[k].name; k++)
    if (strcmp(a->cmd->opts[k].name, name) == 0) return a->seen[k];
  return 0;
}

int cli_args_exit(int r) { return r == CLI_ARGS_HELP ? CLI_OK : CLI_USAGE; }
