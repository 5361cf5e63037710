/*
 * test_store.c - the sweep result store (store.h):
 *  - the database is in WAL mode; a new store holds no sweep; a second sweep is refused;
 *  - a point is committed once: a duplicate or unknown point is refused and changes
 *    nothing; NaN metrics come back as empty (CSV) / null (JSON);
 *  - the export, byte for byte, for a small sweep; the state survives reopening (resume);
 *  - crash atomicity: a child process committing points is killed with SIGKILL at
 *    several moments; after each kill every point is either pending with no metric or done
 *    with all of them, and resuming from the done mask completes the sweep with each
 *    point stored exactly once;
 *  - shards and merging: a store records its shard (a whole sweep's none); a point reads
 *    back as committed (times, metrics, NaN); point commits inside a batch are one
 *    transaction: a refused point inside it changes nothing else, and ending the batch
 *    with ok 0 rolls back every point of it.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bmd/status.h>
#include <bmd/store.h>

#include "check.h"

#define NPT 3000
#define NMET 12

static char dir[64], path[128];

static char *export_str(struct bmd_store *s, enum bmd_store_format f) {
  char *buf = NULL;
  size_t n = 0;
  FILE *fp = open_memstream(&buf, &n);
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_store_export(s, fp, f, &d), BMD_OK);
  fclose(fp);
  return buf;
}

static int create(struct bmd_store *s, long npoints, int nmetrics) {
  static const char *const pn[2] = {"a", "b"};
  const char *mn[NMET];
  char names[NMET][8];
  struct bmd_diag d;
  for (int m = 0; m < nmetrics; m++) {
    snprintf(names[m], sizeof names[m], "m%d", m);
    mn[m] = names[m];
  }
  if (bmd_store_sweep_begin(s, "00ff", "{}", npoints, 2, pn, nmetrics, mn, &d) != BMD_OK) return -1;
  for (long i = 0; i < npoints; i++) {
    char js[64], a[16], b[16];
    const char *pv[2] = {a, b};
    snprintf(a, sizeof a, "%ld", i / 2);
    snprintf(b, sizeof b, "%s", i % 2 ? "x" : "y,z");
    snprintf(js, sizeof js, "{\"a\":%ld,\"b\":\"%s\"}", i / 2, b);
    if (bmd_store_sweep_add_point(s, i, js, pv, &d) != BMD_OK) return -1;
  }
  return bmd_store_sweep_end(s, &d) == BMD_OK ? 0 : -1;
}

static void test_basics(void) {
  struct bmd_store *s = NULL;
  struct bmd_store_sweep info;
  struct bmd_diag d;
  char mode[16];
  unsigned char done[5];
  double v[2] = {1.5, nan("")}, w[2] = {0.1, 7.0};
  char *csv, *js;
  static const char *const pn[1] = {"a"}, *const mn[1] = {"m"};
  snprintf(path, sizeof path, "%s/basic.sqlite", dir);
  CHECK_INT_EQ(bmd_store_open(&s, path, 1, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_journal_mode(s, mode, sizeof mode), BMD_OK);
  CHECK(strcmp(mode, "wal") == 0);
  CHECK_INT_EQ(bmd_store_sweep_get(s, &info, &d), BMD_ENOTFOUND);
  CHECK_INT_EQ(create(s, 5, 2), 0);
  CHECK_INT_EQ(bmd_store_sweep_get(s, &info, &d), BMD_OK);
  CHECK_INT_EQ(info.npoints, 5);
  CHECK_INT_EQ(info.done, 0);
  CHECK_INT_EQ(info.nparams, 2);
  CHECK_INT_EQ(info.nmetrics, 2);
  CHECK(strcmp(info.file_hash, "00ff") == 0);
  CHECK_INT_EQ(bmd_store_sweep_begin(s, "0100", "{}", 3, 1, pn, 1, mn, &d), BMD_EINVAL);
  CHECK_INT_EQ(bmd_store_point_commit(s, 2, 10.0, 11.0, v, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_point_commit(s, 2, 10.0, 11.0, w, &d), BMD_EINVAL);  /* duplicate */
  CHECK(strstr(d.msg, "point 2 is not pending") != NULL);
  CHECK_INT_EQ(bmd_store_point_commit(s, 5, 10.0, 11.0, w, &d), BMD_EINVAL);  /* unknown */
  CHECK_INT_EQ(bmd_store_point_commit(s, 4, 10.0, 11.0, w, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_done_mask(s, done, 5, &d), BMD_OK);
  CHECK(done[0] == 0 && done[1] == 0 && done[2] == 1 && done[3] == 0 && done[4] == 1);
  csv = export_str(s, BMD_STORE_CSV);
  CHECK(strcmp(csv, "idx,status,a,b,m0,m1\n"
                    "0,pending,0,\"y,z\",,\n"
                    "1,pending,0,x,,\n"
                    "2,done,1,\"y,z\",1.5,\n"
                    "3,pending,1,x,,\n"
                    "4,done,2,\"y,z\",0.1,7\n") == 0);
  js = export_str(s, BMD_STORE_JSON);
  CHECK(strstr(js, "{\"idx\":2,\"status\":\"done\",\"parameters\":{\"a\":1,\"b\":\"y,z\"},\"metrics\":{\"m0\":1.5,\"m1\":null}}") != NULL);
  CHECK(strstr(js, "{\"idx\":0,\"status\":\"pending\",\"parameters\":{\"a\":0,\"b\":\"y,z\"},\"metrics\":{\"m0\":null,\"m1\":null}}") != NULL);
  free(js);
  bmd_store_close(s);
  /* reopened: the same state (what --resume reads) */
  CHECK_INT_EQ(bmd_store_open(&s, path, 0, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_sweep_get(s, &info, &d), BMD_OK);
  CHECK_INT_EQ(info.done, 2);
  js = export_str(s, BMD_STORE_CSV);
  CHECK(strcmp(js, csv) == 0);
  free(js);
  free(csv);
  bmd_store_close(s);
  /* not a store */
  snprintf(path, sizeof path, "%s/text.sqlite", dir);
  {
    FILE *fp = fopen(path, "w");
    fputs("this is not a database, but it is long enough to look like a header of one\n", fp);
    fclose(fp);
  }
  CHECK_INT_EQ(bmd_store_open(&s, path, 0, &d), BMD_EIO);
  snprintf(path, sizeof path, "%s/missing.sqlite", dir);
  CHECK_INT_EQ(bmd_store_open(&s, path, 0, &d), BMD_EIO);
}

/* child: commit every pending point with metric values idx + m / 100 */
static void committer(void) {
  struct bmd_store *s;
  struct bmd_diag d;
  static unsigned char done[NPT];
  if (bmd_store_open(&s, path, 0, &d) != BMD_OK) _exit(3);
  if (bmd_store_done_mask(s, done, NPT, &d) != BMD_OK) _exit(4);
  for (long i = 0; i < NPT; i++) {
    double v[NMET];
    if (done[i]) continue;
    for (int m = 0; m < NMET; m++) v[m] = (double)i + m / 100.0;
    if (bmd_store_point_commit(s, i, 0.0, 1.0, v, &d) != BMD_OK) _exit(5);
  }
  bmd_store_close(s);
  _exit(0);
}

/* every point pending with no metric, or done with all of them and the right values */
static long check_consistent(void) {
  struct bmd_store *s;
  struct bmd_diag d;
  char *csv, *line, *save = NULL;
  long ndone = 0, rows = 0;
  CHECK_INT_EQ(bmd_store_open(&s, path, 0, &d), BMD_OK);
  csv = export_str(s, BMD_STORE_CSV);
  bmd_store_close(s);
  for (line = strtok_r(csv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    long idx;
    char status[16];
    int nfilled = 0, pos = 0;
    if (rows++ == 0) continue;
    if (sscanf(line, "%ld,%15[a-z],", &idx, status) != 2) {
      CHECK(0);
      continue;
    }
    /* the metrics are the fields after idx, status, a, b */
    for (char *c = line; *c; c++)
      if (*c == ',') {
        pos++;
        if (pos >= 4 && c[1] && c[1] != ',') nfilled++;
      }
    /* b is "y,z" (quoted, one more comma) for even idx */
    if (idx % 2 == 0) nfilled -= 1;
    if (strcmp(status, "done") == 0) {
      char want[64];
      ndone++;
      CHECK_INT_EQ(nfilled, NMET);
      snprintf(want, sizeof want, ",%ld,%ld.01,", idx, idx);
      CHECK(strstr(line, want) != NULL);
    } else {
      CHECK_INT_EQ(nfilled, 0);
    }
  }
  CHECK_INT_EQ(rows, NPT + 1);
  free(csv);
  return ndone;
}

static void test_crash(void) {
  struct bmd_store *s;
  struct bmd_diag d;
  long prev = 0, ndone = 0;
  snprintf(path, sizeof path, "%s/crash.sqlite", dir);
  CHECK_INT_EQ(bmd_store_open(&s, path, 1, &d), BMD_OK);
  CHECK_INT_EQ(create(s, NPT, NMET), 0);
  bmd_store_close(s);
  /* kill after 5, 15, 40 ms: mid-sweep on this machine (3000 commits take ~0.3-1 s) */
  for (int k = 0; k < 3; k++) {
    int status;
    struct timespec ts = {0, (k == 0 ? 5 : k == 1 ? 15 : 40) * 1000000L};
    pid_t pid = fork();
    if (pid == 0) committer();
    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    ndone = check_consistent();
    printf("kill %d: %ld of %d points done (killed: %s)\n", k, ndone, NPT,
           WIFSIGNALED(status) ? "yes" : "no, finished first");
    CHECK(ndone >= prev);
    prev = ndone;
  }
  /* resume to the end; the rate is the single writer's commit cost (docs/scaling.md) */
  {
    int status;
    struct timespec t0, t1;
    double el;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) committer();
    waitpid(pid, &status, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    el = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    printf("resumed: %ld points of %d metrics committed in %.3f s, %.0f us per point\n", NPT - prev, NMET, el,
           1e6 * el / (double)(NPT - prev));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  CHECK_INT_EQ(check_consistent(), NPT);
}

static void test_shard_batch(void) {
  struct bmd_store *s = NULL;
  struct bmd_store_sweep info;
  struct bmd_diag d;
  static const char *const pn[1] = {"a"}, *const mn[2] = {"m0", "m1"};
  double v[2] = {2.5, nan("")}, got[2] = {0, 0}, t0 = 0, t1 = 0;
  int part = -1, parts = -1, dn = -1;
  char p2[160];
  snprintf(p2, sizeof p2, "%s/shard.sqlite", dir);
  CHECK_INT_EQ(bmd_store_open(&s, p2, 1, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_shard_get(s, &part, &parts, &d), BMD_OK);
  CHECK(part == 0 && parts == 0);
  CHECK_INT_EQ(bmd_store_sweep_begin(s, "aa", "{}", 10, 1, pn, 2, mn, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_shard_set(s, 4, 3, &d), BMD_EINVAL);
  CHECK_INT_EQ(bmd_store_shard_set(s, 2, 3, &d), BMD_OK);
  /* shard 2/3 of 10 points: 1, 4, 7 */
  for (long i = 1; i < 10; i += 3) {
    const char *pv[1] = {"x"};
    CHECK_INT_EQ(bmd_store_sweep_add_point(s, i, "{\"a\":\"x\"}", pv, &d), BMD_OK);
  }
  CHECK_INT_EQ(bmd_store_sweep_end(s, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_shard_get(s, &part, &parts, &d), BMD_OK);
  CHECK(part == 2 && parts == 3);
  CHECK_INT_EQ(bmd_store_point_get(s, 0, &dn, &t0, &t1, got, &d), BMD_ENOTFOUND);
  CHECK_INT_EQ(bmd_store_point_get(s, 4, &dn, &t0, &t1, got, &d), BMD_OK);
  CHECK_INT_EQ(dn, 0);
  /* a batch: 1 and 4 committed, 0 (not in the store) refused without undoing them */
  CHECK_INT_EQ(bmd_store_batch_begin(s, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_point_commit(s, 1, 100.25, 101.5, v, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_point_commit(s, 0, 1.0, 2.0, v, &d), BMD_EINVAL);
  CHECK_INT_EQ(bmd_store_point_commit(s, 4, 3.0, 4.0, v, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_batch_end(s, 1, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_point_get(s, 1, &dn, &t0, &t1, got, &d), BMD_OK);
  CHECK(dn == 1 && t0 == 100.25 && t1 == 101.5 && got[0] == 2.5 && isnan(got[1]));
  /* a batch ended with ok 0: point 7 stays pending */
  CHECK_INT_EQ(bmd_store_batch_begin(s, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_point_commit(s, 7, 5.0, 6.0, v, &d), BMD_OK);
  CHECK_INT_EQ(bmd_store_batch_end(s, 0, &d), BMD_EIO);
  CHECK_INT_EQ(bmd_store_point_get(s, 7, &dn, &t0, &t1, got, &d), BMD_OK);
  CHECK_INT_EQ(dn, 0);
  CHECK_INT_EQ(bmd_store_sweep_get(s, &info, &d), BMD_OK);
  CHECK_INT_EQ(info.done, 2);
  CHECK_INT_EQ(info.npoints, 10);
  /* and the store still takes single commits afterwards */
  CHECK_INT_EQ(bmd_store_point_commit(s, 7, 5.0, 6.0, v, &d), BMD_OK);
  bmd_store_close(s);
}

int main(void) {
  char cmd[128];
  snprintf(dir, sizeof dir, "/tmp/test_store.XXXXXX");
  if (!mkdtemp(dir)) return 1;
  test_basics();
  test_crash();
  test_shard_batch();
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (getenv("KEEP")) return check_report("test_store");
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  return check_report("test_store");
}
