/*
 * plot_analysis.h - figures of the analyses (plot.h):
 *  - footprint map: every grid cell coloured by the number of sequential engagement
 *    opportunities against the launches (fewest over the launches that reach it; orange
 *    where only kinematic reach exists, pale red where there is neither; blank where no
 *    launch reaches), with radar coverage, interceptor sites, radars and launch points;
 *  - coverage map: each corridor's ground track, the stretches where some site can engage
 *    it (green) or only reach it (orange), each site's reach ring (ground distance at which
 *    its interceptor reaches the kill vehicle's altitude band), sites, radars, launch
 *    points and targets;
 *  - coverage thresholds: per corridor (rows), the burnout speed at which each site's
 *    engageable answer flips (markers; filled: engageable today), against vertical lines
 *    at each interceptor's burnout speed: a row's marker left of its interceptor's line
 *    means the interceptor is fast enough.
 * Each returns BMD_OK with *out a plot to write and free, or BMD_ENOMEM.
 */
#ifndef BMD_PLOT_ANALYSIS_H
#define BMD_PLOT_ANALYSIS_H

#include "coverage.h"
#include "footprint.h"
#include "plot.h"

int bmd_plot_analysis_footprint(const struct bmd_scenario *sc, const struct bmd_footprint_opts *o,
                                const struct bmd_footprint *f, struct bmd_plot **out);
int bmd_plot_analysis_coverage_map(const struct bmd_scenario *sc, const struct bmd_coverage *cov,
                                   struct bmd_plot **out);
int bmd_plot_analysis_coverage_thresholds(const struct bmd_scenario *sc,
                                          const struct bmd_coverage *cov, struct bmd_plot **out);

#endif
