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

/* the same results, bit for bit (field by field: the struct has padding) */
static int same_out(const struct bmd_ballistic_out *a, const struct bmd_ballistic_out *b) {
  return a->id == b->id && a->status == b->status && a->nfev == b->nfev &&
         memcmp(&a->impact_lat_deg, &b->impact_lat_deg, sizeof a->impact_lat_deg) == 0 &&
         memcmp(&a->impact_lon_deg, &b->impact_lon_deg, sizeof a->impact_lon_deg) == 0 &&
         memcmp(&a->time_of_flight_s, &b->time_of_flight_s, sizeof a->time_of_flight_s) == 0 &&
         memcmp(&a->apogee_alt_m, &b->apogee_alt_m, sizeof a->apogee_alt_m) == 0;
}

static long first_diff(const struct bmd_ballistic_out *a, const struct bmd_ballistic_out *b, long n) {
  for (long k = 0; k < n; k++)
    if (!same_out(&a[k], &b[k])) return k;
  return -1;
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
  /* so does every kernel the CPU runs: the lanes take the scalar step's operations
     (lanes.h), here on 1 and 3 threads (lanes refilled from chunks at different moments) */
  {
    static const enum bmd_ballistic_kernel ks[] = {
        BMD_KERNEL_SCALAR, BMD_KERNEL_LANES_GENERIC, BMD_KERNEL_LANES_AVX2,
        BMD_KERNEL_LANES_AVX512, BMD_KERNEL_LANES_NEON, BMD_KERNEL_LANES};
    for (size_t q = 0; q < sizeof ks / sizeof ks[0]; q++) {
      if (!bmd_ballistic_kernel_available(ks[q])) {
        printf("SKIP %s: not in this build or not on this CPU (test_lanes says which)\n",
               bmd_ballistic_kernel_name(ks[q]));
        continue;
      }
      CHECK_INT_EQ(bmd_ballistic_kernel_resolve(&ph, ks[q]),
                   ks[q] == BMD_KERNEL_LANES ? bmd_ballistic_kernel_resolve(&ph, BMD_KERNEL_AUTO) : ks[q]);
      for (int th = 1; th <= 3; th += 2) {
        memset(b, 0xff, (size_t)n * sizeof *b);
        bmd_ballistic_batch_kernel(&ph, &o, in, b, n, th, ks[q], NULL, NULL);
        long k = first_diff(a, b, n);
        if (k >= 0) {
          printf("kernel %s, %d threads: object %ld differs\n",
                 bmd_ballistic_kernel_name(bmd_ballistic_kernel_resolve(&ph, ks[q])), th, k);
          CHECK(0);
        }
      }
    }
    printf("lanes kernel here: %s\n", bmd_ballistic_kernel_name(bmd_ballistic_kernel_resolve(&ph, BMD_KERNEL_LANES)));
    /* auto: the first the CPU runs of avx512, avx2, neon, generic */
    {
      enum bmd_ballistic_kernel want = BMD_KERNEL_LANES_GENERIC;
      if (bmd_ballistic_kernel_available(BMD_KERNEL_LANES_NEON)) want = BMD_KERNEL_LANES_NEON;
      if (bmd_ballistic_kernel_available(BMD_KERNEL_LANES_AVX2)) want = BMD_KERNEL_LANES_AVX2;
      if (bmd_ballistic_kernel_available(BMD_KERNEL_LANES_AVX512)) want = BMD_KERNEL_LANES_AVX512;
      CHECK_INT_EQ(bmd_ballistic_kernel_resolve(&ph, BMD_KERNEL_AUTO), want);
    }
    /* the sphere model runs the scalar kernel */
    {
      struct bmd_physics sp = ph;
      sp.earth = BMD_EARTH_SPHERE;
      CHECK_INT_EQ(bmd_ballistic_kernel_resolve(&sp, BMD_KERNEL_LANES), BMD_KERNEL_SCALAR);
    }
  }
  /* and without drag or rotation: the lanes' other branches */
  {
    struct bmd_physics v = ph;
    struct bmd_ballistic_out *c = calloc((size_t)n, sizeof *c);
    v.drag = 0;
    for (int r = 0; r < 2; r++) {
      v.rotation = r;
      bmd_ballistic_batch_kernel(&v, &o, in, b, 200, 1, BMD_KERNEL_SCALAR, NULL, NULL);
      bmd_ballistic_batch_kernel(&v, &o, in, c, 200, 2, BMD_KERNEL_LANES, NULL, NULL);
      CHECK_INT_EQ(first_diff(b, c, 200), -1);
      v.drag = 1;
    }
    free(c);
  }

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
