/*
 * test_outcome.c - the outcome vocabulary (outcome.h) and the engine's reason codes:
 *  - the words are the documented ones (killed, leaked, unengaged, reached_target), each
 *    once, and parse back; reached_target counts leaked and unengaged only;
 *  - docs/outcomes.md defines every outcome word and every reason code in its tables (so
 *    the one definition cannot fall behind the code);
 *  - each engine-only reason code comes out of the situation it names, on a one-threat
 *    scenario built here: no radar (not detected), an early-warning radar only (no
 *    fire-control track), a site with no interceptor left beside one out of reach (no
 *    inventory, over the other site's geometric reason), a kill vehicle with no time to
 *    divert (track too poor), no site (no site), and a decision delay longer than the
 *    flight (not tracked in time, the solver's code); each time the threat is unengaged,
 *    its end event is reached-target with that reason, and a no-engagement event says it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/outcome.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "check.h"

static struct bmd_catalog cat;

static void test_words(void) {
  static const char *const want[BMD_OUTCOME_COUNT] = {"killed", "leaked", "unengaged"};
  struct bmd_outcome_counts c;
  for (int o = 0; o < BMD_OUTCOME_COUNT; o++) {
    CHECK(strcmp(bmd_outcome_name(o), want[o]) == 0);
    CHECK_INT_EQ(bmd_outcome_parse(want[o]), o);
    CHECK(strlen(bmd_outcome_text(o)) > 20);
  }
  CHECK(strcmp(BMD_OUTCOME_REACHED_TARGET, "reached_target") == 0);
  CHECK_INT_EQ(bmd_outcome_parse("not-engaged"), -1);
  CHECK_INT_EQ(bmd_outcome_parse("Killed"), -1);
  CHECK_INT_EQ(bmd_outcome_parse(NULL), -1);
  CHECK(strcmp(bmd_outcome_name(BMD_OUTCOME_COUNT), "unknown") == 0);
  CHECK(strcmp(bmd_outcome_name(-1), "unknown") == 0);
  CHECK_INT_EQ(bmd_outcome_reached_target(BMD_OUTCOME_KILLED), 0);
  CHECK_INT_EQ(bmd_outcome_reached_target(BMD_OUTCOME_LEAKED), 1);
  CHECK_INT_EQ(bmd_outcome_reached_target(BMD_OUTCOME_UNENGAGED), 1);
  CHECK_INT_EQ(bmd_outcome_reached_target(7), 0);
  memset(&c, 0, sizeof c);
  for (int k = 0; k < 10; k++) bmd_outcome_counts_add(&c, k % 4); /* 3 is no outcome */
  CHECK_INT_EQ(c.n[BMD_OUTCOME_KILLED], 3);
  CHECK_INT_EQ(c.n[BMD_OUTCOME_LEAKED], 3);
  CHECK_INT_EQ(c.n[BMD_OUTCOME_UNENGAGED], 2);
  CHECK_INT_EQ(c.reached_target, 5);
  /* reason words: distinct and non-empty, with a meaning */
  for (int r = 0; r <= BMD_ENGAGE_NO_SITE; r++) {
    CHECK(strlen(bmd_engage_reason_word((enum bmd_engage_reason)r)) > 0);
    CHECK(strlen(bmd_engage_reason_text((enum bmd_engage_reason)r)) > 10);
    for (int q = 0; q < r; q++)
      CHECK(strcmp(bmd_engage_reason_word((enum bmd_engage_reason)r), bmd_engage_reason_word((enum bmd_engage_reason)q)) != 0);
  }
}

/* docs/outcomes.md has a table row "| `WORD` |" for every outcome and reason code */
static void test_doc(void) {
  const char *root = getenv("BMD_SOURCE_DIR");
  char path[4096], row[160];
  FILE *fp;
  char *text;
  long n;
  if (!root) root = ".";
  snprintf(path, sizeof path, "%s/%s", root, BMD_OUTCOME_DOC);
  fp = fopen(path, "rb");
  CHECK(fp != NULL);
  if (!fp) return;
  fseek(fp, 0, SEEK_END);
  n = ftell(fp);
  rewind(fp);
  text = calloc((size_t)n + 1, 1);
  CHECK(text && fread(text, 1, (size_t)n, fp) == (size_t)n);
  fclose(fp);
  if (!text) return;
  for (int o = 0; o < BMD_OUTCOME_COUNT; o++) {
    snprintf(row, sizeof row, "| `%s` |", bmd_outcome_name(o));
    if (!strstr(text, row)) fprintf(stderr, "%s lacks the row %s\n", path, row);
    CHECK(strstr(text, row) != NULL);
  }
  CHECK(strstr(text, "`" BMD_OUTCOME_REACHED_TARGET "` = `leaked` + `unengaged`") != NULL);
  for (int r = BMD_ENGAGE_OUT_OF_RANGE; r <= BMD_ENGAGE_NO_SITE; r++) {
    snprintf(row, sizeof row, "| `%s` |", bmd_engage_reason_word((enum bmd_engage_reason)r));
    if (!strstr(text, row)) fprintf(stderr, "%s lacks the row %s\n", path, row);
    CHECK(strstr(text, row) != NULL);
  }
  free(text);
}

/* a one-threat scenario (Tabriz -> Ankara, shahab-3) with the given radars, sites and c2
   lines (the decision latency at least); run with seed 1; the threat must end unengaged
   with reason want */
static void expect_reason(const char *what, const char *radars, const char *sites, const char *c2,
                          enum bmd_engage_reason want) {
  char buf[4096];
  struct bmd_scenario sc;
  struct bmd_sim_result r;
  struct bmd_diag d;
  int n = snprintf(buf, sizeof buf,
                   "scenario: \"reasons\"\ntitle: \"t\"\nsource: \"test\"\nseed: 7\n%s%s"
                   "c2:\n  doctrine: \"salvo\"\n  salvo: 1\n  kill_assessment_s: 30\n"
                   "  sspk: 0.7\n  reliability: 1\n  firm_track_updates: 1\n%s  source: \"test\"\n"
                   "threats:\n  - {id: \"T1\", missile: \"shahab-3\", from: \"tabriz\", to: \"ankara\", launch_s: 0}\n",
                   radars, sites, c2);
  int st = bmd_scenario_parse(&sc, buf, (size_t)n, "reasons.yaml", &cat, &d);
  CHECK_INT_EQ(st, BMD_OK);
  if (st != BMD_OK) {
    fprintf(stderr, "%s: %s:%d:%d: %s\n", what, d.file, d.line, d.col, d.msg);
    return;
  }
  st = bmd_sim_run(&sc, 1, &r, &d, NULL, NULL);
  CHECK_INT_EQ(st, BMD_OK);
  if (st == BMD_OK) {
    const struct bmd_sim_threat *th = &r.threats[0];
    int ends = 0, said = 0;
    printf("%-28s T1 %s: %s\n", what, bmd_outcome_name(th->outcome),
           bmd_engage_reason_word((enum bmd_engage_reason)th->reason));
    CHECK_INT_EQ(th->outcome, BMD_OUTCOME_UNENGAGED);
    CHECK_INT_EQ(th->reason, want);
    CHECK_INT_EQ(r.count.n[BMD_OUTCOME_UNENGAGED], 1);
    CHECK_INT_EQ(r.count.reached_target, 1);
    for (long k = 0; k < r.nevents; k++) {
      const struct bmd_sim_event *e = &r.events[k];
      if (e->kind == BMD_SIM_REACHED_TARGET) {
        ends++;
        CHECK_INT_EQ(e->outcome, BMD_OUTCOME_UNENGAGED);
        CHECK_INT_EQ(e->reason, want);
        CHECK(strstr(e->note, bmd_engage_reason_word(want)) != NULL);
      }
      if (e->kind == BMD_SIM_NO_ENGAGEMENT && e->reason == (int)want) said++;
    }
    CHECK_INT_EQ(ends, 1);
    /* the battle manager's reasons are logged when they arise; the sensors' (no firm
       track) only at the end, as no decision was ever taken */
    if (want != BMD_ENGAGE_NOT_DETECTED && want != BMD_ENGAGE_NO_FIRE_CONTROL_TRACK) CHECK(said >= 1);
    else CHECK_INT_EQ(said, 0);
    bmd_sim_result_release(&r);
  }
  bmd_scenario_release(&sc);
}

static void test_reasons(void) {
  const char *tpy2 = "sensors:\n  radars:\n    - name: \"r\"\n      type: \"tpy-2\"\n      site: \"tabriz\"\n"
                     "      boresight_az_deg: 275\n      source: \"test\"\n";
  /* far from the launch: a track error of hundreds of metres (angle error x range) */
  const char *kurecik = "sensors:\n  radars:\n    - name: \"r\"\n      type: \"tpy-2\"\n      site: \"kurecik\"\n"
                        "      boresight_az_deg: 100\n      source: \"test\"\n";
  const char *uewr = "sensors:\n  radars:\n    - name: \"r\"\n      type: \"uewr\"\n      site: \"tabriz\"\n"
                     "      boresight_az_deg: 275\n      source: \"test\"\n";
  const char *ankara = "sites:\n  - name: \"ankara\"\n    site: \"ankara\"\n    interceptor: \"sm-3-ib\"\n"
                       "    inventory: 4\n    source: \"test\"\n";
  /* Ankara in reach but empty; Redzikowo (Poland) stocked, with its own geometric reason */
  const char *empty = "sites:\n  - name: \"ankara\"\n    site: \"ankara\"\n    interceptor: \"sm-3-ib\"\n"
                      "    inventory: 0\n    source: \"test\"\n"
                      "  - name: \"redzikowo\"\n    site: \"redzikowo\"\n    interceptor: \"sm-3-ib\"\n"
                      "    inventory: 4\n    source: \"test\"\n";
  const char *now = "  decision_latency_s: 0\n";
  expect_reason("no radar", "", ankara, now, BMD_ENGAGE_NOT_DETECTED);
  expect_reason("early-warning radar only", uewr, ankara, now, BMD_ENGAGE_NO_FIRE_CONTROL_TRACK);
  expect_reason("site in reach, empty", tpy2, empty, now, BMD_ENGAGE_NO_INVENTORY);
  expect_reason("0.1 s to divert", kurecik, ankara, "  decision_latency_s: 0\n  kv_homing_s: 0.1\n",
                BMD_ENGAGE_TRACK_TOO_POOR);
  expect_reason("no site", tpy2, "sites: []\n", now, BMD_ENGAGE_NO_SITE);
  /* a decision delay as long as the flight: the solver's own code */
  expect_reason("decision delay 600 s", tpy2, ankara, "  decision_latency_s: 600\n", BMD_ENGAGE_NOT_TRACKED);
}

int main(void) {
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  test_words();
  test_doc();
  test_reasons();
  bmd_catalog_release(&cat);
  return check_report("test_outcome");
}
