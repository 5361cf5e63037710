/* radar.c - radar geometry, detection range and measurement noise (radar.h). */
#include <bmd/radar.h>

#include <bmd/traj.h>

#include <math.h>

#include <gsl/gsl_randist.h>

#include <bmd/const.h>
#include <bmd/wgs84.h>

static double dot3(const double a[3], const double b[3]) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/* angle difference wrapped to [-180, 180] deg */
static double wrap180(double x_deg) {
  double w = fmod(x_deg, 360.0);
  if (w > 180.0) w -= 360.0;
  if (w < -180.0) w += 360.0;
  return w;
}

void bmd_radar_init(struct bmd_radar *r, const struct bmd_radar_type *t, double lat_deg,
                    double lon_deg, double alt_m, double boresight_az_deg) {
  r->type = t;
  r->lat_deg = lat_deg;
  r->lon_deg = lon_deg;
  r->alt_m = alt_m;
  r->boresight_az_deg = boresight_az_deg;
  bmd_wgs84_to_ecef(lat_deg * BMD_DEG, lon_deg * BMD_DEG, alt_m, r->r_ecef_m);
  bmd_wgs84_enu_basis(lat_deg * BMD_DEG, lon_deg * BMD_DEG, r->e, r->n, r->u);
}

double bmd_radar_detection_range_m(const struct bmd_radar_type *t, double rcs_dbsm) {
  /* Skolnik, Introduction to Radar Systems, 3rd ed. (2001), eq. 1.1/2.1: R^4 ~ sigma */
  return t->ref_range_km * 1e3 * pow(10.0, (rcs_dbsm - t->ref_rcs_dbsm) / 40.0);
}

int bmd_radar_coverage_sectors(const struct bmd_radar_type *t, double boresight_az_deg,
                               double rcs_dbsm, struct bmd_radar_sector out[BMD_RADAR_MAX_FACES]) {
  double R = bmd_radar_detection_range_m(t, rcs_dbsm);
  int n = 0;
  if (!(R > 0.0)) return 0;
  if (t->steerable || t->nfaces == 0) {
    out[0] = (struct bmd_radar_sector){R, 0.0, 360.0, 1};
    return 1;
  }
  for (int f = 0; f < t->nfaces && f < BMD_RADAR_MAX_FACES; f++) {
    const struct bmd_radar_face *fc = &t->face[f];
    double c = boresight_az_deg + fc->az_offset_deg;
    if (fc->half_az_deg >= 180.0)
      out[n++] = (struct bmd_radar_sector){R, 0.0, 360.0, 1};
    else
      out[n++] = (struct bmd_radar_sector){R, c - fc->half_az_deg, c + fc->half_az_deg, 0};
  }
  return n;
}

/*
 * The segment p(s) = a + s (b - a), s in [0, 1], in coordinates scaled by (1/A, 1/A, 1/B)
 * (A, B the WGS84 semi-axes), where the ellipsoid is the unit sphere. f(s) = |p(s)|^2 - 1
 * is a quadratic in s; the segment clears the ellipsoid when min f over [0, 1] > 0.
 * Returns that minimum and, in *ad, p(0).(p(1) - p(0)) (negative when the segment leaves
 * a towards the inside of the tangent plane at a).
 */
static double min_excess(const double a_ecef_m[3], const double b_ecef_m[3], double *ad) {
  const double A = BMD_WGS84_A_M, B = BMD_WGS84_A_M * (1.0 - BMD_WGS84_F);
  double p[3] = {a_ecef_m[0] / A, a_ecef_m[1] / A, a_ecef_m[2] / B};
  double q[3] = {b_ecef_m[0] / A, b_ecef_m[1] / A, b_ecef_m[2] / B};
  double dv[3] = {q[0] - p[0], q[1] - p[1], q[2] - p[2]};
  double pd = dot3(p, dv), dd = dot3(dv, dv), s = 0.0;
  /* minimum of the quadratic |p + s dv|^2 at s = -p.dv / |dv|^2, clamped to [0, 1] */
  if (dd > 0.0) s = -pd / dd;
  if (s < 0.0) s = 0.0;
  if (s > 1.0) s = 1.0;
  *ad = pd;
  return dot3(p, p) + 2.0 * s * pd + s * s * dd - 1.0;
}

int bmd_radar_line_of_sight(const double a_ecef_m[3], const double b_ecef_m[3]) {
  double ad;
  return min_excess(a_ecef_m, b_ecef_m, &ad) > 0.0;
}

/* Azimuth (deg, clockwise from north, [0, 360)), elevation (deg) and range (m) of d_ecef
   seen in the radar's East-North-Up frame (local-level frame, Hofmann-Wellenhof et al.,
   GNSS (2008), sec. 2.2). */
static double range_enu(const struct bmd_radar *r, const double d_ecef[3], double enu[3]) {
  enu[0] = dot3(d_ecef, r->e);
  enu[1] = dot3(d_ecef, r->n);
  enu[2] = dot3(d_ecef, r->u);
  return sqrt(enu[0] * enu[0] + enu[1] * enu[1] + enu[2] * enu[2]);
}

static void az_el(const double enu[3], double *az_deg, double *el_deg) {
  double az = atan2(enu[0], enu[1]) / BMD_DEG;
  if (az < 0.0) az += 360.0;
  *az_deg = az < 360.0 ? az : 0.0; /* -1e-15 + 360 rounds to 360 */
  *el_deg = atan2(enu[2], hypot(enu[0], enu[1])) / BMD_DEG;
}

static void rae(const struct bmd_radar *r, const double d_ecef[3], double *range_m,
                double *az_deg, double *el_deg) {
  double enu[3];
  *range_m = range_enu(r, d_ecef, enu);
  az_el(enu, az_deg, el_deg);
}

static int in_fov(const struct bmd_radar *r, double az_deg, double el_deg) {
  const struct bmd_radar_type *t = r->type;
  if (t->steerable) return 1;
  for (int k = 0; k < t->nfaces; k++) {
    const struct bmd_radar_face *f = &t->face[k];
    double daz = wrap180(az_deg - (r->boresight_az_deg + f->az_offset_deg));
    if (fabs(daz) <= f->half_az_deg && fabs(el_deg - f->el_deg) <= f->half_el_deg) return 1;
  }
  return 0;
}

/* 1 when the Earth hides the target from the antenna */
static int occluded(const struct bmd_radar *r, const double tgt_ecef_m[3]) {
  double a[3], ad, fmin, lift;
  /* Occlusion from an antenna at height max(alt, 0): the ellipsoid stands in for the sea
     surface, so a radar at or below it (ships at alt 0, sites with a negative height)
     looks from the surface. Moving along the ellipsoid normal u changes geodetic height
     one for one, so no trigonometry is needed. */
  lift = r->alt_m < 0.0 ? -r->alt_m : 0.0;
  for (int i = 0; i < 3; i++) a[i] = r->r_ecef_m[i] + lift * r->u[i];
  fmin = min_excess(a, tgt_ecef_m, &ad);
  /* When ad >= 0 the minimum of f is at the antenna (s = 0) and f grows towards the target,
     so the only possible contact is the antenna itself, sitting on the surface up to
     rounding: not an occlusion. When ad < 0 the test is that of bmd_radar_line_of_sight. */
  return fmin <= 0.0 && ad < 0.0;
}

/* the angle tests: elevation limits, then the faces' field of view */
static enum bmd_radar_view angles_view(const struct bmd_radar *r, double az, double el) {
  if (el < r->type->min_el_deg || el > r->type->max_el_deg) return BMD_RADAR_ELEVATION;
  return in_fov(r, az, el) ? BMD_RADAR_SEEN : BMD_RADAR_FOV;
}

enum bmd_radar_view bmd_radar_look(const struct bmd_radar *r, const double tgt_ecef_m[3],
                                   double rcs_dbsm, double *range_m, double *az_deg,
                                   double *el_deg) {
  enum bmd_radar_view v;
  double d[3], rg, az, el;
  for (int i = 0; i < 3; i++) d[i] = tgt_ecef_m[i] - r->r_ecef_m[i];
  rae(r, d, &rg, &az, &el);
  if (range_m) *range_m = rg;
  if (az_deg) *az_deg = az;
  if (el_deg) *el_deg = el;
  if (occluded(r, tgt_ecef_m)) return BMD_RADAR_OCCLUDED;
  if ((v = angles_view(r, az, el)) != BMD_RADAR_SEEN) return v;
  if (rg > bmd_radar_detection_range_m(r->type, rcs_dbsm)) return BMD_RADAR_RANGE;
  return BMD_RADAR_SEEN;
}

int bmd_radar_sees(const struct bmd_radar *r, const double tgt_ecef_m[3], double rdet_m) {
  double d[3], enu[3], az, el;
  for (int i = 0; i < 3; i++) d[i] = tgt_ecef_m[i] - r->r_ecef_m[i];
  /* bmd_radar_look's tests and arithmetic, the range and the occlusion first */
  if (range_enu(r, d, enu) > rdet_m || occluded(r, tgt_ecef_m)) return 0;
  az_el(enu, &az, &el);
  return angles_view(r, az, el) == BMD_RADAR_SEEN;
}

/* The measured position's covariance R (ECEF, m^2) for range rg (m), azimuth az and
   elevation el (rad) with cosines and sines ce, se, ca, sa. */
static void covariance(const struct bmd_radar *r, double rg, double ce, double se, double ca, double sa,
                       double R_m2[9]) {
  const struct bmd_radar_type *t = r->type;
  const double s_ang = t->sigma_angle_mrad * 1e-3;
  double J_enu[3][3], J[3][3], var[3];
  /* Jacobian d(E, N, U)/d(rho, az, el) of ENU = rho (cos el sin az, cos el cos az, sin el),
     columns rho, az, el */
  J_enu[0][0] = ce * sa; J_enu[0][1] = rg * ce * ca;  J_enu[0][2] = -rg * se * sa;
  J_enu[1][0] = ce * ca; J_enu[1][1] = -rg * ce * sa; J_enu[1][2] = -rg * se * ca;
  J_enu[2][0] = se;      J_enu[2][1] = 0.0;           J_enu[2][2] = rg * ce;
  /* ECEF = [e n u] ENU, so d(ECEF)/d(rho, az, el) = [e n u] J_enu */
  for (int i = 0; i < 3; i++)
    for (int k = 0; k < 3; k++)
      J[i][k] = r->e[i] * J_enu[0][k] + r->n[i] * J_enu[1][k] + r->u[i] * J_enu[2][k];
  /* first-order covariance propagation R = J diag(sr^2, sa^2, se^2) J^T (linearized
     conversion of a measurement; Bar-Shalom, Li & Kirubarajan, Estimation with
     Applications to Tracking and Navigation, Wiley (2001)) */
  var[0] = t->sigma_range_m * t->sigma_range_m;
  var[1] = s_ang * s_ang;
  var[2] = s_ang * s_ang;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++) {
      double s = 0.0;
      for (int k = 0; k < 3; k++) s += J[i][k] * var[k] * J[j][k];
      R_m2[3 * i + j] = s;
    }
}

void bmd_radar_measure(const struct bmd_radar *r, const double tgt_ecef_m[3], gsl_rng *rng,
                       double z_ecef_m[3], double R_m2[9]) {
  const struct bmd_radar_type *t = r->type;
  const double s_ang = t->sigma_angle_mrad * 1e-3;
  double d[3], rg, az_deg, el_deg, az, el, ce, se, ca, sa;
  for (int i = 0; i < 3; i++) d[i] = tgt_ecef_m[i] - r->r_ecef_m[i];
  rae(r, d, &rg, &az_deg, &el_deg);

  /* independent Gaussian errors in range, azimuth and elevation (radar.h) */
  rg += gsl_ran_gaussian(rng, t->sigma_range_m);
  az = az_deg * BMD_DEG + gsl_ran_gaussian(rng, s_ang);
  el = el_deg * BMD_DEG + gsl_ran_gaussian(rng, s_ang);
  ce = cos(el);
  se = sin(el);
  ca = cos(az);
  sa = sin(az);

  /* spherical to local level: ENU = rho (cos el sin az, cos el cos az, sin el)
     (Hofmann-Wellenhof et al., GNSS (2008), sec. 2.2, with azimuth from north) */
  for (int i = 0; i < 3; i++)
    z_ecef_m[i] = r->r_ecef_m[i] + rg * (ce * sa * r->e[i] + ce * ca * r->n[i] + se * r->u[i]);
  /* R at the measured values: the tracker knows only those */
  covariance(r, rg, ce, se, ca, sa, R_m2);
}

void bmd_radar_covariance(const struct bmd_radar *r, const double tgt_ecef_m[3], double R_m2[9]) {
  double d[3], enu[3], rg, rh;
  for (int i = 0; i < 3; i++) d[i] = tgt_ecef_m[i] - r->r_ecef_m[i];
  rg = range_enu(r, d, enu);
  rh = hypot(enu[0], enu[1]);
  /* the cosines and sines of the true azimuth and elevation from the ENU components:
     sin az = E / rh, cos az = N / rh, cos el = rh / rg, sin el = U / rg (a target at the
     zenith, rh = 0, takes azimuth 0 as atan2 does) */
  if (rg > 0.0 && rh > 0.0)
    covariance(r, rg, rh / rg, enu[2] / rg, enu[1] / rh, enu[0] / rh, R_m2);
  else
    covariance(r, rg, rg > 0.0 ? rh / rg : 1.0, rg > 0.0 ? enu[2] / rg : 0.0, 1.0, 0.0, R_m2);
}

int bmd_radar_first_track(const struct bmd_radar *r, const struct bmd_traj_result *tj,
                          double rcs_dbsm, double t0_s, int n_firm, double *t_detect_s,
                          double *t_firm_s) {
  long j = 0;
  int n = 0;
  double rdet;
  *t_detect_s = nan("");
  *t_firm_s = nan("");
  if (tj->nsamples < 2) return 0;
  rdet = bmd_radar_detection_range_m(r->type, rcs_dbsm);
  for (double t = t0_s; t <= tj->samples[tj->nsamples - 1].t_s; t += r->type->update_s) {
    double p[3];
    if (!bmd_traj_state_at(tj, t, &j, p, NULL)) break;
    if (!bmd_radar_sees(r, p, rdet)) continue;
    if (n == 0) *t_detect_s = t;
    if (++n >= n_firm) {
      *t_firm_s = t;
      return 1;
    }
  }
  return 0;
}
