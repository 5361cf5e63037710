/* fuzz_scenario.c - the scenario parser and validator (bmd_scenario_parse) on any bytes:
   it must return BMD_OK with a consistent scenario, or BMD_EPARSE with a located, non-empty
   message; never crash, leak or hang. */
#include "fuzz.h"

#include <bmd/catalog.h>
#include <bmd/scenario.h>
#include <bmd/status.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct bmd_scenario sc;
  struct bmd_diag d;
  if (size > FUZZ_MAX_INPUT) return 0;
  memset(&d, 0, sizeof d);
  int st = bmd_scenario_parse(&sc, (const char *)data, size, "fuzz.yaml", fuzz_catalog(), &d);
  if (st == BMD_OK) {
    /* invariants of an accepted scenario */
    if (sc.nthreats < 0 || sc.nsites < 0 || sc.nradars < 0) abort();
    for (int i = 0; i < sc.nthreats; i++) {
      const struct bmd_scen_threat *t = &sc.threats[i];
      if (!t->missile || !isfinite(t->launch_s) || fabs(t->from_lat_deg) > 90.0 ||
          fabs(t->to_lat_deg) > 90.0 || !isfinite(t->from_lon_deg) || !isfinite(t->to_lon_deg))
        abort();
    }
    for (int i = 0; i < sc.nsites; i++)
      if (fabs(sc.sites[i].lat_deg) > 90.0 || !isfinite(sc.sites[i].lon_deg)) abort();
  } else if (st == BMD_EPARSE) {
    if (d.msg[0] == '\0') abort(); /* every rejection says why */
  } else if (st != BMD_ENOMEM) {
    abort();
  }
  bmd_scenario_release(&sc);
  return 0;
}
