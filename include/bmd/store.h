/*
 * store.h - the result store of a sweep (sweep.h): one SQLite database file, the only
 * module that talks to SQLite.
 *
 * Schema (docs/sweep.md):
 *   sweep(id, file_hash, spec_json, npoints, created)         one row, id 1
 *   columns(sweep_id, kind, pos, name)                        kind 'parameter' | 'metric'
 *   points(sweep_id, idx, params_json, status, started, finished)
 *                                                             PRIMARY KEY(sweep_id, idx)
 *   params(sweep_id, idx, pos, value)                         parameter values as text
 *   metrics(sweep_id, idx, name, value)                       PRIMARY KEY(sweep_id, idx, name)
 *   shard(sweep_id, part, parts)                              one row in a shard's store:
 *                                                             part of parts (1-based); none
 *                                                             in a whole sweep's store
 * Every point is inserted as 'pending' when the sweep is created (one transaction); a
 * finished point becomes 'done' together with all its metrics in one transaction, so a
 * crash at any moment leaves each point either pending with no metrics or done with all
 * of them, and a point cannot be stored twice.
 *
 * Durability: journal_mode=WAL, synchronous=NORMAL: a committed point survives the process
 * being killed (SIGKILL); after an operating-system crash or power loss the last commits
 * may be rolled back, which leaves them pending (recomputed by a resumed sweep), never
 * half-written. One writer at a time (the CLI's rank 0); readers may run alongside.
 *
 * Reference: SQLite, "Write-Ahead Logging" (https://sqlite.org/wal.html) and "Atomic
 * Commit In SQLite" (https://sqlite.org/atomiccommit.html).
 */
#ifndef BMD_STORE_H
#define BMD_STORE_H

#include <stdint.h>
#include <stdio.h>

#include "diag.h"

#define BMD_STORE_MAX_COLUMNS 64

struct bmd_store; /* opaque: an open database */

struct bmd_store_sweep {
  char file_hash[32];   /* as given to bmd_store_sweep_begin */
  long npoints;
  long done;            /* points with status 'done' */
  int nparams, nmetrics;
};

enum bmd_store_format { BMD_STORE_CSV = 0, BMD_STORE_JSON };

/* bmd_store_open - open (creating if missing, when create is 1) the store at path and
   switch it to WAL. A new (empty) database gets the tables, bmdsim's application id and
   the layout version. An existing one is checked whole before anything is written into
   it: application id and version; every table, column, constraint and index exactly as
   bmdsim creates them (nothing added or dropped); and contents bmdsim could have written
   (one sweep row, contiguous columns, one row per point, one value per parameter and
   point, numeric metric values of known metrics, every done point with all its metrics
   and no pending point with any). Returns BMD_OK with *out set; BMD_EPARSE (d: one line
   saying what is wrong) for a path that is not a regular file, another SQLite database,
   another layout version or a damaged or tampered store; BMD_EIO (d: path and SQLite's
   message) when SQLite fails. Close with bmd_store_close. */
int bmd_store_open(struct bmd_store **out, const char *path, int create, struct bmd_diag *d);

/* bmd_store_close - accepts NULL. */
void bmd_store_close(struct bmd_store *s);

/* bmd_store_journal_mode - the database's journal mode ("wal") into buf[cap]. */
int bmd_store_journal_mode(struct bmd_store *s, char *buf, size_t cap);

/* bmd_store_sweep_get - the sweep held in the store: BMD_OK with *info filled, or
   BMD_ENOTFOUND when the store holds none, BMD_EIO on a database error. */
int bmd_store_sweep_get(struct bmd_store *s, struct bmd_store_sweep *info, struct bmd_diag *d);

/* Creating a sweep: bmd_store_sweep_begin, then bmd_store_sweep_add_point for idx 0 ..
   npoints-1 in order, then bmd_store_sweep_end; all in one transaction, so a store holds a
   whole sweep definition or none. bmd_store_sweep_abort rolls back. param_names[nparams]
   and metric_names[nmetrics] (<= BMD_STORE_MAX_COLUMNS each) name the columns.
   BMD_EINVAL if the store already holds a sweep; BMD_EIO on a database error. */
int bmd_store_sweep_begin(struct bmd_store *s, const char *file_hash, const char *spec_json, long npoints,
                          int nparams, const char *const *param_names, int nmetrics,
                          const char *const *metric_names, struct bmd_diag *d);
int bmd_store_sweep_add_point(struct bmd_store *s, long idx, const char *params_json,
                              const char *const *param_values, struct bmd_diag *d);
int bmd_store_sweep_end(struct bmd_store *s, struct bmd_diag *d);
void bmd_store_sweep_abort(struct bmd_store *s);

/* bmd_store_done_mask - done[idx] = 1 for every point stored as done, else 0
   (done[npoints]). */
int bmd_store_done_mask(struct bmd_store *s, unsigned char *done, long npoints, struct bmd_diag *d);

/* bmd_store_point_commit - mark point idx done with its metrics values[nmetrics] (in the
   order of the metric columns; NaN is stored as NULL) and its start and finish times
   (Unix s), in one transaction. BMD_EINVAL (nothing written) when idx is not a pending
   point of the sweep: unknown, or already done. BMD_EIO on a database error (rolled
   back). */
int bmd_store_point_commit(struct bmd_store *s, long idx, double started_s, double finished_s,
                           const double *values, struct bmd_diag *d);

/* Shards (docs/scaling.md, "Without MPI"): a shard's store holds part `part` of `parts`
   (1 <= part <= parts) of a sweep, the points idx with idx % parts == part - 1, in its own
   file, with the whole sweep's file hash, spec and npoints. bmd_store_shard_set, between
   bmd_store_sweep_begin and bmd_store_sweep_end, records it (the caller adds the shard's
   points only); bmd_store_shard_get gives *part and *parts, or 0 and 0 for a whole sweep's
   store. */
int bmd_store_shard_set(struct bmd_store *s, int part, int parts, struct bmd_diag *d);
int bmd_store_shard_get(struct bmd_store *s, int *part, int *parts, struct bmd_diag *d);

/* bmd_store_point_get - point idx as stored: BMD_OK with *done 1 and its start and finish
   times and metrics values[nmetrics] (NULL as NaN), or *done 0 (pending; the rest
   untouched); BMD_ENOTFOUND when the store has no point idx; BMD_EIO. */
int bmd_store_point_get(struct bmd_store *s, long idx, int *done, double *started_s,
                        double *finished_s, double *values, struct bmd_diag *d);

/* bmd_store_batch_begin, bmd_store_batch_end - the bmd_store_point_commit calls between
   them share one transaction (a merge of many points; each commit alone is one
   transaction): _end commits it when ok is 1 and rolls it back otherwise. BMD_EIO. */
int bmd_store_batch_begin(struct bmd_store *s, struct bmd_diag *d);
int bmd_store_batch_end(struct bmd_store *s, int ok, struct bmd_diag *d);

/* bmd_store_export - every point in index order, one CSV row (header: idx, status, the
   parameters, the metrics) or one JSON object ({"idx", "status", "parameters",
   "metrics"}) each; metrics of pending points are empty (CSV) or null (JSON). Numbers are
   written with the fewest digits that read back to the same double. Returns BMD_OK,
   BMD_ENOTFOUND (no sweep), BMD_EIO (database or write error). */
int bmd_store_export(struct bmd_store *s, FILE *fp, enum bmd_store_format format, struct bmd_diag *d);

#endif
