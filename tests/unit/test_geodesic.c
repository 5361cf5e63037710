/* test_geodesic.c - geodesics (PROJ geod_) and gravity against closed forms. */
#include <bmd/const.h>
#include <bmd/geodesic.h>
#include <bmd/gravity.h>
#include <bmd/physics.h>

#include <math.h>
#include <stdio.h>

#include "check.h"

int main(void) {
  double s, a1, a2, la, lo;
  /* WGS84 quarter meridian 10,001,965.729 m (Karney 2013, eq. 1 discussion; NIMA TR8350.2) */
  bmd_geodesic_inverse(BMD_EARTH_WGS84_J2, 0.0, 0.0, 90.0, 0.0, &s, &a1, &a2);
  CHECK_NEAR(s, 10001965.729, 1e-3);
  CHECK_NEAR(a1, 0.0, 1e-12);
  /* on the sphere: haversine great circle, Paris -> Warsaw */
  {
    double p1 = 48.856613 * BMD_DEG, l1 = 2.352222 * BMD_DEG, p2 = 52.229676 * BMD_DEG,
           l2 = 21.012229 * BMD_DEG;
    double h = sin((p2 - p1) / 2) * sin((p2 - p1) / 2) + cos(p1) * cos(p2) * sin((l2 - l1) / 2) * sin((l2 - l1) / 2);
    double want = 2.0 * BMD_SPHERE_R_M * asin(sqrt(h));
    bmd_geodesic_inverse(BMD_EARTH_SPHERE, 48.856613, 2.352222, 52.229676, 21.012229, &s, &a1, NULL);
    CHECK_NEAR(s, want, 1e-6);
    /* initial course, spherical trigonometry */
    double az = atan2(sin(l2 - l1) * cos(p2), cos(p1) * sin(p2) - sin(p1) * cos(p2) * cos(l2 - l1));
    CHECK_NEAR(a1, az / BMD_DEG, 1e-9);
  }
  /* direct inverts inverse */
  bmd_geodesic_inverse(BMD_EARTH_WGS84_J2, 35.23472, 53.92083, 38.9072, -77.0369, &s, &a1, NULL);
  bmd_geodesic_direct(BMD_EARTH_WGS84_J2, 35.23472, 53.92083, a1, s, &la, &lo);
  CHECK_NEAR(la, 38.9072, 1e-9);
  CHECK_NEAR(lo, -77.0369, 1e-9);
  /* the great-circle distance on a sphere of R = 6371 km, haversine by hand: Semnan ->
     Washington 10,354 km */
  bmd_geodesic_inverse(BMD_EARTH_SPHERE, 35.23472, 53.92083, 38.9072, -77.0369, &s, NULL, NULL);
  CHECK_NEAR(s / 1e3 * 6371.0 / 6371.0088, 10354.0, 1.0);

  /* the fast repeated inverse (bmd_geodesic_from) against PROJ at every point of paths that
     pass near, across and far from the fixed point (up to ~3,000 km), 1-3 km apart as a
     threat's scan points are: <= 0.25 m and 0.025 deg (geodesic.h) */
  {
    static const double path[][4] = {   /* from lat, lon to lat, lon (deg) */
        {35.2, 53.9, 52.2, 21.0}, {38.1, 46.3, 60.0, -5.0}, {54.0, 10.0, 55.0, 25.0},
        {70.0, 17.0, 40.0, 17.5}, {30.0, -10.0, 65.0, 45.0}, {54.47, 17.12, 20.0, 60.0}};
    double worst_s = 0.0, worst_az = 0.0;
    long nexact = 0, ncalls = 0;
    for (int e = 0; e < 2; e++) {
      enum bmd_earth_shape shape = e ? BMD_EARTH_SPHERE : BMD_EARTH_WGS84_J2;
      for (size_t q = 0; q < sizeof path / sizeof path[0]; q++) {
        struct bmd_geodesic_from g;
        bmd_geodesic_from_init(&g, shape, 54.47, 17.12, 64);
        for (int i = 0; i <= 2000; i++) {
          double f = i / 2000.0, pla = path[q][0] + f * (path[q][2] - path[q][0]),
                 plo = path[q][1] + f * (path[q][3] - path[q][1]), sf, af1, af2;
          int since = g.since;
          bmd_geodesic_from_inverse(&g, sin(pla * BMD_DEG), cos(pla * BMD_DEG), sin(plo * BMD_DEG),
                                    cos(plo * BMD_DEG), &sf, &af1, &af2);
          bmd_geodesic_inverse(shape, 54.47, 17.12, pla, plo, &s, &a1, &a2);
          ncalls++;
          nexact += g.since == 0 && since != 0;
          if (s < 1e3) continue;   /* azimuths are undefined at the point itself */
          worst_s = fmax(worst_s, fabs(sf - s));
          worst_az = fmax(worst_az, fmax(fabs(remainder(af1 - a1, 360.0)), fabs(remainder(af2 - a2, 360.0))));
        }
      }
    }
    printf("geodesic_from: worst %.2f m, %.5f deg; %ld exact of %ld\n", worst_s, worst_az, nexact, ncalls);
    CHECK(worst_s <= 0.25);
    CHECK(worst_az <= 0.025);
    CHECK(nexact < ncalls / 40);   /* it does save work */
  }

  /* the distance alone (bmd_geodesic_from_distance) on an interceptor's ground track: from
     the fixed point outward, 100 m then growing 2% a point out to ~2,800 km, in four
     directions; the first ~95 points lie within 10 km, where bmd_geodesic_from_inverse
     would solve each one exactly */
  {
    double worst = 0.0;
    long nexact = 0, ncalls = 0;
    for (int e = 0; e < 2; e++)
      for (int q = 0; q < 4; q++) {
        struct bmd_geodesic_from g;
        double d = 100.0;
        bmd_geodesic_from_init(&g, e ? BMD_EARTH_SPHERE : BMD_EARTH_WGS84_J2, 54.47, 17.12, 64);
        for (int i = 0; i < 520; i++, d *= 1.02) {
          double pla, plo, sf, se;
          int since = g.since;
          bmd_geodesic_direct(BMD_EARTH_WGS84_J2, 54.47, 17.12, 10.0 + 90.0 * q, d, &pla, &plo);
          sf = bmd_geodesic_from_distance(&g, sin(pla * BMD_DEG), cos(pla * BMD_DEG), sin(plo * BMD_DEG),
                                          cos(plo * BMD_DEG));
          bmd_geodesic_inverse(e ? BMD_EARTH_SPHERE : BMD_EARTH_WGS84_J2, 54.47, 17.12, pla, plo, &se, NULL, NULL);
          ncalls++;
          nexact += g.since == 0 && since != 0;
          worst = fmax(worst, fabs(sf - se));
        }
      }
    printf("geodesic_from_distance: worst %.3f m; %ld exact of %ld\n", worst, nexact, ncalls);
    CHECK(worst <= 0.3);   /* points up to 57 km apart: the error grows with the move */
    CHECK(nexact < ncalls / 10);
  }

  /* gravity: point mass |a| = GM/r^2; J2 at the equator |a| = GM/a^2 (1 + 3/2 J2) and at
     the pole GM/r^2 (1 - 3 J2 (a/r)^2) (Vallado 2013 eq. 8-30 evaluated by hand) */
  {
    double r[3] = {BMD_WGS84_A_M, 0.0, 0.0}, a[3];
    const double GM = BMD_WGS84_GM_M3PS2, J2 = BMD_WGS84_J2, A = BMD_WGS84_A_M;
    bmd_gravity_point(GM, r, a);
    CHECK_REL(-a[0], GM / (A * A), 1e-15);
    bmd_gravity_j2(GM, J2, A, r, a);
    CHECK_REL(-a[0], GM / (A * A) * (1.0 + 1.5 * J2), 1e-14);
    double rp[3] = {0.0, 0.0, 6356752.314245};
    bmd_gravity_j2(GM, J2, A, rp, a);
    CHECK_REL(-a[2], GM / (rp[2] * rp[2]) * (1.0 - 3.0 * J2 * A * A / (rp[2] * rp[2])), 1e-14);
    /* the acceleration is minus the gradient of the potential (central differences, 1 m) */
    double q[3] = {3.1e6, -4.2e6, 3.3e6}, g[3];
    bmd_gravity_j2(GM, J2, A, q, g);
    for (int i = 0; i < 3; i++) {
      double qp[3] = {q[0], q[1], q[2]}, qm[3] = {q[0], q[1], q[2]};
      qp[i] += 1.0;
      qm[i] -= 1.0;
      double grad = (bmd_gravity_potential_j2(GM, J2, A, qp) - bmd_gravity_potential_j2(GM, J2, A, qm)) / 2.0;
      CHECK_NEAR(-grad, g[i], 1e-7);
    }
  }
  return check_report("test_geodesic");
}
