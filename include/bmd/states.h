/*
 * states.h - the `propagate` input CSV:
 *   id,lat_deg,lon_deg,alt_m,v_east_mps,v_north_mps,v_up_mps,beta_kgm2
 *
 * Every row is validated: 8 fields, an integer id that no other row has, finite decimal
 * numbers (no hexadecimal, no inf or nan), |lat| <= 90, |lon| <= 360, 0 <= alt_m <= 1e8,
 * speed <= 2e4 m/s, beta_kgm2 >= BMD_STATES_MIN_BETA_KGM2. The first bad row stops the
 * read with a diagnostic naming file:line:column and the field. Ids are checked once every
 * row has passed (a sort of the ids): the first repeat in the file is reported at its line,
 * naming the line of the id's first use.
 *
 * The least ballistic coefficient, 1 kg/m^2 (the catalog's lower bound too, docs/data.md),
 * keeps every object inside the propagator's horizon: terminal speed in the US76 sea-level
 * density is sqrt(2 beta g / rho) = 4 m/s at 1 kg/m^2, and its descent through the
 * atmosphere (density scale height about 8.5 km) takes about 4,000 s; at 0.01 kg/m^2 it
 * takes 40,000 s and at 0.001 more than the 86,400 s after which an object is left out as
 * "no impact". A lighter object is refused at its line rather than silently dropped.
 */
#ifndef BMD_STATES_H
#define BMD_STATES_H

#include <stdio.h>

#include "ballistic.h"
#include "diag.h"

#define BMD_STATES_MAX_ROWS 20000000L /* cap: 20 million rows (1.3 GB in memory) */
#define BMD_STATES_MIN_BETA_KGM2 1.0   /* least ballistic coefficient (kg/m^2), above */

/* bmd_states_read - read all rows of fp (named name in diagnostics) into a new array
   *rows (caller frees with free()) and their count *n. Returns BMD_OK, BMD_EPARSE (with d
   filled), BMD_ENOMEM or BMD_EIO. */
int bmd_states_read(FILE *fp, const char *name, struct bmd_ballistic_in **rows, long *n,
                    struct bmd_diag *d);

/* bmd_states_write_impacts - the output CSV
   (id,impact_lat_deg,impact_lon_deg,time_of_flight_s,apogee_alt_m), rows with a status
   other than BMD_OK left out. Returns the number of rows written, -1 on a write error, or
   -2 (nothing written, d names the object and column) when a row to be written holds a
   non-finite number: a NaN is never printed. d may be NULL. */
long bmd_states_write_impacts(FILE *fp, const struct bmd_ballistic_out *out, long n,
                              struct bmd_diag *d);

#endif
