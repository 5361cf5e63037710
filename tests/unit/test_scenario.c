/* test_scenario.c - scenario files: each class of bad input gets file:line:col and a message
   naming the field or value. */
#include <stdlib.h>
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

  /* the schema types each value: a tag, a quoted number, an anchor, an empty or null text */
  bad("  sspk: 0.7\n", "  sspk: !evil 0.7\n", 15, 9, "tag '!evil': YAML tags are not supported");
  bad("    inventory: 24\n", "    inventory: !!str 24\n", 8, 16, "tag '!!str'");
  bad("  sspk: 0.7\n", "  sspk: \"0.7\"\n", 15, 9, "'sspk' must be a number, not text");
  bad("  sspk: 0.7\n", "  sspk: '0.7'\n", 15, 9, "'sspk' must be a number, not text");
  bad("  sspk: 0.7\n", "  sspk: |\n    0.7\n", 15, 9, "'sspk' must be a number written plainly, not quoted or block text");
  bad("  salvo: 2\n", "  salvo: &n 2\n", 13, 10, "anchor '&n': anchors and aliases are not supported");
  bad("c2:\n", "c2: &c\n", 10, 5, "anchor '&c'");
  bad("  - id: \"T1\"\n", "  - id: \"\"\n", 19, 9, "'id' must not be empty");
  bad("  - id: \"T1\"\n", "  - id:\n", 19, 8, "'id' must not be empty");
  bad("  - id: \"T1\"\n", "  - id: ~\n", 19, 9, "'id' must not be empty");
  bad("source: \"x\"\n", "source: null\n", 3, 9, "'source' must not be empty");
  /* seeds: every whole number to 2^64 - 1, exactly; the limit printed exactly */
  {
    char buf[4096];
    snprintf(buf, sizeof buf, "seed: 18446744073709551615\n%s", GOOD);
    CHECK_INT_EQ(bmd_scenario_parse(&sc, buf, strlen(buf), "s.yaml", &cat, &d), BMD_OK);
    CHECK(sc.seed == 18446744073709551615ULL);
    bmd_scenario_release(&sc);
  }
  bad("scenario: \"s\"\n", "scenario: \"s\"\nseed: 18446744073709551616\n", 2, 7,
      "'seed' must be a whole number from 0 to 18446744073709551615, not '18446744073709551616'");
  bad("scenario: \"s\"\n", "scenario: \"s\"\nseed: -1\n", 2, 7, "from 0 to 18446744073709551615");
  bad("scenario: \"s\"\n", "scenario: \"s\"\nseed: 1e3\n", 2, 7, "not '1e3'");
  /* limits printed as written, not as %g */
  bad("    inventory: 24\n", "    inventory: 1e308\n", 8, 16, "'inventory' = 1e308 is outside [0, 100000]");
  bad("    inventory: 24\n", "    inventory: 24\n    reload_s: 2e6\n", 9, 15, "'reload_s' = 2e6 is outside [0, 1000000]");

  /* sspk_pairs: one value per pair */
  bad("  source: \"x\"\nthreats:", "  sspk_pairs:\n    - {interceptor: sm-3-iia, threat: ss-25, sspk: 0.5}\n"
      "    - {interceptor: sm-3-iia, threat: ss-25, sspk: 0.6}\n  source: \"x\"\nthreats:", 19, 7,
      "'sspk_pairs': sm-3-iia against ss-25 is given twice (sspk 0.6 here, 0.5 before)");
  /* a spread with no distribution: SSPK 1 (or 0) cannot vary; sd^2 < m(1 - m) */
  {
    /* c2.sspk 1 with sspk_sigma 0.1; reliability 0.9 with reliability_sigma 0.3 (0.09 >= 0.09) */
    static const struct { const char *sspk, *unc; int line, col; const char *needle; } cs[] = {
        {"  sspk: 1.0\n", "  sspk_sigma: 0.1\n", 19, 15,
         "'sspk_sigma' = 0.1: no distribution of SSPKs has mean 1 (c2.sspk, line 15)"},
        {"  sspk: 0\n", "  sspk_sigma: 0.01\n", 19, 15, "has mean 0 (c2.sspk, line 15)"},
        {"  sspk: 0.7\n", "  reliability_sigma: 0.3\n", 19, 22,
         "'reliability_sigma' = 0.3: no distribution of reliabilities has mean 0.9 (c2.reliability, line 16)"},
        {"  sspk: 0.5\n", "  sspk_sigma: 0.5\n", 19, 15, "mean 0.5"},       /* sd^2 = m(1 - m) exactly */
    };
    for (size_t k = 0; k < sizeof cs / sizeof cs[0]; k++) {
      char buf[4096], t1[4096];
      const char *p = strstr(GOOD, "  sspk: 0.7\n"), *q;
      struct bmd_diag e;
      snprintf(t1, sizeof t1, "%.*s%s%s", (int)(p - GOOD), GOOD, cs[k].sspk, p + strlen("  sspk: 0.7\n"));
      q = strstr(t1, "threats:\n");
      snprintf(buf, sizeof buf, "%.*suncertainty:\n%s  source: \"x\"\n%s", (int)(q - t1), t1, cs[k].unc, q);
      memset(&e, 0, sizeof e);
      CHECK_INT_EQ(bmd_scenario_parse(&sc, buf, strlen(buf), "s.yaml", &cat, &e), BMD_EPARSE);
      CHECK_INT_EQ(e.line, cs[k].line);
      CHECK_INT_EQ(e.col, cs[k].col);
      CHECK(strstr(e.msg, cs[k].needle) != NULL);
      if (!strstr(e.msg, cs[k].needle) || e.line != cs[k].line || e.col != cs[k].col)
        fprintf(stderr, "  case %zu: got %d:%d: %s\n", k, e.line, e.col, e.msg);
    }
    CHECK(bmd_scenario_beta_ok(0.7, 0.0));
    CHECK(bmd_scenario_beta_ok(1.0, 0.0));
    CHECK(bmd_scenario_beta_ok(0.7, 0.458));   /* 0.2098 < 0.21 */
    CHECK(!bmd_scenario_beta_ok(0.7, 0.4583)); /* 0.21003 > 0.21 */
    CHECK(!bmd_scenario_beta_ok(1.0, 0.01));
  }

  /* launch point = target however written: across the antimeridian, at the pole */
  bad("    from: \"teykovo\"\n    to: \"new-york\"\n", "    from: \"10,180\"\n    to: \"10,-180\"\n", 22, 9,
      "'to' is the launch point (0 m from 'from'");
  bad("    from: \"teykovo\"\n    to: \"new-york\"\n", "    from: \"90,0\"\n    to: \"90,123\"\n", 22, 9,
      "'to' is the launch point");
  bad("    from: \"teykovo\"\n    to: \"new-york\"\n", "    from: \"10,20\"\n    to: \"10.005,20\"\n", 22, 9,
      "'to' is the launch point (553 m from 'from'; a target must be at least 1000 m away)");

  /* names in any case; an unknown one gets the closest as a hint */
  {
    char buf[4096];
    const char *p = strstr(GOOD, "ss-25");
    snprintf(buf, sizeof buf, "%.*sSS-25%s", (int)(p - GOOD), GOOD, p + 5);
    CHECK_INT_EQ(bmd_scenario_parse(&sc, buf, strlen(buf), "s.yaml", &cat, &d), BMD_OK);
    CHECK(sc.nthreats == 1 && strcmp(sc.threats[0].missile->name, "ss-25") == 0);
    bmd_scenario_release(&sc);
  }
  bad("ss-25", "ss-52", 20, 14, "unknown missile 'ss-52'; did you mean 'ss-25'?");
  bad("new-york", "new-yrok", 22, 9, "unknown site 'new-yrok'; did you mean 'new-york'?");
  bad("sm-3-iia", "sm-3-iiaa", 7, 18, "unknown interceptor 'sm-3-iiaa'; did you mean 'sm-3-iia'?");

  /* scale limits */
  {
    size_t cap = 2u << 20, n;
    char *big = malloc(cap);
    n = (size_t)snprintf(big, cap, "%s", GOOD);
    for (int i = 0; i < BMD_SCEN_MAX_THREATS; i++)
      n += (size_t)snprintf(big + n, cap - n, "  - {id: \"X%d\", missile: ss-25, from: teykovo, to: new-york}\n", i);
    CHECK_INT_EQ(bmd_scenario_parse(&sc, big, n, "s.yaml", &cat, &d), BMD_EPARSE);
    CHECK_INT_EQ(d.line, 19);
    CHECK(strstr(d.msg, "10001 threats: a scenario takes at most 10000") != NULL);
    free(big);
  }
  {
    char buf[65536];
    size_t n = 0;
    const char *p = strstr(GOOD, "c2:\n");
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%.*s", (int)(p - GOOD), GOOD);
    for (int i = 0; i < BMD_SCEN_MAX_SITES; i++)
      n += (size_t)snprintf(buf + n, sizeof buf - n,
                            "  - {name: s%d, site: redzikowo, interceptor: sm-3-iia, inventory: 1, source: x}\n", i);
    n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", p);
    CHECK_INT_EQ(bmd_scenario_parse(&sc, buf, n, "s.yaml", &cat, &d), BMD_EPARSE);
    CHECK(strstr(d.msg, "101 sites: a scenario takes at most 100") != NULL);
  }
  bmd_catalog_release(&cat);
  return check_report("test_scenario");
}
