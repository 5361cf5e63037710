/*
 * fmt.h - numbers as text for the large output files (CSV, GeoJSON), faster than printf
 * and with exactly its output.
 *
 * bmd_fmt_fixed writes what printf's "%.*f" writes (glibc, round to nearest: the value's
 * exact binary expansion rounded half to even, "-" for every value with the sign bit set,
 * -0.0 and negatives that round to zero included), without printf's multi-precision
 * arithmetic: the value scaled by 10^decimals and rounded to an integer, the rounding error
 * of the scaling recovered exactly with a fused multiply-add so that halfway cases are
 * decided on the exact value (Muller et al., Handbook of Floating-Point Arithmetic, 2nd ed.
 * 2018, sec. 4.4: the error of a product is exactly representable and given by an FMA).
 * Values too large for that (|v| 10^decimals >= 2^51), infinities and NaNs go to snprintf.
 * tests/unit/test_fmt.c compares it with snprintf on millions of values and every tie;
 * bench/bench_fmt.c times both (BENCHMARKS.md).
 */
#ifndef BMD_FMT_H
#define BMD_FMT_H

#include <stddef.h>

/* bmd_fmt_fixed - v with decimals digits after the point (0..12) into buf (cap bytes,
   NUL-terminated; 48 always suffice for |v| < 2^51); returns the length, as snprintf
   does. */
int bmd_fmt_fixed(char *buf, size_t cap, double v, int decimals);

/* bmd_fmt_int - the decimal digits of n into buf (at least 21 bytes); returns the length. */
int bmd_fmt_int(char *buf, long n);

#endif
