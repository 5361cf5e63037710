/* store.c - the SQLite result store of a sweep (store.h); the only file that includes
   sqlite3.h. */
#include <bmd/store.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>

#include <bmd/csv.h>
#include <bmd/outfile.h>
#include <bmd/status.h>

struct bmd_store {
  sqlite3 *db;
  char path[256];
  int nmetrics, nparams;
  char *metric[BMD_STORE_MAX_COLUMNS];   /* metric column names (owned) */
  sqlite3_stmt *add_point, *add_param;   /* during creation */
  sqlite3_stmt *mark_done, *add_metric;  /* commits */
  sqlite3_stmt *get_point, *get_metric;  /* bmd_store_point_get */
  int batch;                             /* inside bmd_store_batch_begin/_end */
};

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS sweep("
    "  id INTEGER PRIMARY KEY, file_hash TEXT NOT NULL, spec_json TEXT NOT NULL,"
    "  npoints INTEGER NOT NULL, created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE TABLE IF NOT EXISTS columns("
    "  sweep_id INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('parameter','metric')),"
    "  pos INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (sweep_id, kind, pos));"
    "CREATE TABLE IF NOT EXISTS points("
    "  sweep_id INTEGER NOT NULL, idx INTEGER NOT NULL, params_json TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done')),"
    "  started REAL, finished REAL, PRIMARY KEY (sweep_id, idx)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS params("
    "  sweep_id INTEGER NOT NULL, idx INTEGER NOT NULL, pos INTEGER NOT NULL, value TEXT NOT NULL,"
    "  PRIMARY KEY (sweep_id, idx, pos)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS metrics("
    "  sweep_id INTEGER NOT NULL, idx INTEGER NOT NULL, name TEXT NOT NULL, value REAL,"
    "  PRIMARY KEY (sweep_id, idx, name)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS shard("
    "  sweep_id INTEGER PRIMARY KEY, part INTEGER NOT NULL, parts INTEGER NOT NULL,"
    "  CHECK (parts >= 1 AND part >= 1 AND part <= parts));";

static int load_columns(struct bmd_store *s, struct bmd_diag *d);
static int db_error(struct bmd_store *s, struct bmd_diag *d, const char *what);

/* A store is marked as bmdsim's (PRAGMA application_id, "BMDs") and versioned (PRAGMA
   user_version): another SQLite file, or a store of another layout, is refused, never
   written into. */
#define STORE_APP_ID 0x424d4473
#define STORE_VERSION 1

/* one integer from a query; 0 with *ok = 0 on error */
static long long q_int(struct bmd_store *s, const char *sql, int *ok) {
  sqlite3_stmt *q = NULL;
  long long v = 0;
  if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
    v = sqlite3_column_int64(q, 0);
  else
    *ok = 0;
  sqlite3_finalize(q);
  return v;
}

/* the schema objects of db as one text, "type name tbl_name sql;" per object in name order
   (SQLite's own statistics tables left out: ANALYZE may add them) */
static char *schema_text(sqlite3 *db) {
  sqlite3_stmt *q = NULL;
  char *out = NULL;
  if (sqlite3_prepare_v2(db,
                         "SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' ' || ifnull(sql, ''), ';') "
                         "FROM (SELECT * FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name)",
                         -1, &q, NULL) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW) {
    const char *t = (const char *)sqlite3_column_text(q, 0);
    out = strdup(t ? t : "");
  }
  sqlite3_finalize(q);
  return out;
}

/* checks of a store that exists: the schema exactly as bmdsim creates it, and contents that
   bmdsim could have written (bmd_store_open) */
static const char *const content_checks[][2] = {
    {"SELECT count(*) FROM sweep WHERE id != 1 OR npoints < 1 OR length(file_hash) NOT BETWEEN 1 AND 31 "
     "OR typeof(npoints) != 'integer' OR NOT json_valid(spec_json)",
     "the sweep row is not one bmdsim writes"},
    {"SELECT count(*) FROM columns WHERE sweep_id != 1 OR typeof(pos) != 'integer' OR pos < 0 OR name = '' "
     "OR pos >= (SELECT count(*) FROM columns c WHERE c.kind = columns.kind)",
     "the column list has gaps or empty names"},
    {"SELECT count(*) - count(DISTINCT kind || ' ' || name) FROM columns", "the column list names a column twice"},
    {"SELECT count(*) FROM columns WHERE kind = 'metric'", NULL}, /* <= 64, below */
    {"SELECT count(*) FROM points WHERE sweep_id != 1 OR typeof(idx) != 'integer' OR idx < 0 "
     "OR idx >= (SELECT npoints FROM sweep WHERE id = 1) OR status NOT IN ('pending', 'done') "
     "OR NOT json_valid(params_json) OR (status = 'done' AND (typeof(started) != 'real' OR typeof(finished) != 'real'))",
     "a point has a bad index, status, parameter list or time"},
    /* a shard's store (bmd_store_shard_set) holds the points idx % parts == part - 1 only */
    {"SELECT count(*) FROM shard WHERE sweep_id != 1 OR typeof(part) != 'integer' OR typeof(parts) != 'integer' "
     "OR parts > (SELECT npoints FROM sweep WHERE id = 1)",
     "the shard row is not one bmdsim writes"},
    {"SELECT count(*) FROM points, shard WHERE points.idx % shard.parts != shard.part - 1",
     "a point lies outside the store's shard"},
    {"SELECT (SELECT count(*) FROM points) != ifnull((SELECT CASE WHEN (SELECT count(*) FROM shard) = 0 THEN npoints "
     "ELSE (npoints + (SELECT parts FROM shard) - (SELECT part FROM shard)) / (SELECT parts FROM shard) END "
     "FROM sweep WHERE id = 1), 0)",
     "the points are not one row per point of the sweep (or of its shard)"},
    {"SELECT count(*) FROM params WHERE sweep_id != 1 OR typeof(value) != 'text' OR pos < 0 "
     "OR pos >= (SELECT count(*) FROM columns WHERE kind = 'parameter') "
     "OR idx < 0 OR idx >= (SELECT npoints FROM sweep WHERE id = 1)",
     "a parameter value is not text, or belongs to no column or point"},
    {"SELECT (SELECT count(*) FROM params) != (SELECT count(*) FROM points) * "
     "(SELECT count(*) FROM columns WHERE kind = 'parameter')",
     "parameter values are missing"},
    {"SELECT count(*) FROM metrics WHERE sweep_id != 1 OR typeof(value) NOT IN ('real', 'null') "
     "OR name NOT IN (SELECT name FROM columns WHERE kind = 'metric') "
     "OR idx < 0 OR idx >= (SELECT npoints FROM sweep WHERE id = 1)",
     "a metric value is not a number, or belongs to no metric column or point"},
    /* every point done with all its metrics, every pending point with none (a look-up in
       the metrics' primary key per point) */
    {"SELECT count(*) FROM points p WHERE (SELECT count(*) FROM metrics m WHERE m.sweep_id = 1 AND m.idx = p.idx) "
     "!= CASE p.status WHEN 'done' THEN (SELECT count(*) FROM columns WHERE kind = 'metric') ELSE 0 END",
     "a point marked done lacks metrics, or a pending point has some"},
};

/* an existing store: refuse it (BMD_EPARSE, d says what is wrong) unless it is a bmdsim
   store of this version with intact contents */
static int check_store(struct bmd_store *s, struct bmd_diag *d) {
  sqlite3 *mem = NULL;
  char *want = NULL, *got = NULL;
  int ok = 1, st = BMD_OK;
  long long app = q_int(s, "PRAGMA application_id", &ok), ver = q_int(s, "PRAGMA user_version", &ok);
  if (!ok) return db_error(s, d, "not a bmdsim store");
  if (app != STORE_APP_ID) {
    bmd_diag_set(d, s->path, 0, 0, "not a bmdsim sweep store (another SQLite database); nothing was changed");
    return BMD_EPARSE;
  }
  if (ver != STORE_VERSION) {
    bmd_diag_set(d, s->path, 0, 0,
                 "a sweep store of another bmdsim version (layout %lld, this one reads %d); nothing was changed", ver,
                 STORE_VERSION);
    return BMD_EPARSE;
  }
  if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec(mem, schema, NULL, NULL, NULL) != SQLITE_OK || !(want = schema_text(mem)) ||
      !(got = schema_text(s->db))) {
    st = got || !want ? db_error(s, d, "reading the schema") : BMD_ENOMEM;
    goto done;
  }
  if (strcmp(want, got) != 0) {
    bmd_diag_set(d, s->path, 0, 0, "damaged sweep store: its tables are not the ones bmdsim made; nothing was changed");
    st = BMD_EPARSE;
    goto done;
  }
  for (size_t k = 0; k < sizeof content_checks / sizeof content_checks[0]; k++) {
    long long bad = q_int(s, content_checks[k][0], &ok);
    if (!ok) {
      st = db_error(s, d, "checking the store");
      goto done;
    }
    if (!content_checks[k][1] ? bad > BMD_STORE_MAX_COLUMNS : bad != 0) {
      bmd_diag_set(d, s->path, 0, 0, "damaged sweep store: %s; nothing was changed",
                   content_checks[k][1] ? content_checks[k][1] : "more than 64 metric columns");
      st = BMD_EPARSE;
      goto done;
    }
  }
done:
  free(want);
  free(got);
  sqlite3_close(mem);
  return st;
}

static int db_error(struct bmd_store *s, struct bmd_diag *d, const char *what) {
  bmd_diag_set(d, s->path, 0, 0, "%s: %s", what, sqlite3_errmsg(s->db));
  return BMD_EIO;
}

static void free_columns(struct bmd_store *s) {
  for (int i = 0; i < s->nmetrics; i++) free(s->metric[i]);
  s->nmetrics = s->nparams = 0;
}

void bmd_store_close(struct bmd_store *s) {
  if (!s) return;
  sqlite3_finalize(s->add_point);
  sqlite3_finalize(s->add_param);
  sqlite3_finalize(s->mark_done);
  sqlite3_finalize(s->add_metric);
  sqlite3_finalize(s->get_point);
  sqlite3_finalize(s->get_metric);
  free_columns(s);
  sqlite3_close(s->db);
  free(s);
}

int bmd_store_open(struct bmd_store **out, const char *path, int create, struct bmd_diag *d) {
  struct bmd_store *s;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), st = BMD_OK;
  struct stat sb;
  *out = NULL;
  /* a FIFO or a device would block SQLite or be written into: a store is a regular file */
  if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
    bmd_diag_set(d, path, 0, 0, "is %s, not a regular file", S_ISDIR(sb.st_mode) ? "a directory" : S_ISFIFO(sb.st_mode) ? "a FIFO (named pipe)" : "a device or socket");
    return BMD_EPARSE;
  }
  s = calloc(1, sizeof *s);
  if (!s) return BMD_ENOMEM;
  snprintf(s->path, sizeof s->path, "%s", path);
  if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
    if (!s->db) {
      free(s);
      return BMD_ENOMEM;
    }
    db_error(s, d, "cannot open");
    goto fail;
  }
  sqlite3_busy_timeout(s->db, 10000);
  {
    int ok = 1;
    long long nobj = q_int(s, "SELECT count(*) FROM sqlite_master", &ok);
    if (!ok) {
      db_error(s, d, "not a bmdsim store");
      goto fail;
    }
    if (nobj > 0) {
      /* an existing store: checked whole before anything is written into it */
      st = check_store(s, d);
      if (st != BMD_OK) goto fail;
    } else {
      /* a new store: marked, then the tables, in one transaction */
      char init[160];
      snprintf(init, sizeof init, "PRAGMA application_id = %d; PRAGMA user_version = %d;", STORE_APP_ID,
               STORE_VERSION);
      if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec(s->db, init, NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec(s->db, schema, NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        db_error(s, d, "cannot create the store");
        goto fail;
      }
    }
  }
  /* WAL: readers do not block the writer, and a commit is one append to the log */
  if (sqlite3_exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", NULL, NULL, NULL) != SQLITE_OK) {
    db_error(s, d, "not a bmdsim store");
    goto fail;
  }
  st = load_columns(s, d);
  if (st != BMD_OK) goto fail;
  *out = s;
  return BMD_OK;
fail:
  bmd_store_close(s);
  return st == BMD_OK ? BMD_EIO : st;
}

int bmd_store_journal_mode(struct bmd_store *s, char *buf, size_t cap) {
  sqlite3_stmt *q = NULL;
  int st = BMD_EIO;
  if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode", -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
    snprintf(buf, cap, "%s", (const char *)sqlite3_column_text(q, 0));
    st = BMD_OK;
  }
  sqlite3_finalize(q);
  return st;
}

static int load_columns(struct bmd_store *s, struct bmd_diag *d) {
  sqlite3_stmt *q = NULL;
  int rc;
  free_columns(s);
  if (sqlite3_prepare_v2(s->db, "SELECT kind, name FROM columns WHERE sweep_id = 1 ORDER BY kind, pos", -1, &q,
                         NULL) != SQLITE_OK)
    return db_error(s, d, "columns");
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    const char *kind = (const char *)sqlite3_column_text(q, 0);
    if (strcmp(kind, "parameter") == 0) s->nparams++;
    else if (s->nmetrics < BMD_STORE_MAX_COLUMNS) {
      s->metric[s->nmetrics] = strdup((const char *)sqlite3_column_text(q, 1));
      if (!s->metric[s->nmetrics]) {
        sqlite3_finalize(q);
        return BMD_ENOMEM;
      }
      s->nmetrics++;
    }
  }
  sqlite3_finalize(q);
  return rc == SQLITE_DONE ? BMD_OK : db_error(s, d, "columns");
}

int bmd_store_sweep_get(struct bmd_store *s, struct bmd_store_sweep *info, struct bmd_diag *d) {
  sqlite3_stmt *q = NULL;
  int rc, st;
  memset(info, 0, sizeof *info);
  if (sqlite3_prepare_v2(s->db,
                         "SELECT file_hash, npoints, (SELECT count(*) FROM points WHERE sweep_id = 1 AND "
                         "status = 'done') FROM sweep WHERE id = 1",
                         -1, &q, NULL) != SQLITE_OK)
    return db_error(s, d, "reading the sweep");
  rc = sqlite3_step(q);
  if (rc == SQLITE_DONE) {
    sqlite3_finalize(q);
    bmd_diag_set(d, s->path, 0, 0, "the store holds no sweep");
    return BMD_ENOTFOUND;
  }
  if (rc != SQLITE_ROW) {
    sqlite3_finalize(q);
    return db_error(s, d, "reading the sweep");
  }
  snprintf(info->file_hash, sizeof info->file_hash, "%s", (const char *)sqlite3_column_text(q, 0));
  info->npoints = (long)sqlite3_column_int64(q, 1);
  info->done = (long)sqlite3_column_int64(q, 2);
  sqlite3_finalize(q);
  st = load_columns(s, d);
  info->nparams = s->nparams;
  info->nmetrics = s->nmetrics;
  return st;
}

int bmd_store_sweep_begin(struct bmd_store *s, const char *file_hash, const char *spec_json, long npoints,
                          int nparams, const char *const *param_names, int nmetrics,
                          const char *const *metric_names, struct bmd_diag *d) {
  sqlite3_stmt *q = NULL;
  struct bmd_store_sweep info;
  int st;
  if (nparams < 0 || nparams > BMD_STORE_MAX_COLUMNS || nmetrics < 0 || nmetrics > BMD_STORE_MAX_COLUMNS ||
      npoints < 1) {
    bmd_diag_set(d, s->path, 0, 0, "bad sweep shape");
    return BMD_EINVAL;
  }
  if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) return db_error(s, d, "begin");
  st = bmd_store_sweep_get(s, &info, d);
  if (st != BMD_ENOTFOUND) {
    if (st == BMD_OK) {
      bmd_diag_set(d, s->path, 0, 0, "the store already holds a sweep (file hash %s)", info.file_hash);
      st = BMD_EINVAL;
    }
    goto fail;
  }
  st = BMD_EIO;
  if (sqlite3_prepare_v2(s->db, "INSERT INTO sweep(id, file_hash, spec_json, npoints) VALUES (1, ?, ?, ?)", -1, &q,
                         NULL) != SQLITE_OK)
    goto dberr;
  sqlite3_bind_text(q, 1, file_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q, 2, spec_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(q, 3, npoints);
  if (sqlite3_step(q) != SQLITE_DONE) goto dberr;
  sqlite3_finalize(q);
  q = NULL;
  if (sqlite3_prepare_v2(s->db, "INSERT INTO columns(sweep_id, kind, pos, name) VALUES (1, ?, ?, ?)", -1, &q, NULL) !=
      SQLITE_OK)
    goto dberr;
  for (int k = 0; k < nparams + nmetrics; k++) {
    int metric = k >= nparams;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, metric ? "metric" : "parameter", -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, metric ? k - nparams : k);
    sqlite3_bind_text(q, 3, metric ? metric_names[k - nparams] : param_names[k], -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) != SQLITE_DONE) goto dberr;
  }
  sqlite3_finalize(q);
  q = NULL;
  if (sqlite3_prepare_v2(s->db, "INSERT INTO points(sweep_id, idx, params_json) VALUES (1, ?, ?)", -1, &s->add_point,
                         NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db, "INSERT INTO params(sweep_id, idx, pos, value) VALUES (1, ?, ?, ?)", -1,
                         &s->add_param, NULL) != SQLITE_OK)
    goto dberr;
  st = load_columns(s, d);
  if (st != BMD_OK) goto fail;
  return BMD_OK;
dberr:
  db_error(s, d, "creating the sweep");
fail:
  sqlite3_finalize(q);
  bmd_store_sweep_abort(s);
  return st;
}

int bmd_store_sweep_add_point(struct bmd_store *s, long idx, const char *params_json,
                              const char *const *param_values, struct bmd_diag *d) {
  sqlite3_reset(s->add_point);
  sqlite3_bind_int64(s->add_point, 1, idx);
  sqlite3_bind_text(s->add_point, 2, params_json, -1, SQLITE_TRANSIENT);
  if (sqlite3_step(s->add_point) != SQLITE_DONE) return db_error(s, d, "adding a point");
  for (int p = 0; p < s->nparams; p++) {
    sqlite3_reset(s->add_param);
    sqlite3_bind_int64(s->add_param, 1, idx);
    sqlite3_bind_int(s->add_param, 2, p);
    sqlite3_bind_text(s->add_param, 3, param_values[p], -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s->add_param) != SQLITE_DONE) return db_error(s, d, "adding a point");
  }
  return BMD_OK;
}

static void end_creation(struct bmd_store *s) {
  sqlite3_finalize(s->add_point);
  sqlite3_finalize(s->add_param);
  s->add_point = s->add_param = NULL;
}

int bmd_store_sweep_end(struct bmd_store *s, struct bmd_diag *d) {
  end_creation(s);
  if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    db_error(s, d, "creating the sweep");
    bmd_store_sweep_abort(s);
    return BMD_EIO;
  }
  return BMD_OK;
}

void bmd_store_sweep_abort(struct bmd_store *s) {
  end_creation(s);
  if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  /* back to the columns of what is committed (none, or a sweep created before) */
  if (load_columns(s, NULL) != BMD_OK) free_columns(s);
}

int bmd_store_done_mask(struct bmd_store *s, unsigned char *done, long npoints, struct bmd_diag *d) {
  sqlite3_stmt *q = NULL;
  int rc;
  memset(done, 0, (size_t)npoints);
  if (sqlite3_prepare_v2(s->db, "SELECT idx FROM points WHERE sweep_id = 1 AND status = 'done'", -1, &q, NULL) !=
      SQLITE_OK)
    return db_error(s, d, "reading points");
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    sqlite3_int64 i = sqlite3_column_int64(q, 0);
    if (i >= 0 && i < npoints) done[i] = 1;
  }
  sqlite3_finalize(q);
  return rc == SQLITE_DONE ? BMD_OK : db_error(s, d, "reading points");
}

/* undo the point being committed: its own transaction, or its savepoint in a batch */
static void point_rollback(struct bmd_store *s) {
  if (s->batch) sqlite3_exec(s->db, "ROLLBACK TO point; RELEASE point", NULL, NULL, NULL);
  else sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int bmd_store_point_commit(struct bmd_store *s, long idx, double started_s, double finished_s,
                           const double *values, struct bmd_diag *d) {
  if (!s->mark_done &&
      (sqlite3_prepare_v2(s->db,
                          "UPDATE points SET status = 'done', started = ?, finished = ? "
                          "WHERE sweep_id = 1 AND idx = ? AND status = 'pending'",
                          -1, &s->mark_done, NULL) != SQLITE_OK ||
       sqlite3_prepare_v2(s->db, "INSERT INTO metrics(sweep_id, idx, name, value) VALUES (1, ?, ?, ?)", -1,
                          &s->add_metric, NULL) != SQLITE_OK))
    return db_error(s, d, "preparing the commit");
  if (!s->batch && sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return db_error(s, d, "begin");
  if (s->batch) sqlite3_exec(s->db, "SAVEPOINT point", NULL, NULL, NULL);
  sqlite3_reset(s->mark_done);
  sqlite3_bind_double(s->mark_done, 1, started_s);
  sqlite3_bind_double(s->mark_done, 2, finished_s);
  sqlite3_bind_int64(s->mark_done, 3, idx);
  if (sqlite3_step(s->mark_done) != SQLITE_DONE) goto dberr;
  if (sqlite3_changes(s->db) != 1) {
    point_rollback(s);
    bmd_diag_set(d, s->path, 0, 0, "point %ld is not pending (unknown, or stored already)", idx);
    return BMD_EINVAL;
  }
  for (int m = 0; m < s->nmetrics; m++) {
    sqlite3_reset(s->add_metric);
    sqlite3_bind_int64(s->add_metric, 1, idx);
    sqlite3_bind_text(s->add_metric, 2, s->metric[m], -1, SQLITE_STATIC);
    if (isnan(values[m])) sqlite3_bind_null(s->add_metric, 3);
    else sqlite3_bind_double(s->add_metric, 3, values[m]);
    if (sqlite3_step(s->add_metric) != SQLITE_DONE) goto dberr;
  }
  if (s->batch) sqlite3_exec(s->db, "RELEASE point", NULL, NULL, NULL);
  else if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) goto dberr;
  return BMD_OK;
dberr:
  db_error(s, d, "storing a point");
  point_rollback(s);
  return BMD_EIO;
}

int bmd_store_batch_begin(struct bmd_store *s, struct bmd_diag *d) {
  if (s->batch || sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return db_error(s, d, "begin");
  s->batch = 1;
  return BMD_OK;
}

int bmd_store_batch_end(struct bmd_store *s, int ok, struct bmd_diag *d) {
  int st = BMD_OK;
  if (!s->batch) return ok ? BMD_OK : BMD_EIO;
  s->batch = 0;
  if (ok && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) st = db_error(s, d, "commit");
  if (!ok || st != BMD_OK) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return ok ? st : BMD_EIO;
}

/* ---- shards, reading points back ---- */

int bmd_store_shard_set(struct bmd_store *s, int part, int parts, struct bmd_diag *d) {
  sqlite3_stmt *q = NULL;
  int ok;
  if (parts < 1 || part < 1 || part > parts) {
    bmd_diag_set(d, s->path, 0, 0, "bad shard %d/%d", part, parts);
    return BMD_EINVAL;
  }
  ok = sqlite3_prepare_v2(s->db, "INSERT INTO shard(sweep_id, part, parts) VALUES (1, ?, ?)", -1, &q, NULL) ==
       SQLITE_OK;
  if (ok) {
    sqlite3_bind_int(q, 1, part);
    sqlite3_bind_int(q, 2, parts);
    ok = sqlite3_step(q) == SQLITE_DONE;
  }
  sqlite3_finalize(q);
  return ok ? BMD_OK : db_error(s, d, "recording the shard");
}

int bmd_store_shard_get(struct bmd_store *s, int *part, int *parts, struct bmd_diag *d) {
  sqlite3_stmt *q = NULL;
  int rc;
  *part = *parts = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT part, parts FROM shard WHERE sweep_id = 1", -1, &q, NULL) != SQLITE_OK)
    return db_error(s, d, "reading the shard");
  rc = sqlite3_step(q);
  if (rc == SQLITE_ROW) {
    *part = sqlite3_column_int(q, 0);
    *parts = sqlite3_column_int(q, 1);
  }
  sqlite3_finalize(q);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? BMD_OK : db_error(s, d, "reading the shard");
}

int bmd_store_point_get(struct bmd_store *s, long idx, int *done, double *started_s,
                        double *finished_s, double *values, struct bmd_diag *d) {
  int rc;
  if ((!s->get_point &&
       sqlite3_prepare_v2(s->db, "SELECT status, started, finished FROM points WHERE sweep_id = 1 AND idx = ?", -1,
                          &s->get_point, NULL) != SQLITE_OK) ||
      (!s->get_metric &&
       sqlite3_prepare_v2(s->db, "SELECT value FROM metrics WHERE sweep_id = 1 AND idx = ? AND name = ?", -1,
                          &s->get_metric, NULL) != SQLITE_OK))
    return db_error(s, d, "reading a point");
  sqlite3_reset(s->get_point);
  sqlite3_bind_int64(s->get_point, 1, idx);
  rc = sqlite3_step(s->get_point);
  if (rc == SQLITE_DONE) {
    bmd_diag_set(d, s->path, 0, 0, "no point %ld", idx);
    return BMD_ENOTFOUND;
  }
  if (rc != SQLITE_ROW) return db_error(s, d, "reading a point");
  *done = strcmp((const char *)sqlite3_column_text(s->get_point, 0), "done") == 0;
  if (!*done) return BMD_OK;
  *started_s = sqlite3_column_double(s->get_point, 1);
  *finished_s = sqlite3_column_double(s->get_point, 2);
  for (int m = 0; m < s->nmetrics; m++) {
    sqlite3_reset(s->get_metric);
    sqlite3_bind_int64(s->get_metric, 1, idx);
    sqlite3_bind_text(s->get_metric, 2, s->metric[m], -1, SQLITE_STATIC);
    rc = sqlite3_step(s->get_metric);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return db_error(s, d, "reading a point");
    values[m] = rc == SQLITE_ROW && sqlite3_column_type(s->get_metric, 0) != SQLITE_NULL
                    ? sqlite3_column_double(s->get_metric, 0) : (double)NAN;
  }
  return BMD_OK;
}

/* ---- export ---- */

/* the shortest of %.15g, %.16g, %.17g that reads back to v */
static void fmt_num(char *buf, size_t cap, double v) {
  for (int p = 15; p <= 17; p++) {
    snprintf(buf, cap, "%.*g", p, v);
    if (strtod(buf, NULL) == v) return;
  }
}

/* one JSON row: {"idx":..,"status":..,"parameters":{..},"metrics":{..}} through cJSON (the
   parameters are the stored JSON text, parsed; metric values are raw numbers in the
   shortest text that reads back exactly, which cJSON's own printing does not promise) */
static cJSON *json_row(long long idx, const char *status, const char *params) {
  cJSON *o = cJSON_CreateObject(), *p = params ? cJSON_Parse(params) : NULL;
  if (!o) {
    cJSON_Delete(p);
    return NULL;
  }
  cJSON_AddItemToObject(o, "idx", cJSON_CreateNumber((double)idx));
  cJSON_AddStringToObject(o, "status", status ? status : "");
  /* the stored text as it is when it is a JSON object (its numbers keep their digits),
     else an empty object (a store edited by hand) */
  cJSON_AddItemToObject(o, "parameters", cJSON_IsObject(p) ? cJSON_CreateRaw(params) : cJSON_CreateObject());
  cJSON_Delete(p);
  return o;
}

int bmd_store_export(struct bmd_store *s, FILE *fp, enum bmd_store_format format, struct bmd_diag *d) {
  struct bmd_store_sweep info;
  sqlite3_stmt *pts = NULL, *par = NULL, *met = NULL, *names = NULL;
  char *pname[BMD_STORE_MAX_COLUMNS] = {0};
  int st = bmd_store_sweep_get(s, &info, d), rc, first = 1, werr = 0;
  struct bmd_csv *w = NULL;
  if (st != BMD_OK) return st;
  /* one read transaction: a consistent snapshot even while a sweep is writing */
  if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) return db_error(s, d, "export");
  st = BMD_EIO;
  if (sqlite3_prepare_v2(s->db, "SELECT name FROM columns WHERE sweep_id = 1 AND kind = 'parameter' ORDER BY pos", -1,
                         &names, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db, "SELECT idx, status, params_json FROM points WHERE sweep_id = 1 ORDER BY idx", -1, &pts,
                         NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db, "SELECT value FROM params WHERE sweep_id = 1 AND idx = ? ORDER BY pos", -1, &par,
                         NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db, "SELECT value FROM metrics WHERE sweep_id = 1 AND idx = ? AND name = ?", -1, &met,
                         NULL) != SQLITE_OK)
    goto dberr;
  for (int p = 0; p < info.nparams && sqlite3_step(names) == SQLITE_ROW; p++) {
    pname[p] = strdup((const char *)sqlite3_column_text(names, 0));
    if (!pname[p]) {
      st = BMD_ENOMEM;
      goto fail;
    }
  }
  if (format == BMD_STORE_CSV) {
    if (!(w = malloc(sizeof *w))) {
      st = BMD_ENOMEM;
      goto fail;
    }
    bmd_csv_init(w, fp);
    bmd_csv_text(w, "idx");
    bmd_csv_text(w, "status");
    for (int p = 0; p < info.nparams; p++) bmd_csv_text(w, pname[p] ? pname[p] : "");
    for (int m = 0; m < s->nmetrics; m++) bmd_csv_text(w, s->metric[m]);
    bmd_csv_end(w);
  } else {
    if (fputs("[", fp) < 0) werr = errno ? errno : EIO;
  }
  while ((rc = sqlite3_step(pts)) == SQLITE_ROW) {
    sqlite3_int64 idx = sqlite3_column_int64(pts, 0);
    const char *status = (const char *)sqlite3_column_text(pts, 1);
    cJSON *row = NULL, *mets = NULL;
    char num[40];
    if (format == BMD_STORE_CSV) {
      bmd_csv_int(w, (long)idx);
      bmd_csv_text(w, status);
      sqlite3_reset(par);
      sqlite3_bind_int64(par, 1, idx);
      while (sqlite3_step(par) == SQLITE_ROW) bmd_csv_text(w, (const char *)sqlite3_column_text(par, 0));
    } else {
      row = json_row((long long)idx, status, (const char *)sqlite3_column_text(pts, 2));
      mets = row ? cJSON_AddObjectToObject(row, "metrics") : NULL;
      if (!mets) {
        cJSON_Delete(row);
        st = BMD_ENOMEM;
        goto fail;
      }
    }
    for (int m = 0; m < s->nmetrics; m++) {
      int have;
      sqlite3_reset(met);
      sqlite3_bind_int64(met, 1, idx);
      sqlite3_bind_text(met, 2, s->metric[m], -1, SQLITE_STATIC);
      have = sqlite3_step(met) == SQLITE_ROW && sqlite3_column_type(met, 0) != SQLITE_NULL;
      if (format == BMD_STORE_CSV) {
        if (have) bmd_csv_real(w, sqlite3_column_double(met, 0));
        else bmd_csv_empty(w);
      } else {
        if (have) fmt_num(num, sizeof num, sqlite3_column_double(met, 0));
        cJSON_AddItemToObject(mets, s->metric[m], have ? cJSON_CreateRaw(num) : cJSON_CreateNull());
      }
    }
    if (format == BMD_STORE_CSV) {
      bmd_csv_end(w);
    } else {
      char *txt = cJSON_PrintUnformatted(row);
      cJSON_Delete(row);
      if (!txt) {
        st = BMD_ENOMEM;
        goto fail;
      }
      errno = 0;
      if (!werr && (fputs(first ? "\n" : ",\n", fp) < 0 || fputs(txt, fp) < 0)) werr = errno ? errno : EIO;
      free(txt);
    }
    first = 0;
  }
  if (rc != SQLITE_DONE) goto dberr;
  errno = 0;
  if (format == BMD_STORE_JSON && !werr && (fputs("\n]\n", fp) < 0 || fflush(fp) != 0)) werr = errno ? errno : EIO;
  if (format == BMD_STORE_CSV && bmd_csv_finish(w) != 0) werr = errno;
  st = werr || ferror(fp) ? BMD_EIO : BMD_OK;
  if (st != BMD_OK) {
    char r[96];
    bmd_diag_set(d, "", 0, 0, "write error: %s", bmd_outfile_reason(werr ? werr : EIO, r, sizeof r));
    errno = werr ? werr : EIO;
  }
  goto fail;
dberr:
  db_error(s, d, "export");
fail:
  {
    int e = errno;   /* a write error's cause, for the caller */
    free(w);
    for (int p = 0; p < BMD_STORE_MAX_COLUMNS; p++) free(pname[p]);
    sqlite3_finalize(names);
    sqlite3_finalize(pts);
    sqlite3_finalize(par);
    sqlite3_finalize(met);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    errno = e;
  }
  return st;
}
