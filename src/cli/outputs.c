/* outputs.c - how the commands write: output folders as sets (outfile.h), default folder
   names, the "how to reproduce" line, text from input made safe for the terminal, and the
   check of standard output at exit (cli.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include <bmd/outfile.h>
#include <bmd/scenario.h>
#include <bmd/status.h>
#include <bmd/text.h>

#include "cli.h"

/* ---- text from input on the terminal ----------------------------------------------------- */

const char *cli_safe(const char *s) {
  /* a ring of buffers: several cli_safe() results may appear in one printf */
  static char ring[8][8192];
  static int next;
  char *b = ring[next];
  next = (next + 1) % 8;
  bmd_text_term(b, sizeof ring[0], s ? s : "");
  return b;
}

void cli_print_json(const char *json) {
  char *safe = bmd_text_json(json);
  fputs(safe ? safe : json, stdout);
  fputc('\n', stdout);
  free(safe);
}

/* ---- standard output at exit --------------------------------------------------------------- */

static int stdout_reported;   /* the one line about a failed stdout is out */

void cli_stdout_failed(int e) {
  char r[96];
  if (stdout_reported) return;
  stdout_reported = 1;
  cli_error("write error on standard output: %s", bmd_outfile_reason(e ? e : EIO, r, sizeof r));
}

int cli_close_stdout(void) {
  /* as coreutils' close_stdout: an error kept by the stream (a write that failed earlier;
     the final flush writes what is left again and says why) or one found by the final
     flush is a failure of the command. A stream closed before bmdsim ran (bmdsim >&-) with
     nothing written to it is not. */
  int prev = ferror(stdout) != 0, flush, e;
  errno = 0;
  flush = fflush(stdout) != 0;
  e = errno;
  if (prev && !flush && e == 0) {
    /* the write that failed was an earlier one (output longer than the stream's buffer)
       and its errno is gone: one more byte finds the reason again (the output is already
       incomplete, and the command fails whatever this byte does) */
    clearerr(stdout);
    errno = 0;
    if (fputc('\n', stdout) == EOF || fflush(stdout) != 0) e = errno;
  }
  if (fclose(stdout) != 0 && !prev && !flush) return 0;   /* EBADF: nothing was pending */
  if (prev || flush) {
    cli_stdout_failed(e);
    return -1;
  }
  return 0;
}

/* ---- the command line ---------------------------------------------------------------------- */

/* the word as a POSIX shell reads it back: bare when it holds only safe characters, else
   in single quotes (a quote inside written '\'') */
static size_t quote_word(char *out, size_t cap, size_t n, const char *w) {
  static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-";
#define PUT(c)                     \
  do {                             \
    if (n + 1 < cap) out[n] = (c); \
    n++;                           \
  } while (0)
  if (*w && strspn(w, safe) == strlen(w)) {
    for (; *w; w++) PUT(*w);
    return n;
  }
  PUT('\'');
  for (; *w; w++) {
    if (*w == '\'') {
      PUT('\'');
      PUT('\\');
      PUT('\'');
      PUT('\'');
    } else {
      PUT(*w);
    }
  }
  PUT('\'');
#undef PUT
  return n;
}

/* the command's words as given (main saves them before the command reads them) */
static char **inv_argv;
static int inv_argc;

void cli_save_invocation(int argc, char **argv) {
  static char *copy[4096];
  inv_argc = argc < 4096 ? argc : 4096;
  for (int i = 0; i < inv_argc; i++) copy[i] = argv[i];
  inv_argv = copy;
}

char *cli_command_line(void) {
  size_t cap = 16, n;
  char *b;
  int argc = inv_argc;
  char **argv = inv_argv;
  for (int i = 0; i < argc; i++) cap += 4 * strlen(argv[i]) + 3;
  b = malloc(cap);
  if (!b) return NULL;
  n = (size_t)snprintf(b, cap, "bmdsim");
  for (int i = 0; i < argc; i++) {
    b[n++] = ' ';
    n = quote_word(b, cap, n, argv[i]);
  }
  b[n < cap ? n : cap - 1] = '\0';
  return b;
}

/* ---- default output folders ---------------------------------------------------------------- */

/* the suffixes of the built-in scenarios' default folders (run --plot, plot, footprint,
   coverage) */
static const char *const suffixes[] = {"", "-plots", "-footprint", "-coverage", NULL};

void cli_default_out(const char *scen_arg, const struct bmd_scenario *sc, const char *suffix, char *buf,
                     size_t cap) {
  char base[256];
  const char *slash, *name;
  size_t n;
  if (!cli_scenario_is_file(scen_arg)) {
    snprintf(buf, cap, "out/%s%s", sc->name, suffix);
    return;
  }
  /* a file: its own name without folders and extension */
  slash = strrchr(scen_arg, '/');
  name = slash ? slash + 1 : scen_arg;
  n = strlen(name);
  if (n > 5 && strcmp(name + n - 5, ".yaml") == 0) n -= 5;
  else if (n > 4 && strcmp(name + n - 4, ".yml") == 0) n -= 4;
  if (n >= sizeof base) n = sizeof base - 1;
  memcpy(base, name, n);
  base[n] = '\0';
  if (!base[0] || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) snprintf(base, sizeof base, "scenario");
  /* never a built-in's folder: "epaa-phase3.yaml" (a copy to edit) or a name ending like
     one ("epaa-phase3-plots.yaml" would land in the plot folder of epaa-phase3) */
  for (const char *const *b = bmd_scenario_builtin_names(); *b; b++)
    for (const char *const *s = suffixes; *s; s++) {
      char taken[300], mine[300];
      snprintf(taken, sizeof taken, "%s%s", *b, *s);
      snprintf(mine, sizeof mine, "%s%s", base, suffix);
      for (const char *const *s2 = suffixes; *s2; s2++) {
        char other[300];
        snprintf(other, sizeof other, "%s%s", base, *s2);
        if (strcmp(taken, other) == 0 || strcmp(taken, mine) == 0) {
          snprintf(buf, cap, "out/%s-file%s", base, suffix);
          return;
        }
      }
    }
  snprintf(buf, cap, "out/%s%s", base, suffix);
}

/* ---- output folders as sets ---------------------------------------------------------------- */

int cli_out_check(const char *dir) {
  struct stat sb, lb;
  char r[96];
  if (!dir || !*dir) {
    cli_error("empty output folder name");
    return -1;
  }
  if (stat(dir, &sb) == 0) {
    if (!S_ISDIR(sb.st_mode)) {
      cli_error("%s: is not a folder (give a folder for the output files)", dir);
      return -1;
    }
    return 0;
  }
  if (errno != ENOENT) {
    cli_error("%s: cannot create folder: %s", dir, bmd_outfile_reason(errno, r, sizeof r));
    return -1;
  }
  if (lstat(dir, &lb) == 0) {
    cli_error("%s: is a symbolic link to nothing", dir);
    return -1;
  }
  /* the folder itself appears at the end, whole (cli_out_commit); its parents now, so that
     one that cannot be made is found before the work */
  {
    char buf[4096];
    size_t n = strlen(dir);
    if (n >= sizeof buf) {
      cli_error("%s: folder name too long", dir);
      return -1;
    }
    memcpy(buf, dir, n + 1);
    while (n > 1 && buf[n - 1] == '/') buf[--n] = '\0';
    for (size_t i = 1; i < n; i++) {
      if (buf[i] != '/') continue;
      buf[i] = '\0';
      if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
        cli_error("%s: cannot create folder: %s", buf, bmd_outfile_reason(errno, r, sizeof r));
        return -1;
      }
      buf[i] = '/';
    }
  }
  return 0;
}

int cli_file_check(const char *path) {
  char why[160];
  if (bmd_outfile_check(path, why, sizeof why) != BMD_OK) {
    cli_error("%s: %s", path, why);
    return -1;
  }
  return 0;
}

int cli_out_open(struct cli_out *o, const char *dir) {
  memset(o, 0, sizeof *o);
  o->set.slot = -1;
  o->final = dir;
  if (bmd_outfile_set_open(&o->set, dir) != BMD_OK) {
    cli_error("%s: %s", dir, o->set.why);
    return -1;
  }
  o->dir = o->set.tmp;
  o->open = 1;
  return 0;
}

void cli_out_fail(struct cli_out *o, const char *name, int errnum) {
  char rec[512], r[96];
  /* one line, also when the data thread and the main thread of footprint fail together */
  if (__atomic_exchange_n(&o->reported, 1, __ATOMIC_SEQ_CST)) return;
  if (o->open && bmd_outfile_set_error(&o->set, rec, sizeof rec)) cli_error("%s/%s", o->final, rec);
  else if (name) cli_error("%s/%s: %s", o->final, name, bmd_outfile_reason(errnum ? errnum : EIO, r, sizeof r));
  else cli_error("%s: %s", o->final, bmd_outfile_reason(errnum ? errnum : EIO, r, sizeof r));
}

int cli_out_commit(struct cli_out *o) {
  int rc;
  if (!o || !o->open) return 0;
  o->open = 0;
  rc = bmd_outfile_set_commit(&o->set);
  if (rc != BMD_OK) {
    cli_error("%s/%s", o->final, o->set.why);
    return rc == BMD_EINVAL ? -2 : -1;
  }
  return 0;
}

void cli_out_abort(struct cli_out *o) {
  if (!o || !o->open) return;
  bmd_outfile_set_abort(&o->set);
  o->open = 0;
}

int cli_out_same(const char *a, const char *b) {
  size_t na, nb;
  if (!a || !b) return 0;
  na = strlen(a);
  nb = strlen(b);
  while (na > 1 && a[na - 1] == '/') na--;
  while (nb > 1 && b[nb - 1] == '/') nb--;
  return na == nb && strncmp(a, b, na) == 0;
}
