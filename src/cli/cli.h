/*
 * cli.h - internal to the bmdsim executable: subcommands, exit codes and shared helpers.
 * Nothing in libbmd includes this file.
 */
#ifndef BMD_CLI_H
#define BMD_CLI_H

#include <stdio.h>

#include <bmd/catalog.h>
#include <bmd/diag.h>
#include <bmd/outfile.h>
#include <bmd/physics.h>
#include <bmd/scenario.h>

/* Exit codes (the only place statuses become exit codes): 1 a run that failed or a target
   that is physically out of reach, 2 bad input, 3 a solver failure (BMD_ESOLVER: a bug to
   report, never a physical limit) */
enum cli_exit { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2, CLI_SOLVER = 3 };

int cmd_fly(int argc, char **argv);
int cmd_propagate(int argc, char **argv);
int cmd_catalog(int argc, char **argv);
int cmd_engage(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_footprint(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_mc(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_compare(int argc, char **argv);

/* cli_aim_json - an aim's answer (status st of bmd_aim_solve, result ar) as keys of j:
   "aim" ("solved", "impossible", "solver_failure"), "limit" when impossible
   ("range", "apogee_high", "apogee_low") with "bound_apogee_km" for an apogee, the target
   and maximum range toward it ("target_range_km", "max_range_km", "reaches_antipode",
   "can_reach_orbit"), "min_energy_apogee_km" where computed, and the apogee bounds at
   this target that were computed ("apogee_max_km" / "apogee_min_km" and what sets each,
   "apogee_max_bound" / "apogee_min_bound": "full_burn", "pitch_over_limit" or "ground"). */
struct bmd_aim_result;
struct cJSON;
void cli_aim_json(struct cJSON *j, int st, const struct bmd_aim_result *ar);
int cmd_scenario(int argc, char **argv);

/* ---- options as data (args.c) ----
   Each command describes its options in one table; the parser, the usage line and the
   options list of --help are made from it, so every usage line lists every option. Long
   options only, each exactly as spelt (no abbreviations), "--name VALUE" or
   "--name=VALUE"; -h and --help print the help (stdout, exit 0); an option given twice
   is an error unless it is marked repeatable; "--" ends the options. */
enum { CLI_OPT_REQUIRED = 1, CLI_OPT_REPEAT = 2 };
#define CLI_MAX_OPERANDS 8       /* kept in struct cli_args.ops; cli_args_operands gives all */
#define CLI_ANY_OPERANDS 1000000  /* max_operands of a command taking any number */

struct cli_opt {
  const char *name;       /* long name without "--"; NULL ends the table */
  int id;                 /* what cli_args_next returns (> 0, usually a letter) */
  const char *arg;        /* metavariable of the value ("N", "DIR"), NULL for a switch */
  unsigned flags;         /* CLI_OPT_* */
  const char *help;       /* the options list's text; '\n' continues on the next line */
};

struct cli_command {
  const char *name;             /* "run" */
  const char *operands;         /* the usage line's operands ("[SCENARIO]"), or NULL */
  int min_operands, max_operands; /* max_operands < CLI_MAX_OPERANDS, or CLI_ANY_OPERANDS */
  const struct cli_opt *opts;
  const char *about;            /* what it does: text after the usage line */
  void (*more)(FILE *fp);       /* text that depends on the build (built-in names), or NULL */
  const char *notes;            /* after the options (exit statuses ...), or NULL */
  const char *more_usage;       /* further usage lines, each ending in '\n', or NULL */
};

struct cli_args {
  const struct cli_command *cmd;
  int argc, i, rest, checked;
  char **argv;
  unsigned char seen[64];       /* per option of the table */
  int nops;                     /* how many operands */
  const char *ops[CLI_MAX_OPERANDS]; /* the first of them, in order */
  char **all;                   /* cli_args_operands: where to put every operand */
  const char *value;            /* the value of the option just returned, or NULL */
};

enum { CLI_ARGS_END = 0, CLI_ARGS_HELP = -1, CLI_ARGS_ERROR = -2 };

void cli_args_init(struct cli_args *a, const struct cli_command *c, int argc, char **argv);
/* cli_args_next - the id of the next option (a->value holds its value), or at the end
   CLI_ARGS_END once the operands and required options are checked; CLI_ARGS_HELP after
   printing the help, CLI_ARGS_ERROR after printing one error line (unknown option with the
   closest as a hint, missing value, option given twice, stray operand, missing required
   option). */
int cli_args_next(struct cli_args *a);
/* cli_args_exit - the exit code for CLI_ARGS_HELP (0) or CLI_ARGS_ERROR (2). */
int cli_args_exit(int r);
/* cli_args_operands - every operand, in order, into out (room for a->argc pointers, after
   cli_args_next returned CLI_ARGS_END); returns how many. */
int cli_args_operands(const struct cli_args *a, char **out);
/* cli_args_given - 1 if option name was given. */
int cli_args_given(const struct cli_args *a, const char *name);
/* cli_usage_line, cli_help - the usage line(s), and the whole --help text. */
void cli_usage_line(FILE *fp, const struct cli_command *c);
void cli_help(FILE *fp, const struct cli_command *c);

/* cli_error - "bmdsim: <msg>" on stderr, one line: control characters and bidirectional
   overrides in msg (from input text) are escaped (text.h). */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* cli_diag - print a located diagnostic as "bmdsim: file:line:col: msg". */
void cli_diag(const struct bmd_diag *d);

/* cli_physics_option - handle --earth/--rotation/--drag; returns 1 if consumed, 0 if not
   a physics option, -1 on a bad value (message printed). */
int cli_physics_option(struct bmd_physics *p, const char *opt, const char *value);

/* cli_load_scenario - a scenario file (an existing path, or a name with '/' or ".yaml") or a
   built-in scenario by name; prints the error and returns non-zero on failure. */
struct bmd_scenario;
int cli_load_scenario(const char *arg, const struct bmd_catalog *cat, struct bmd_scenario *sc);

/* cli_parse_double - strict finite number; returns 0 on success. */
int cli_parse_double(const char *s, double *out);

/* cli_load_catalog - the embedded catalog, or DIR/missiles.yaml and DIR/sites.yaml when
   data_dir is not NULL; prints the diagnostic and returns non-zero on failure. */
int cli_load_catalog(const char *data_dir, struct bmd_catalog *cat);

/* cli_open_scenario - after the options: the catalog (data_dir or embedded), then the
   scenario named by the first operand (default dflt). Prints the error and returns -1
   (nothing left to release) on failure. */
struct cli_args;
int cli_open_scenario(const struct cli_args *a, const char *dflt, const char *data_dir, struct bmd_catalog *cat,
                      struct bmd_scenario *sc);

/* cli_builtin_list - "SCENARIO is a YAML file or a built-in scenario: ..." for --help. */
void cli_builtin_list(FILE *fp);

/* cli_resolve_point - a site slug or "LAT,LON" (degrees) to a point; what names the option
   for messages. Returns 0, or prints an error and returns non-zero. */
int cli_resolve_point(const struct bmd_catalog *cat, const char *what, const char *s,
                      double *lat_deg, double *lon_deg, double *alt_m, const char **name);

struct bmd_aim_request;

/* cli_parse_trajectory - a shape of shape.h ("min-energy", "lofted:KM", "depressed:KM",
   "quasi:KM") into rq->kind and rq->apogee_km; -1 with a message on stderr if malformed. */
int cli_parse_trajectory(const char *s, struct bmd_aim_request *rq);

/* cli_scenario_is_file - whether a SCENARIO argument names a file (an existing path, or a
   name with '/' or ".yaml"/".yml") rather than a built-in scenario. */
int cli_scenario_is_file(const char *arg);

/* Output folders (outputs.c). A command writes the files of each output folder as one set
   (outfile.h): into a temporary folder, moved into place whole by cli_out_commit, removed
   on failure, so the folder holds the whole new set or the old files, never a mixture. */
struct cli_out {
  struct bmd_outfile_set set;
  const char *final;        /* the folder as given */
  const char *dir;          /* where to write until the commit (the set's temporary folder) */
  int open, reported;
};
/* cli_out_check - before any work: a folder that exists must be a folder (or a link to
   one); prints the error and returns -1 (bad input: exit 2). */
int cli_out_check(const char *dir);
/* cli_file_check - before any work: an output file may be written only if nothing or a
   regular file is there (outfile.h); prints the error and returns -1 (exit 2). */
int cli_file_check(const char *path);
/* cli_out_open - start the set of folder dir; prints the error and returns -1. */
int cli_out_open(struct cli_out *o, const char *dir);
/* cli_out_fail - print the one line of a failed write into o: the failing file and reason
   the set recorded (on any thread), else name and errnum; later calls print nothing. */
void cli_out_fail(struct cli_out *o, const char *name, int errnum);
/* cli_out_commit - move the set into place; prints the error and returns -1 (a failed move)
   or -2 (a file would replace something that is not a regular file: exit 2); 0 if done or
   not open. */
int cli_out_commit(struct cli_out *o);
/* cli_out_abort - remove the temporary folder; accepts a set not open. */
void cli_out_abort(struct cli_out *o);
/* cli_out_same - whether two folder names are the same folder name ("out/" and "out"). */
int cli_out_same(const char *a, const char *b);

/* cli_write_dir - write n files names[k] into output folder o, each through write(fp, k,
   ctx); prints the one error line (cli_out_fail) and returns -1 on the first failure. */
int cli_write_dir(struct cli_out *o, int n, const char *const *names,
                  int (*write)(FILE *fp, int k, void *ctx), void *ctx);

/* cli_default_out - the default output folder of a command: out/<scenario><suffix> for a
   built-in scenario; for a scenario file, out/<file name without .yaml><suffix>, with
   "-file" added when that would be a built-in scenario's folder. */
struct bmd_scenario;
void cli_default_out(const char *scen_arg, const struct bmd_scenario *sc, const char *suffix, char *buf,
                     size_t cap);

/* cli_save_invocation - keep the command's words as given (argv[0] the command name), in
   their order: main calls it before the command reads them. */
void cli_save_invocation(int argc, char **argv);
/* cli_command_line - "bmdsim ARG..." from the saved invocation, each word quoted for a
   POSIX shell where needed, so that the line runs the same command again from the same
   folder. malloc'ed (caller frees); NULL if out of memory. */
char *cli_command_line(void);

/* cli_safe - s escaped for the terminal (text.h) in one of 8 rotating static buffers (the
   CLI prints from one thread): for input text in printf arguments. */
const char *cli_safe(const char *s);
/* cli_print_json - a JSON text and a newline on stdout, C1 and bidirectional controls
   escaped as \uXXXX (text.h). */
void cli_print_json(const char *json);
/* cli_close_stdout - flush and close stdout; a write error (now or earlier) prints "write
   error on standard output: REASON" and returns -1 (main then exits 1). */
int cli_close_stdout(void);
/* cli_stdout_failed - print that one line now, with errno value e (a command that finds
   the failure itself, with its cause); cli_close_stdout then prints nothing more. */
void cli_stdout_failed(int e);

/* A progress bar on stderr, drawn only when stderr is a terminal. */
struct cli_progress {
  int tty;
  const char *label;
  double t0;
  int last_pct;
};
void cli_progress_init(struct cli_progress *p, const char *label);
void cli_progress_update(void *p, long done, long total);
void cli_progress_done(struct cli_progress *p);

/* Figures and report of a run (figures.c). */
enum { CLI_FMT_PNG = 1, CLI_FMT_SVG = 2 };
struct cli_fig_opts {
  struct cli_out *plot;     /* write profile/map/timeline.{png,svg} here; NULL: none */
  int formats;              /* CLI_FMT_* bits */
  struct cli_out *report;   /* write report.html here; NULL: none */
  const char *command;      /* "how to reproduce" line of the report */
  unsigned long seed;
};
struct bmd_sim_result;
struct cJSON;
/* cli_figures - draw the run's figures and write them and/or the report; the paths
   written (in their final folders) are appended to written (may be NULL). Prints the
   error and returns -1 on failure. */
int cli_figures(const struct cli_fig_opts *o, const struct bmd_scenario *sc,
                const struct bmd_catalog *cat, const struct bmd_sim_result *r,
                struct cJSON *written);
/* cli_parse_formats - "png", "svg" or "png,svg" into CLI_FMT_* bits; prints the error. */
int cli_parse_formats(const char *s, int *formats);

/* Figures and reports of the analyses (analysis_out.c). */
struct bmd_plot;
struct bmd_footprint_opts;
struct bmd_footprint;
struct bmd_footprint_summary;
struct bmd_coverage;
struct bmd_mc_result;
struct bmd_report;
/* cli_write_plot - base.png and/or .svg into output folder o (formats: CLI_FMT_* bits);
   prints the error. */
int cli_write_plot(struct bmd_plot *p, struct cli_out *o, const char *base, int formats);
/* cli_report_footprint - the footprint's HTML report from its summary sm
   (bmd_footprint_summarize); -1 on error (printed). */
int cli_report_footprint(struct cli_out *dir, const char *command, const struct bmd_scenario *sc,
                         const struct bmd_catalog *cat, const struct bmd_footprint_opts *o,
                         const struct bmd_footprint *f, const struct bmd_footprint_summary *sm,
                         struct bmd_plot *map);
int cli_report_coverage(struct cli_out *dir, const char *command, const struct bmd_scenario *sc,
                        const struct bmd_catalog *cat, const struct bmd_coverage *cov, int sweep,
                        struct bmd_plot *map, struct bmd_plot *thr);
/* cli_plot_mc - histograms of the threats that reached their target and of interceptors
   fired per trial; -1 when out of memory. */
int cli_plot_mc(const struct bmd_scenario *sc, const struct bmd_mc_result *m, struct bmd_plot **reached,
                struct bmd_plot **spent);
int cli_report_mc(struct cli_out *dir, const char *command, const struct bmd_scenario *sc,
                  const struct bmd_catalog *cat, const struct bmd_mc_result *m, struct bmd_plot *reached,
                  struct bmd_plot *spent);
/* The assumptions an answer over sc rests on (assumptions.h; flags BMD_ASSUME_*; fo, when
   not NULL, adds a footprint's threat missile and launch points): cli_json_assumptions adds
   "catalog_entries", "assumptions" and "references" to a JSON summary (-1 if out of
   memory); cli_report_assumptions writes the report's "Assumptions and sources". */
struct bmd_report;
int cli_json_assumptions(struct cJSON *j, const struct bmd_scenario *sc, int flags,
                         const struct bmd_footprint_opts *fo);
int cli_report_assumptions(struct bmd_report *r, const struct bmd_scenario *sc, int flags,
                           const struct bmd_footprint_opts *fo);
/* cli_report_outcomes - a report section "Outcomes": the outcome words and their meanings
   (outcome.h), and the reason codes of run's unengaged threats (run may be NULL). */
int cli_report_outcomes(struct bmd_report *r, const struct bmd_sim_result *run);

/* cli_default_threads - the online cores (1..256); cli_parse_threads - --threads N
   (1..256), printing the error and returning -1 when bad. */
int cli_default_threads(void);
int cli_parse_threads(const char *s, int *n);
/* cli_parse_seed - --seed N (0..BMD_SEED_MAX, the range of every seed: scenario.h),
   printing the error and returning -1 when bad. */
int cli_parse_seed(const char *s, unsigned long *seed);
/* cli_json_seed - j[key] = seed, exactly: a number up to 2^53, its digits as a string
   above (JSON readers hold numbers as doubles). */
struct cJSON;
void cli_json_seed(struct cJSON *j, const char *key, unsigned long long seed);
/* Ranks of a distributed sweep (sweep_comm.c; MPI is called by sweep_mpi.c alone, built as
   the module bmdsim-mpi.so and loaded only when an MPI launcher started the process).
   Without an MPI build, or when not started by an MPI launcher, there is one rank (rank 0,
   size 1) and every call below does nothing. */
struct cli_comm {
  int rank, size;
  int mpi;                  /* 1: MPI_Init was called */
};
/* cli_comm_init - 0, or -1 (the error printed) when an MPI launcher started the process
   but the MPI module cannot be loaded. */
int cli_comm_init(struct cli_comm *c, int *argc, char ***argv);
void cli_comm_finalize(struct cli_comm *c);
int cli_comm_mpi_built(void);

/* cli_comm_bcast - rank 0's nbytes at buf to every rank. */
void cli_comm_bcast(struct cli_comm *c, void *buf, long nbytes);
/* cli_comm_send - n doubles to rank 0. */
void cli_comm_send(struct cli_comm *c, const double *msg, int n);
/* cli_comm_recv - rank 0: one message of n doubles from any rank; with block 0 returns 0
   at once when none is waiting, else 1. */
int cli_comm_recv(struct cli_comm *c, double *msg, int n, int block);

/* bmdsim sweep's store and shards (cmd_sweep.c) and --merge (sweep_merge.c). */
struct bmd_sweep;
struct bmd_store;
/* cli_sweep_in_shard - whether point idx belongs to shard part of parts (parts 0: the whole
   sweep: every point): idx % parts == part - 1. */
int cli_sweep_in_shard(long idx, int part, int parts);
/* cli_sweep_shard_points - how many of npoints belong to shard part of parts. */
long cli_sweep_shard_points(long npoints, int part, int parts);
/* cli_sweep_open_store - open the store at path, check or create sw (hash: its file hash)
   in it, whole (parts 0) or shard part of parts; done[npoints] marks the points stored as
   done, *ndone counts them. Prints the error; returns an exit code. */
int cli_sweep_open_store(const struct bmd_sweep *sw, const char *path, int resume, const char *hash, int part,
                         int parts, struct bmd_store **out, unsigned char *done, long *ndone);
/* cli_sweep_merge - bmdsim sweep FILE --merge --store OUT IN...: a new store OUT of the
   sweep in FILE holding every point done in one of the n stores in[]. Returns an exit code. */
int cli_sweep_merge(const char *file, const char *data, const char *out, int n, char *const *in, int allow_partial,
                    int json);

/* cli_progress_rate - like cli_progress_update, with the rate (per second, counted from
   done0, the items already done at init) and the ETA: "label [###  ] 40% 12/30 3.1/s eta 6s". */
void cli_progress_rate(struct cli_progress *p, long done0, long done, long total);

/* cli_now - monotonic seconds. */
double cli_now(void);

#endif
