/* gravity.c - point-mass and J2 gravity (gravity.h). */
#include <bmd/gravity.h>

#include <math.h>

void bmd_gravity_point(double gm, const double r[3], double a[3]) {
  double r2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
  double k = -gm / (r2 * sqrt(r2));
  a[0] = k * r[0];
  a[1] = k * r[1];
  a[2] = k * r[2];
}

void bmd_gravity_j2(double gm, double j2, double re, const double r[3], double a[3]) {
  double r2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
  double inv_r2 = 1.0 / r2;
  double k0 = -gm * inv_r2 * sqrt(inv_r2);
  double zz = r[2] * r[2] * inv_r2;
  /* Vallado (2013) eq. 8-30: a = -mu r/r^3 [1 - 3/2 J2 (Re/r)^2 (5 z^2/r^2 - {1,1,3})] */
  double k = 1.5 * j2 * re * re * inv_r2;
  double fxy = k0 * (1.0 + k * (1.0 - 5.0 * zz));
  double fz = k0 * (1.0 + k * (3.0 - 5.0 * zz));
  a[0] = fxy * r[0];
  a[1] = fxy * r[1];
  a[2] = fz * r[2];
}

double bmd_gravity_potential_j2(double gm, double j2, double re, const double r[3]) {
  double r2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
  double rn = sqrt(r2);
  double s2 = r[2] * r[2] / r2;
  /* U = -mu/r [1 - J2 (Re/r)^2 P2(sin phi)], P2(x) = (3x^2 - 1)/2; Vallado (2013) eq. 8-23 */
  return -gm / rn * (1.0 - j2 * re * re / r2 * 0.5 * (3.0 * s2 - 1.0));
}
