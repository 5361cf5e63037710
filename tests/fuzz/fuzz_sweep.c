/* fuzz_sweep.c - the sweep file parser (bmd_sweep_parse) on any bytes, and the expansion of
   every accepted point into its scenario (bmd_sweep_apply) for the first points: BMD_OK or a
   located message; never crash, leak or hang. A `base:` that is not a built-in scenario is
   read relative to the fuzz input's (nonexistent) folder and fails cleanly. */
#include "fuzz.h"

#include <bmd/catalog.h>
#include <bmd/status.h>
#include <bmd/sweep.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct bmd_sweep sw;
  struct bmd_diag d;
  if (size > FUZZ_MAX_INPUT) return 0;
  memset(&d, 0, sizeof d);
  int st = bmd_sweep_parse(&sw, (const char *)data, size, "/nonexistent-fuzz-dir/fuzz.yaml",
                           fuzz_catalog(), &d);
  if (st == BMD_OK) {
    if (sw.npoints < 1) abort();
    for (long i = 0; i < sw.npoints && i < 3; i++) {
      struct bmd_sweep_scenario s;
      char buf[4096];
      memset(&d, 0, sizeof d);
      int a = bmd_sweep_apply(&sw, i, &s, &d);
      if (a == BMD_OK) bmd_sweep_scenario_release(&s);
      else if (a != BMD_EINVAL && a != BMD_EPARSE && a != BMD_ERANGE && a != BMD_ENOMEM) abort();
      (void)bmd_sweep_params_json(&sw, i, buf, sizeof buf);
    }
  } else if (st == BMD_EPARSE || st == BMD_ENOTFOUND || st == BMD_EIO) {
    if (d.msg[0] == '\0') abort();
  } else if (st != BMD_ENOMEM) {
    abort();
  }
  bmd_sweep_release(&sw);
  return 0;
}
