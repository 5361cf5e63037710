/*
 * footprintout.h - the footprint's CSV (footprint.h): one row per cell and launch point,
 * written by the one CSV writer (csv.h). The GIS outputs (GeoTIFF, merged-class GeoJSON)
 * are in footprintgis.h.
 */
#ifndef BMD_FOOTPRINTOUT_H
#define BMD_FOOTPRINTOUT_H

#include <stdio.h>

#include "footprint.h"

/* bmd_footprintout_status_name - "ok", "beyond-range", "too-close", "failed". */
const char *bmd_footprintout_status_name(int status);

/* bmd_footprintout_csv - the CSV on fp: 0 on success, -1 on a write error. */
int bmd_footprintout_csv(FILE *fp, const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                         const struct bmd_footprint *f);

#endif
