/*
 * bench_fmt.c - numbers as text: bmd_fmt_fixed (fmt.h) against snprintf's "%.*f" on the
 * values a footprint's CSV and GeoJSON hold (cell coordinates with 4 decimals, ranges in km
 * with 3 and 1, times with 0), per number, each timed in 7 batches, the median reported.
 * usage: bench_fmt [N]      prints NAME VALUE UNIT lines
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <bmd/fmt.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 200000;
  enum { NV = 4096 };
  static double v[NV];
  static int d[NV];
  unsigned long x = 88172645463325252UL, sink = 0;
  for (int i = 0; i < NV; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;   /* xorshift64 (Marsaglia 2003) */
    double u = (double)(x >> 11) / 9007199254740992.0;
    switch (i % 4) {
      case 0: v[i] = 34.25 + 0.5 * (double)(x % 76); d[i] = 4; break;   /* cell latitude */
      case 1: v[i] = 5000.0 * u; d[i] = 3; break;                          /* range, km */
      case 2: v[i] = 1500.0 * u; d[i] = 1; break;                          /* time of flight */
      default: v[i] = 2000.0 * u; d[i] = 0; break;                         /* a time, s */
    }
  }
  double per[2][7];
  for (int kind = 0; kind < 2; kind++)
    for (int b = 0; b < 7; b++) {
      double t0 = now();
      for (long q = 0; q < n / 7; q++) {
        char buf[64];
        int i = (int)(q % NV);
        sink += (unsigned long)(kind ? snprintf(buf, sizeof buf, "%.*f", d[i], v[i])
                                     : bmd_fmt_fixed(buf, sizeof buf, v[i], d[i]));
        sink += (unsigned char)buf[1];
      }
      per[kind][b] = (now() - t0) / (double)(n / 7);
    }
  qsort(per[0], 7, sizeof per[0][0], cmp);
  qsort(per[1], 7, sizeof per[1][0], cmp);
  printf("fmt_fixed %.1f ns\n", 1e9 * per[0][3]);
  printf("fmt_snprintf %.1f ns\n", 1e9 * per[1][3]);
  if (sink == 42) printf("#\n");
  return 0;
}
