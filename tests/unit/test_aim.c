/*
 * test_aim.c - targeting hits within 100 m (the requirement) across a grid of
 * launch/target pairs: Iran to Europe and the US, Russia to the US, polar crossings, the
 * antimeridian, both hemispheres, short and near-maximum ranges; lofted and depressed;
 * out-of-range detection; the minimum-energy apogee is below a lofted one and above a
 * depressed one.
 */
#include <string.h>

#include <bmd/aim.h>
#include <bmd/geodesic.h>
#include <bmd/catalog.h>
#include <bmd/status.h>

#include "check.h"

struct pair {
  const char *missile;
  double la1, lo1, la2, lo2;
};

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  struct bmd_traj_opts o;
  static const struct pair grid[] = {
      {"iran-icbm", 35.23472, 53.92083, 38.9072, -77.0369},   /* Semnan -> Washington */
      {"iran-irbm", 35.23472, 53.92083, 51.5074, -0.1278},    /* Semnan -> London */
      {"shahab-3", 38.08, 46.29, 39.9334, 32.8597},           /* Tabriz -> Ankara */
      {"ss-25", 56.85, 40.533, 40.7128, -74.0060},            /* Teykovo -> New York */
      {"ss-18", 55.333, 89.8, 38.9072, -77.0369},             /* Uzhur -> Washington */
      {"ss-18", 75.0, 100.0, 75.0, -80.0},                    /* across the north pole */
      {"ss-18", 89.5, 0.0, 60.0, 150.0},                      /* from near the pole */
      {"ss-18", 50.0, 170.0, 40.0, -150.0},                   /* across the antimeridian */
      {"ss-25", -30.0, 170.0, -35.0, -170.0},                 /* southern antimeridian */
      {"ss-25", -60.0, -60.0, -80.0, 120.0},                  /* south polar */
      {"ss-25", 0.0, 0.0, 0.0, 60.0},                         /* due east on the equator */
      {"ss-25", 0.0, 0.0, 0.0, -60.0},                        /* due west */
      {"iskander-m", 54.6313, 21.8311, 54.472, 17.12},        /* Chernyakhovsk -> Redzikowo */
      {"iskander-m", 54.6313, 21.8311, 52.229676, 21.012229}, /* -> Warsaw */
      {"sejjil-2", 35.23472, 53.92083, 44.426767, 26.102538}, /* Semnan -> Bucharest (near max) */
  };
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  bmd_traj_opts_default(&o);
  for (unsigned i = 0; i < sizeof grid / sizeof grid[0]; i++) {
    const struct bmd_missile *m = bmd_catalog_missile(&cat, grid[i].missile);
    struct bmd_aim_request rq = {BMD_AIM_MIN_ENERGY, 0.0, grid[i].la1, grid[i].lo1, 0.0,
                                 grid[i].la2, grid[i].lo2, 0.0, 0, 0.0, 0};
    struct bmd_aim_result ar;
    int st = bmd_aim_solve(&m->vehicle, &o, &rq, &ar);
    printf("%-11s (%7.2f,%8.2f) -> (%7.2f,%8.2f) %6.0f km: status %d miss %.2f m\n", m->name,
           grid[i].la1, grid[i].lo1, grid[i].la2, grid[i].lo2, ar.target_range_m / 1e3, st, ar.miss_m);
    if (grid[i].missile[0] == 's' && grid[i].missile[1] == 'e') {
      /* Sejjil-2 to Bucharest (2,570 km) is beyond its 2,000 km: must say out of range */
      CHECK_INT_EQ(st, BMD_ERANGE);
      CHECK(ar.max_range_m < ar.target_range_m);
      continue;
    }
    CHECK_INT_EQ(st, BMD_OK);
    CHECK(ar.miss_m < 100.0);
  }
  /* lofted and depressed, Teykovo -> New York */
  {
    const struct bmd_missile *m = bmd_catalog_missile(&cat, "ss-25");
    struct bmd_aim_request rq = {BMD_AIM_LOFTED, 2000.0, 56.85, 40.533, 0.0, 40.7128, -74.0060, 0.0, 0, 0.0, 0};
    struct bmd_aim_result ar;
    struct bmd_traj_result r;
    CHECK_INT_EQ(bmd_aim_solve(&m->vehicle, &o, &rq, &ar), BMD_OK);
    CHECK(ar.miss_m < 100.0);
    CHECK(ar.min_energy_apogee_km < 2000.0);
    CHECK_INT_EQ(bmd_traj_fly(&m->vehicle, &o, rq.lat_deg, rq.lon_deg, 0.0, &ar.control, &r), BMD_OK);
    /* the apogee condition is solved to 0.1 km (residual scale 100 km, tolerance 1e-3) */
    CHECK_NEAR(r.apogee_alt_m / 1e3, 2000.0, 0.2);
    rq.kind = BMD_AIM_DEPRESSED;
    rq.apogee_km = 800.0;
    CHECK_INT_EQ(bmd_aim_solve(&m->vehicle, &o, &rq, &ar), BMD_OK);
    CHECK(ar.miss_m < 100.0);
    CHECK(ar.min_energy_apogee_km > 800.0);
    CHECK_INT_EQ(bmd_traj_fly(&m->vehicle, &o, rq.lat_deg, rq.lon_deg, 0.0, &ar.control, &r), BMD_OK);
    CHECK_NEAR(r.apogee_alt_m / 1e3, 800.0, 0.2);
    /* a "lofted" apogee below the minimum-energy one is a usage error */
    rq.kind = BMD_AIM_LOFTED;
    rq.apogee_km = 500.0;
    CHECK_INT_EQ(bmd_aim_solve(&m->vehicle, &o, &rq, &ar), BMD_EINVAL);
  }
  /* out of range: Shahab-3 (1,300 km) from Tabriz to London (3,877 km) */
  {
    const struct bmd_missile *m = bmd_catalog_missile(&cat, "shahab-3");
    struct bmd_aim_request rq = {BMD_AIM_MIN_ENERGY, 0.0, 38.08, 46.29, 0.0, 51.5074, -0.1278, 0.0, 0, 0.0, 0};
    struct bmd_aim_result ar;
    CHECK_INT_EQ(bmd_aim_solve(&m->vehicle, &o, &rq, &ar), BMD_ERANGE);
    CHECK(ar.max_range_m > 1.0e6 && ar.max_range_m < 1.45e6);
    /* target at the launch point */
    rq.tgt_lat_deg = rq.lat_deg;
    rq.tgt_lon_deg = rq.lon_deg;
    CHECK_INT_EQ(bmd_aim_solve(&m->vehicle, &o, &rq, &ar), BMD_EINVAL);
  }
  /* bmd_aim_refine: walking a grid of targets from Semnan toward London in 0.5-degree steps,
     each started from the previous solution with the carried Jacobian, gives the same
     solution as a cold start (both stop within 5 m of the target) */
  {
    const struct bmd_missile *m = bmd_catalog_missile(&cat, "iran-irbm");
    struct bmd_traj_control prev = {0.0, 0.0, 0.0, {0}};
    double J[9] = {nan("")}, rmax = 0.0, kmax = 0.0, az_prev = 0.0;
    for (int k = 0; k < 8; k++) {
      double tla = 45.0 + 0.5 * k, tlo = 20.0 - 0.5 * k, s_m, az;
      struct bmd_aim_request rq = {BMD_AIM_MIN_ENERGY, 0.0, 35.23472, 53.92083, 0.0, tla, tlo, 0.0, 0, 0.0, 0};
      struct bmd_aim_result cold, warm;
      bmd_geodesic_inverse(o.phys.earth, rq.lat_deg, rq.lon_deg, tla, tlo, &s_m, &az, NULL);
      CHECK_INT_EQ(bmd_aim_solve(&m->vehicle, &o, &rq, &cold), BMD_OK);
      if (k == 0) {
        CHECK_INT_EQ(bmd_aim_max_range(&m->vehicle, &o, rq.lat_deg, rq.lon_deg, 0.0, az, &rmax, &kmax), BMD_OK);
        warm = cold;
      } else {
        struct bmd_traj_control g = prev;
        g.azimuth_deg += az - az_prev;
        CHECK_INT_EQ(bmd_aim_refine(&m->vehicle, &o, &rq, &g, rmax, kmax, J, &warm), BMD_OK);
        printf("refine %d: %d iterations, miss %.2f m (cold %.2f m, %d iterations)\n", k, warm.iterations,
               warm.miss_m, cold.miss_m, cold.iterations);
      }
      CHECK(warm.miss_m < 100.0);
      /* the same root: 5 m on the ground over ~3,000 km is well under 0.01 deg of
         azimuth, 0.05 deg of pitch-over and 0.1 s of burn */
      CHECK_NEAR(warm.control.azimuth_deg, cold.control.azimuth_deg, 0.01);
      CHECK_NEAR(warm.control.kick_deg, cold.control.kick_deg, 0.05);
      CHECK_NEAR(warm.control.cutoff_s, cold.control.cutoff_s, 0.1);
      prev = warm.control;
      az_prev = az;
    }
  }
  /* bmd_aim_refine beyond the minimum-energy branch: from Tabriz at azimuth 348 deg the
     flight-path condition goes out of reach near 0.985 of the maximum range (family.h).
     At 0.995, started from the solution at 0.98 (with and without its Jacobian), the
     refinement must find bmd_aim_solve's held-pitch-over solution, and give up on the
     minimum-energy condition as soon as the cut-off runs into the end of the burn rather
     than after all of Broyden's 12 iterations. */
  {
    const struct bmd_missile *m = bmd_catalog_missile(&cat, "iran-irbm");
    const double lat = 38.08, lon = 46.29, az = 348.0;
    double rmax, kmax, J[9] = {nan("")}, J2[9];
    struct bmd_aim_request rq = {BMD_AIM_MIN_ENERGY, 0.0, lat, lon, 0.0, 0.0, 0.0, 0.0, 0, 0.0, 0};
    struct bmd_aim_result near, cold, warm;
    CHECK_INT_EQ(bmd_aim_max_range(&m->vehicle, &o, lat, lon, 0.0, az, &rmax, &kmax), BMD_OK);
    bmd_geodesic_direct(o.phys.earth, lat, lon, az, 0.98 * rmax, &rq.tgt_lat_deg, &rq.tgt_lon_deg);
    CHECK_INT_EQ(bmd_aim_solve(&m->vehicle, &o, &rq, &near), BMD_OK);
    CHECK_INT_EQ(near.shape_fixed, 0);
    /* a Jacobian at the 0.98 solution, from a refine started on the solution itself */
    CHECK_INT_EQ(bmd_aim_refine(&m->vehicle, &o, &rq, &near.control, rmax, kmax, J, &warm), BMD_OK);
    bmd_geodesic_direct(o.phys.earth, lat, lon, az, 0.995 * rmax, &rq.tgt_lat_deg, &rq.tgt_lon_deg);
    CHECK_INT_EQ(bmd_aim_solve(&m->vehicle, &o, &rq, &cold), BMD_OK);
    CHECK_INT_EQ(cold.shape_fixed, 1);
    for (int withj = 0; withj < 2; withj++) {
      memcpy(J2, J, sizeof J2);
      CHECK_INT_EQ(bmd_aim_refine(&m->vehicle, &o, &rq, &near.control, rmax, kmax,
                                  withj ? J2 : NULL, &warm), BMD_OK);
      printf("refine beyond the branch (%s Jacobian): %d iterations, shape_fixed %d, miss %.2f m\n",
             withj ? "given" : "no", warm.iterations, warm.shape_fixed, warm.miss_m);
      CHECK_INT_EQ(warm.shape_fixed, 1);
      CHECK(warm.miss_m < 100.0);
      /* each holds its own maximum-range pitch-over: the refinement the caller's (along the
         launch azimuth, bmd_aim_max_range), bmd_aim_solve the one toward the target's bearing
         (bmd_aim_max_range_toward); they differ by 0.066 deg here, and the solutions by
         what that moves */
      printf("  held pitch-over %.4f (refine) %.4f (solve), azimuth %.4f %.4f, cut-off %.3f %.3f\n",
             warm.control.kick_deg, cold.control.kick_deg, warm.control.azimuth_deg,
             cold.control.azimuth_deg, warm.control.cutoff_s, cold.control.cutoff_s);
      CHECK_NEAR(warm.control.kick_deg, kmax, 1e-6);
      CHECK_NEAR(cold.control.kick_deg, cold.max_range_kick_deg, 1e-6);
      CHECK_NEAR(warm.control.azimuth_deg, cold.control.azimuth_deg, 0.01);
      CHECK_NEAR(warm.control.kick_deg, cold.control.kick_deg, 0.1);
      CHECK_NEAR(warm.control.cutoff_s, cold.control.cutoff_s, 0.1);
      /* at most SATURATED_ITERS (3, aim.c) Broyden iterations before the held-pitch-over
         solve (8 here): 11. 13 before, when Broyden ran its 12 first. (8 with the Bowring
         height in the drag: the count turns on the flights' last bits.) */
      CHECK(warm.iterations <= 11);
    }
    /* branch_only (a trajectory family's members): from a guess that misleads the warm
       start (the wrong side of the pitch-over range and a 1 s burn), the fallback is one
       cold start from the maximum range given, which finds bmd_aim_solve's
       minimum-energy solution inside the branch */
    for (int k = 0; k < 2; k++) {
      const double u = k ? 0.6 : 0.9;
      struct bmd_traj_control bad = {az + 20.0, 80.0, 1.0, {0}};
      struct bmd_aim_result ref, br;
      rq.branch_only = 0;
      bmd_geodesic_direct(o.phys.earth, lat, lon, az, u * rmax, &rq.tgt_lat_deg, &rq.tgt_lon_deg);
      CHECK_INT_EQ(bmd_aim_solve(&m->vehicle, &o, &rq, &ref), BMD_OK);
      rq.branch_only = 1;
      CHECK_INT_EQ(bmd_aim_refine(&m->vehicle, &o, &rq, &bad, rmax, kmax, NULL, &br), BMD_OK);
      printf("branch only at %.1f of the maximum range from a bad guess: %d iterations, miss %.2f m\n",
             u, br.iterations, br.miss_m);
      CHECK_INT_EQ(br.shape_fixed, 0);
      CHECK(br.miss_m < 10.0);
      CHECK_NEAR(br.control.azimuth_deg, ref.control.azimuth_deg, 0.01);
      CHECK_NEAR(br.control.kick_deg, ref.control.kick_deg, 0.05);
      CHECK_NEAR(br.control.cutoff_s, ref.control.cutoff_s, 0.1);
    }
  }
  /* bmd_aim_max_range_near, started from the best pitch-over 5 and 15 deg of azimuth
     away, finds the scan's maximum range to 1 m (the flat top of range against
     pitch-over: the kick to 0.05 deg) */
  {
    const struct bmd_missile *m = bmd_catalog_missile(&cat, "iran-irbm");
    for (double az = 250.0; az < 360.0; az += 20.0) {
      double r0, k0, rn, kn, rg, kg;
      CHECK_INT_EQ(bmd_aim_max_range(&m->vehicle, &o, 38.08, 46.29, 0.0, az - 5.0, &rg, &kg), BMD_OK);
      CHECK_INT_EQ(bmd_aim_max_range(&m->vehicle, &o, 38.08, 46.29, 0.0, az, &r0, &k0), BMD_OK);
      CHECK_INT_EQ(bmd_aim_max_range_near(&m->vehicle, &o, 38.08, 46.29, 0.0, az, kg, &rn, &kn), BMD_OK);
      CHECK_NEAR(rn, r0, 1.0);
      CHECK_NEAR(kn, k0, 0.05);
      CHECK_INT_EQ(bmd_aim_max_range(&m->vehicle, &o, 38.08, 46.29, 0.0, az - 15.0, &rg, &kg), BMD_OK);
      CHECK_INT_EQ(bmd_aim_max_range_near(&m->vehicle, &o, 38.08, 46.29, 0.0, az, kg, &rn, &kn), BMD_OK);
      CHECK_NEAR(rn, r0, 1.0);
      /* a guess far off (outside the bracket of the maximum) falls back to the full scan */
      CHECK_INT_EQ(bmd_aim_max_range_near(&m->vehicle, &o, 38.08, 46.29, 0.0, az, 4.0 * k0, &rn, &kn), BMD_OK);
      CHECK_NEAR(rn, r0, 1e-6);
    }
  }
  bmd_catalog_release(&cat);
  return check_report("test_aim");
}
