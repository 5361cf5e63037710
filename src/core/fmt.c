/* fmt.c - numbers as text, printf's output faster (fmt.h). */
#include <bmd/fmt.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

static const double pow10_d[13] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
                                   1e7, 1e8, 1e9, 1e10, 1e11, 1e12};

/* the digits of u, most significant first, at least width of them (zero-padded) */
static int digits(char *out, unsigned long long u, int width) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + (int)(u % 10u));
    u /= 10u;
  } while (u > 0 || n < width);
  for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  return n;
}

int bmd_fmt_fixed(char *buf, size_t cap, double v, int decimals) {
  char tmp[48];
  int n = 0;
  if (decimals < 0 || decimals > 12 || !isfinite(v) ||
      !(fabs(v) * pow10_d[decimals] < 2251799813685248.0 /* 2^51 */))
    return snprintf(buf, cap, "%.*f", decimals < 0 ? 0 : decimals, v);
  {
    const double a = fabs(v), s = pow10_d[decimals];
    /* a s = p + e exactly (p the rounded product, e its error, an FMA's exact residual);
       r = p rounded half to even. p - r is exact (|p| < 2^51: p and every integer are
       multiples of p's ulp, and so is 1/2), and |p - r| < 1/2 means |p - r| <= 1/2 - ulp,
       which e (at most half an ulp) cannot carry across 1/2: only p exactly halfway
       leaves the decision to e's sign (0: a true tie, which r already breaks to even) */
    double p = a * s, e = fma(a, s, -p), r = nearbyint(p), d = p - r;
    if (d == 0.5 && e > 0.0) r += 1.0;
    else if (d == -0.5 && e < 0.0) r -= 1.0;
    unsigned long long u = (unsigned long long)r, ip = u, fp = 0;
    if (decimals > 0) {
      unsigned long long q = (unsigned long long)s;
      ip = u / q;
      fp = u % q;
    }
    if (signbit(v)) tmp[n++] = '-';
    n += digits(tmp + n, ip, 1);
    if (decimals > 0) {
      tmp[n++] = '.';
      n += digits(tmp + n, fp, decimals);
    }
  }
  if (cap > 0) {
    size_t k = (size_t)n < cap ? (size_t)n : cap - 1;
    memcpy(buf, tmp, k);
    buf[k] = 0;
  }
  return n;
}

int bmd_fmt_int(char *buf, long n) {
  int k = 0;
  unsigned long u = (unsigned long)n;
  if (n < 0) {
    buf[k++] = '-';
    u = 0ul - u;
  }
  k += digits(buf + k, u, 1);
  buf[k] = 0;
  return k;
}
