/* test_latlon.c - positions as text: hemisphere letters, never a sign beside a letter. */
#include <string.h>

#include <bmd/latlon.h>

#include "check.h"

#define IS(lat, lon, dec, want)                                                        \
  do {                                                                                \
    char b_[64];                                                                      \
    bmd_latlon_text(b_, sizeof b_, lat, lon, dec);                                    \
    CHECK(strcmp(b_, want) == 0);                                                     \
    if (strcmp(b_, want) != 0) fprintf(stderr, "  got '%s', want '%s'\n", b_, want);  \
  } while (0)

int main(void) {
  IS(38.89511, -77.03637, 5, "38.89511 N, 77.03637 W");    /* Washington */
  IS(-33.8688, 151.2093, 2, "33.87 S, 151.21 E");         /* Sydney */
  IS(-22.9068, -43.1729, 1, "22.9 S, 43.2 W");            /* Rio de Janeiro */
  IS(0.0, 0.0, 2, "0.00 N, 0.00 E");
  IS(-0.001, -0.004, 2, "0.00 N, 0.00 E");                /* rounds to zero: no S or W */
  IS(-0.006, -0.006, 2, "0.01 S, 0.01 W");
  IS(10.0, 180.0, 1, "10.0 N, 180.0 E");
  IS(10.0, -180.0, 1, "10.0 N, 180.0 E");                 /* one meridian, one name */
  IS(10.0, 200.0, 0, "10 N, 160 W");
  IS(10.0, -190.0, 0, "10 N, 170 E");
  IS(90.0, 0.0, 0, "90 N, 0 E");
  IS((double)NAN, 1.0, 1, "?, 1.0 E");
  return check_report("test_latlon");
}
