/*
 * plot_run.h - the figures of one scenario run (sim.h), drawn with plot.h:
 *
 *  - profile:  altitude against ground distance from the threat's launch point, for every
 *              threat (solid up to its kill, dotted beyond) and every interceptor fired
 *              (flown again from its site with the shot's launch azimuth and pitch-over,
 *              full burn, until the shot's time of flight), with kill and miss points;
 *  - map:      ground tracks of threats and interceptors, interceptor sites by type,
 *              radars with their coverage (detection range at the threats' smallest RCS,
 *              in each face's field of view; a full circle for steerable radars), kill and
 *              miss points and leak impacts, on a map fitted to these objects;
 *  - timeline: one row per threat: flight from launch to impact or kill, first detection,
 *              firm track, and each interceptor from launch to intercept (hit or miss),
 *              against time after the scenario epoch.
 *
 * Each returns BMD_OK with *out a finished-to-be plot (write it with bmd_plot_write, free
 * it with bmd_plot_free), BMD_ENOMEM, or an error of the interceptor fly-out.
 */
#ifndef BMD_PLOT_RUN_H
#define BMD_PLOT_RUN_H

#include "plot.h"
#include "scenario.h"
#include "sim.h"

enum bmd_plot_run_fig { BMD_PLOT_RUN_PROFILE = 0, BMD_PLOT_RUN_MAP, BMD_PLOT_RUN_TIMELINE, BMD_PLOT_RUN_NFIG };

/* bmd_plot_run_name - "profile", "map", "timeline" (file base names), or NULL. */
const char *bmd_plot_run_name(int fig);

/* bmd_plot_run_caption - a one-sentence caption of the figure, for reports. */
const char *bmd_plot_run_caption(int fig);

int bmd_plot_run_profile(const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                         struct bmd_plot **out);
int bmd_plot_run_map(const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                     struct bmd_plot **out);
int bmd_plot_run_timeline(const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                          struct bmd_plot **out);

/* bmd_plot_run_figure - one of the above by number (enum bmd_plot_run_fig). */
int bmd_plot_run_figure(int fig, const struct bmd_scenario *sc, const struct bmd_sim_result *r,
                        struct bmd_plot **out);

#endif
