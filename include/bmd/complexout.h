/*
 * complexout.h - a flown threat complex (complex.h) as a table: one row per object with its
 * kind, mass, ballistic coefficient, cross-sections by band, release, velocity change, end
 * and the altitudes at which its drag deceleration reaches 0.1 g and 1 g (atmospheric
 * filtering: docs/models/countermeasures.md). CSV through the project's RFC 4180 writer
 * (csv.h) and JSON through cJSON.
 *
 * Columns (CSV) and keys (JSON): object, kind, mass_kg, beta_kgm2, rcs_uhf_dbsm, rcs_s_dbsm,
 * rcs_x_dbsm, swerling_uhf, swerling_s, swerling_x, release_s (after launch), dv_mps,
 * bus_dv_used_mps (RVs), aim_lat_deg, aim_lon_deg (RVs), miss_m (RVs), end ("impact" or
 * "filtered"), end_t_s, end_alt_km, end_lat_deg, end_lon_deg, entry_speed_mps and
 * entry_angle_deg (at 86 km, below the horizontal), decel_0p1g_alt_km, decel_1g_alt_km
 * (empty / null: never reached), decel_0p1g_at_top, decel_1g_at_top (1: reached at the top
 * of the model atmosphere, 86 km: the altitude is a limit of the model, the object would
 * reach it higher), peak_decel_g, peak_decel_alt_km.
 */
#ifndef BMD_COMPLEXOUT_H
#define BMD_COMPLEXOUT_H

#include <stdio.h>

#include "complex.h"

struct cJSON;

/* bmd_complexout_csv - the table of the objects (spec cs, flown ob) to fp. Returns 0, or
   -1 with errno set (bmd_csv_finish). */
int bmd_complexout_csv(FILE *fp, const struct bmd_complex_spec *cs, const struct bmd_complex_object *ob);

/* bmd_complexout_json - the same rows as an array of objects; NULL when out of memory. */
struct cJSON *bmd_complexout_json(const struct bmd_complex_spec *cs, const struct bmd_complex_object *ob);

#endif
