/*
 * gravity.h - gravitational acceleration: point mass, and point mass + J2 zonal term.
 *
 * The J2 field is axisymmetric about the ECEF z axis, so the same formula holds in ECEF
 * and in any inertial frame sharing the z axis. Left out: J3 and higher harmonics (J3 and
 * J4 together move the bench-ref impacts by 11 m median, 211 m at worst: about 2.5e-3 of
 * J2's effect; docs/models/earth.md), tides and third bodies (metres).
 */
#ifndef BMD_GRAVITY_H
#define BMD_GRAVITY_H

/* bmd_gravity_point - -GM r/|r|^3 (m/s^2). Given r_m (m, any Earth-centred frame). */
void bmd_gravity_point(double gm_m3ps2, const double r_m[3], double a_mps2[3]);

/* bmd_gravity_j2 - point mass + J2 (m/s^2), reference radius re_m.
   Reference: Vallado, Fundamentals of Astrodynamics and Applications, 4th ed. (2013),
   eq. 8-30 (gradient of the J2 potential). */
void bmd_gravity_j2(double gm_m3ps2, double j2, double re_m, const double r_m[3],
                    double a_mps2[3]);

/* bmd_gravity_potential_j2 - the potential U (J/kg, U = -GM/r ...) matching bmd_gravity_j2;
   pass j2 = 0 for the point mass. Used for energy-conservation tests. */
double bmd_gravity_potential_j2(double gm_m3ps2, double j2, double re_m, const double r_m[3]);

#endif
