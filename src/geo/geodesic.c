/* geodesic.c - PROJ's geod_ (Karney 2013) behind bmd_ names (geodesic.h). */
#include <bmd/geodesic.h>

#include <geodesic.h>

#include <math.h>
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

int bmd_geodesic_ring(enum bmd_earth_shape shape, double lat_deg, double lon_deg, double radius_m,
                      double az_from_deg, double az_to_deg, int sector, double step_deg,
                      int max_points, double *lat_out, double *lon_out) {
  struct geod_geodesic g;
  double span = sector ? az_to_deg - az_from_deg : 360.0, az0 = sector ? az_from_deg : 0.0;
  int n = 0, room = max_points - (sector ? 1 : 0) - 1, m;
  if (room < 2 || !(step_deg > 0.0)) return 0;
  m = (int)ceil(fabs(span) / step_deg);
  if (m < 2) m = 2;
  if (m > room) m = room;
  init(shape, &g);
  if (sector) {
    lat_out[n] = lat_deg;
    lon_out[n] = lon_deg;
    n++;
  }
  for (int k = 0; k <= m; k++) {
    geod_direct(&g, lat_deg, lon_deg, az0 + span * k / m, radius_m, &lat_out[n], &lon_out[n], NULL);
    n++;
  }
  return n;
}
