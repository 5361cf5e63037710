/* cmd_sweep.c - bmdsim sweep: an analysis over the cartesian product of parameter values
   (sweep.h) into a resumable SQLite store (store.h), distributed over MPI ranks
   (sweep_mpi.c). Docs: docs/sweep.md, docs/scaling.md.

   Distribution: a static cyclic partition. Rank 0 opens the store (the single writer),
   checks it against the sweep file, creates the sweep or reads which points are done,
   and broadcasts the done mask; the pending points, in index order, are dealt out
   cyclically (pending point j to rank j mod N). Every rank computes its share; the others
   send each finished point's metrics to rank 0, which commits every point (its own and
   theirs) in its own transaction as soon as it has it.

   Without MPI (--shard I/N, --merge: sweep_merge.c): shard I of N computes the points idx
   with idx % N == I - 1 into its own store; --merge commits the shards' points into a new
   store created as a one-process run creates it. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cjson/cJSON.h>

#include <bmd/outcome.h>
#include <bmd/status.h>
#include <bmd/store.h>
#include <bmd/sweep.h>

#include "cli.h"

#define PARAMS_JSON_MAX 4096
#define HDR 4                 /* message: idx, status, started, finished, then metrics */

static void help(FILE *fp) {
  fprintf(fp,
    "usage: bmdsim sweep SWEEP.yaml --store FILE [--resume] [--threads N] [--json] [--data DIR]\n"
    "       bmdsim sweep SWEEP.yaml --shard I/N --store PART [--resume] [...]\n"
    "       bmdsim sweep SWEEP.yaml --merge --store FILE PART... [--allow-partial]\n"
    "       bmdsim sweep --export csv|json --store FILE\n"
    "       mpirun -np N bmdsim sweep SWEEP.yaml --store FILE [--resume]\n"
    "\n"
    "Runs one analysis (run, mc, coverage or footprint) at every point of the cartesian\n"
    "product of the parameter values in SWEEP.yaml, applied to its base scenario, and keeps\n"
    "the named metrics of each point in an SQLite store (docs/sweep.md). Each point is\n"
    "committed with all its metrics in one transaction: a sweep killed at any moment and\n"
    "started again with --resume computes only the points not yet stored. Under mpirun the\n"
    "points are dealt out over the ranks and rank 0 alone writes the store\n"
    "(docs/scaling.md); the results do not depend on the number of ranks or threads.\n"
    "Without MPI, --shard splits the sweep into N disjoint parts, each run by its own\n"
    "process into its own store (a Slurm job array, GNU parallel), and --merge joins the\n"
    "parts into one store with the same contents as a one-process run (docs/scaling.md).\n"
    "\n"
    "options:\n"
    "  --store FILE     the result store (SQLite, WAL mode); created if missing\n"
    "  --resume         continue the sweep held in FILE (it must come from the same sweep\n"
    "                   file and base scenario); without it FILE must hold no sweep\n"
    "  --shard I/N      compute part I of N (1 <= I <= N <= points): the points whose index\n"
    "                   is I - 1 modulo N, into a store of their own (--resume: the same\n"
    "                   part's store)\n"
    "  --merge          join the stores PART... of this sweep into a new store FILE: each\n"
    "                   point from the store where it is done; refused (exit 2) when a\n"
    "                   store holds another sweep, a point is done in two of them, or a\n"
    "                   point is done in none\n"
    "  --allow-partial  with --merge: merge what is there; the points done in no store\n"
    "                   stay pending (a --resume of FILE computes them)\n"
    "  --threads N      threads per point for mc, coverage and footprint (0 = all cores;\n"
    "                   default 0 on one rank, 1 per rank under MPI)\n"
    "  --export F       print the store as csv or json (one row per point, in point order:\n"
    "                   idx, status, parameters, metrics) and exit\n"
    "  --json           the summary as JSON on stdout\n"
    "  --data DIR       catalog files from DIR\n"
    "  --help           this text\n"
    "\n"
    "A progress bar (points done, rate, ETA) is drawn on stderr when it is a terminal.\n"
    "\noutcomes: %s\n", BMD_OUTCOME_DOC);
}

static int parse_threads(const char *s, int *out) {
  char *end;
  long v;
  errno = 0;
  v = strtol(s, &end, 10);
  if (!*s || *end || errno || v < 0 || v > 256) return -1;
  *out = (int)v;
  return 0;
}

/* "I/N" with 1 <= I <= N <= 10,000,000 (the most points a sweep may have) */
static int parse_shard(const char *s, int *part, int *parts) {
  char *end, *slash;
  long i, n;
  errno = 0;
  i = strtol(s, &slash, 10);
  if (slash == s || *slash != '/' || !(slash[1] >= '0' && slash[1] <= '9')) return -1;
  n = strtol(slash + 1, &end, 10);
  if (*end || errno || s[0] < '0' || s[0] > '9' || i < 1 || n < 1 || i > n || n > 10000000) return -1;
  *part = (int)i;
  *parts = (int)n;
  return 0;
}

int cli_sweep_in_shard(long idx, int part, int parts) { return parts == 0 || idx % parts == part - 1; }

long cli_sweep_shard_points(long npoints, int part, int parts) {
  if (parts == 0) return npoints;
  return npoints >= part ? (npoints - part) / parts + 1 : 0;
}

static int do_export(const char *store_path, const char *fmt) {
  struct bmd_store *st = NULL;
  struct bmd_diag d;
  struct stat sb;
  int rc;
  enum bmd_store_format f;
  if (strcmp(fmt, "csv") == 0) f = BMD_STORE_CSV;
  else if (strcmp(fmt, "json") == 0) f = BMD_STORE_JSON;
  else {
    cli_error("--export: '%s' is not csv or json", fmt);
    return CLI_USAGE;
  }
  if (stat(store_path, &sb) != 0) {
    cli_error("%s: no such store", store_path);
    return CLI_USAGE;
  }
  if (bmd_store_open(&st, store_path, 0, &d) != BMD_OK) {
    cli_diag(&d);
    return CLI_USAGE;
  }
  errno = 0;
  rc = bmd_store_export(st, stdout, f, &d);
  if (rc == BMD_EIO && ferror(stdout)) {   /* the output, not the store, failed */
    int e = errno;
    bmd_store_close(st);
    cli_stdout_failed(e);
    return CLI_FAIL;
  }
  bmd_store_close(st);
  if (rc != BMD_OK) {
    cli_diag(&d);
    return rc == BMD_ENOTFOUND ? CLI_USAGE : CLI_FAIL;
  }
  return fflush(stdout) == 0 ? CLI_OK : CLI_FAIL;
}

static char *spec_json(const struct bmd_sweep *sw) {
  cJSON *j = cJSON_CreateObject(), *ps = cJSON_CreateArray(), *ms = cJSON_CreateArray();
  char seed[32];
  char *s;
  cJSON_AddStringToObject(j, "sweep", sw->name);
  cJSON_AddStringToObject(j, "base", sw->base);
  cJSON_AddStringToObject(j, "analysis", bmd_sweep_analysis_name(sw->analysis));
  snprintf(seed, sizeof seed, "%llu", (unsigned long long)sw->seed);
  cJSON_AddStringToObject(j, "seed", seed);
  cJSON_AddNumberToObject(j, "npoints", (double)sw->npoints);
  if (sw->analysis == BMD_SWEEP_MC) cJSON_AddNumberToObject(j, "trials", (double)sw->mc_trials);
  for (int p = 0; p < sw->nparams; p++) {
    cJSON *o = cJSON_CreateObject(), *v = cJSON_CreateArray();
    cJSON_AddStringToObject(o, "name", sw->param[p].name);
    for (int k = 0; k < sw->param[p].nvalues; k++) cJSON_AddItemToArray(v, cJSON_CreateString(sw->param[p].value[k]));
    cJSON_AddItemToObject(o, "values", v);
    cJSON_AddItemToArray(ps, o);
  }
  cJSON_AddItemToObject(j, "parameters", ps);
  for (int m = 0; m < sw->nmetrics; m++) cJSON_AddItemToArray(ms, cJSON_CreateString(bmd_sweep_metric_name(sw->metric[m])));
  cJSON_AddItemToObject(j, "metrics", ms);
  cJSON_AddStringToObject(j, "source", sw->source);
  s = cJSON_PrintUnformatted(j);
  cJSON_Delete(j);
  return s;
}

/* rank 0: open the store, check or create the sweep (of shard part/parts; parts 0: the
   whole sweep), fill done[]; prints the error and returns an exit code */
int cli_sweep_open_store(const struct bmd_sweep *sw, const char *path, int resume, const char *hash, int part,
                         int parts, struct bmd_store **out, unsigned char *done, long *ndone) {
  struct bmd_store *st = NULL;
  struct bmd_store_sweep info;
  struct bmd_diag d;
  const char *pn[BMD_SWEEP_MAX_PARAMS], *mn[BMD_SWEEP_M_COUNT];
  char *spec = NULL;
  int r, sp = 0, sn = 0;
  *ndone = 0;
  if (bmd_store_open(&st, path, 1, &d) != BMD_OK) {
    cli_diag(&d);
    return CLI_USAGE;
  }
  r = bmd_store_sweep_get(st, &info, &d);
  if (r == BMD_OK) {
    if (strcmp(info.file_hash, hash) != 0) {
      cli_error("%s: the store holds another sweep (file hash %s, not %s of %s); use another --store", path,
                info.file_hash, hash, sw->file);
      goto usage;
    }
    if (bmd_store_shard_get(st, &sp, &sn, &d) != BMD_OK) goto fail;
    if (!resume) {
      cli_error("%s: the store already holds this sweep (%ld of %ld points done); add --resume to continue it", path,
                info.done, cli_sweep_shard_points(info.npoints, sp, sn));
      goto usage;
    }
    if (info.npoints != sw->npoints || info.nmetrics != sw->nmetrics || info.nparams != sw->nparams) {
      cli_error("%s: the store's sweep has another shape than %s", path, sw->file);
      goto usage;
    }
    if (sp != part || sn != parts) {
      if (sn == 0)
        cli_error("%s: the store holds the whole sweep, not shard %d/%d; drop --shard or use another --store", path,
                  part, parts);
      else if (parts == 0)
        cli_error("%s: the store holds shard %d/%d of this sweep; add --shard %d/%d to continue it", path, sp, sn, sp,
                  sn);
      else
        cli_error("%s: the store holds shard %d/%d of this sweep, not %d/%d; use another --store", path, sp, sn, part,
                  parts);
      goto usage;
    }
    if (bmd_store_done_mask(st, done, sw->npoints, &d) != BMD_OK) goto fail;
    for (long i = 0; i < sw->npoints; i++) *ndone += done[i];
    *out = st;
    return CLI_OK;
  }
  if (r != BMD_ENOTFOUND) goto fail;
  for (int p = 0; p < sw->nparams; p++) pn[p] = sw->param[p].name;
  for (int m = 0; m < sw->nmetrics; m++) mn[m] = bmd_sweep_metric_name(sw->metric[m]);
  spec = spec_json(sw);
  if (!spec) {
    cli_error("out of memory");
    goto failed;
  }
  if (bmd_store_sweep_begin(st, hash, spec, sw->npoints, sw->nparams, pn, sw->nmetrics, mn, &d) != BMD_OK) goto fail;
  if (parts > 0 && bmd_store_shard_set(st, part, parts, &d) != BMD_OK) {
    bmd_store_sweep_abort(st);
    goto fail;
  }
  for (long i = 0; i < sw->npoints; i++) {
    char pj[PARAMS_JSON_MAX];
    const char *pv[BMD_SWEEP_MAX_PARAMS];
    if (!cli_sweep_in_shard(i, part, parts)) continue;
    for (int p = 0; p < sw->nparams; p++) pv[p] = sw->param[p].value[bmd_sweep_value_index(sw, i, p)];
    if (bmd_sweep_params_json(sw, i, pj, sizeof pj) != BMD_OK) {
      bmd_store_sweep_abort(st);
      cli_error("point %ld: parameters longer than %d bytes", i, PARAMS_JSON_MAX);
      goto failed;
    }
    if (bmd_store_sweep_add_point(st, i, pj, pv, &d) != BMD_OK) {
      bmd_store_sweep_abort(st);
      goto fail;
    }
  }
  if (bmd_store_sweep_end(st, &d) != BMD_OK) goto fail;
  free(spec);
  memset(done, 0, (size_t)sw->npoints);
  *out = st;
  return CLI_OK;
usage:
  bmd_store_close(st);
  return CLI_USAGE;
fail:
  cli_diag(&d);
failed:
  free(spec);
  bmd_store_close(st);
  return CLI_FAIL;
}

static double wall_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

struct tally {
  long stored, failed, done_total;
  long solver;   /* of the failed, those that were the aim solver's failure (exit 3) */
  int first_error_printed;
};

/* rank 0: commit one finished point (msg: idx, status, started, finished, metrics) */
static int commit(struct bmd_store *st, const double *msg, struct tally *t) {
  struct bmd_diag d;
  long idx = (long)msg[0];
  if (msg[1] != 0.0) {
    t->failed++;
    if (msg[1] == (double)BMD_ESOLVER) t->solver++;
    return 0;
  }
  if (bmd_store_point_commit(st, idx, msg[2], msg[3], msg + HDR, &d) != BMD_OK) {
    cli_diag(&d);
    return -1;
  }
  t->stored++;
  t->done_total++;
  return 0;
}

static void point_failed(const struct bmd_sweep *sw, long idx, int rank, const struct bmd_diag *d) {
  char buf[1024];
  bmd_diag_format(d, buf, sizeof buf);
  cli_error("%s: point %ld (rank %d): %s", sw->file, idx, rank, buf);
}

int cmd_sweep(int argc, char **argv) {
  static const struct option opts[] = {{"store", required_argument, 0, 's'}, {"resume", no_argument, 0, 'r'},
                                       {"threads", required_argument, 0, 'T'}, {"export", required_argument, 0, 'e'},
                                       {"json", no_argument, 0, 'j'},         {"data", required_argument, 0, 'd'},
                                       {"shard", required_argument, 0, 'S'},  {"merge", no_argument, 0, 'M'},
                                       {"allow-partial", no_argument, 0, 'P'}, {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *store_path = NULL, *export_fmt = NULL, *data = NULL, *file = NULL;
  int resume = 0, json = 0, threads = -1, c, rc = CLI_FAIL, nmsg = 0, part = 0, parts = 0, merge = 0,
      allow_partial = 0, first_input = 0;
  struct cli_comm comm;
  struct bmd_catalog cat;
  struct bmd_sweep sw;
  struct bmd_store *st = NULL;
  struct bmd_diag d;
  struct cli_progress prog;
  struct tally t = {0, 0, 0, 0, 0};
  unsigned char *done = NULL;
  double *msg = NULL, t0;
  long ndone = 0, npending = 0, expected = 0, received = 0, npoints = 0;
  char hash[32];
  int code;

  memset(&sw, 0, sizeof sw);
  memset(&cat, 0, sizeof cat);
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
    switch (c) {
    case 's': store_path = optarg; break;
    case 'r': resume = 1; break;
    case 'T':
      if (parse_threads(optarg, &threads) != 0) {
        cli_error("--threads: '%s' is not a whole number from 0 (all cores) to 256", optarg);
        return CLI_USAGE;
      }
      break;
    case 'e': export_fmt = optarg; break;
    case 'j': json = 1; break;
    case 'd': data = optarg; break;
    case 'S':
      if (parse_shard(optarg, &part, &parts) != 0) {
        cli_error("--shard: '%s' is not I/N with whole numbers 1 <= I <= N", optarg);
        return CLI_USAGE;
      }
      break;
    case 'M': merge = 1; break;
    case 'P': allow_partial = 1; break;
    case 'h': help(stdout); return CLI_OK;
    default:
      cli_error("sweep: unknown or incomplete option '%s' (see bmdsim sweep --help)", argv[optind - 1]);
      return CLI_USAGE;
    }
  }
  if (optind < argc) file = argv[optind++];
  first_input = optind;
  if (optind < argc && !merge) {
    cli_error("sweep: unexpected argument '%s'", argv[optind]);
    return CLI_USAGE;
  }
  if (!store_path) {
    cli_error("sweep: --store FILE is required (see bmdsim sweep --help)");
    return CLI_USAGE;
  }
  if (export_fmt) {
    if (file) {
      cli_error("sweep: --export takes no sweep file");
      return CLI_USAGE;
    }
    if (merge || parts) {
      cli_error("sweep: --export takes no --merge or --shard");
      return CLI_USAGE;
    }
    return do_export(store_path, export_fmt);
  }
  if (!file) {
    cli_error("sweep: no sweep file given (see bmdsim sweep --help)");
    return CLI_USAGE;
  }
  if (allow_partial && !merge) {
    cli_error("sweep: --allow-partial goes with --merge");
    return CLI_USAGE;
  }
  if (merge) {
    if (parts || resume) {
      cli_error("sweep: --merge takes no %s", parts ? "--shard" : "--resume");
      return CLI_USAGE;
    }
    if (first_input >= argc) {
      cli_error("sweep: --merge needs the stores to join after the sweep file (see bmdsim sweep --help)");
      return CLI_USAGE;
    }
    return cli_sweep_merge(file, data, store_path, argc - first_input, argv + first_input, allow_partial, json);
  }
  /* the store is written: a regular file or nothing (a FIFO, device or link is refused) */
  if (cli_file_check(store_path) != 0) return CLI_USAGE;

  if (cli_comm_init(&comm, &argc, &argv) != 0) return CLI_FAIL;
  if (threads < 0) threads = comm.size > 1 ? 1 : 0;
  /* every rank parses the sweep (the file is on a shared filesystem); only rank 0 talks */
  code = CLI_OK;
  if (cli_load_catalog(data, &cat) != 0) code = CLI_USAGE;
  else if ((rc = bmd_sweep_load_file(&sw, file, &cat, &d)) != BMD_OK) {
    if (comm.rank == 0) cli_diag(&d);
    code = rc == BMD_ENOMEM ? CLI_FAIL : CLI_USAGE;
  }
  if (code == CLI_OK) {
    snprintf(hash, sizeof hash, "%016llx", (unsigned long long)sw.hash);
    done = calloc((size_t)sw.npoints, 1);
    msg = calloc((size_t)(HDR + sw.nmetrics), sizeof *msg);
    if (!done || !msg) {
      cli_error("out of memory");
      code = CLI_FAIL;
    }
  }
  if (code == CLI_OK && parts > sw.npoints) {
    if (comm.rank == 0)
      cli_error("--shard %d/%d: the sweep has %ld point%s; at most %ld parts", part, parts, sw.npoints,
                sw.npoints == 1 ? "" : "s", sw.npoints);
    code = CLI_USAGE;
  }
  if (code == CLI_OK && comm.rank == 0)
    code = cli_sweep_open_store(&sw, store_path, resume, hash, part, parts, &st, done, &ndone);
  /* every rank must learn rank 0's verdict before going on */
  cli_comm_bcast(&comm, &code, sizeof code);
  if (code != CLI_OK) {
    rc = code;
    goto out;
  }
  cli_comm_bcast(&comm, done, sw.npoints);
  nmsg = HDR + sw.nmetrics;
  for (long i = 0; i < sw.npoints; i++) {
    if (done[i] || !cli_sweep_in_shard(i, part, parts)) continue;
    if (npending % comm.size != 0) expected++;
    npending++;
  }
  t.done_total = 0;
  for (long i = 0; i < sw.npoints; i++) t.done_total += done[i];
  npoints = cli_sweep_shard_points(sw.npoints, part, parts);

  t0 = cli_now();
  if (comm.rank == 0) {
    cli_progress_init(&prog, "sweep");
    cli_progress_rate(&prog, t.done_total, t.done_total, npoints);
  }
  {
    long j = 0;
    rc = CLI_OK;
    for (long i = 0; i < sw.npoints; i++) {
      if (done[i] || !cli_sweep_in_shard(i, part, parts)) continue;
      if (j++ % comm.size != (long)comm.rank) continue;
      msg[0] = (double)i;
      msg[2] = wall_now();
      {
        int r = bmd_sweep_point_run(&sw, i, threads, msg + HDR, &d);
        msg[1] = r;
        if (r != BMD_OK) point_failed(&sw, i, comm.rank, &d);
      }
      msg[3] = wall_now();
      if (comm.rank != 0) {
        cli_comm_send(&comm, msg, nmsg);
        continue;
      }
      if (commit(st, msg, &t) != 0) {
        rc = CLI_FAIL;
        break;
      }
      /* what the other ranks have sent meanwhile */
      while (received < expected && cli_comm_recv(&comm, msg, nmsg, 0)) {
        received++;
        if (commit(st, msg, &t) != 0) rc = CLI_FAIL;
      }
      cli_progress_rate(&prog, ndone, t.done_total, npoints);
    }
    if (comm.rank == 0) {
      while (received < expected && cli_comm_recv(&comm, msg, nmsg, 1)) {
        received++;
        if (commit(st, msg, &t) != 0) rc = CLI_FAIL;
        cli_progress_rate(&prog, ndone, t.done_total, npoints);
      }
      cli_progress_done(&prog);
    }
  }
  if (comm.rank == 0) {
    double el = cli_now() - t0;
    if (t.failed && rc == CLI_OK) rc = t.solver ? CLI_SOLVER : CLI_FAIL;
    if (json) {
      cJSON *j = cJSON_CreateObject();
      char *s;
      cJSON_AddStringToObject(j, "sweep", sw.name);
      cJSON_AddStringToObject(j, "analysis", bmd_sweep_analysis_name(sw.analysis));
      cJSON_AddStringToObject(j, "store", store_path);
      cJSON_AddStringToObject(j, "file_hash", hash);
      cJSON_AddNumberToObject(j, "points", (double)npoints);
      if (parts) {
        char sh[32];
        snprintf(sh, sizeof sh, "%d/%d", part, parts);
        cJSON_AddStringToObject(j, "shard", sh);
      }
      cJSON_AddNumberToObject(j, "sweep_points", (double)sw.npoints);
      cJSON_AddNumberToObject(j, "stored_before", (double)ndone);
      cJSON_AddNumberToObject(j, "computed", (double)t.stored);
      cJSON_AddNumberToObject(j, "failed", (double)t.failed);
      cJSON_AddNumberToObject(j, "done", (double)t.done_total);
      cJSON_AddNumberToObject(j, "ranks", comm.size);
      cJSON_AddNumberToObject(j, "threads", threads);
      cJSON_AddNumberToObject(j, "seconds", el);
      cJSON_AddNumberToObject(j, "points_per_s", el > 0.0 ? (double)t.stored / el : 0.0);
      s = cJSON_Print(j);
      cJSON_Delete(j);
      if (s) cli_print_json(s);
      free(s);
    } else {
      char sh[64] = "";
      if (parts) snprintf(sh, sizeof sh, " (shard %d/%d of %ld)", part, parts, sw.npoints);
      printf("sweep %s: %s at %ld points%s; %ld stored before, %ld computed now, %ld failed; %ld of %ld done\n",
             sw.name, bmd_sweep_analysis_name(sw.analysis), npoints, sh, ndone, t.stored, t.failed, t.done_total,
             npoints);
      printf("%d rank%s, %.2f s, %.2f points/s; store %s (bmdsim sweep --export csv --store %s)\n", comm.size,
             comm.size == 1 ? "" : "s", el, el > 0.0 ? (double)t.stored / el : 0.0, cli_safe(store_path),
             cli_safe(store_path));
    }
  }
out:
  free(done);
  free(msg);
  bmd_store_close(st);
  bmd_sweep_release(&sw);
  bmd_catalog_release(&cat);
  /* the exit code of rank 0 is the job's */
  cli_comm_bcast(&comm, &rc, sizeof rc);
  cli_comm_finalize(&comm);
  return rc;
}
