/* test_propagate.c - the propagate kernel against the bench-ref truth (tests/data/README.md),
   and thread-count independence of the batch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bmd/ballistic.h>
#include <bmd/const.h>
#include <bmd/states.h>
#include <bmd/status.h>
#include <bmd/wgs84.h>

#include "check.h"

static FILE *open_data(const char *name) {
  char path[1024];
  const char *dir = getenv("BMD_TEST_DATA");
  snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", name);
  return fopen(path, "r");
}

int main(void) {
  struct bmd_ballistic_in *in = NULL;
  struct bmd_ballistic_out *a, *b;
  struct bmd_physics ph;
  struct bmd_integrate_opts o;
  struct bmd_diag d;
  long n = 0;
  FILE *fp = open_data("bench_ref_states_1k.csv");
  CHECK(fp != NULL);
  if (!fp) return check_report("test_propagate");
  CHECK_INT_EQ(bmd_states_read(fp, "states", &in, &n, &d), BMD_OK);
  fclose(fp);
  CHECK_INT_EQ(n, 1000);
  a = calloc((size_t)n, sizeof *a);
  b = calloc((size_t)n, sizeof *b);
  bmd_physics_default(&ph);
  bmd_integrate_opts_default(&o);
  bmd_ballistic_batch(&ph, &o, in, a, n, 1, NULL, NULL);
  bmd_ballistic_batch(&ph, &o, in, b, n, 3, NULL, NULL);
  /* any thread count gives the same bits */
  CHECK(memcmp(a, b, (size_t)n * sizeof *a) == 0);

  fp = open_data("bench_ref_truth_1k.csv");
  CHECK(fp != NULL);
  if (fp) {
    char line[256];
    double emax = 0.0, tmax = 0.0, amax = 0.0;
    long i = 0;
    if (!fgets(line, sizeof line, fp)) line[0] = '\0';
    while (fgets(line, sizeof line, fp) && i < n) {
      long id;
      double la, lo, tof, apo, r1[3], r2[3];
      if (sscanf(line, "%ld,%lf,%lf,%lf,%lf", &id, &la, &lo, &tof, &apo) != 5) break;
      CHECK_INT_EQ(a[i].id, id);
      CHECK_INT_EQ(a[i].status, BMD_OK);
      bmd_wgs84_to_ecef(la * BMD_DEG, lo * BMD_DEG, 0.0, r1);
      bmd_wgs84_to_ecef(a[i].impact_lat_deg * BMD_DEG, a[i].impact_lon_deg * BMD_DEG, 0.0, r2);
      double e = sqrt((r1[0] - r2[0]) * (r1[0] - r2[0]) + (r1[1] - r2[1]) * (r1[1] - r2[1]) +
                      (r1[2] - r2[2]) * (r1[2] - r2[2]));
      if (e > emax) emax = e;
      if (fabs(tof - a[i].time_of_flight_s) > tmax) tmax = fabs(tof - a[i].time_of_flight_s);
      if (fabs(apo - a[i].apogee_alt_m) > amax) amax = fabs(apo - a[i].apogee_alt_m);
      i++;
    }
    fclose(fp);
    CHECK_INT_EQ(i, n);
    /* the requirement: impact points within 1 m of the truth */
    CHECK(emax < 1.0);
    CHECK(tmax < 1e-3);
    CHECK(amax < 1.0);
    printf("max impact error %.4f m, max tof error %.2e s, max apogee error %.4f m\n", emax, tmax, amax);
  }
  free(in);
  free(a);
  free(b);
  return check_report("test_propagate");
}
