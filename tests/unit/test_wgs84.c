/* test_wgs84.c - WGS84 conversions: defining values, round trips, the fast height. */
#include <bmd/const.h>
#include <bmd/physics.h>
#include <bmd/wgs84.h>

#include "check.h"

int main(void) {
  double r[3], lat, lon, h;
  /* equator/prime meridian and pole: x = a; z = b = 6356752.314245 m (NIMA TR8350.2 t3.1) */
  bmd_wgs84_to_ecef(0.0, 0.0, 0.0, r);
  CHECK_NEAR(r[0], 6378137.0, 1e-9);
  bmd_wgs84_to_ecef(BMD_PI / 2, 0.0, 0.0, r);
  CHECK_NEAR(r[2], 6356752.314245, 1e-6);
  CHECK_NEAR(r[0], 0.0, 1e-6);
  bmd_wgs84_from_ecef(r, &lat, &lon, &h);
  CHECK_NEAR(lat, BMD_PI / 2, 1e-15);
  CHECK_NEAR(h, 0.0, 1e-6);
  /* round trips at high-entropy points, heights -1 km .. 5,000 km: 1e-8 m / 1e-14 rad
     (a few ulps of 6.4e6 m) */
  unsigned long s = 2385;
  double worst_fast = 0.0;
  for (int i = 0; i < 20000; i++) {
    s = s * 6364136223846793005UL + 1442695040888963407UL;
    double u1 = (double)(s >> 11) / 9007199254740992.0;
    s = s * 6364136223846793005UL + 1442695040888963407UL;
    double u2 = (double)(s >> 11) / 9007199254740992.0;
    s = s * 6364136223846793005UL + 1442695040888963407UL;
    double u3 = (double)(s >> 11) / 9007199254740992.0;
    double la = (u1 - 0.5) * BMD_PI, lo = (u2 - 0.5) * 2 * BMD_PI, hh = -1000.0 + u3 * 5.0e6;
    bmd_wgs84_to_ecef(la, lo, hh, r);
    bmd_wgs84_from_ecef(r, &lat, &lon, &h);
    CHECK_NEAR(lat, la, 1e-14);
    CHECK_NEAR(lon, lo, 1e-14);
    CHECK_NEAR(h, hh, 1e-7);
    if (hh < 3.0e6) {
      double n[3], hf = bmd_wgs84_height_fast(r, n);
      if (fabs(hf - hh) > worst_fast) worst_fast = fabs(hf - hh);
      /* the normal is the geodetic "up": (cos lat cos lon, cos lat sin lon, sin lat) */
      CHECK_NEAR(n[2], sin(la), 5e-9); /* one-iteration latitude: < 3e-9 rad measured */
    }
  }
  /* ENU: round trip, and "up" is the geodetic normal (the height gradient): moving 1 m
     along up from a point raises its height by 1 m */
  {
    double la = 0.7, lo = -2.1, v[3] = {12.5, -7.25, 3.0}, w[3], z[3], r0[3], r1[3], hh;
    bmd_wgs84_enu_to_ecef(la, lo, v, w);
    bmd_wgs84_ecef_to_enu(la, lo, w, z);
    for (int i = 0; i < 3; i++) CHECK_NEAR(z[i], v[i], 1e-12);
    double up[3] = {0.0, 0.0, 1.0}, du[3];
    bmd_wgs84_to_ecef(la, lo, 500.0, r0);
    bmd_wgs84_enu_to_ecef(la, lo, up, du);
    for (int i = 0; i < 3; i++) r1[i] = r0[i] + du[i];
    bmd_wgs84_from_ecef(r1, NULL, NULL, &hh);
    CHECK_NEAR(hh, 501.0, 1e-9);
  }
  /* documented accuracy of the one-iteration Bowring height: < 1e-6 m up to 3,000 km */
  CHECK(worst_fast < 1e-6);
  printf("fast height worst error %.3g m\n", worst_fast);
  /* the height near the surface (wgs84.h): against the exact conversion every 0.05 deg of
     latitude at heights from -1 to 1,000 km: 0.024 mm at 100 km, 0.034 mm at 120 km, 1.7 mm
     at 1,000 km (without the curvature factor 4.4 mm at 100 km, with neither it nor the
     exact delta 12.8 mm) */
  {
    static const double hs[] = {-1000.0, 0.0, 10e3, 50e3, 86e3, 100e3, 120e3, 1000e3};
    double worst_near[8] = {0.0};
    for (int k = 0; k < 8; k++)
      for (int i = 0; i <= 3600; i++) {
        double rr[3], la = (-90.0 + 0.05 * i) * BMD_DEG;
        bmd_wgs84_to_ecef(la, 0.3 + 0.001 * i, hs[k], rr);
        worst_near[k] = fmax(worst_near[k], fabs(bmd_wgs84_height_near(rr) - hs[k]));
      }
    for (int k = 0; k < 8; k++) CHECK(worst_near[k] <= (hs[k] <= 120e3 ? 5e-5 : 2e-3));
    printf("near-surface height worst error %.3f mm at 100 km, %.3f mm at 120 km, %.2f mm at 1,000 km\n",
           1e3 * worst_near[5], 1e3 * worst_near[6], 1e3 * worst_near[7]);
  }
  /* the same step with the latitude's and longitude's sines and cosines, on both Earth
     models, against the exact inverse (physics.h) */
  for (int e = 0; e < 2; e++) {
    struct bmd_physics ph;
    double worst_sc = 0.0, worst_h = 0.0;
    bmd_physics_default(&ph);
    if (e) ph.earth = BMD_EARTH_SPHERE;
    for (int i = 0; i < 400; i++) {
      double la0 = (-89.5 + 179.0 * i / 399.0) * BMD_DEG, lo0 = (-179.0 + 0.9 * i) * BMD_DEG;
      double h0 = 3e6 * ((i * 37) % 400) / 400.0, rr[3], sl, cl, so, co, la, lo, hh;
      bmd_physics_to_ecef(&ph, la0, lo0, h0, rr);
      double hf = bmd_physics_geodetic_fast(&ph, rr, &sl, &cl, &so, &co);
      bmd_physics_from_ecef(&ph, rr, &la, &lo, &hh);
      worst_h = fmax(worst_h, fabs(hf - hh));
      worst_sc = fmax(worst_sc, fmax(fmax(fabs(sl - sin(la)), fabs(cl - cos(la))),
                                     fmax(fabs(so - sin(lo)), fabs(co - cos(lo)))));
    }
    printf("geodetic_fast (%s): worst %.3g m, %.3g in sine/cosine\n", e ? "sphere" : "wgs84", worst_h, worst_sc);
    CHECK(worst_h < 1e-6);
    CHECK(worst_sc < 1e-8);   /* one Bowring step: ~3e-9 rad (2 cm) at 3,000 km */
  }
  return check_report("test_wgs84");
}
