/* test_footprintout.c - the footprint's CSV rows against the same row written by
   snprintf (the format footprintout.c had before its rows were built with fmt.h), for a
   hand-made footprint of two cells: one ordinary, one with values far beyond fmt.h's fast
   path (a range of 1e300 km, a time of 1e25 s), whose text comes from snprintf and is
   written whole. */
#include <bmd/footprint.h>
#include <bmd/footprintout.h>
#include <bmd/scenario.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

int main(void) {
  static struct bmd_scenario sc;
  static struct bmd_footprint_opts o;
  struct bmd_footprint f;
  struct bmd_footprint_cell c[2];
  static char got[1 << 14], want[1 << 14];
  const char *head;
  memset(&f, 0, sizeof f);
  memset(c, 0, sizeof c);
  o.nlaunch = 1;
  snprintf(o.launch[0].name, sizeof o.launch[0].name, "%s", "tabriz");
  f.nlat = 1;
  f.nlon = 2;
  f.nlaunch = 1;
  f.lat0_deg = 50.25;
  f.lon0_deg = 10.25;
  f.grid_deg = 0.5;
  f.cell = c;
  for (int j = 0; j < 2; j++) {
    c[j].status = BMD_FOOTPRINT_OK;
    c[j].first_site = c[j].kin_first_site = -1;
    c[j].az_deg = 291.123456;
    c[j].apogee_alt_m = 612345.6f;
    c[j].cue_t_s = 60.4f;
    c[j].firm_t_s = NAN;
    c[j].first_alt_m = c[j].first_t_s = c[j].kin_first_alt_m = NAN;
  }
  c[0].range_m = 2345678.9;
  c[0].tof_s = 987.65f;
  c[1].range_m = 1e303;   /* 1e300 km: 301 digits before the point */
  c[1].tof_s = 1e25f;
  FILE *fp = tmpfile();
  CHECK(fp != NULL);
  if (!fp) return check_report("test_footprintout");
  CHECK_INT_EQ(bmd_footprintout_csv(fp, &sc, &o, &f), 0);
  rewind(fp);
  size_t n = fread(got, 1, sizeof got - 1, fp);
  fclose(fp);
  got[n] = 0;
  head = strchr(got, '\n');
  CHECK(head != NULL);
  {
    size_t k = 0;
    for (int j = 0; j < 2; j++)
      k += (size_t)snprintf(want + k, sizeof want - k, "tabriz,%.4f,%.4f,ok,%.3f,%.3f,%.1f,%.1f,%.0f,,%d,%d,,,,,%d,,\n",
                            f.lat0_deg, f.lon0_deg + j * f.grid_deg, c[j].range_m / 1e3, c[j].az_deg,
                            (double)c[j].tof_s, (double)c[j].apogee_alt_m / 1e3, (double)c[j].cue_t_s, 0, 0, 0);
  }
  CHECK(head && strcmp(head + 1, want) == 0);
  if (head && strcmp(head + 1, want) != 0) fprintf(stderr, "got:\n%s\nwant:\n%s\n", head + 1, want);
  return check_report("test_footprintout");
}
