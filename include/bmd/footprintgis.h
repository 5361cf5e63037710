/*
 * footprintgis.h - the footprint (footprint.h) for GIS, through GDAL/OGR:
 *
 *   - a GeoTIFF with the per-cell values: one Float32 band per value (the columns of
 *     footprint.csv, in the CSV's units), nodata NaN, EPSG:4326 (longitude, latitude), a
 *     north-up geotransform from the grid, band descriptions, and metadata naming the
 *     scenario, missile, launch points, sites and the cell classes' meanings;
 *   - a GeoJSON FeatureCollection (RFC 7946, geojson.h) in which the cells of one class
 *     (bmd_footprint_class) that touch edge to edge are merged into one Polygon (GDAL's
 *     GDALPolygonize over an in-memory raster of the class band), each with its class, its
 *     meaning and its area; one feature without geometry carrying the summary (scenario,
 *     missile, launch points, areas, the area-weighted defended fraction,
 *     bmd_footprint_summarize); and Point features for the launch points, interceptor
 *     sites and radars. A GIS layer of a few hundred features instead of one per cell:
 *     the per-cell values are in the GeoTIFF and the CSV.
 *
 * Areas: on the sphere of radius BMD_SPHERE_R_M, as bmd_footprint_cell_area_m2. A merged
 * area's boundary runs along meridians and parallels only, so its area follows exactly from
 * the line integral A = R^2 |sum over edges of (lon2 - lon1) (sin lat1 + sin lat2) / 2|
 * (Green's theorem on dA = R^2 cos(lat) dlat dlon; exact on the meridian and parallel edges
 * of a grid), holes subtracted: the same as the sum of its cells' areas to rounding.
 *
 * GDAL is opened on first use (dlopen of its soname, as PROJ in geodesic.c): its shared
 * library brings over a hundred others, which every bmdsim command would otherwise load at
 * start. When it cannot be opened, the writers fail with BMD_ENOTFOUND and the reason.
 * GDAL's block cache is capped at 16 MB (GDALSetCacheMax64) on first use, so that writing
 * a large GeoTIFF does not hold it in memory.
 */
#ifndef BMD_FOOTPRINTGIS_H
#define BMD_FOOTPRINTGIS_H

#include <stddef.h>
#include <stdio.h>

#include "footprint.h"

/* bmd_footprintgis_available - BMD_OK if GDAL can be used; else BMD_ENOTFOUND with the
   reason in why (n bytes). */
int bmd_footprintgis_available(char *why, size_t n);

/* bmd_footprintgis_geotiff - write the footprint f (of scenario sc, options o) as a GeoTIFF
   at path (created or truncated; the caller gives a temporary name and renames it, as
   outfile.h does). Bands, in order:
     1 class                      (bmd_footprint_class; nodata: not threatened)
     2 opportunities              combined over the launch points (bmd_footprint_combined)
     3 kinematic_opportunities    combined
   then for each launch point k, 13 bands named "<launch>: <value>", the CSV's columns:
     status (0 ok, 1 beyond-range, 2 too-close, 3 failed), range_km, azimuth_deg,
     time_of_flight_s, apogee_km, cue_t_s, firm_track_t_s, opportunities,
     earliest_intercept_alt_km, earliest_intercept_t_s, first_site (index into the SITES
     metadata, nodata when none), kinematic_opportunities, kinematic_earliest_alt_km.
   Values are as computed (not rounded as in the CSV); nodata NaN where the CSV is empty.
   Returns BMD_OK; BMD_ENOTFOUND (no GDAL), BMD_EIO (GDAL could not write: why says why),
   BMD_ENOMEM. */
int bmd_footprintgis_geotiff(const char *path, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                             const struct bmd_footprint *f, char *why, size_t n);

/* bmd_footprintgis_geojson - the merged-class GeoJSON (above) on fp; sm is f's summary
   (bmd_footprint_summarize). Returns 0, or -1 with errno set (ENOSPC for a full disk,
   ENOMEM, ENOENT when GDAL cannot be opened). */
int bmd_footprintgis_geojson(FILE *fp, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                             const struct bmd_footprint *f, const struct bmd_footprint_summary *sm);

/* bmd_footprintgis_ring_area_m2 - the area (m2) on the sphere of radius BMD_SPHERE_R_M
   enclosed by the closed ring of n positions (lon_deg[i], lat_deg[i]) whose edges run along
   meridians and parallels (above); positive when the ring runs counterclockwise with
   longitude as x and latitude as y (RFC 7946's exterior rings), negative when clockwise. */
double bmd_footprintgis_ring_area_m2(int n, const double *lon_deg, const double *lat_deg);

#endif
