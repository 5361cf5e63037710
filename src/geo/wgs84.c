/* wgs84.c - WGS84 geodetic <-> ECEF (wgs84.h). */
#include <bmd/wgs84.h>

#include <math.h>

#include <bmd/const.h>

#define E2 (BMD_WGS84_F * (2.0 - BMD_WGS84_F))            /* first eccentricity squared */
#define B_M (BMD_WGS84_A_M * (1.0 - BMD_WGS84_F))         /* semi-minor axis (m) */
#define EP2 (E2 / (1.0 - E2))                             /* second eccentricity squared */

void bmd_wgs84_to_ecef(double lat_rad, double lon_rad, double h_m, double r_ecef_m[3]) {
  double s = sin(lat_rad), c = cos(lat_rad);
  /* NIMA TR8350.2 eq. 4-15: prime-vertical radius of curvature */
  double N = BMD_WGS84_A_M / sqrt(1.0 - E2 * s * s);
  r_ecef_m[0] = (N + h_m) * c * cos(lon_rad);
  r_ecef_m[1] = (N + h_m) * c * sin(lon_rad);
  r_ecef_m[2] = (N * (1.0 - E2) + h_m) * s;
}

void bmd_wgs84_from_ecef(const double r[3], double *lat_rad, double *lon_rad, double *h_m) {
  double p = hypot(r[0], r[1]);
  double z = r[2];
  /* Bowring (1976): iterate on the parametric latitude beta until the geodetic latitude
     stops changing; 2-3 iterations reach machine precision below 10^7 m. */
  double beta = atan2(z, (1.0 - BMD_WGS84_F) * p);
  double phi = 0.0, prev = 10.0;
  for (int it = 0; it < 10 && fabs(phi - prev) > 1e-15; it++) {
    double sb = sin(beta), cb = cos(beta);
    prev = phi;
    phi = atan2(z + EP2 * B_M * sb * sb * sb, p - E2 * BMD_WGS84_A_M * cb * cb * cb);
    beta = atan2((1.0 - BMD_WGS84_F) * sin(phi), cos(phi));
  }
  double s = sin(phi), c = cos(phi);
  if (lat_rad) *lat_rad = phi;
  if (lon_rad) *lon_rad = atan2(r[1], r[0]);
  /* height along the normal; valid at all latitudes including the poles */
  if (h_m) *h_m = p * c + z * s - BMD_WGS84_A_M * sqrt(1.0 - E2 * s * s);
}

/* one Bowring iteration: the sine and cosine of the geodetic latitude of r; returns the
   height and sets *p_m to the distance from the axis */
static inline double bowring(const double r[3], double *sn_out, double *cn_out, double *p_m) {
  double p = sqrt(r[0] * r[0] + r[1] * r[1]);
  double z = r[2];
  /* Bowring (1976) eq. 9: initial parametric latitude tan(beta) = a z / (b p) */
  double sb = BMD_WGS84_A_M * z, cb = B_M * p;
  double k = 1.0 / sqrt(sb * sb + cb * cb);
  sb *= k;
  cb *= k;
  /* eq. 10: one update of the geodetic latitude */
  double sn = z + EP2 * B_M * sb * sb * sb;
  double cn = p - E2 * BMD_WGS84_A_M * cb * cb * cb;
  k = 1.0 / sqrt(sn * sn + cn * cn);
  sn *= k;
  cn *= k;
  *sn_out = sn;
  *cn_out = cn;
  *p_m = p;
  return p * cn + z * sn - BMD_WGS84_A_M * sqrt(1.0 - E2 * sn * sn);
}

double bmd_wgs84_geodetic_fast(const double r[3], double *slat, double *clat, double *slon,
                               double *clon) {
  double p, h = bowring(r, slat, clat, &p);
  if (p > 0.0) {
    double ip = 1.0 / p;
    *slon = r[1] * ip;
    *clon = r[0] * ip;
  } else {
    *slon = 0.0;
    *clon = 1.0;
  }
  return h;
}

double bmd_wgs84_height_near(const double r[3]) {
  double p2 = r[0] * r[0] + r[1] * r[1], z2 = r[2] * r[2], r2 = p2 + z2;
  /* u = R_e / R, R_e the ellipsoid's radius toward r, a b / sqrt(b^2 cos^2 psi + a^2 sin^2
     psi) (cos psi = p / R, sin psi = z / R); d = R - R_e */
  double R = sqrt(r2), u = BMD_WGS84_A_M * B_M / sqrt(B_M * B_M * p2 + BMD_WGS84_A_M * BMD_WGS84_A_M * z2);
  double d = R - R * u;
  /* delta^2, delta = phi - psi at the ellipsoid: tan delta = e'^2 sin psi cos psi /
     (1 + e'^2 sin^2 psi) */
  double w = r2 + EP2 * z2, del2 = EP2 * EP2 * p2 * z2 / (w * w);
  /* h = d cos delta less the ellipsoid's curvature between the radius's and the normal's
     feet: d (1 - delta^2 / 2 (1 - d / R)), and 1 - d / R = u */
  return d * (1.0 - 0.5 * del2 * u);
}

double bmd_wgs84_height_fast(const double r[3], double n_ecef[3]) {
  double sn, cn, p, h = bowring(r, &sn, &cn, &p);
  if (n_ecef) {
    if (p > 0.0) {
      n_ecef[0] = cn * r[0] / p;
      n_ecef[1] = cn * r[1] / p;
    } else {
      n_ecef[0] = n_ecef[1] = 0.0;
    }
    n_ecef[2] = sn;
  }
  return h;
}

void bmd_wgs84_enu_basis(double lat_rad, double lon_rad, double e[3], double n[3],
                         double u[3]) {
  double sl = sin(lat_rad), cl = cos(lat_rad), so = sin(lon_rad), co = cos(lon_rad);
  e[0] = -so;      e[1] = co;       e[2] = 0.0;
  n[0] = -sl * co; n[1] = -sl * so; n[2] = cl;
  u[0] = cl * co;  u[1] = cl * so;  u[2] = sl;
}

void bmd_wgs84_ecef_to_enu(double lat_rad, double lon_rad, const double v[3], double out[3]) {
  double e[3], n[3], u[3];
  bmd_wgs84_enu_basis(lat_rad, lon_rad, e, n, u);
  double oe = e[0] * v[0] + e[1] * v[1] + e[2] * v[2];
  double on = n[0] * v[0] + n[1] * v[1] + n[2] * v[2];
  double ou = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  out[0] = oe;
  out[1] = on;
  out[2] = ou;
}

void bmd_wgs84_enu_to_ecef(double lat_rad, double lon_rad, const double v[3], double out[3]) {
  double e[3], n[3], u[3];
  bmd_wgs84_enu_basis(lat_rad, lon_rad, e, n, u);
  for (int i = 0; i < 3; i++) out[i] = v[0] * e[i] + v[1] * n[i] + v[2] * u[i];
}
