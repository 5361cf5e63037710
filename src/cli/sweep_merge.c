/* sweep_merge.c - bmdsim sweep FILE --merge --store OUT IN...: the stores of a sweep's
   shards (or any stores of the same sweep) joined into one new store (docs/scaling.md,
   "Without MPI").

   The new store is created from the sweep file exactly as a one-process run creates it
   (cli_sweep_open_store: the sweep row, the columns, every point pending with its
   parameters), then each point done in one of the inputs is committed into it with that
   input's start and finish times and metrics, in index order, in one transaction. So its
   tables hold what a one-process run's hold, row for row, except the times (the sweep's
   `created`, each point's `started` and `finished`), and its --export csv and json are
   byte-identical to that run's. It is written under a temporary name and renamed into
   place when complete: OUT appears whole or not at all. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include <bmd/catalog.h>
#include <bmd/status.h>
#include <bmd/store.h>
#include <bmd/sweep.h>

#include "cli.h"

struct input {
  const char *path;
  struct bmd_store *st;
  int part, parts;
  long done;
};

/* the same file as path b (device and inode), both existing */
static int same_file(const char *a, const char *b) {
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static void remove_db(const char *path) {
  char p[4200];
  unlink(path);
  snprintf(p, sizeof p, "%s-wal", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", path);
  unlink(p);
  snprintf(p, sizeof p, "%s-journal", path);
  unlink(p);
}

/* open and check every input against the sweep (hash, shape, shards); exit code */
static int open_inputs(const struct bmd_sweep *sw, const char *hash, const char *out, struct input *in, int n) {
  struct bmd_diag d;
  for (int k = 0; k < n; k++) {
    struct bmd_store_sweep info;
    struct stat sb;
    int r;
    if (stat(in[k].path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
      cli_error("%s: no such store", cli_safe(in[k].path));
      return CLI_USAGE;
    }
    if (same_file(in[k].path, out) || cli_out_same(in[k].path, out)) {
      cli_error("%s: an input of --merge cannot be its output (--store)", cli_safe(in[k].path));
      return CLI_USAGE;
    }
    for (int j = 0; j < k; j++)
      if (same_file(in[k].path, in[j].path)) {
        cli_error("%s: given twice to --merge (as %s too)", cli_safe(in[k].path), cli_safe(in[j].path));
        return CLI_USAGE;
      }
    if (bmd_store_open(&in[k].st, in[k].path, 0, &d) != BMD_OK) {
      cli_diag(&d);
      return CLI_USAGE;
    }
    r = bmd_store_sweep_get(in[k].st, &info, &d);
    if (r == BMD_ENOTFOUND) {
      cli_error("%s: the store holds no sweep", cli_safe(in[k].path));
      return CLI_USAGE;
    }
    if (r != BMD_OK) {
      cli_diag(&d);
      return CLI_FAIL;
    }
    if (strcmp(info.file_hash, hash) != 0) {
      cli_error("%s: the store holds another sweep (file hash %s, not %s of %s)", cli_safe(in[k].path),
                info.file_hash, hash, cli_safe(sw->file));
      return CLI_USAGE;
    }
    if (info.npoints != sw->npoints || info.nmetrics != sw->nmetrics || info.nparams != sw->nparams) {
      cli_error("%s: the store's sweep has another shape than %s", cli_safe(in[k].path), cli_safe(sw->file));
      return CLI_USAGE;
    }
    in[k].done = info.done;
    if (bmd_store_shard_get(in[k].st, &in[k].part, &in[k].parts, &d) != BMD_OK) {
      cli_diag(&d);
      return CLI_FAIL;
    }
    for (int j = 0; j < k; j++)
      if (in[k].parts > 0 && in[j].parts == in[k].parts && in[j].part == in[k].part) {
        cli_error("%s and %s are both shard %d/%d of the sweep", cli_safe(in[j].path), cli_safe(in[k].path),
                  in[k].part, in[k].parts);
        return CLI_USAGE;
      }
  }
  return CLI_OK;
}

/* owner[idx]: the input where point idx is done, or -1; exit code (overlaps refused) */
static int find_owners(const struct bmd_sweep *sw, struct input *in, int n, int *owner, unsigned char *mask) {
  struct bmd_diag d;
  for (long i = 0; i < sw->npoints; i++) owner[i] = -1;
  for (int k = 0; k < n; k++) {
    if (bmd_store_done_mask(in[k].st, mask, sw->npoints, &d) != BMD_OK) {
      cli_diag(&d);
      return CLI_FAIL;
    }
    for (long i = 0; i < sw->npoints; i++) {
      if (!mask[i]) continue;
      if (owner[i] >= 0) {
        cli_error("point %ld is done in both %s and %s: the stores overlap", i, cli_safe(in[owner[i]].path),
                  cli_safe(in[k].path));
        return CLI_USAGE;
      }
      owner[i] = k;
    }
  }
  return CLI_OK;
}

/* the shards of the sweep that hold no store among the inputs, as "2/3, 3/3" into buf
   when every input is a shard of one N, else "" */
static void missing_shards(const struct input *in, int n, char *buf, size_t cap) {
  int parts = in[0].parts;
  size_t len = 0;
  buf[0] = '\0';
  for (int k = 0; k < n; k++)
    if (in[k].parts == 0 || in[k].parts != parts) return;
  for (int p = 1; p <= parts && len + 24 < cap; p++) {
    int have = 0;
    for (int k = 0; k < n; k++) have |= in[k].part == p;
    if (!have) len += (size_t)snprintf(buf + len, cap - len, "%s%d/%d", len ? ", " : "", p, parts);
  }
}

static int write_merged(const struct bmd_sweep *sw, const char *hash, const char *tmp, struct input *in,
                        const int *owner, unsigned char *done, long *merged) {
  struct bmd_store *st = NULL;
  struct bmd_diag d;
  double *values = calloc((size_t)sw->nmetrics + 1, sizeof *values);
  long ndone = 0;
  int code, ok = 1;
  *merged = 0;
  if (!values) {
    cli_error("out of memory");
    return CLI_FAIL;
  }
  code = cli_sweep_open_store(sw, tmp, 0, hash, 0, 0, &st, done, &ndone);
  if (code == CLI_OK && bmd_store_batch_begin(st, &d) != BMD_OK) {
    cli_diag(&d);
    code = CLI_FAIL;
  }
  for (long i = 0; code == CLI_OK && ok && i < sw->npoints; i++) {
    double started = 0.0, finished = 0.0;
    int dn = 0;
    if (owner[i] < 0) continue;
    if (bmd_store_point_get(in[owner[i]].st, i, &dn, &started, &finished, values, &d) != BMD_OK) {
      cli_diag(&d);
      ok = 0;
    } else if (!dn) {
      cli_error("%s: point %ld is no longer done (the store changed while merging)", cli_safe(in[owner[i]].path), i);
      ok = 0;
    } else if (bmd_store_point_commit(st, i, started, finished, values, &d) != BMD_OK) {
      cli_diag(&d);
      ok = 0;
    } else {
      (*merged)++;
    }
  }
  if (code == CLI_OK && bmd_store_batch_end(st, ok, &d) != BMD_OK) {
    if (ok) cli_diag(&d);
    code = CLI_FAIL;
  }
  bmd_store_close(st);
  free(values);
  return code;
}

int cli_sweep_merge(const char *file, const char *data, const char *out, int n, char *const *inpaths, int allow_partial,
                    int json) {
  struct bmd_catalog cat;
  struct bmd_sweep sw;
  struct bmd_diag d;
  struct input *in = NULL;
  int *owner = NULL, code = CLI_OK, r;
  unsigned char *mask = NULL;
  long missing = 0, first_missing = -1, merged = 0;
  char hash[32], tmp[4200];
  struct stat sb;

  memset(&sw, 0, sizeof sw);
  memset(&cat, 0, sizeof cat);
  tmp[0] = '\0';
  if (stat(out, &sb) == 0) {
    cli_error("%s: exists; --merge writes a new store (remove it or name another --store)", cli_safe(out));
    return CLI_USAGE;
  }
  if (cli_file_check(out) != 0) return CLI_USAGE;
  if (cli_load_catalog(data, &cat) != 0) return CLI_USAGE;
  if ((r = bmd_sweep_load_file(&sw, file, &cat, &d)) != BMD_OK) {
    cli_diag(&d);
    bmd_catalog_release(&cat);
    return r == BMD_ENOMEM ? CLI_FAIL : CLI_USAGE;
  }
  snprintf(hash, sizeof hash, "%016llx", (unsigned long long)sw.hash);
  in = calloc((size_t)n, sizeof *in);
  owner = malloc((size_t)sw.npoints * sizeof *owner);
  mask = malloc((size_t)sw.npoints);
  if (!in || !owner || !mask) {
    cli_error("out of memory");
    code = CLI_FAIL;
    goto out;
  }
  for (int k = 0; k < n; k++) in[k].path = inpaths[k];
  code = open_inputs(&sw, hash, out, in, n);
  if (code == CLI_OK) code = find_owners(&sw, in, n, owner, mask);
  if (code != CLI_OK) goto out;
  for (long i = 0; i < sw.npoints; i++)
    if (owner[i] < 0 && missing++ == 0) first_missing = i;
  if (missing > 0 && !allow_partial) {
    char ms[256];
    missing_shards(in, n, ms, sizeof ms);
    if (ms[0])
      cli_error("%ld of %ld points are done in none of the stores (shard%s %s missing; the first point: %ld); give "
                "the missing stores, or --allow-partial to merge what is there",
                missing, sw.npoints, strchr(ms, ',') ? "s" : "", ms, first_missing);
    else
      cli_error("%ld of %ld points are done in none of the stores (the first: point %ld); give the missing stores, "
                "or --allow-partial to merge what is there",
                missing, sw.npoints, first_missing);
    code = CLI_USAGE;
    goto out;
  }
  snprintf(tmp, sizeof tmp, "%s.tmp-merge-%ld", out, (long)getpid());
  remove_db(tmp);
  code = write_merged(&sw, hash, tmp, in, owner, mask, &merged);
  if (code == CLI_OK && rename(tmp, out) != 0) {
    cli_error("%s: cannot create: %s", cli_safe(out), strerror(errno));
    code = CLI_FAIL;
  }
  if (code == CLI_OK) {
    tmp[0] = '\0';
    if (json) {
      cJSON *j = cJSON_CreateObject(), *a = cJSON_CreateArray();
      char *s;
      cJSON_AddStringToObject(j, "sweep", sw.name);
      cJSON_AddStringToObject(j, "store", out);
      cJSON_AddStringToObject(j, "file_hash", hash);
      cJSON_AddNumberToObject(j, "points", (double)sw.npoints);
      cJSON_AddNumberToObject(j, "done", (double)merged);
      cJSON_AddNumberToObject(j, "pending", (double)missing);
      for (int k = 0; k < n; k++) {
        cJSON *o = cJSON_CreateObject();
        char sh[32] = "";
        cJSON_AddStringToObject(o, "store", in[k].path);
        if (in[k].parts) snprintf(sh, sizeof sh, "%d/%d", in[k].part, in[k].parts);
        cJSON_AddStringToObject(o, "shard", sh);
        cJSON_AddNumberToObject(o, "done", (double)in[k].done);
        cJSON_AddItemToArray(a, o);
      }
      cJSON_AddItemToObject(j, "inputs", a);
      s = cJSON_Print(j);
      cJSON_Delete(j);
      if (s) cli_print_json(s);
      free(s);
    } else {
      printf("sweep %s: merged %d store%s into %s; %ld of %ld points done, %ld pending\n", sw.name, n,
             n == 1 ? "" : "s", cli_safe(out), merged, sw.npoints, missing);
    }
  }
out:
  if (tmp[0]) remove_db(tmp);
  for (int k = 0; in && k < n; k++) bmd_store_close(in[k].st);
  free(in);
  free(owner);
  free(mask);
  bmd_sweep_release(&sw);
  bmd_catalog_release(&cat);
  return code;
}
