/*
 * test_quasi.c - quasi-ballistic aiming (quasi.h) with the catalog's Iskander-M:
 *  - its default flight is quasi:50 (data/missiles.yaml);
 *  - over a grid of ranges and bearings every quasi:50 aim hits within 100 m, with the
 *    apogee at 50 km where the missile can fly so low and, where it cannot, at the flattest
 *    flight's: a full burn, and tight (a 0.2 deg flatter pitch-over at full burn falls
 *    short of the target, so no flatter flight reaches it); at short ranges, where 50 km
 *    is above the minimum-energy flight's apogee, that flight;
 *  - the flight is below the minimum-energy one and faster;
 *  - the engagement bands: on Kaliningrad's ranges (273-305 km) the whole flight stays
 *    below SM-3 IIA's lowest intercept altitude and crosses THAAD's band (catalog values).
 */
#include <math.h>
#include <string.h>

#include <bmd/aim.h>
#include <bmd/catalog.h>
#include <bmd/geodesic.h>
#include <bmd/quasi.h>
#include <bmd/shape.h>
#include <bmd/status.h>

#include "check.h"

#define CHER_LAT 54.6313 /* Chernyakhovsk (data/sites.yaml) */
#define CHER_LON 21.8311

static int fly(const struct bmd_missile *m, const struct bmd_traj_opts *o, const struct bmd_traj_control *c,
               struct bmd_traj_result *r) {
  return bmd_traj_fly(&m->vehicle, o, CHER_LAT, CHER_LON, 0.0, c, r);
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  struct bmd_traj_opts o;
  const struct bmd_missile *isk, *sm3, *thaad;
  enum bmd_aim_kind kind;
  double apo;
  char buf[64];
  int nheld = 0, nexact = 0, nhigh = 0;

  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  isk = bmd_catalog_missile(&cat, "iskander-m");
  sm3 = bmd_catalog_missile(&cat, "sm-3-iia");
  thaad = bmd_catalog_missile(&cat, "thaad");
  CHECK(isk && sm3 && thaad);
  if (!isk || !sm3 || !thaad) return check_report("test_quasi");
  bmd_traj_opts_default(&o);

  /* the shape's text */
  CHECK_INT_EQ(bmd_shape_parse("quasi:50", &kind, &apo), 0);
  CHECK_INT_EQ(kind, BMD_AIM_QUASI);
  CHECK_NEAR(apo, 50.0, 0.0);
  CHECK_INT_EQ(bmd_shape_parse("quasi:0", &kind, &apo), -2);
  CHECK_INT_EQ(bmd_shape_parse("quasi:", &kind, &apo), -2);
  CHECK_INT_EQ(bmd_shape_parse("glide:50", &kind, &apo), -1);
  bmd_shape_format(BMD_AIM_QUASI, 50.0, buf, sizeof buf);
  CHECK(strcmp(buf, "quasi:50") == 0);

  /* the catalog's default */
  CHECK_INT_EQ(isk->traj_kind, BMD_AIM_QUASI);
  CHECK_NEAR(isk->traj_apogee_km, 50.0, 0.0);
  CHECK_INT_EQ(bmd_catalog_missile(&cat, "ss-25")->traj_kind, BMD_AIM_MIN_ENERGY);

  /* the grid: ranges 80-450 km on four bearings */
  static const double ranges_km[] = {40.0, 80.0, 150.0, 220.0, 273.0, 305.0, 380.0, 450.0};
  static const double bearings_deg[] = {-92.0, -169.0, 30.0, 120.0};
  double T = bmd_vehicle_total_burn_s(&isk->vehicle);
  for (unsigned b = 0; b < sizeof bearings_deg / sizeof bearings_deg[0]; b++)
    for (unsigned k = 0; k < sizeof ranges_km / sizeof ranges_km[0]; k++) {
      double tlat, tlon;
      struct bmd_aim_request rq = {BMD_AIM_QUASI, 50.0, CHER_LAT, CHER_LON, 0.0, 0, 0, 0.0, 0, 0.0, 0};
      struct bmd_aim_request me;
      struct bmd_aim_result ar, am;
      struct bmd_traj_result r, rm, rf;
      bmd_geodesic_direct(o.phys.earth, CHER_LAT, CHER_LON, bearings_deg[b], ranges_km[k] * 1e3, &tlat, &tlon);
      rq.tgt_lat_deg = tlat;
      rq.tgt_lon_deg = tlon;
      int st = bmd_aim_solve(&isk->vehicle, &o, &rq, &ar);
      CHECK_INT_EQ(st, BMD_OK);
      if (st != BMD_OK) continue;
      CHECK(ar.miss_m < 100.0);
      CHECK_INT_EQ(fly(isk, &o, &ar.control, &r), BMD_OK);
      printf("quasi:50 %6.0f km bearing %6.1f: apogee %6.2f km, cut-off %5.2f s of %.0f, kick %6.3f, tof %5.1f s%s\n",
             ranges_km[k], bearings_deg[b], r.apogee_alt_m / 1e3, ar.control.cutoff_s, T, ar.control.kick_deg,
             r.impact_t_s, ar.shape_fixed == 1 ? " (flattest)" : ar.shape_fixed == 2 ? " (min-energy)" : "");
      if (ar.shape_fixed == 2) {
        /* at or above the minimum-energy apogee (a short range): that flight */
        nhigh++;
        CHECK(r.apogee_alt_m / 1e3 <= 50.0);
        CHECK_NEAR(ar.min_energy_apogee_km, r.apogee_alt_m / 1e3, 1e-9);
      } else if (ar.shape_fixed) {
        struct bmd_traj_control flatter = ar.control;
        nheld++;
        /* held at the flattest flight: a full burn, above the requested apogee, and tight */
        CHECK_NEAR(ar.control.cutoff_s, T, 1e-9);
        CHECK(r.apogee_alt_m / 1e3 > 50.0);
        flatter.kick_deg += 0.2;
        CHECK_INT_EQ(fly(isk, &o, &flatter, &rf), BMD_OK);
        CHECK(rf.range_m < ar.target_range_m);
      } else {
        /* the requested apogee, to the bisection's 0.01 km (plus the re-aimed azimuth's
           effect on it, far below) */
        nexact++;
        CHECK_NEAR(r.apogee_alt_m / 1e3, 50.0, 0.02);
      }
      /* lower and sooner than the minimum-energy flight to the same target */
      me = rq;
      me.kind = BMD_AIM_MIN_ENERGY;
      if (bmd_aim_solve(&isk->vehicle, &o, &me, &am) == BMD_OK && fly(isk, &o, &am.control, &rm) == BMD_OK) {
        CHECK(r.apogee_alt_m <= rm.apogee_alt_m + 1.0);
        CHECK(r.impact_t_s <= rm.impact_t_s + 0.5);
      }
      /* Kaliningrad's ranges: below SM-3 IIA's floor, through THAAD's band */
      if (ranges_km[k] <= 305.0 && ranges_km[k] >= 273.0) {
        CHECK(r.apogee_alt_m / 1e3 < sm3->kv.min_alt_km);
        CHECK(r.apogee_alt_m / 1e3 > thaad->kv.min_alt_km);
      }
    }
  /* both regimes were met: the grid reaches past the 50 km apogee's range */
  CHECK(nheld > 0);
  CHECK(nexact > 0);
  CHECK(nhigh > 0);

  /* beyond the maximum range: out of range, not a solver failure */
  {
    double tlat, tlon;
    struct bmd_aim_request rq = {BMD_AIM_QUASI, 50.0, CHER_LAT, CHER_LON, 0.0, 0, 0, 0.0, 0, 0.0, 0};
    struct bmd_aim_result ar;
    bmd_geodesic_direct(o.phys.earth, CHER_LAT, CHER_LON, 0.0, 600e3, &tlat, &tlon);
    rq.tgt_lat_deg = tlat;
    rq.tgt_lon_deg = tlon;
    CHECK_INT_EQ(bmd_aim_solve(&isk->vehicle, &o, &rq, &ar), BMD_ERANGE);
    CHECK(ar.max_range_m < 600e3);
  }
  bmd_catalog_release(&cat);
  return check_report("test_quasi");
}
