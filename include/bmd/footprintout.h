/*
 * footprintout.h - footprint writers (footprint.h): a CSV with one row per cell and launch,
 * and a GeoJSON FeatureCollection (RFC 7946) with one Polygon per threatened cell (combined
 * over the launches, each launch's values in by_launch) and Point features for the launch
 * points, interceptor sites and radars.
 */
#ifndef BMD_FOOTPRINTOUT_H
#define BMD_FOOTPRINTOUT_H

#include <stdio.h>

#include "footprint.h"

/* bmd_footprintout_status_name - "ok", "beyond-range", "too-close", "failed". */
const char *bmd_footprintout_status_name(int status);


/* Writers: 0 on success, -1 on a write error. */
int bmd_footprintout_csv(FILE *fp, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                         const struct bmd_footprint *f);
int bmd_footprintout_geojson(FILE *fp, const struct bmd_scenario *sc,
                             const struct bmd_footprint_opts *o, const struct bmd_footprint *f);

#endif
