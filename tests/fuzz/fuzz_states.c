/* fuzz_states.c - the propagate states CSV reader (bmd_states_read) on any bytes: it must
   return BMD_OK with every row inside the documented ranges (states.h), or BMD_EPARSE with a
   message naming the line; never crash, leak or hang. */
#define _GNU_SOURCE /* fmemopen */
#include "fuzz.h"

#include <bmd/integrate.h>
#include <bmd/physics.h>
#include <bmd/states.h>
#include <bmd/status.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct bmd_ballistic_in *rows = NULL;
  struct bmd_diag d;
  long n = 0;
  if (size > FUZZ_MAX_INPUT) return 0;
  FILE *fp = size ? fmemopen((void *)(uintptr_t)data, size, "r") : fopen("/dev/null", "r");
  if (!fp) return 0;
  memset(&d, 0, sizeof d);
  int st = bmd_states_read(fp, "fuzz.csv", &rows, &n, &d);
  fclose(fp);
  if (st == BMD_OK) {
    if (n < 0) abort();
    for (long i = 0; i < n; i++) {
      const struct bmd_ballistic_in *r = &rows[i];
      if (!(fabs(r->lat_deg) <= 90.0) || !(fabs(r->lon_deg) <= 360.0) || !(r->alt_m >= 0.0) ||
          !(r->alt_m <= 1e8) || !(r->beta_kgm2 > 0.0) || !isfinite(r->beta_kgm2))
        abort();
    }
    /* and fly the first rows: an accepted state gives a finite impact or a per-row error,
       never a NaN (numerical guards, docs/reliability.md) */
    struct bmd_physics phys;
    struct bmd_integrate_opts o;
    bmd_physics_default(&phys);
    bmd_integrate_opts_default(&o);
    o.max_steps = 4000; /* bounds an escape orbit's cost; ending early is a per-row status */
    for (long i = 0; i < n && i < 2; i++) {
      struct bmd_ballistic_out out;
      if (bmd_ballistic_impact(&phys, &o, &rows[i], &out) == BMD_OK && out.status == BMD_OK &&
          (!isfinite(out.impact_lat_deg) || !isfinite(out.impact_lon_deg) ||
           !isfinite(out.time_of_flight_s) || !isfinite(out.apogee_alt_m)))
        abort();
    }
  } else if (st == BMD_EPARSE) {
    if (d.msg[0] == '\0' || d.line <= 0) abort(); /* every rejection names its line */
  } else if (st != BMD_ENOMEM && st != BMD_EIO) {
    abort();
  }
  free(rows);
  return 0;
}
