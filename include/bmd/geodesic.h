/*
 * geodesic.h - distances and azimuths on the WGS84 ellipsoid (or the validation sphere),
 * through PROJ's implementation of Karney's algorithms (geod_ API).
 *
 * Reference: C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55.
 * Accuracy: 15 nm on the ellipsoid (Karney 2013, table 4).
 */
#ifndef BMD_GEODESIC_H
#define BMD_GEODESIC_H

#include "physics.h"

/* bmd_geodesic_inverse - distance s_m and forward azimuths (deg, clockwise from north) at
   both ends of the shortest geodesic between two points given in degrees. For
   BMD_EARTH_SPHERE the sphere of radius BMD_SPHERE_R_M is used (flattening 0). Outputs
   may be NULL. */
void bmd_geodesic_inverse(enum bmd_earth_shape shape, double lat1_deg, double lon1_deg,
                          double lat2_deg, double lon2_deg, double *s_m, double *azi1_deg,
                          double *azi2_deg);

/* bmd_geodesic_direct - the point at distance s_m along azimuth azi1_deg from (lat1, lon1). */
void bmd_geodesic_direct(enum bmd_earth_shape shape, double lat1_deg, double lon1_deg,
                         double azi1_deg, double s_m, double *lat2_deg, double *lon2_deg);

/* bmd_geodesic_ring - the outline of a circle (sector 0) or sector (sector 1) of geodesic
   radius radius_m around (lat_deg, lon_deg), for maps: a sector starts at the centre, then
   both draw the arc from az_from_deg to az_to_deg (deg clockwise from north; a circle
   takes 0..360) in steps of at most step_deg (at least 2 steps). Writes at most max_points
   points (the steps are widened to fit) into lat_out/lon_out (deg) and returns how many;
   the ring is not closed (the last point is not the first). */
int bmd_geodesic_ring(enum bmd_earth_shape shape, double lat_deg, double lon_deg, double radius_m,
                      double az_from_deg, double az_to_deg, int sector, double step_deg,
                      int max_points, double *lat_out, double *lon_out);

#endif
