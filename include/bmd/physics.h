/*
 * physics.h - the validation switches (Earth shape, rotation, drag) and the Earth model
 * they select: altitude, gravity and the surface frame used by every trajectory.
 *
 * wgs84-j2: WGS84 ellipsoid, geodetic height, gravity point mass + J2 (const.h values).
 * sphere:   sphere of radius BMD_SPHERE_R_M, height r - R, point-mass gravity, geocentric
 *           latitude (the closed-form Kepler validation model).
 * rotation: Earth turning at BMD_WGS84_OMEGA_RADPS about +z, or not at all.
 * drag:     aerodynamic drag on or off (US76 density).
 */
#ifndef BMD_PHYSICS_H
#define BMD_PHYSICS_H

enum bmd_earth_shape { BMD_EARTH_WGS84_J2 = 0, BMD_EARTH_SPHERE = 1 };

struct bmd_physics {
  enum bmd_earth_shape earth;
  int rotation;  /* 1 on, 0 off */
  int drag;      /* 1 on, 0 off */
};

/* bmd_physics_default - wgs84-j2, rotation on, drag on. */
void bmd_physics_default(struct bmd_physics *p);

/* bmd_physics_omega - Earth rotation rate (rad/s): 7.292115e-5 or 0. */
double bmd_physics_omega(const struct bmd_physics *p);

/* bmd_physics_to_ecef - surface coordinates (lat_rad, lon_rad, h_m) to ECEF (m). */
void bmd_physics_to_ecef(const struct bmd_physics *p, double lat_rad, double lon_rad,
                         double h_m, double r_ecef_m[3]);

/* bmd_physics_from_ecef - ECEF (m) to surface coordinates; outputs may be NULL. */
void bmd_physics_from_ecef(const struct bmd_physics *p, const double r_ecef_m[3],
                           double *lat_rad, double *lon_rad, double *h_m);

/* bmd_physics_height - fast height (m) and unit "up" normal (may be NULL); hot loop. */
double bmd_physics_height(const struct bmd_physics *p, const double r_ecef_m[3],
                          double up[3]);

/* bmd_physics_height_near - the height alone, for points near the surface (the
   atmosphere's density): within 0.04 mm of bmd_physics_height below 120 km (wgs84.h's
   bmd_wgs84_height_near; the sphere's is exact). */
double bmd_physics_height_near(const struct bmd_physics *p, const double r_ecef_m[3]);

/* bmd_physics_geodetic_fast - the height of bmd_physics_height with the sines and cosines
   of the latitude and longitude of the foot point (no trig calls). */
double bmd_physics_geodetic_fast(const struct bmd_physics *p, const double r_ecef_m[3],
                                 double *slat, double *clat, double *slon, double *clon);

/* bmd_physics_gravity - gravitational acceleration (m/s^2) at r_m (Earth-centred). */
void bmd_physics_gravity(const struct bmd_physics *p, const double r_m[3], double a_mps2[3]);

/* bmd_physics_frame_accel - add to a_mps2 the Coriolis and centrifugal accelerations of the
   Earth-fixed frame turning at omega_radps about +z, for a body at r_m moving at v_mps
   (Earth-relative): -2 w x v - w x (w x r) (relative motion in a rotating frame, e.g. Goldstein, Classical Mechanics,
   3rd ed. (2002), eq. 4.106; with w = (0, 0, W) the terms are (2 W vy + W^2 x, -2 W vx + W^2 y, 0)). */
static inline void bmd_physics_frame_accel(double omega_radps, const double r_m[3],
                                           const double v_mps[3], double a_mps2[3]) {
  a_mps2[0] += 2.0 * omega_radps * v_mps[1] + omega_radps * omega_radps * r_m[0];
  a_mps2[1] += -2.0 * omega_radps * v_mps[0] + omega_radps * omega_radps * r_m[1];
}

/* bmd_physics_potential - gravitational potential (J/kg) matching bmd_physics_gravity. */
double bmd_physics_potential(const struct bmd_physics *p, const double r_m[3]);

/* bmd_physics_enu_basis - East, North, Up unit vectors (ECEF) at lat, lon (rad). */
void bmd_physics_enu_basis(const struct bmd_physics *p, double lat_rad, double lon_rad,
                           double e[3], double n[3], double u[3]);

/* bmd_physics_parse - set one switch from "--earth"/"--rotation"/"--drag" words:
   name is "earth", "rotation" or "drag"; value "wgs84-j2"|"sphere", "on"|"off".
   Returns BMD_OK or BMD_EINVAL. */
int bmd_physics_parse(struct bmd_physics *p, const char *name, const char *value);

/* bmd_physics_describe - "wgs84-j2/on/on" style label into buf. */
void bmd_physics_describe(const struct bmd_physics *p, char *buf, unsigned n);

#endif
