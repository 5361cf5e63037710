/*
 * plot_scenario.h - a scenario's fixed elements on a map (plot.h), shared by the run,
 * footprint and coverage figures: radar coverage (detection range at a given RCS within
 * each face's field of view; a full circle for steerable radars), radar markers, and
 * interceptor sites (shape and colour by interceptor type, co-located sites side by side
 * under one place name); and the colour of each missile type.
 */
#ifndef BMD_PLOT_SCENARIO_H
#define BMD_PLOT_SCENARIO_H

#include "plot.h"
#include "scenario.h"

/* colour index of a missile: order of first appearance among threats, then interceptors */
int bmd_plot_scenario_missile_index(const struct bmd_scenario *sc, const struct bmd_missile *m);
struct bmd_plot_color bmd_plot_scenario_missile_color(const struct bmd_scenario *sc,
                                                      const struct bmd_missile *m);

/* bmd_plot_scenario_min_rcs - the smallest threat RCS of the scenario (dBsm; 0 if none). */
double bmd_plot_scenario_min_rcs(const struct bmd_scenario *sc);

/* Map layers; each returns BMD_OK or the plot's error. */
int bmd_plot_scenario_radar_coverage(struct bmd_plot *p, const struct bmd_scenario *sc, double rcs_dbsm);
int bmd_plot_scenario_sites(struct bmd_plot *p, const struct bmd_scenario *sc);
int bmd_plot_scenario_radar_markers(struct bmd_plot *p, const struct bmd_scenario *sc);

#endif
