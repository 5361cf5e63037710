/* test_atlas.c - the embedded Natural Earth basemap (atlas.h). */
#include <bmd/atlas.h>
#include <bmd/status.h>

#include <math.h>
#include <string.h>

#include "check.h"

/* smallest distance (deg, flat in lat/lon scaled by cos lat) from (lat, lon) to a vertex of
   lines [k0, k1) */
static double nearest_deg(const struct bmd_atlas *a, int k0, int k1, double lat, double lon) {
  double best = HUGE_VAL, c = cos(lat * 3.14159265358979323846 / 180.0);
  for (long i = a->start[k0]; i < a->start[k1]; i++) {
    double dy = a->lat_deg[i] - lat, dx = (a->lon_deg[i] - lon) * c;
    double d = sqrt(dx * dx + dy * dy);
    if (d < best) best = d;
  }
  return best;
}

int main(void) {
  struct bmd_atlas a;
  CHECK_INT_EQ(bmd_atlas_load(&a), BMD_OK);
  /* counts printed by tools/atlas/convert.js for world-atlas 2.0.2 (data/atlas.md) */
  CHECK_INT_EQ(a.nland, 1421);
  CHECK_INT_EQ(a.nborder, 362);
  CHECK(a.npoints > 79000 && a.npoints <= 80243); /* 80,243 before dropping repeats */
  CHECK_INT_EQ(a.start[a.nland + a.nborder], a.npoints);

  /* bounding box of all data: Natural Earth spans -180..180 and -90..83.6 (northern tip of
     Greenland / Kaffeklubben, 83.6 N) */
  double lamin = HUGE_VAL, lamax = -HUGE_VAL, lomin = HUGE_VAL, lomax = -HUGE_VAL;
  for (long i = 0; i < a.npoints; i++) {
    lamin = fmin(lamin, a.lat_deg[i]);
    lamax = fmax(lamax, a.lat_deg[i]);
    lomin = fmin(lomin, a.lon_deg[i]);
    lomax = fmax(lomax, a.lon_deg[i]);
  }
  CHECK_NEAR(lomin, -180.0, 0.01);
  CHECK_NEAR(lomax, 180.0, 0.01);
  CHECK_NEAR(lamin, -90.0, 0.01);
  CHECK_NEAR(lamax, 83.6, 0.1);

  /* land rings are closed */
  int open = 0;
  for (int k = 0; k < a.nland; k++) {
    long i = a.start[k], j = a.start[k + 1] - 1;
    if (a.lat_deg[i] != a.lat_deg[j] || a.lon_deg[i] != a.lon_deg[j]) open++;
  }
  CHECK_INT_EQ(open, 0);

  /* known coastline points (1:50m generalisation is ~1-2 km, so a vertex within 0.2 deg):
     Cape Finisterre 42.88 N 9.27 W; Cape of Good Hope 34.357 S 18.474 E; Cape Horn is on an
     island, 55.98 S 67.27 W */
  CHECK(nearest_deg(&a, 0, a.nland, 42.88, -9.27) < 0.2);
  CHECK(nearest_deg(&a, 0, a.nland, -34.357, 18.474) < 0.2);
  CHECK(nearest_deg(&a, 0, a.nland, -55.98, -67.27) < 0.2);
  /* and the middle of the Atlantic and of Poland have no coastline near */
  CHECK(nearest_deg(&a, 0, a.nland, 30.0, -40.0) > 5.0);
  CHECK(nearest_deg(&a, 0, a.nland, 52.0, 19.0) > 1.0);
  /* borders: Poland-Germany border on the Oder near Frankfurt (Oder) 52.34 N 14.55 E, and
     none in the open ocean */
  CHECK(nearest_deg(&a, a.nland, a.nland + a.nborder, 52.34, 14.55) < 0.1);
  CHECK(nearest_deg(&a, a.nland, a.nland + a.nborder, 30.0, -40.0) > 10.0);
  bmd_atlas_release(&a);
  bmd_atlas_release(&a); /* released twice is a no-op */

  /* corrupt input */
  static const unsigned char bad[24] = "BMDATL2";
  CHECK_INT_EQ(bmd_atlas_parse(&a, bad, sizeof bad), BMD_EPARSE);
  unsigned char trunc[28];
  memcpy(trunc, "BMDATL1\0\xe8\x03\0\0\x01\0\0\0\0\0\0\0\x05\0\0\0\0\0\0\0", 28);
  CHECK_INT_EQ(bmd_atlas_parse(&a, trunc, sizeof trunc), BMD_EPARSE);
  CHECK(a.start == NULL);
  return check_report("test_atlas");
}
