/* test_radar.c - radar geometry, detection range and measurement noise (radar.h) against
   closed forms: the horizon distance, plane geometry on the equator, the RCS^(1/4) law of
   the radar range equation, and the sample statistics of the noise; the covariance at the
   true geometry (bmd_radar_covariance) against its closed-form eigenstructure. */
#include <float.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include <bmd/catalog.h>
#include <bmd/const.h>
#include <bmd/radar.h>
#include <bmd/status.h>
#include <bmd/wgs84.h>

#include "check.h"

/* a test radar type: steerable, or one face at boresight az, 'el' +/- 'half_el' */
static struct bmd_radar_type test_type(int steerable, double half_az, double el, double half_el) {
  struct bmd_radar_type t;
  memset(&t, 0, sizeof t);
  snprintf(t.name, sizeof t.name, "test");
  t.steerable = steerable;
  if (!steerable) {
    t.nfaces = 1;
    t.face[0].half_az_deg = half_az;
    t.face[0].el_deg = el;
    t.face[0].half_el_deg = half_el;
  }
  t.min_el_deg = -90.0;
  t.max_el_deg = 90.0;
  t.ref_range_km = 1e5; /* far beyond any test geometry: only occlusion and FOV matter */
  t.ref_rcs_dbsm = 0.0;
  t.update_s = 1.0;
  return t;
}

/* a point at geodetic (lat, lon, h), degrees and metres */
static void geo(double lat_deg, double lon_deg, double h_m, double r[3]) {
  bmd_wgs84_to_ecef(lat_deg * BMD_DEG, lon_deg * BMD_DEG, h_m, r);
}

/* a point at slant range rho, azimuth az, elevation el (deg) from the radar */
static void at_rae(const struct bmd_radar *r, double rho_m, double az_deg, double el_deg,
                   double p[3]) {
  double v[3] = {rho_m * cos(el_deg * BMD_DEG) * sin(az_deg * BMD_DEG),
                 rho_m * cos(el_deg * BMD_DEG) * cos(az_deg * BMD_DEG),
                 rho_m * sin(el_deg * BMD_DEG)};
  double w[3];
  bmd_wgs84_enu_to_ecef(r->lat_deg * BMD_DEG, r->lon_deg * BMD_DEG, v, w);
  for (int i = 0; i < 3; i++) p[i] = r->r_ecef_m[i] + w[i];
}

/* Horizon: a radar at height hr on the equator, a target at height ht due east along the
   equator (a circle of radius a, so the geometry is plane). The arc distance at which the
   target drops below the horizon is found by bisection on bmd_radar_look and compared with
   the closed form sqrt(2 R hr) + sqrt(2 R ht) (spherical Earth, h << R). The closed form
   drops the h^2 terms and uses the mean radius R for the equatorial a: for ht <= 100 km
   that is 0.5% at most, hence the 1% tolerance. */
static void check_horizon(double hr_m, double ht_m) {
  struct bmd_radar_type t = test_type(0, 60.0, 0.0, 20.0);
  struct bmd_radar r;
  const double a = BMD_WGS84_A_M, R = BMD_SPHERE_R_M;
  double want = sqrt(2.0 * R * hr_m) + sqrt(2.0 * R * ht_m), lo = 0.0, hi = 2.0 * want, p[3],
         q[3];
  bmd_radar_init(&r, &t, 0.0, 0.0, hr_m, 90.0);
  for (int it = 0; it < 60; it++) {
    double s = 0.5 * (lo + hi);
    geo(0.0, s / a / BMD_DEG, ht_m, p);
    if (bmd_radar_look(&r, p, 0.0, NULL, NULL, NULL) == BMD_RADAR_SEEN) lo = s;
    else hi = s;
  }
  CHECK_REL(lo, want, 0.01);
  /* and the exact plane geometry of the equatorial circle: each tangent line meets the
     circle at the arc a acos(a / (a + h)) from its end point; 1 m covers the bisection
     (interval / 2^60) and the rounding of 1e7 m ECEF coordinates many times over */
  CHECK_NEAR(lo, a * acos(a / (a + hr_m)) + a * acos(a / (a + ht_m)), 1.0);
  /* 1% inside the horizon, at the face's azimuth: seen; 1% beyond: occluded */
  geo(0.0, 0.99 * want / a / BMD_DEG, ht_m, p);
  CHECK_INT_EQ(bmd_radar_look(&r, p, 0.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
  /* from a raised antenna the segment itself clears; from one on the surface it touches
     at the antenna, which bmd_radar_line_of_sight counts and bmd_radar_look does not */
  if (hr_m > 0.0) CHECK_INT_EQ(bmd_radar_line_of_sight(r.r_ecef_m, p), 1);
  geo(0.0, 1.01 * want / a / BMD_DEG, ht_m, q);
  CHECK_INT_EQ(bmd_radar_look(&r, q, 0.0, NULL, NULL, NULL), BMD_RADAR_OCCLUDED);
  CHECK_INT_EQ(bmd_radar_line_of_sight(r.r_ecef_m, q), 0);
  /* the same target seen from a face pointing west is outside the field of view */
  bmd_radar_init(&r, &t, 0.0, 0.0, hr_m, 270.0);
  CHECK_INT_EQ(bmd_radar_look(&r, p, 0.0, NULL, NULL, NULL), BMD_RADAR_FOV);
}

static void test_line_of_sight(void) {
  const double a = BMD_WGS84_A_M, b = BMD_WGS84_A_M * (1.0 - BMD_WGS84_F);
  /* through the centre, between antipodes at 1,000 km: blocked */
  double p[3] = {a + 1e6, 0.0, 0.0}, q[3] = {-a - 1e6, 0.0, 0.0};
  CHECK_INT_EQ(bmd_radar_line_of_sight(p, q), 0);
  /* a chord 10 m above the pole, parallel to the equator, 2,000 km long: it clears the
     ellipsoid (polar semi-axis b, NIMA TR8350.2) though it would cut a sphere of radius a,
     so the test sees the flattening */
  double u[3] = {-1e6, 0.0, b + 10.0}, v[3] = {1e6, 0.0, b + 10.0};
  CHECK_INT_EQ(bmd_radar_line_of_sight(u, v), 1);
  u[2] = v[2] = b - 10.0;
  CHECK_INT_EQ(bmd_radar_line_of_sight(u, v), 0);
  /* symmetric in its ends */
  CHECK_INT_EQ(bmd_radar_line_of_sight(v, u), 0);
  /* a target inside the Earth is occluded even straight below a radar */
  {
    struct bmd_radar_type t = test_type(1, 0.0, 0.0, 0.0);
    struct bmd_radar r;
    double w[3];
    bmd_radar_init(&r, &t, 10.0, 20.0, 1000.0, 0.0);
    geo(10.0, 20.0, -5000.0, w);
    CHECK_INT_EQ(bmd_radar_look(&r, w, 0.0, NULL, NULL, NULL), BMD_RADAR_OCCLUDED);
  }
}

/* a radar at sea level (a ship, alt 0) or below the ellipsoid still sees above its
   horizon: contact at the antenna is not an occlusion */
static void test_sea_level(void) {
  struct bmd_radar_type t = test_type(1, 0.0, 0.0, 0.0);
  struct bmd_radar r;
  double p[3];
  for (int k = 0; k < 3; k++) {
    double alt = k == 0 ? 0.0 : (k == 1 ? -30.0 : 1e-9);
    bmd_radar_init(&r, &t, 57.3, 3.1, alt, 0.0);
    at_rae(&r, 400e3, 123.0, 5.0, p);
    CHECK_INT_EQ(bmd_radar_look(&r, p, 0.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
    at_rae(&r, 400e3, 123.0, -0.5, p);
    CHECK_INT_EQ(bmd_radar_look(&r, p, 0.0, NULL, NULL, NULL), BMD_RADAR_OCCLUDED);
  }
}

/* az, el on the equator against plane geometry: target due east at (0, lon, h) from a
   radar at (0, 0, 0). Both lie in the equatorial plane, where the local up is the x axis:
   el = atan2((a + h) cos(lon) - a, (a + h) sin(lon)), az = 90 exactly; due north, az = 0. */
/* bmd_radar_sees answers as bmd_radar_look == BMD_RADAR_SEEN, for every radar type of the
   catalog at the Kurecik site, over 20,000 random points up to 3,000 km high and 6,000 km
   away (seen, out of range, below the horizon, out of the field of view or elevation) */
static void test_sees(const struct bmd_catalog *cat) {
  static const char *const types[] = {"emr", "tpy-2", "spy-1", "uewr", "uewr-thule"};
  unsigned long x = 0x9E3779B97F4A7C15UL;
  for (int k = 0; k < 5; k++) {
    const struct bmd_radar_type *t = bmd_catalog_radar(cat, types[k]);
    struct bmd_radar r;
    long seen = 0, agree = 0, n = 20000;
    CHECK(t != NULL);
    if (!t) continue;
    bmd_radar_init(&r, t, 38.34944, 37.79361, 2085.0, 290.0);
    for (long q = 0; q < n; q++) {
      double u[3], p[3], rdet = bmd_radar_detection_range_m(t, -10.0);
      for (int i = 0; i < 3; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;   /* xorshift64 (Marsaglia 2003) */
        u[i] = (double)(x >> 11) / 9007199254740992.0;
      }
      geo(38.34944 + 54.0 * (u[0] - 0.5), 37.79361 + 54.0 * (u[1] - 0.5), 3000e3 * u[2], p);
      int look = bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL) == BMD_RADAR_SEEN;
      seen += look;
      agree += look == bmd_radar_sees(&r, p, rdet);
    }
    printf("%-10s sees vs look: %ld of %ld agree (%ld seen)\n", types[k], agree, n, seen);
    CHECK_INT_EQ(agree, n);
    CHECK(seen > n / 100 && seen < n - n / 100);
  }
}

static void test_angles(const struct bmd_catalog *cat) {
  const struct bmd_radar_type *tpy = bmd_catalog_radar(cat, "tpy-2");
  struct bmd_radar r;
  const double a = BMD_WGS84_A_M, h = 500e3, lon = 5.0 * BMD_DEG;
  double p[3], rg, az, el;
  CHECK(tpy != NULL);
  if (!tpy) return;
  bmd_radar_init(&r, tpy, 0.0, 0.0, 0.0, 90.0);
  geo(0.0, 5.0, h, p);
  CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, &rg, &az, &el), BMD_RADAR_SEEN);
  CHECK_NEAR(az, 90.0, 1e-12);
  /* 1e-9 deg: rounding of ECEF coordinates of order 1e7 m over a 7e5 m baseline */
  CHECK_NEAR(el, atan2((a + h) * cos(lon) - a, (a + h) * sin(lon)) / BMD_DEG, 1e-9);
  CHECK_REL(rg, hypot((a + h) * cos(lon) - a, (a + h) * sin(lon)), 1e-12);
  /* one face, +/-60 deg: a target 90 deg off boresight (due north) is outside */
  geo(5.0, 0.0, h, p);
  CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, &az, NULL), BMD_RADAR_FOV);
  CHECK_NEAR(az, 0.0, 1e-12);
  /* pointed north, the same radar sees it */
  bmd_radar_init(&r, tpy, 0.0, 0.0, 0.0, 0.0);
  CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
  /* the field-of-view edge, with the boresight across north (350 deg): +/-60 deg wraps */
  bmd_radar_init(&r, tpy, 38.34944, 37.79361, 2085.0, 350.0);
  at_rae(&r, 600e3, 49.0, 30.0, p);
  CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
  at_rae(&r, 600e3, 51.0, 30.0, p);
  CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_FOV);
  at_rae(&r, 600e3, 291.0, 30.0, p);
  CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
  at_rae(&r, 600e3, 289.0, 30.0, p);
  CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_FOV);
}

/* R proportional to RCS^(1/4) (Skolnik 2001, eq. 1.1): +10 dB gives 10^(1/4), exactly up
   to rounding (4 ulp: one pow and two products); the status flips at that range */
static void test_detection_range(const struct bmd_catalog *cat) {
  for (int k = 0; k < cat->nradars; k++) {
    const struct bmd_radar_type *t = &cat->radars[k];
    double r0 = bmd_radar_detection_range_m(t, t->ref_rcs_dbsm);
    CHECK_REL(r0, t->ref_range_km * 1e3, DBL_EPSILON);
    CHECK_REL(bmd_radar_detection_range_m(t, t->ref_rcs_dbsm + 10.0) / r0, pow(10.0, 0.25),
              4.0 * DBL_EPSILON);
    CHECK_REL(bmd_radar_detection_range_m(t, t->ref_rcs_dbsm - 20.0) / r0, sqrt(0.1),
              4.0 * DBL_EPSILON);
  }
  {
    const struct bmd_radar_type *spy = bmd_catalog_radar(cat, "spy-1");
    struct bmd_radar r;
    double p[3], rmax;
    CHECK(spy != NULL);
    if (!spy) return;
    bmd_radar_init(&r, spy, 44.08, 24.35, 100.0, 0.0);
    rmax = bmd_radar_detection_range_m(spy, -10.0);
    at_rae(&r, 0.99 * rmax, 10.0, 40.0, p);
    CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
    at_rae(&r, 1.01 * rmax, 10.0, 40.0, p);
    CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_RANGE);
    /* the same point is seen by a 10 dB larger target */
    CHECK_INT_EQ(bmd_radar_look(&r, p, 0.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
  }
}

/* coverage of the catalog types: SPY-1 (4 faces) and the Fylingdales UEWR (3 faces) see
   every azimuth; the Thule UEWR (2 faces, 240 deg) is blind behind; the EMR (steerable)
   ignores azimuth and the boresight but keeps its elevation limits */
static void test_coverage(const struct bmd_catalog *cat) {
  const struct bmd_radar_type *spy = bmd_catalog_radar(cat, "spy-1"),
                              *uewr = bmd_catalog_radar(cat, "uewr"),
                              *thule = bmd_catalog_radar(cat, "uewr-thule"),
                              *emr = bmd_catalog_radar(cat, "emr");
  struct bmd_radar r;
  double p[3];
  CHECK(spy && uewr && thule && emr);
  if (!(spy && uewr && thule && emr)) return;
  for (double az = 0.0; az < 360.0; az += 2.5) {
    bmd_radar_init(&r, spy, 54.472, 17.12, 80.0, 0.0);
    at_rae(&r, 300e3, az, 20.0, p);
    CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
    bmd_radar_init(&r, uewr, 54.36, -0.67, 260.0, 17.0);
    at_rae(&r, 2000e3, az, 20.0, p);
    CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
    bmd_radar_init(&r, emr, 49.635222, 13.747944, 719.0, az); /* boresight ignored */
    at_rae(&r, 1500e3, az, 20.0, p);
    CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
    at_rae(&r, 1500e3, az, 0.5, p); /* below its 1 deg elevation limit */
    CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_ELEVATION);
    bmd_radar_init(&r, thule, 76.53, -68.70, 200.0, 0.0);
    at_rae(&r, 2000e3, az, 20.0, p);
    {
      double off = az > 180.0 ? 360.0 - az : az; /* angle from the boresight */
      if (off < 119.0) CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
      if (off > 121.0) CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_FOV);
    }
  }
  /* UEWR elevation limits 3-85 deg (wiki-fylingdales in data/sources.yaml) */
  bmd_radar_init(&r, uewr, 54.36, -0.67, 260.0, 0.0);
  at_rae(&r, 1000e3, 45.0, 2.0, p);
  CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_ELEVATION);
  at_rae(&r, 1000e3, 45.0, 86.0, p);
  CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_ELEVATION);
  at_rae(&r, 1000e3, 45.0, 4.0, p);
  CHECK_INT_EQ(bmd_radar_look(&r, p, -10.0, NULL, NULL, NULL), BMD_RADAR_SEEN);
}

/* Noise: 20,000 draws. The sample mean error must be within 4 standard errors
   (sqrt(R_ii / N)) of zero; the sample covariance about the truth must match the mean R:
   its trace and the whole matrix (Frobenius norm) within 5%, where the standard error of
   a variance estimate is sqrt(2/N) = 1%, so 5% is five of them. The trace of R also has a
   closed form: its eigenvalues are sr^2, (rho sa cos el)^2 and (rho se)^2. */
static void test_noise(const struct bmd_catalog *cat) {
  const struct bmd_radar_type *tpy = bmd_catalog_radar(cat, "tpy-2");
  const int N = 20000;
  struct bmd_radar r;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  double tgt[3], mean[3] = {0, 0, 0}, S[9] = {0}, Rbar[9] = {0}, rho = 800e3, el = 25.0;
  double trS = 0.0, trR = 0.0, fd = 0.0, fr = 0.0;
  CHECK(tpy != NULL && rng != NULL);
  if (!tpy || !rng) {
    gsl_rng_free(rng);
    return;
  }
  gsl_rng_set(rng, 2385);
  bmd_radar_init(&r, tpy, 38.34944, 37.79361, 2085.0, 90.0);
  at_rae(&r, rho, 80.0, el, tgt);
  for (int n = 0; n < N; n++) {
    double z[3], R[9], e[3];
    bmd_radar_measure(&r, tgt, rng, z, R);
    for (int i = 0; i < 3; i++) e[i] = z[i] - tgt[i];
    for (int i = 0; i < 3; i++) {
      mean[i] += e[i] / N;
      for (int j = 0; j < 3; j++) {
        S[3 * i + j] += e[i] * e[j] / N;
        Rbar[3 * i + j] += R[3 * i + j] / N;
      }
    }
  }
  for (int i = 0; i < 3; i++) {
    CHECK_NEAR(mean[i], 0.0, 4.0 * sqrt(Rbar[4 * i] / N));
    trS += S[4 * i];
    trR += Rbar[4 * i];
  }
  for (int k = 0; k < 9; k++) {
    fd += (S[k] - Rbar[k]) * (S[k] - Rbar[k]);
    fr += Rbar[k] * Rbar[k];
  }
  CHECK_REL(trS, trR, 0.05);
  CHECK_NEAR(sqrt(fd / fr), 0.0, 0.05);
  {
    /* R is taken at the measured point: its mean differs from the value at the truth by
       the second-order terms, ~ sa^2 = 2.5e-7 relative; 1e-5 leaves room */
    double sr = tpy->sigma_range_m, sa = tpy->sigma_angle_mrad * 1e-3, ce = cos(el * BMD_DEG);
    CHECK_REL(trR, sr * sr + rho * rho * sa * sa * (1.0 + ce * ce), 1e-5);
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) CHECK_REL(Rbar[3 * i + j], Rbar[3 * j + i], 1e-12);
  }
  /* no noise: the measurement is the truth (the ENU round trip, 1e-6 m at 1e6 m) */
  {
    struct bmd_radar_type t0 = *tpy;
    double z[3], R[9];
    t0.sigma_range_m = 0.0;
    t0.sigma_angle_mrad = 0.0;
    r.type = &t0;
    bmd_radar_measure(&r, tgt, rng, z, R);
    for (int i = 0; i < 3; i++) CHECK_NEAR(z[i], tgt[i], 1e-6);
    for (int k = 0; k < 9; k++) CHECK_NEAR(R[k], 0.0, 0.0);
  }
  gsl_rng_free(rng);
}

/* bmd_radar_covariance: R at the true range rho, azimuth and elevation has the line of
   sight u as an eigenvector with eigenvalue sigma_r^2 (R u = sigma_r^2 u), the horizontal
   direction across it with (rho sigma_a cos el)^2 and the third with (rho sigma_a)^2; so
   trace R = sigma_r^2 + rho^2 sigma_a^2 (1 + cos^2 el). Tolerances: 1e-9 relative, the
   rounding of a 3x3 product at rho ~ 1e6 m. At the zenith (azimuth undefined, taken as 0)
   the closed form still holds, with cos el = 0: trace sigma_r^2 + (rho sigma_a)^2. */
static void test_covariance(const struct bmd_catalog *cat) {
  const struct bmd_radar_type *spy = bmd_catalog_radar(cat, "spy-1");
  struct bmd_radar r;
  static const double cases[][3] = {{800e3, 80.0, 25.0}, {1500e3, 301.0, 3.0}, {200e3, 179.0, 71.0}, {90e3, 0.0, 89.0}};
  CHECK(spy != NULL);
  if (!spy) return;
  bmd_radar_init(&r, spy, 44.07867, 24.41342, 100.0, 0.0);
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    double rho = cases[c][0], az = cases[c][1] * BMD_DEG, el = cases[c][2] * BMD_DEG, tgt[3], R[9], u[3], Ru[3];
    double sr = spy->sigma_range_m, sa = spy->sigma_angle_mrad * 1e-3, ce = cos(el);
    at_rae(&r, rho, cases[c][1], cases[c][2], tgt);
    bmd_radar_covariance(&r, tgt, R);
    for (int i = 0; i < 3; i++) u[i] = ce * sin(az) * r.e[i] + ce * cos(az) * r.n[i] + sin(el) * r.u[i];
    for (int i = 0; i < 3; i++) Ru[i] = R[3 * i] * u[0] + R[3 * i + 1] * u[1] + R[3 * i + 2] * u[2];
    for (int i = 0; i < 3; i++) CHECK_NEAR(Ru[i], sr * sr * u[i], 1e-9 * rho * rho * sa * sa);
    CHECK_REL(R[0] + R[4] + R[8], sr * sr + rho * rho * sa * sa * (1.0 + ce * ce), 1e-9);
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) CHECK_NEAR(R[3 * i + j], R[3 * j + i], 1e-9 * rho * rho * sa * sa);
  }
  {
    double tgt[3], R[9], sr = spy->sigma_range_m, sa = spy->sigma_angle_mrad * 1e-3;
    for (int i = 0; i < 3; i++) tgt[i] = r.r_ecef_m[i] + 300e3 * r.u[i];
    bmd_radar_covariance(&r, tgt, R);
    CHECK_REL(R[0] + R[4] + R[8], sr * sr + 300e3 * 300e3 * sa * sa, 1e-9);
  }
}

/* every radar in the embedded catalog cites its values; the slugs the scenarios use exist */
static void test_catalog(const struct bmd_catalog *cat) {
  static const char *const want[] = {"emr", "tpy-2", "spy-1", "uewr", "uewr-thule"};
  CHECK(cat->nradars >= 5);
  for (int k = 0; k < cat->nradars; k++) {
    const struct bmd_radar_type *t = &cat->radars[k];
    int first, n = bmd_evidence_find(&cat->ev, BMD_EVS_RADAR, t->name, &first);
    const struct bmd_evalue *r = bmd_evidence_value(&cat->ev, BMD_EVS_RADAR, t->name, "ref_range_km");
    CHECK(n >= 10);
    CHECK(r && bmd_evidence_class_of(&cat->ev, r) != BMD_EV_NONE);
    CHECK(strlen(t->title) > 0);
    CHECK(t->steerable || (t->nfaces >= 1 && t->nfaces <= BMD_RADAR_MAX_FACES));
  }
  for (int k = 0; k < 5; k++) CHECK(bmd_catalog_radar(cat, want[k]) != NULL);
  CHECK(bmd_catalog_radar(cat, "nowhere") == NULL);
  {
    const struct bmd_radar_type *emr = bmd_catalog_radar(cat, "emr"),
                                *uewr = bmd_catalog_radar(cat, "uewr"),
                                *spy = bmd_catalog_radar(cat, "spy-1");
    if (emr && uewr && spy) {
      CHECK_INT_EQ(emr->steerable, 1);
      CHECK_INT_EQ(emr->needs_cue, 1);
      CHECK_INT_EQ(emr->fire_control, 1);
      CHECK_INT_EQ(uewr->fire_control, 0);
      CHECK_INT_EQ(uewr->nfaces, 3);
      CHECK_INT_EQ(spy->nfaces, 4);
      /* the EMR's range is derived with assumptions, and cites the critics' view */
      const struct bmd_evalue *r = bmd_evidence_value(&cat->ev, BMD_EVS_RADAR, "emr", "ref_range_km");
      int cites_bas = 0;
      CHECK(r != NULL);
      if (r) {
        const struct bmd_cite *c = &cat->ev.cites[r->cite];
        CHECK_INT_EQ(c->cls, BMD_EV_ESTIMATED);
        for (int q = 0; q < c->nsrc; q++) cites_bas |= strcmp(cat->bib.s[c->src[q]].key, "bas-2008-press-briefing") == 0;
        CHECK(strstr(c->note, "Lewis & Postol") != NULL);
      }
      CHECK(cites_bas);
    }
  }
}

/* parse errors in 'radars:' name their location */
static int load_sensors(const char *sensors, struct bmd_diag *d) {
  static const char *m = "drag_tables: []\nmissiles: []\ninterceptors: []\n", *s = "sites: []\n";
  struct bmd_catalog_doc md = {m, strlen(m), "m.yaml"}, sd = {s, strlen(s), "s.yaml"},
                         ed = {sensors, strlen(sensors), "e.yaml"};
  struct bmd_catalog cat;
  int st;
  memset(d, 0, sizeof *d);
  st = bmd_catalog_load_buffers(&cat, &md, &sd, &ed, NULL, d);
  if (st == BMD_OK) bmd_catalog_release(&cat);
  return st;
}

#define RADAR_HEAD "early_warning: []\nradars:\n  - name: \"x\"\n    title: \"t\"\n"
#define RADAR_TAIL                                                                           \
  "    min_el_deg: 1\n    max_el_deg: 90\n    ref_range_km: 1000\n    ref_rcs_dbsm: -20\n"   \
  "    update_s: 1\n    sigma_range_m: 5\n    sigma_angle_mrad: 1\n    fire_control: 1\n"    \
  "    needs_cue: 0\n    cite: [{fields: [steerable, faces, min_el_deg, max_el_deg, ref_range_km, ref_rcs_dbsm, " \
  "update_s, sigma_range_m, sigma_angle_mrad, fire_control, needs_cue], evidence: assumed, note: \"test\"}]\n"
#define ONE_FACE "    faces:\n      - {az_offset_deg: 0, el_deg: 45, half_az_deg: 60, half_el_deg: 45}\n"

static void bad(const char *doc, int line, int col, const char *needle) {
  struct bmd_diag d;
  CHECK_INT_EQ(load_sensors(doc, &d), BMD_EPARSE);
  CHECK_INT_EQ(d.line, line);
  CHECK_INT_EQ(d.col, col);
  CHECK(strstr(d.msg, needle) != NULL);
  if (!strstr(d.msg, needle) || d.line != line || d.col != col)
    fprintf(stderr, "  got %s:%d:%d: %s\n", d.file, d.line, d.col, d.msg);
}

static void test_parse(void) {
  struct bmd_diag d;
  CHECK_INT_EQ(load_sensors("early_warning: []\n", &d), BMD_OK); /* radars: optional */
  CHECK_INT_EQ(load_sensors("early_warning: []\nradars: []\n", &d), BMD_OK);
  CHECK_INT_EQ(load_sensors(RADAR_HEAD "    steerable: 0\n" ONE_FACE RADAR_TAIL, &d), BMD_OK);
  CHECK_INT_EQ(load_sensors(RADAR_HEAD "    steerable: 1\n    faces: []\n" RADAR_TAIL, &d), BMD_OK);
  bad(RADAR_HEAD "    steerable: 1\n" ONE_FACE RADAR_TAIL, 7, 7, "steerable radar takes 'faces: []'");
  bad(RADAR_HEAD "    steerable: 0\n    faces: []\n" RADAR_TAIL, 6, 12, "'faces' must list 1 to 4");
  bad(RADAR_HEAD "    steerable: 2\n    faces: []\n" RADAR_TAIL, 5, 16, "'steerable'");
  bad(RADAR_HEAD "    steerable: 0.5\n    faces: []\n" RADAR_TAIL, 5, 16, "must be 0 or 1");
  bad(RADAR_HEAD "    steerable: 0\n    faces:\n      - {az_offset_deg: 0, el_deg: 45, half_az_deg: 0, half_el_deg: 45}\n" RADAR_TAIL,
      7, 53, "'half_az_deg' must be > 0");
  bad(RADAR_HEAD "    steerable: 0\n    faces:\n      - {az_offset_deg: 0, el_deg: 45, half_az: 60, half_el_deg: 45}\n" RADAR_TAIL,
      7, 40, "unknown key 'half_az'");
  bad(RADAR_HEAD "    steerable: 0\n" ONE_FACE "    bogus: 1\n" RADAR_TAIL, 8, 5, "unknown key 'bogus'");
  bad("early_warning: []\nradars: {}\n", 2, 9, "'radars'");
  bad("early_warning: []\nradars: []\nbogus: []\n", 3, 1, "unknown key 'bogus'");
  {
    /* max_el_deg <= min_el_deg, and a duplicate name */
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", RADAR_HEAD "    steerable: 1\n    faces: []\n" RADAR_TAIL);
    char *p = strstr(buf, "max_el_deg: 90");
    memcpy(p, "max_el_deg: 01", 14);
    bad(buf, 8, 17, "'max_el_deg' must exceed 'min_el_deg'");
    snprintf(buf, sizeof buf, "%s%s", RADAR_HEAD "    steerable: 1\n    faces: []\n" RADAR_TAIL,
             "  - name: \"x\"\n    title: \"t\"\n    steerable: 1\n    faces: []\n" RADAR_TAIL);
    bad(buf, 17, 5, "duplicate radar name 'x'");
  }
}

int main(void) {
  struct bmd_catalog cat;
  struct bmd_diag d;
  memset(&d, 0, sizeof d);
  /* horizons: a ship-level radar and a 100 km target; a radar on the 2,085 m Kurecik hill
     (wiki-kurecik in data/sources.yaml) and a 50 km target */
  check_horizon(0.0, 100e3);
  check_horizon(2085.0, 50e3);
  test_line_of_sight();
  test_sea_level();
  if (bmd_catalog_load_embedded(&cat, &d) != BMD_OK) {
    fprintf(stderr, "catalog: %s:%d:%d: %s\n", d.file, d.line, d.col, d.msg);
    return 1;
  }
  test_catalog(&cat);
  test_angles(&cat);
  test_sees(&cat);
  test_detection_range(&cat);
  test_coverage(&cat);
  test_noise(&cat);
  test_covariance(&cat);
  bmd_catalog_release(&cat);
  test_parse();
  return check_report("test_radar");
}
