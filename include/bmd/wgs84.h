/*
 * wgs84.h - the WGS84 ellipsoid: geodetic <-> ECEF <-> local East-North-Up.
 *
 * Model: NIMA TR8350.2 (2000) ellipsoid. ECEF is the Earth-centred, Earth-fixed frame
 * (x to lat 0 lon 0, z to the north pole). Geodetic latitude and height are measured
 * along the ellipsoid normal. Angles are in radians here; degrees only at the CLI/YAML.
 * Validity: any point outside the Earth's core (|r| > 100 km); heights to 10^8 m.
 */
#ifndef BMD_WGS84_H
#define BMD_WGS84_H

/* bmd_wgs84_to_ecef - geodetic (lat_rad, lon_rad, h_m) to ECEF position r_ecef_m.
   Reference: NIMA TR8350.2 eq. 4-14/4-15 (prime-vertical radius N). */
void bmd_wgs84_to_ecef(double lat_rad, double lon_rad, double h_m, double r_ecef_m[3]);

/* bmd_wgs84_from_ecef - ECEF to geodetic latitude, longitude (-pi, pi], height (m).
   Exact to < 1e-9 m in height and < 1e-15 rad in latitude for heights below 10^7 m
   (Newton iteration on Bowring's parametric latitude to convergence). Outputs may be NULL.
   Reference: Bowring, Survey Review 23 (1976) 323-327; Fukushima, J. Geodesy 73 (1999). */
void bmd_wgs84_from_ecef(const double r_ecef_m[3], double *lat_rad, double *lon_rad,
                         double *h_m);

/* bmd_wgs84_height_fast - geodetic height (m) and, if n_ecef is not NULL, the unit ellipsoid
   normal at the foot point, by one Bowring iteration: no trig calls, 3 square roots.
   Error (measured in tests/unit/test_wgs84.c): < 1e-6 m for heights 0-3,000 km.
   Used in the hot loop of the trajectory integrator. Reference: Bowring (1976) eq. 9-10. */
double bmd_wgs84_height_fast(const double r_ecef_m[3], double n_ecef[3]);

/* bmd_wgs84_height_near - geodetic height (m) of a point near the surface, for the
   atmosphere's density in the integrator's right-hand sides: the excess d of the geocentric
   radius R over the ellipsoid's radius R_e in the same direction (the ellipse's polar
   equation), along the normal: d (1 - delta^2 / 2 R_e / R), delta the angle between the
   radius and the normal at the ellipsoid (tan delta = e'^2 sin psi cos psi /
   (1 + e'^2 sin^2 psi), from tan phi = tan psi / (1 - e^2), NIMA TR8350.2 (2000) sec. 4;
   the factor R_e / R = 1 - d / R takes the ellipsoid's curvature between the radius's and
   the normal's feet). Two square roots and two divisions that do not wait for each other,
   against one Bowring iteration's four square roots in a chain. Error (test_wgs84): 0.03 mm
   up to 120 km, 1.7 mm at 1,000 km. */
double bmd_wgs84_height_near(const double r_ecef_m[3]);

/* bmd_wgs84_geodetic_fast - the same height, with the sines and cosines of the geodetic
   latitude (to 3e-9, i.e. 2 cm, up to 3,000 km; test_wgs84) and of the longitude
   (lon = 0 at the poles). */
double bmd_wgs84_geodetic_fast(const double r_ecef_m[3], double *slat, double *clat,
                               double *slon, double *clon);

/* bmd_wgs84_enu_basis - unit East, North, Up vectors (ECEF components) at lat, lon (rad). */
void bmd_wgs84_enu_basis(double lat_rad, double lon_rad, double e[3], double n[3],
                         double u[3]);

/* bmd_wgs84_ecef_to_enu - components (East, North, Up) at (lat_rad, lon_rad) of an ECEF
   vector v_ecef (a velocity, or a position difference): the dot products with the basis of
   bmd_wgs84_enu_basis (the local-level frame, e.g. Hofmann-Wellenhof, Lichtenegger & Wasle, GNSS (2008), sec. 2.2). */
void bmd_wgs84_ecef_to_enu(double lat_rad, double lon_rad, const double v_ecef[3],
                           double v_enu[3]);

/* bmd_wgs84_enu_to_ecef - the inverse rotation: ENU components to an ECEF vector. */
void bmd_wgs84_enu_to_ecef(double lat_rad, double lon_rad, const double v_enu[3],
                           double v_ecef[3]);

#endif
