/*
 * vec3.h - small inline 3-vector helpers (frame-agnostic; callers name the frame).
 */
#ifndef BMD_VEC3_H
#define BMD_VEC3_H

#include <math.h>

static inline double bmd_vec3_dot(const double a[3], const double b[3]) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
static inline double bmd_vec3_norm(const double a[3]) { return sqrt(bmd_vec3_dot(a, a)); }
static inline void bmd_vec3_cross(const double a[3], const double b[3], double c[3]) {
  double c0 = a[1] * b[2] - a[2] * b[1];
  double c1 = a[2] * b[0] - a[0] * b[2];
  double c2 = a[0] * b[1] - a[1] * b[0];
  c[0] = c0; c[1] = c1; c[2] = c2;
}
static inline void bmd_vec3_scale(double a[3], double s) {
  a[0] *= s; a[1] *= s; a[2] *= s;
}
static inline void bmd_vec3_unit(const double a[3], double u[3]) {
  double n = bmd_vec3_norm(a);
  double s = n > 0.0 ? 1.0 / n : 0.0;
  u[0] = a[0] * s; u[1] = a[1] * s; u[2] = a[2] * s;
}
/* angle between a and b (rad), robust for small angles */
static inline double bmd_vec3_angle(const double a[3], const double b[3]) {
  double c[3];
  bmd_vec3_cross(a, b, c);
  return atan2(bmd_vec3_norm(c), bmd_vec3_dot(a, b));
}

#endif
