/* test_fmt.c - bmd_fmt_fixed against snprintf's "%.*f" (the truth: glibc's exact decimal
   expansion): the same text for random values over 20 decades and both signs, for every
   halfway case (v 10^d = n + 1/2 exactly: v = (2m + 1) / 2^(d+1)) and its neighbours one
   ulp away, for signed zeros and negatives that round to zero, the fallbacks (large,
   infinite, NaN) and truncation; and bmd_fmt_int against "%ld". */
#include <bmd/fmt.h>

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

static long mismatches;

static void same(double v, int d) {
  char a[64], b[64];
  int na = bmd_fmt_fixed(a, sizeof a, v, d), nb = snprintf(b, sizeof b, "%.*f", d, v);
  if (na != nb || strcmp(a, b) != 0) {
    if (mismatches++ < 10) fprintf(stderr, "%.17g with %d decimals: got \"%s\", want \"%s\"\n", v, d, a, b);
  }
}

int main(void) {
  unsigned long x = 88172645463325252UL;
  long n = 0;
  /* random values: log-uniform magnitude 1e-9 .. 1e11, random sign, 0..12 decimals */
  for (int q = 0; q < 2000000; q++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;   /* xorshift64 (Marsaglia 2003) */
    double u = (double)(x >> 11) / 9007199254740992.0;
    double v = pow(10.0, -9.0 + 20.0 * u) * ((x & 1) ? -1.0 : 1.0);
    same(v, (int)((x >> 3) % 13));
    n++;
  }
  /* values with few digits, as a grid's coordinates: k / 8, k / 100, k / 1000 */
  for (int k = -200000; k <= 200000; k++) {
    for (int d = 0; d <= 5; d++) {
      same(k / 8.0, d);
      same(k / 100.0, d);
      same(k * 0.001, d);
      n += 3;
    }
  }
  /* every halfway case v = (2m + 1) / 2^(d+1) for m < 20000, and one ulp either side */
  for (int d = 0; d <= 12; d++)
    for (long m = 0; m < 20000; m++) {
      double v = (double)(2 * m + 1) / ldexp(1.0, d + 1);
      same(v, d);
      same(-v, d);
      same(nextafter(v, 0.0), d);
      same(nextafter(v, HUGE_VAL), d);
      n += 4;
    }
  /* signs and fallbacks */
  static const double special[] = {0.0, -0.0, -1e-5, -0.4, -0.5, 0.5, 1.5, 2.5, -2.5, 1e15, -3e17,
                                   2251799813685248.0, 2251799813685247.5, DBL_MAX, -DBL_MIN,
                                   HUGE_VAL, -HUGE_VAL, 0.0};
  for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
    for (int d = 0; d <= 12; d++) {
      same(special[i], d);
      n++;
    }
  for (int d = 0; d <= 12; d++) {
    same(nan(""), d);
    same(-nan(""), d);
    n += 2;
  }
  CHECK_INT_EQ(mismatches, 0);
  /* truncation: snprintf's (the full length returned, the text cut and terminated) */
  {
    char a[6];
    CHECK_INT_EQ(bmd_fmt_fixed(a, sizeof a, -1234.5678, 3), 9);   /* "-1234.568" */
    CHECK(strcmp(a, "-1234") == 0);
  }
  /* integers */
  {
    static const long ints[] = {0, 1, -1, 9, 10, -10, 12345, 1000000007, LONG_MAX, LONG_MIN};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
      char a[32], b[32];
      int na = bmd_fmt_int(a, ints[i]), nb = snprintf(b, sizeof b, "%ld", ints[i]);
      CHECK_INT_EQ(na, nb);
      CHECK(strcmp(a, b) == 0);
    }
  }
  printf("test_fmt: %ld values compared with snprintf, %ld differ\n", n, mismatches);
  return check_report("test_fmt");
}
