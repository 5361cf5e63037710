/* test_yamldoc.c - catalog parsing: each class of bad input gets file:line:col and a message
   naming the field; good input parses. */
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/status.h>

#include "check.h"

static const char *SITES = "sites:\n"
                           "  - name: \"a\"\n    title: \"A\"\n    kind: \"city\"\n    country: \"X\"\n"
                           "    lat_deg: 10\n    lon_deg: 20\n"
                           "    cite: [{fields: [lat_deg, lon_deg], evidence: published, sources: [wiki-deveselu]}]\n";

/* the catalog of one missile; every line that cites is one line, so that the stage lines
   start at line 24 */
static const char *MISSILES_HEAD =
    "drag_tables:\n"
    "  - name: \"t\"\n    cite: [{fields: [cd_vs_mach], evidence: assumed, note: \"test\"}]\n"
    "    cd_vs_mach: [[0, 0.2], [2, 0.3]]\n"
    "interceptors: []\n"
    "missiles:\n"
    "  - name: \"m\"\n    title: \"M\"\n    country: \"X\"\n    class: \"SRBM\"\n"
    "    propellant: \"solid\"\n    cite: [{fields: [class], evidence: assumed, note: \"test\"}]\n"
    "    performance:\n      range_km: [300, 300]\n"
    "      cite: [{fields: [range_km], evidence: chosen, note: \"test\"}]\n"
    "    payload:\n      mass_kg: 500\n      beta_kgm2: 3000\n"
    "      cite: [{fields: [mass_kg, beta_kgm2], evidence: assumed, note: \"test\"}]\n"
    "    ascent:\n      vertical_s: 5\n      cite: [{fields: [vertical_s], evidence: assumed, note: \"test\"}]\n"
    "    stages:\n";

static int load(const char *stage, const char *sites, struct bmd_diag *d) {
  char buf[4096];
  struct bmd_catalog cat;
  int st;
  snprintf(buf, sizeof buf, "%s%s", MISSILES_HEAD, stage);
  static const char *ew = "early_warning: []\n";
  struct bmd_catalog_doc md = {buf, strlen(buf), "m.yaml"}, sd = {sites, strlen(sites), "s.yaml"},
                         ed = {ew, strlen(ew), "e.yaml"};
  st = bmd_catalog_load_buffers(&cat, &md, &sd, &ed, NULL, d);
  if (st == BMD_OK) bmd_catalog_release(&cat);
  return st;
}

#define GOOD_STAGE                                                                         \
  "      - propellant_kg: 3000\n        dry_kg: 500\n        isp_s: 250\n        burn_time_s: 60\n" \
  "        diameter_m: 0.9\n        drag_table: \"t\"\n"                                    \
  "        cite: [{fields: [propellant_kg, dry_kg, isp_s, burn_time_s, diameter_m], evidence: estimated, note: \"t\"}]\n"

#define BAD(stage, sites, fl_, ln_, cl_, needle)                                   \
  do {                                                                               \
    struct bmd_diag d_;                                                              \
    memset(&d_, 0, sizeof d_);                                                       \
    CHECK_INT_EQ(load(stage, sites, &d_), BMD_EPARSE);                               \
    CHECK(strcmp(d_.file, fl_) == 0);                                               \
    CHECK_INT_EQ(d_.line, ln_);                                                     \
    CHECK_INT_EQ(d_.col, cl_);                                                       \
    CHECK(strstr(d_.msg, needle) != NULL);                                           \
    if (!strstr(d_.msg, needle) || d_.line != ln_ || d_.col != cl_)                 \
      fprintf(stderr, "  got %s:%d:%d: %s\n", d_.file, d_.line, d_.col, d_.msg);     \
  } while (0)

int main(void) {
  struct bmd_diag d;
  CHECK_INT_EQ(load(GOOD_STAGE, SITES, &d), BMD_OK);
  /* stage lines start at line 24 of m.yaml */
  BAD("      - propellant_kg: 3000\n        dry_kg: -5\n", SITES, "m.yaml", 25, 17, "'dry_kg'");
  BAD("      - propellant_kg: .nan\n", SITES, "m.yaml", 24, 24, "finite");
  BAD("      - propellant_kg: 3000\n        dry_kgs: 5\n", SITES, "m.yaml", 25, 9, "unknown key 'dry_kgs'");
  BAD("      - propellant_kg: 3000\n        propellant_kg: 5\n", SITES, "m.yaml", 25, 9, "duplicate key");
  BAD("      - propellant_kg: 3000\n", SITES, "m.yaml", 24, 9, "missing 'dry_kg'");
  BAD("      - propellant_kg: 3000\n        dry_kg: 5\n        isp_s: abc\n", SITES, "m.yaml", 26, 16, "must be a number");
  BAD("      - propellant_kg: 3000\n\tdry_kg: 5\n", SITES, "m.yaml", 25, 1, "");
  {
    char stage[1024];
    snprintf(stage, sizeof stage, "%s", GOOD_STAGE);
    char *p = strstr(stage, "drag_table: \"t\"");
    memcpy(p, "drag_table: \"q\"", 15);
    BAD(stage, SITES, "m.yaml", 29, 21, "unknown drag table 'q'");
  }
  BAD(GOOD_STAGE, "sites:\n  - name: \"Bad Name\"\n", "s.yaml", 2, 11, "lowercase slug");
  BAD(GOOD_STAGE, "sites:\n  - name: \"a\"\n    title: \"A\"\n    kind: \"city\"\n    country: \"X\"\n"
                  "    lat_deg: 95\n    lon_deg: 20\n", "s.yaml", 6, 14, "'lat_deg'");
  BAD(GOOD_STAGE, "sites: [\n", "s.yaml", 2, 1, "");
  BAD(GOOD_STAGE, "", "s.yaml", 1, 1, "empty document");
  return check_report("test_yamldoc");
}
