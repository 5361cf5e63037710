/*
 * coverageout.h - coverage writers (coverage.h): the JSON document of `bmdsim coverage
 * --json` (a rows array, one row per corridor and site, with the keys named in
 * docs/analysis.md), a CSV of the same rows, and a GeoJSON map layer: each corridor's
 * ground track (LineString) with the stretches where some site can engage it, and each
 * site's reach as a circle (Polygon) of the ground distance at which its interceptor
 * reaches the kill vehicle's altitude band.
 */
#ifndef BMD_COVERAGEOUT_H
#define BMD_COVERAGEOUT_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "coverage.h"

/* bmd_coverageout_json - a new cJSON object (caller deletes), NULL when out of memory.
   sweep: whether thresholds were computed (else they are null). */
cJSON *bmd_coverageout_json(const struct bmd_scenario *sc, const struct bmd_coverage *cov, int sweep);

/* Writers: 0 on success, -1 on a write error. */
int bmd_coverageout_csv(FILE *fp, const struct bmd_scenario *sc, const struct bmd_coverage *cov);
int bmd_coverageout_geojson(FILE *fp, const struct bmd_scenario *sc, const struct bmd_coverage *cov);

#endif
