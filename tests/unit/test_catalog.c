/*
 * test_catalog.c - the embedded catalog: every required name is there with its sources,
 * and each missile's simulated maximum range (each interceptor's burnout speed) lies within
 * 5% of its published band (the fitting requirement), measured as tools/fit_catalog
 * measures it (launch 45 N 0 E due north, default physics).
 */
#include <string.h>

#include <bmd/aim.h>
#include <bmd/catalog.h>
#include <bmd/status.h>

#include "check.h"

static const char *const missiles[] = {"shahab-3", "ghadr-1", "sejjil-2", "emad", "khorramshahr",
                                       "iran-irbm", "iran-icbm", "ss-18", "ss-19", "ss-25",
                                       "ss-27", "rs-24", "iskander-m", NULL};
static const char *const interceptors[] = {"gbi-3stage", "gbi-2stage-mda", "gbi-2stage-fast",
                                           "sm-3-ia", "sm-3-ib", "sm-3-iia", "sm-3-iib",
                                           "thaad", "arrow-3", NULL};
static const char *const sites[] = {
    "redzikowo", "brdy", "deveselu", "kurecik", "fylingdales", "thule", "rota", "chernyakhovsk",
    "semnan", "tabriz", "kermanshah", "khorramabad", "shahroud", "kozelsk", "tatishchevo",
    "teykovo", "yoshkar-ola", "vypolzovo", "novosibirsk", "dombarovsky", "uzhur", "barnaul",
    "irkutsk", "nizhny-tagil", "washington", "new-york", "boston", "chicago", "london", "paris",
    "berlin", "rome", "madrid", "warsaw", "prague", "bucharest", "athens", "ankara", "moscow",
    NULL};

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  struct bmd_traj_opts o;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  bmd_traj_opts_default(&o);
  for (const char *const *n = missiles; *n; n++) {
    const struct bmd_missile *m = bmd_catalog_missile(&cat, *n);
    double r, k;
    CHECK(m != NULL);
    if (!m) continue;
    CHECK(!m->interceptor);
    CHECK(strlen(m->source) > 20 && strlen(m->published_source) > 20 && strlen(m->payload_source) > 20);
    for (int s = 0; s < m->vehicle.nstages; s++) CHECK(strlen(m->stage_source[s]) > 20);
    CHECK_INT_EQ(bmd_aim_max_range(&m->vehicle, &o, 45.0, 0.0, 0.0, 0.0, &r, &k), BMD_OK);
    r /= 1e3;
    printf("%-14s max range %7.0f km, published %5.0f-%5.0f km\n", m->name, r, m->range_lo_km, m->range_hi_km);
    CHECK(r >= 0.95 * m->range_lo_km && r <= 1.05 * m->range_hi_km);
  }
  for (const char *const *n = interceptors; *n; n++) {
    const struct bmd_missile *m = bmd_catalog_missile(&cat, *n);
    double v, k;
    CHECK(m != NULL);
    if (!m) continue;
    CHECK(m->interceptor);
    CHECK(strlen(m->kv.source) > 20);
    CHECK_INT_EQ(bmd_aim_max_burnout_speed(&m->vehicle, &o, 45.0, 0.0, 0.0, &v, &k), BMD_OK);
    printf("%-16s burnout %6.0f m/s, published %5.0f-%5.0f m/s\n", m->name, v, m->vbo_lo_mps, m->vbo_hi_mps);
    CHECK(v >= 0.95 * m->vbo_lo_mps && v <= 1.05 * m->vbo_hi_mps);
  }
  /* the two two-stage GBI variants are the same hardware; only the fit differs */
  {
    const struct bmd_missile *a = bmd_catalog_missile(&cat, "gbi-2stage-mda");
    const struct bmd_missile *b = bmd_catalog_missile(&cat, "gbi-2stage-fast");
    CHECK(a && b && a->vehicle.stage[0].propellant_kg == b->vehicle.stage[0].propellant_kg);
    CHECK(a && a->fit[0] != '\0');
  }
  for (const char *const *n = sites; *n; n++) {
    const struct bmd_site *s = bmd_catalog_site(&cat, *n);
    CHECK(s != NULL);
    if (s) CHECK(strlen(s->source) > 10);
  }
  /* a few coordinates from the sources (open-sources.md 1.1, [V]) */
  CHECK_NEAR(bmd_catalog_site(&cat, "brdy")->lat_deg, 49.635222, 1e-6);
  CHECK_NEAR(bmd_catalog_site(&cat, "deveselu")->lon_deg, 24.413417, 1e-3);
  bmd_catalog_release(&cat);
  bmd_catalog_release(&cat); /* release twice is harmless */
  return check_report("test_catalog");
}
