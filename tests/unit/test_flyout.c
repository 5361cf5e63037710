/*
 * test_flyout.c - the interceptor paths every writer draws (flyout.h), over every shot of
 * every built-in scenario:
 *  - the path starts at the site (the first point of a flight from it, within 1 m) and
 *    ends exactly at the intercept point the engine reports (bit for bit);
 *  - times run from 0 to the shot's time of flight, increasing, at most 5 s apart;
 *  - the flown path passes close to the intercept before the shift: the gap is under 5 %
 *    of the site-to-intercept distance (the fan's direction approximation, fan.h; the
 *    measured maxima are printed and quoted in docs/plots.md);
 *  - the drawn path is a flight, not a chord: somewhere it lies more than 2 % of the
 *    distance away from the straight line (in ECEF) from the site to the intercept.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/const.h>
#include <bmd/flyout.h>
#include <bmd/geodesic.h>
#include <bmd/scenario.h>
#include <bmd/sim.h>
#include <bmd/status.h>

#include "check.h"

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  const char *const *names = bmd_scenario_builtin_names();
  double worst_rel = 0.0, worst_m = 0.0;
  long shots = 0;
  CHECK_INT_EQ(bmd_geodesic_load(NULL), BMD_OK);
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  for (; *names; names++) {
    struct bmd_scenario sc;
    struct bmd_sim_result r;
    CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, *names, &cat, &d), BMD_OK);
    CHECK_INT_EQ(bmd_sim_run(&sc, (unsigned long)sc.seed, &r, &d, NULL, NULL), BMD_OK);
    for (int i = 0; i < r.nthreats; i++)
      for (int s = 0; s < r.threats[i].nshots; s++) {
        const struct bmd_sim_shot *sh = &r.threats[i].shots[s];
        const struct bmd_scen_site *st = &sc.sites[sh->site];
        struct bmd_flyout fo;
        double dist, r0[3], r1[3], peak = 0.0;
        int ok = 1;
        CHECK_INT_EQ(bmd_flyout_path(&sc, sh, 5.0, &fo), BMD_OK);
        if (fo.n < 2) continue;
        shots++;
        /* ends */
        CHECK(fo.lat_deg[fo.n - 1] == sh->ic.lat_deg && fo.lon_deg[fo.n - 1] == sh->ic.lon_deg &&
              fo.alt_m[fo.n - 1] == sh->ic.alt_m);
        CHECK(fo.t_s[0] == 0.0 && fo.t_s[fo.n - 1] == sh->ic.tof_s);
        bmd_physics_to_ecef(&sc.phys, fo.lat_deg[0] * BMD_DEG, fo.lon_deg[0] * BMD_DEG, fo.alt_m[0], r0);
        bmd_physics_to_ecef(&sc.phys, st->lat_deg * BMD_DEG, st->lon_deg * BMD_DEG, st->alt_m, r1);
        CHECK_NEAR(hypot(hypot(r0[0] - r1[0], r0[1] - r1[1]), r0[2] - r1[2]), 0.0, 1.0);
        for (int k = 1; k < fo.n; k++) ok &= fo.t_s[k] > fo.t_s[k - 1] && fo.t_s[k] - fo.t_s[k - 1] <= 5.0 + 1e-9;
        CHECK(ok);
        /* the gap against the distance flown over the ground and up */
        bmd_geodesic_inverse(sc.phys.earth, st->lat_deg, st->lon_deg, sh->ic.lat_deg, sh->ic.lon_deg, &dist, NULL,
                             NULL);
        dist = hypot(dist, sh->ic.alt_m - st->alt_m);
        CHECK(fo.gap_m < 0.05 * dist);
        if (fo.gap_m / dist > worst_rel) worst_rel = fo.gap_m / dist;
        if (fo.gap_m > worst_m) worst_m = fo.gap_m;
        /* a flight, not a chord: the farthest point from the straight segment */
        {
          double rs[3], ri[3], u[3], len;
          bmd_physics_to_ecef(&sc.phys, st->lat_deg * BMD_DEG, st->lon_deg * BMD_DEG, st->alt_m, rs);
          bmd_physics_to_ecef(&sc.phys, sh->ic.lat_deg * BMD_DEG, sh->ic.lon_deg * BMD_DEG, sh->ic.alt_m, ri);
          for (int q = 0; q < 3; q++) u[q] = ri[q] - rs[q];
          len = sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
          for (int k = 0; k < fo.n; k++) {
            double rp[3], v[3], along = 0.0, off = 0.0;
            bmd_physics_to_ecef(&sc.phys, fo.lat_deg[k] * BMD_DEG, fo.lon_deg[k] * BMD_DEG, fo.alt_m[k], rp);
            for (int q = 0; q < 3; q++) along += (rp[q] - rs[q]) * u[q] / len;
            for (int q = 0; q < 3; q++) v[q] = rp[q] - rs[q] - along * u[q] / len, off += v[q] * v[q];
            if (sqrt(off) > peak) peak = sqrt(off);
          }
          CHECK(peak > 0.02 * len);
        }
        bmd_flyout_release(&fo);
      }
    bmd_sim_result_release(&r);
    bmd_scenario_release(&sc);
  }
  printf("%ld shots: largest gap before the shift %.0f m, %.2f%% of the distance flown\n", shots, worst_m,
         100.0 * worst_rel);
  CHECK(shots > 20);
  {
    struct bmd_flyout z;
    memset(&z, 0, sizeof z);
    bmd_flyout_release(&z);   /* a zeroed path */
    bmd_flyout_release(NULL);
  }
  bmd_catalog_release(&cat);
  return check_report("test_flyout");
}
