/*
 * trajout.h - trajectory writers: CSV (units in the header), GeoJSON (a LineString with
 * per-point times and a Point per event) and KML (a time-stamped gx:Track that Google
 * Earth animates, absolute altitudes). One column list drives the CSV header and rows.
 */
#ifndef BMD_TRAJOUT_H
#define BMD_TRAJOUT_H

#include <stdio.h>

#include "physics.h"
#include "traj.h"

struct bmd_trajout_meta {
  const char *missile;        /* slug */
  const char *from, *to;      /* labels */
  double launch_lat_deg, launch_lon_deg;
  double target_lat_deg, target_lon_deg;
  double epoch_unix_s;        /* KML time origin (s since 1970) */
};

/* Each returns 0, or -1 on a write error. */
/* bmd_trajout_check - BMD_OK if every number the writers below would print is finite; else
   BMD_ENONFINITE with why[n] naming the sample, its t_s and the column. The writers call it
   first and write nothing (returning BMD_ENONFINITE) when it fails. */
int bmd_trajout_check(const struct bmd_physics *phys, const struct bmd_traj_result *r, char *why,
                      size_t n);

int bmd_trajout_csv(FILE *fp, const struct bmd_physics *phys, const struct bmd_traj_result *r);
int bmd_trajout_geojson(FILE *fp, const struct bmd_physics *phys,
                        const struct bmd_traj_result *r, const struct bmd_trajout_meta *m);
int bmd_trajout_kml(FILE *fp, const struct bmd_physics *phys, const struct bmd_traj_result *r,
                    const struct bmd_trajout_meta *m);

#endif
