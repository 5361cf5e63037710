/*
 * runout.h - writers for a scenario run (sim.h): the event log as CSV (units in the
 * header), the tracks of threats and interceptors as GeoJSON, and an animated KML
 * (time-stamped gx:Tracks of every threat and interceptor, intercept and impact markers).
 * The run summary JSON is written by the CLI, which also prints it.
 */
#ifndef BMD_RUNOUT_H
#define BMD_RUNOUT_H

#include <stdio.h>

#include "scenario.h"
#include "sim.h"

/* Each returns 0, or -1 on a write error. epoch_unix_s: the KML time of t = 0. */
int bmd_runout_events_csv(FILE *fp, const struct bmd_scenario *sc, const struct bmd_sim_result *r);
int bmd_runout_geojson(FILE *fp, const struct bmd_scenario *sc, const struct bmd_sim_result *r);
int bmd_runout_kml(FILE *fp, const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                   double epoch_unix_s);

#endif
