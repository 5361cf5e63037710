/* physics.c - validation switches and the Earth model they select (physics.h). */
#include <bmd/physics.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <bmd/const.h>
#include <bmd/gravity.h>
#include <bmd/status.h>
#include <bmd/wgs84.h>

void bmd_physics_default(struct bmd_physics *p) {
  p->earth = BMD_EARTH_WGS84_J2;
  p->rotation = 1;
  p->drag = 1;
}

double bmd_physics_omega(const struct bmd_physics *p) {
  return p->rotation ? BMD_WGS84_OMEGA_RADPS : 0.0;
}

void bmd_physics_to_ecef(const struct bmd_physics *p, double lat, double lon, double h,
                         double r[3]) {
  if (p->earth == BMD_EARTH_SPHERE) {
    double rr = BMD_SPHERE_R_M + h;
    r[0] = rr * cos(lat) * cos(lon);
    r[1] = rr * cos(lat) * sin(lon);
    r[2] = rr * sin(lat);
  } else {
    bmd_wgs84_to_ecef(lat, lon, h, r);
  }
}

void bmd_physics_from_ecef(const struct bmd_physics *p, const double r[3], double *lat,
                           double *lon, double *h) {
  if (p->earth == BMD_EARTH_SPHERE) {
    double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    if (lat) *lat = atan2(r[2], hypot(r[0], r[1]));
    if (lon) *lon = atan2(r[1], r[0]);
    if (h) *h = rn - BMD_SPHERE_R_M;
  } else {
    bmd_wgs84_from_ecef(r, lat, lon, h);
  }
}

double bmd_physics_height(const struct bmd_physics *p, const double r[3], double up[3]) {
  if (p->earth == BMD_EARTH_SPHERE) {
    double rn = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
    if (up) {
      up[0] = r[0] / rn;
      up[1] = r[1] / rn;
      up[2] = r[2] / rn;
    }
    return rn - BMD_SPHERE_R_M;
  }
  return bmd_wgs84_height_fast(r, up);
}

double bmd_physics_height_near(const struct bmd_physics *p, const double r[3]) {
  if (p->earth == BMD_EARTH_SPHERE) return sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]) - BMD_SPHERE_R_M;
  return bmd_wgs84_height_near(r);
}

double bmd_physics_geodetic_fast(const struct bmd_physics *p, const double r[3], double *slat,
                                 double *clat, double *slon, double *clon) {
  if (p->earth == BMD_EARTH_SPHERE) {
    double pp = sqrt(r[0] * r[0] + r[1] * r[1]), rn = sqrt(pp * pp + r[2] * r[2]);
    *slat = r[2] / rn;
    *clat = pp / rn;
    *slon = pp > 0.0 ? r[1] / pp : 0.0;
    *clon = pp > 0.0 ? r[0] / pp : 1.0;
    return rn - BMD_SPHERE_R_M;
  }
  return bmd_wgs84_geodetic_fast(r, slat, clat, slon, clon);
}

void bmd_physics_gravity(const struct bmd_physics *p, const double r[3], double a[3]) {
  if (p->earth == BMD_EARTH_SPHERE)
    bmd_gravity_point(BMD_WGS84_GM_M3PS2, r, a);
  else
    bmd_gravity_j2(BMD_WGS84_GM_M3PS2, BMD_WGS84_J2, BMD_WGS84_A_M, r, a);
}

double bmd_physics_potential(const struct bmd_physics *p, const double r[3]) {
  double j2 = p->earth == BMD_EARTH_SPHERE ? 0.0 : BMD_WGS84_J2;
  return bmd_gravity_potential_j2(BMD_WGS84_GM_M3PS2, j2, BMD_WGS84_A_M, r);
}

void bmd_physics_enu_basis(const struct bmd_physics *p, double lat, double lon, double e[3],
                           double n[3], double u[3]) {
  (void)p; /* geocentric latitude on the sphere gives the same basis formula */
  bmd_wgs84_enu_basis(lat, lon, e, n, u);
}

int bmd_physics_parse(struct bmd_physics *p, const char *name, const char *value) {
  if (strcmp(name, "earth") == 0) {
    if (strcmp(value, "wgs84-j2") == 0) p->earth = BMD_EARTH_WGS84_J2;
    else if (strcmp(value, "sphere") == 0) p->earth = BMD_EARTH_SPHERE;
    else return BMD_EINVAL;
    return BMD_OK;
  }
  if (strcmp(name, "rotation") == 0 || strcmp(name, "drag") == 0) {
    int on;
    if (strcmp(value, "on") == 0) on = 1;
    else if (strcmp(value, "off") == 0) on = 0;
    else return BMD_EINVAL;
    if (name[0] == 'r') p->rotation = on; else p->drag = on;
    return BMD_OK;
  }
  return BMD_EINVAL;
}

void bmd_physics_describe(const struct bmd_physics *p, char *buf, unsigned n) {
  snprintf(buf, n, "%s/%s/%s", p->earth == BMD_EARTH_SPHERE ? "sphere" : "wgs84-j2",
           p->rotation ? "on" : "off", p->drag ? "on" : "off");
}
