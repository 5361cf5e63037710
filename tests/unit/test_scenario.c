/* test_scenario.c - scenario files: each class of bad input gets file:line:col and a message
   naming the field or value. */
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include "check.h"

static const char *GOOD =
    "scenario: \"s\"\n"                                        /* 1 */
    "title: \"t\"\n"                                           /* 2 */
    "source: \"x\"\n"                                          /* 3 */
    "sites:\n"                                                 /* 4 */
    "  - name: \"a\"\n"                                        /* 5 */
    "    site: \"redzikowo\"\n"                                /* 6 */
    "    interceptor: \"sm-3-iia\"\n"                          /* 7 */
    "    inventory: 24\n"                                      /* 8 */
    "    source: \"x\"\n"                                      /* 9 */
    "c2:\n"                                                    /* 10 */
    "  decision_latency_s: 30\n"                               /* 11 */
    "  doctrine: \"salvo\"\n"                                  /* 12 */
    "  salvo: 2\n"                                             /* 13 */
    "  kill_assessment_s: 30\n"                                /* 14 */
    "  sspk: 0.7\n"                                            /* 15 */
    "  reliability: 0.9\n"                                     /* 16 */
    "  source: \"x\"\n"                                        /* 17 */
    "threats:\n"                                               /* 18 */
    "  - id: \"T1\"\n"                                         /* 19 */
    "    missile: \"ss-25\"\n"                                 /* 20 */
    "    from: \"teykovo\"\n"                                  /* 21 */
    "    to: \"new-york\"\n";                                  /* 22 */

static struct bmd_catalog cat;

/* replace the first occurrence of old in GOOD with new, parse, expect an error there */
static void bad(const char *old, const char *new, int line, int col, const char *needle) {
  char buf[4096];
  const char *p = strstr(GOOD, old);
  struct bmd_scenario sc;
  struct bmd_diag d;
  memset(&d, 0, sizeof d);
  if (!p) {
    CHECK(p != NULL);
    return;
  }
  snprintf(buf, sizeof buf, "%.*s%s%s", (int)(p - GOOD), GOOD, new, p + strlen(old));
  int st = bmd_scenario_parse(&sc, buf, strlen(buf), "s.yaml", &cat, &d);
  CHECK_INT_EQ(st, BMD_EPARSE);
  CHECK(strcmp(d.file, "s.yaml") == 0);
  CHECK_INT_EQ(d.line, line);
  CHECK_INT_EQ(d.col, col);
  CHECK(strstr(d.msg, needle) != NULL);
  if (d.line != line || d.col != col || !strstr(d.msg, needle))
    fprintf(stderr, "  for %s -> %s: got %s:%d:%d: %s\n", old, new, d.file, d.line, d.col, d.msg);
}

int main(void) {
  struct bmd_scenario sc;
  struct bmd_diag d;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  CHECK_INT_EQ(bmd_scenario_parse(&sc, GOOD, strlen(GOOD), "s.yaml", &cat, &d), BMD_OK);
  CHECK_INT_EQ(sc.nthreats, 1);
  CHECK_NEAR(sc.c2.sspk, 0.7, 0.0);
  bmd_scenario_release(&sc);
  bad("    inventory: 24\n", "    inventory: 24\n    colour: 3\n", 9, 5, "unknown key 'colour'");
  bad("  salvo: 2\n", "  salvo: two\n", 13, 10, "'salvo' must be a number");
  bad("  sspk: 0.7\n", "  sspk: 1.7\n", 15, 9, "'sspk' = 1.7 is outside [0, 1]");
  bad("  sspk: 0.7\n", "", 11, 3, "missing 'sspk'");
  bad("ss-25", "ss-99", 20, 14, "unknown missile 'ss-99'");
  bad("new-york", "gotham", 22, 9, "unknown site 'gotham'");
  bad("redzikowo", "atlantis", 6, 11, "unknown site 'atlantis'");
  bad("sm-3-iia", "ss-25", 7, 18, "unknown interceptor 'ss-25'");
  bad("  doctrine: \"salvo\"\n", "  doctrine: \"hope\"\n", 12, 13, "'doctrine' must be");
  bad("    inventory: 24\n", "    inventory: 2.5\n", 8, 16, "whole number");
  bad("    to: \"new-york\"\n", "    to: \"teykovo\"\n", 22, 9, "launch point");
  bad("    to: \"new-york\"\n", "    to: \"40.7,-74.0\"\n    trajectory: \"sideways\"\n", 23, 17, "'trajectory' must be");
  bad("  decision_latency_s: 30\n", "  decision_latency_s: .inf\n", 11, 23, "finite");
  bad("title: \"t\"\n", "title: [1, 2]\n", 2, 8, "'title' must be text");
  bad("scenario: \"s\"\n", "scenario: \"s\"\nscenario: \"s\"\n", 2, 1, "duplicate key 'scenario'");
  bad("threats:\n", "threats:\n\t", 19, 1, "");
  bmd_catalog_release(&cat);
  return check_report("test_scenario");
}
