/* geodesic.c - PROJ's geod_ (Karney 2013) behind bmd_ names (geodesic.h). */
#include <bmd/geodesic.h>

#include <geodesic.h>

#include <stddef.h>

#include <bmd/const.h>

static void init(enum bmd_earth_shape shape, struct geod_geodesic *g) {
  if (shape == BMD_EARTH_SPHERE)
    geod_init(g, BMD_SPHERE_R_M, 0.0);
  else
    geod_init(g, BMD_WGS84_A_M, BMD_WGS84_F);
}

void bmd_geodesic_inverse(enum bmd_earth_shape shape, double lat1, double lon1, double lat2,
                          double lon2, double *s_m, double *azi1, double *azi2) {
  struct geod_geodesic g;
  double s, a1, a2;
  init(shape, &g);
  geod_inverse(&g, lat1, lon1, lat2, lon2, &s, &a1, &a2);
  if (s_m) *s_m = s;
  if (azi1) *azi1 = a1;
  if (azi2) *azi2 = a2;
}

void bmd_geodesic_direct(enum bmd_earth_shape shape, double lat1, double lon1, double azi1,
                         double s_m, double *lat2, double *lon2) {
  struct geod_geodesic g;
  double la, lo;
  init(shape, &g);
  geod_direct(&g, lat1, lon1, azi1, s_m, &la, &lo, NULL);
  if (lat2) *lat2 = la;
  if (lon2) *lon2 = lo;
}
