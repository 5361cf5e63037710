/*
 * test_footprint.c - the defended area (footprint.h) over Poland and Romania against an
 * Iranian IRBM launched from Semnan, on a 2-degree grid:
 *  - removing an interceptor site never adds an engagement opportunity to any cell and
 *    removes some (the earliest-first chain of sequential engagements is the longest
 *    possible, so a subset of sites cannot do better: an interval-scheduling argument);
 *  - faster interceptors (every stage's Isp x 1.15, so the burnout speed rises by about
 *    15%) reach more cells and give more opportunities in total;
 *  - the answer does not depend on the thread count (bit-identical cells);
 *  - trajectories interpolated from the family (the default) against aimed and flown at
 *    every cell (--exact): the same status everywhere, the same count of engagement
 *    opportunities at >= 95% of the cells (and never more than one apart), time of flight
 *    within 3 s, earliest intercept altitude within 10 km where both engage;
 *  - cell geometry: the range and azimuth of every cell agree with the geodesic (PROJ).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/catalog.h>
#include <bmd/footprint.h>
#include <bmd/geodesic.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include "check.h"

struct tally {
  long threatened, defended, kinematic, opp_sum;
};

static struct tally count(const struct bmd_footprint *f) {
  struct tally t = {0, 0, 0, 0};
  for (long c = 0; c < (long)f->nlaunch * f->nlat * f->nlon; c++) {
    if (f->cell[c].status != BMD_FOOTPRINT_OK) continue;
    t.threatened++;
    t.defended += f->cell[c].opportunities > 0;
    t.kinematic += f->cell[c].kin_opportunities > 0;
    t.opp_sum += f->cell[c].opportunities;
  }
  return t;
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_scenario sc;
  struct bmd_diag d;
  struct bmd_footprint_opts o;
  struct bmd_footprint a, a1, b, c;
  struct tally ta, tb, tc;
  const struct bmd_site *semnan;
  CHECK_INT_EQ(bmd_catalog_load_embedded(&cat, &d), BMD_OK);
  CHECK_INT_EQ(bmd_scenario_load_builtin(&sc, "epaa-phase3", &cat, &d), BMD_OK);
  semnan = bmd_catalog_site(&cat, "semnan");
  CHECK(semnan != NULL);
  if (!semnan) return 1;

  memset(&o, 0, sizeof o);
  o.missile = bmd_catalog_missile(&cat, "iran-irbm");
  o.rcs_dbsm = -10.0;
  o.nlaunch = 1;
  snprintf(o.launch[0].name, sizeof o.launch[0].name, "semnan");
  o.launch[0].lat_deg = semnan->lat_deg;
  o.launch[0].lon_deg = semnan->lon_deg;
  o.launch[0].alt_m = semnan->alt_m;
  o.lat_min_deg = 42.0;
  o.lat_max_deg = 56.0;
  o.lon_min_deg = 12.0;
  o.lon_max_deg = 30.0;
  o.grid_deg = 2.0;
  o.dt_s = 2.0;
  o.threads = 2;
  CHECK_INT_EQ(bmd_footprint_compute(&sc, &o, &a, NULL, NULL), BMD_OK);
  ta = count(&a);
  printf("baseline: %ld cells threatened, %ld defended, %ld kinematic, %ld opportunities\n", ta.threatened,
         ta.defended, ta.kinematic, ta.opp_sum);
  CHECK_INT_EQ(a.nlat * a.nlon, 7 * 9);
  CHECK(ta.threatened == 63);           /* Poland and Romania are within an IRBM's reach */
  CHECK(ta.defended > 40);

  /* geometry against the geodesic, independently */
  for (int i = 0; i < a.nlat; i++)
    for (int j = 0; j < a.nlon; j++) {
      double s, az;
      const struct bmd_footprint_cell *x = bmd_footprint_at(&a, 0, i, j);
      bmd_geodesic_inverse(sc.phys.earth, semnan->lat_deg, semnan->lon_deg, 43.0 + 2.0 * i, 13.0 + 2.0 * j, &s, &az, NULL);
      CHECK_NEAR(x->range_m, s, 1e-3);
      CHECK_NEAR(x->az_deg, fmod(az + 360.0, 360.0), 1e-9);
    }

  /* thread count: bit-identical, and the same count of fans (threads that would wait for
     a fan build others ahead: fancache.c counts the fans asked for) */
  o.threads = 1;
  CHECK_INT_EQ(bmd_footprint_compute(&sc, &o, &a1, NULL, NULL), BMD_OK);
  CHECK(memcmp(a.cell, a1.cell, sizeof *a.cell * (size_t)(a.nlat * a.nlon)) == 0);
  CHECK_INT_EQ(a.fans_built, a1.fans_built);
  {
    struct bmd_footprint a6;
    o.threads = 6;
    CHECK_INT_EQ(bmd_footprint_compute(&sc, &o, &a6, NULL, NULL), BMD_OK);
    CHECK(memcmp(a.cell, a6.cell, sizeof *a.cell * (size_t)(a.nlat * a.nlon)) == 0);
    CHECK_INT_EQ(a.fans_built, a6.fans_built);
    bmd_footprint_release(&a6);
  }
  o.threads = 2;

  /* family against aimed and flown trajectories */
  {
    struct bmd_footprint e;
    long same = 0, n = 0;
    double dtof = 0.0, dalt = 0.0;
    o.exact = 1;
    CHECK_INT_EQ(bmd_footprint_compute(&sc, &o, &e, NULL, NULL), BMD_OK);
    o.exact = 0;
    CHECK(e.cells_flown == e.cells_solved);
    CHECK(a.family_members > 0 && a.cells_flown < a.cells_solved);
    for (long k = 0; k < (long)a.nlat * a.nlon; k++) {
      const struct bmd_footprint_cell *x = &a.cell[k], *y = &e.cell[k];
      CHECK_INT_EQ(x->status, y->status);
      if (x->status != BMD_FOOTPRINT_OK || y->status != BMD_FOOTPRINT_OK) continue;
      n++;
      same += x->opportunities == y->opportunities;
      CHECK(abs(x->opportunities - y->opportunities) <= 1);
      dtof = fmax(dtof, fabs((double)x->tof_s - (double)y->tof_s));
      if (x->first_site >= 0 && y->first_site >= 0) dalt = fmax(dalt, fabs((double)x->first_alt_m - (double)y->first_alt_m));
    }
    printf("family vs aimed and flown: %ld of %ld cells with the same opportunities, time of flight within "
           "%.2f s, earliest intercept altitude within %.0f m; %ld of %ld cells flown\n",
           same, n, dtof, dalt, a.cells_flown, a.cells_solved);
    CHECK(n > 0 && same >= 0.95 * n);
    CHECK(dtof < 3.0);
    CHECK(dalt < 10e3);
    bmd_footprint_release(&e);
  }

  /* without Redzikowo */
  {
    struct bmd_scenario s2 = sc;
    struct bmd_scen_site sites[16];
    int n = 0, removed = 0;
    for (int s = 0; s < sc.nsites && n < 16; s++) {
      if (strstr(sc.sites[s].name, "redzikowo")) {
        removed++;
        continue;
      }
      sites[n++] = sc.sites[s];
    }
    CHECK_INT_EQ(removed, 1);
    s2.sites = sites;
    s2.nsites = n;
    CHECK_INT_EQ(bmd_footprint_compute(&s2, &o, &b, NULL, NULL), BMD_OK);
    tb = count(&b);
    printf("without redzikowo: %ld defended, %ld kinematic, %ld opportunities\n", tb.defended, tb.kinematic, tb.opp_sum);
    for (long k = 0; k < (long)a.nlat * a.nlon; k++) CHECK(b.cell[k].opportunities <= a.cell[k].opportunities);
    CHECK(tb.opp_sum < ta.opp_sum);
    CHECK(tb.defended < ta.defended);
  }

  /* faster interceptors: Isp x 1.15 on every stage */
  {
    struct bmd_scenario s3 = sc;
    struct bmd_scen_site sites[16];
    struct bmd_missile fast[16];
    for (int s = 0; s < sc.nsites && s < 16; s++) {
      sites[s] = sc.sites[s];
      fast[s] = *sc.sites[s].interceptor;
      for (int k = 0; k < fast[s].vehicle.nstages; k++) fast[s].vehicle.stage[k].isp_s *= 1.15;
      sites[s].interceptor = &fast[s];
    }
    s3.sites = sites;
    CHECK_INT_EQ(bmd_footprint_compute(&s3, &o, &c, NULL, NULL), BMD_OK);
    tc = count(&c);
    printf("Isp x 1.15: %ld defended, %ld kinematic, %ld opportunities\n", tc.defended, tc.kinematic, tc.opp_sum);
    CHECK(tc.defended >= ta.defended);
    CHECK(tc.kinematic >= ta.kinematic);
    CHECK(tc.opp_sum > ta.opp_sum);
  }
  bmd_footprint_release(&a);
  bmd_footprint_release(&a1);
  bmd_footprint_release(&b);
  bmd_footprint_release(&c);
  bmd_scenario_release(&sc);
  bmd_catalog_release(&cat);
  return check_report("test_footprint");
}
