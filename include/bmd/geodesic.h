/*
 * geodesic.h - distances and azimuths on the WGS84 ellipsoid (or the validation sphere),
 * through PROJ's implementation of Karney's algorithms (geod_ API).
 *
 * Reference: C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55.
 * Accuracy: 15 nm on the ellipsoid (Karney 2013, table 4).
 */
#ifndef BMD_GEODESIC_H
#define BMD_GEODESIC_H

#include <math.h>

#include "physics.h"

/* bmd_wrap180_deg - an angle (deg) brought into [-180, 180): a longitude, an azimuth
   difference. */
static inline double bmd_wrap180_deg(double a) {
  a = fmod(a + 180.0, 360.0);
  if (a < 0.0) a += 360.0;
  return a - 180.0;
}

/* bmd_geodesic_load - load PROJ's geodesic routines now. Where bmdsim is built to open
   PROJ on first use (CMake BMD_PROJ_DLOPEN, the default: start-up 8.5 ms instead of 21.7),
   the first call of any function here loads it; if that fails, every function here gives
   NaN (bmd_geodesic_ring: no points). Returns BMD_OK, or BMD_EIO with *why (may be NULL)
   a one-line reason. bmdsim's commands call it before they start. */
int bmd_geodesic_load(const char **why);

/* bmd_geodesic_inverse - distance s_m and forward azimuths (deg, clockwise from north) at
   both ends of the shortest geodesic between two points given in degrees. For
   BMD_EARTH_SPHERE the sphere of radius BMD_SPHERE_R_M is used (flattening 0). Outputs
   may be NULL. */
void bmd_geodesic_inverse(enum bmd_earth_shape shape, double lat1_deg, double lon1_deg,
                          double lat2_deg, double lon2_deg, double *s_m, double *azi1_deg,
                          double *azi2_deg);

/* Many inverse problems from one fixed point (an interceptor site) to points that move
   smoothly (a threat trajectory's scan points, an interceptor's ground track). PROJ's
   geodesic is solved exactly at the first point, then again every `every` calls, whenever
   the point has moved more than half its distance or 500 km (the smaller) since, and
   within 10 km of the fixed point (where the azimuths turn fastest; not for distances
   alone). In between, the distance is Andoyer-Lambert's first-order flattening formula
   (Lambert, J. Washington Acad. Sci. 32 (1942) 125-130) times the last exact/approximate
   ratio, and the azimuths are those of the auxiliary sphere plus the last measured
   differences; no trig calls but three atan2. Error measured in tests/unit/test_geodesic.c
   on paths to ~3,000 km, points 1-3 km apart (every = 64): <= 0.25 m in distance,
   <= 0.025 deg in azimuth, one exact solution in ~60 calls. About 0.06 us a call against
   ~1 us for PROJ's. (The rule was 10% / 200 km, for 0.08 m and 0.006 deg, until the
   footprint's fans and scans were found to spend 8% of their time in PROJ: BENCHMARKS.md,
   "Footprint: fewer exact geodesics".) */
struct bmd_geodesic_from {
  enum bmd_earth_shape shape;
  double a_m, f;                 /* the ellipsoid */
  double lat1_deg, lon1_deg;
  double s1, c1, so1, co1;       /* sine and cosine of the fixed point's reduced latitude and
                                    of its longitude */
  int every, since;              /* exact every `every` calls; calls since the last exact */
  double ratio, daz1_deg, daz2_deg;
  double sd2, cd2;               /* sine and cosine of daz2 */
  double in_[4], out_[4];        /* cache: the last point and its reduced coordinates */
  double u_last[3], s_last_m;    /* unit vector and distance at the last exact solution */
};

/* bmd_geodesic_from_init - the fixed point (deg); every >= 1 (1: always exact). */
void bmd_geodesic_from_init(struct bmd_geodesic_from *g, enum bmd_earth_shape shape,
                            double lat1_deg, double lon1_deg, int every);

/* bmd_geodesic_from_inverse - distance and azimuths (deg) from the fixed point to the point
   whose geodetic latitude and longitude have the given sines and cosines. */
void bmd_geodesic_from_inverse(struct bmd_geodesic_from *g, double slat2, double clat2,
                               double slon2, double clon2, double *s_m, double *azi1_deg,
                               double *azi2_deg);

/* bmd_geodesic_from_distance - the distance alone (m), as bmd_geodesic_from_inverse but
   without the exact solutions near the fixed point. Azimuth calls for this point are not
   allowed (their corrections may be stale there). */
double bmd_geodesic_from_distance(struct bmd_geodesic_from *g, double slat2, double clat2,
                                  double slon2, double clon2);

/* bmd_geodesic_from_azimuths - the azimuths alone for the point of the last
   bmd_geodesic_from_inverse call (with the corrections that call measured); outputs may be
   NULL. bmd_geodesic_from_azimuth2_sc - the sine and cosine of azi2 (no trig calls). */
void bmd_geodesic_from_azimuths(struct bmd_geodesic_from *g, double slat2, double clat2,
                                double slon2, double clon2, double *azi1_deg, double *azi2_deg);
void bmd_geodesic_from_azimuth2_sc(struct bmd_geodesic_from *g, double slat2,
                                   double clat2, double slon2, double clon2, double *sin_az2,
                                   double *cos_az2);

/* bmd_geodesic_from_azimuth1_parts - azi1 deferred: azi1_deg = atan2(y1, x1) / deg +
   daz1_deg (wrapped to [-180, 180)), for callers that need it for a few of many points. */
void bmd_geodesic_from_azimuth1_parts(struct bmd_geodesic_from *g, double slat2,
                                      double clat2, double slon2, double clon2, double *y1,
                                      double *x1, double *daz1_deg);

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
