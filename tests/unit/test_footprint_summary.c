/*
 * test_footprint_summary.c - the footprint's summary (footprint.h, bmd_footprint_summarize)
 * on a footprint written by hand: 3 x 2 cells of 30 degrees (rows centred at 15, 45 and
 * 75 N), two launch points, two sites, with the opportunities, statuses and site bits set
 * so that every rule shows:
 *  - per launch point, threatened / defended / shoot-look-shoot / kinematic cells and
 *    their areas, and the failed cells;
 *  - per site and launch point, the cells it can engage or reach (never summed over the
 *    launch points);
 *  - combined: a cell is threatened when some launch reaches it and defended when every
 *    launch that reaches it can be engaged;
 *  - defended_fraction is area-weighted: 0.75 here, while the share of cells is 4/6.
 * The truth: the cells counted by hand, and the area of a latitude band on the sphere,
 * R^2 dlon (sin lat1 - sin lat0), written out here rather than taken from the library.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/footprint.h>
#include <bmd/status.h>

#include "check.h"

#define NLAT 3
#define NLON 2

/* the area (km^2) of one 30 x 30 degree cell whose row spans lat0..lat1 degrees */
static double cell_km2(double lat0, double lat1) {
  double r_km = BMD_SPHERE_R_M / 1e3, d = 3.14159265358979323846 / 180.0;
  return r_km * r_km * (30.0 * d) * (sin(lat1 * d) - sin(lat0 * d));
}

static void set(struct bmd_footprint_cell *c, int status, int opp, int kin, unsigned sites, unsigned kin_sites) {
  memset(c, 0, sizeof *c);
  c->status = status;
  c->opportunities = opp;
  c->kin_opportunities = kin;
  c->sites = sites;
  c->kin_sites = kin_sites;
}

int main(void) {
  static struct bmd_footprint_cell cells[2 * NLAT * NLON];
  struct bmd_footprint f;
  struct bmd_footprint_summary s;
  const double A0 = cell_km2(0, 30), A1 = cell_km2(30, 60), A2 = cell_km2(60, 90);
  const double tol = 1e-9 * (A0 + A1 + A2);
  struct bmd_footprint_cell *l0 = cells, *l1 = cells + NLAT * NLON;
  enum { OK = BMD_FOOTPRINT_OK, FAR = BMD_FOOTPRINT_BEYOND_RANGE, FAIL = BMD_FOOTPRINT_FAILED };

  memset(&f, 0, sizeof f);
  f.nlat = NLAT;
  f.nlon = NLON;
  f.nlaunch = 2;
  f.lat0_deg = 15.0;
  f.lon0_deg = 0.0;
  f.grid_deg = 30.0;
  f.cell = cells;
  /* launch 0: every cell reached; site 0 engages the defended cells, site 1 one of them */
  set(&l0[0], OK, 2, 1, 3, 3); /* row 0 (15 N) */
  set(&l0[1], OK, 1, 1, 1, 1);
  set(&l0[2], OK, 0, 1, 0, 1); /* row 1 (45 N): reach only */
  set(&l0[3], OK, 1, 1, 1, 1);
  set(&l0[4], OK, 1, 1, 1, 1); /* row 2 (75 N) */
  set(&l0[5], OK, 0, 0, 0, 0);
  /* launch 1: rows 0 and 1 reached and engaged by site 1; row 2 beyond range / failed */
  set(&l1[0], OK, 1, 1, 2, 2);
  set(&l1[1], OK, 1, 1, 2, 2);
  set(&l1[2], OK, 1, 1, 2, 2);
  set(&l1[3], OK, 1, 1, 2, 2);
  set(&l1[4], FAR, 0, 0, 0, 0);
  set(&l1[5], FAIL, 0, 0, 0, 0);

  /* the library's cell area is the band formula */
  CHECK_NEAR(bmd_footprint_cell_area_m2(&f, 0) / 1e6, A0, tol);
  CHECK_NEAR(bmd_footprint_cell_area_m2(&f, 2) / 1e6, A2, tol);

  CHECK_INT_EQ(bmd_footprint_summarize(&f, 65, &s), BMD_EINVAL);
  CHECK_INT_EQ(bmd_footprint_summarize(&f, 2, &s), BMD_OK);
  /* launch 0 */
  CHECK_INT_EQ(s.launch[0].threatened.cells, 6);
  CHECK_NEAR(s.launch[0].threatened.area_km2, 2 * (A0 + A1 + A2), tol);
  CHECK_INT_EQ(s.launch[0].defended.cells, 4);
  CHECK_NEAR(s.launch[0].defended.area_km2, 2 * A0 + A1 + A2, tol);
  CHECK_INT_EQ(s.launch[0].shoot_look_shoot.cells, 1);
  CHECK_NEAR(s.launch[0].shoot_look_shoot.area_km2, A0, tol);
  CHECK_INT_EQ(s.launch[0].kinematic.cells, 5);
  CHECK_NEAR(s.launch[0].kinematic.area_km2, 2 * A0 + 2 * A1 + A2, tol);
  CHECK_INT_EQ(s.launch[0].failed, 0);
  CHECK_NEAR(s.launch[0].defended_fraction, (2 * A0 + A1 + A2) / (2 * (A0 + A1 + A2)), 1e-12);
  /* launch 1 */
  CHECK_INT_EQ(s.launch[1].threatened.cells, 4);
  CHECK_NEAR(s.launch[1].threatened.area_km2, 2 * A0 + 2 * A1, tol);
  CHECK_INT_EQ(s.launch[1].defended.cells, 4);
  CHECK_INT_EQ(s.launch[1].shoot_look_shoot.cells, 0);
  CHECK_INT_EQ(s.launch[1].failed, 1);
  CHECK_NEAR(s.launch[1].defended_fraction, 1.0, 1e-12);
  /* per site, per launch point */
  CHECK_INT_EQ(s.site_engage[0 * 2 + 0].cells, 4);
  CHECK_NEAR(s.site_engage[0 * 2 + 0].area_km2, 2 * A0 + A1 + A2, tol);
  CHECK_INT_EQ(s.site_engage[0 * 2 + 1].cells, 1);
  CHECK_NEAR(s.site_engage[0 * 2 + 1].area_km2, A0, tol);
  CHECK_INT_EQ(s.site_reach[0 * 2 + 0].cells, 5);
  CHECK_INT_EQ(s.site_engage[1 * 2 + 0].cells, 0);
  CHECK_INT_EQ(s.site_engage[1 * 2 + 1].cells, 4);
  CHECK_NEAR(s.site_engage[1 * 2 + 1].area_km2, 2 * A0 + 2 * A1, tol);
  /* combined: 6 threatened; defended where every reaching launch is engaged: row 0 both,
     row 1 east, row 2 west (launch 1 does not reach it) */
  CHECK_INT_EQ(s.combined.threatened.cells, 6);
  CHECK_NEAR(s.combined.threatened.area_km2, 2 * (A0 + A1 + A2), tol);
  CHECK_INT_EQ(s.combined.defended.cells, 4);
  CHECK_NEAR(s.combined.defended.area_km2, 2 * A0 + A1 + A2, tol);
  CHECK_INT_EQ(s.combined.shoot_look_shoot.cells, 0); /* row 0 west: min(2, 1) */
  CHECK_INT_EQ(s.combined.kinematic.cells, 5);
  CHECK_INT_EQ(s.combined.failed, 1);
  /* area-weighted, not the share of cells */
  printf("defended fraction %.6f (area), cells %ld of %ld (%.6f)\n", s.combined.defended_fraction,
         s.combined.defended.cells, s.combined.threatened.cells,
         (double)s.combined.defended.cells / (double)s.combined.threatened.cells);
  CHECK_NEAR(s.combined.defended_fraction, 0.75, 1e-12);
  CHECK(fabs(s.combined.defended_fraction - 4.0 / 6.0) > 0.05);
  bmd_footprint_summary_release(&s);
  bmd_footprint_summary_release(&s); /* a released summary is zeroed */
  return check_report("test_footprint_summary");
}
