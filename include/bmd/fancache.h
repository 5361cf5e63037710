/*
 * fancache.h - interceptor fly-out fans (fan.h) for every site of a scenario, built on
 * first use and then shared read-only, also between threads.
 *
 * A fan is built per site and azimuth sector (sector_deg wide, centred in the sector): a
 * point off the fan's azimuth by up to half a sector is reached within about 1% of the
 * time of flight of a fan built toward it (tests/unit/test_fan.c measures 2-3% at 30 deg
 * off; docs/models/intercept.md). Built fans do not depend on which thread or which
 * caller asked first, so results stay the same for any thread count. A thread that needs
 * a fan another thread is building builds a neighbouring sector's fan of the same site
 * meanwhile rather than wait idle (fancache.c).
 */
#ifndef BMD_FANCACHE_H
#define BMD_FANCACHE_H

#include "fan.h"
#include "scenario.h"

struct bmd_fancache; /* opaque */

/* bmd_fancache_alloc - a cache for scenario sc (which must outlive it): fans out to
   t_max_s, table step dt_s, sectors of sector_deg (it must divide 360). Returns BMD_OK,
   BMD_EINVAL or BMD_ENOMEM. */
int bmd_fancache_alloc(struct bmd_fancache **fc, const struct bmd_scenario *sc, double t_max_s,
                       double dt_s, double sector_deg);

/* bmd_fancache_get - the fan of site s for a point at azimuth az_deg from the site;
   thread-safe; NULL if building it failed (out of memory or an integrator error). */
const struct bmd_fan *bmd_fancache_get(struct bmd_fancache *fc, int s, double az_deg);

/* bmd_fancache_clear_of_edges - 1 when az_deg lies at least margin_deg inside its sector,
   so that any azimuth within margin_deg of it gets the same fan from bmd_fancache_get. */
int bmd_fancache_clear_of_edges(const struct bmd_fancache *fc, double az_deg, double margin_deg);

/* bmd_fancache_built - how many of the fans asked for have been built (for reports and
   benchmarks; fans an idle thread built ahead that no one asked for are not counted, so
   the number does not depend on the threads' timing). */
int bmd_fancache_built(const struct bmd_fancache *fc);

/* bmd_fancache_free - free everything; accepts NULL. */
void bmd_fancache_free(struct bmd_fancache *fc);

#endif
