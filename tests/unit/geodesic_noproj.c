/* geodesic_noproj.c - geodesic.c built to open a PROJ that does not exist (CMake gives it
   BMD_PROJ_SONAME "libbmd-test-no-such-proj.so"): the reason is reported once and every
   function gives NaN or nothing, with no crash and no exit (the CLI turns the reason into
   its one-line error: src/cli/main.c). */
#include <bmd/geodesic.h>
#include <bmd/status.h>

#include <string.h>

#include "check.h"

int main(void) {
  const char *why = NULL;
  double s = 0.0, az1 = 0.0, az2 = 0.0, la = 0.0, lo = 0.0, lat[8], lon[8];
  CHECK_INT_EQ(bmd_geodesic_load(&why), BMD_EIO);
  CHECK(why != NULL && strstr(why, "libbmd-test-no-such-proj.so") != NULL);
  bmd_geodesic_inverse(BMD_EARTH_WGS84_J2, 0.0, 0.0, 1.0, 1.0, &s, &az1, &az2);
  CHECK(isnan(s) && isnan(az1) && isnan(az2));
  bmd_geodesic_direct(BMD_EARTH_WGS84_J2, 0.0, 0.0, 45.0, 1e5, &la, &lo);
  CHECK(isnan(la) && isnan(lo));
  CHECK_INT_EQ(bmd_geodesic_ring(BMD_EARTH_WGS84_J2, 0.0, 0.0, 1e5, 0.0, 0.0, 0, 10.0, 8, lat, lon), 0);
  CHECK_INT_EQ(bmd_geodesic_load(NULL), BMD_EIO);   /* the same answer again */
  return check_report("geodesic_noproj");
}
