/* dop853.c - the DOP853 Runge-Kutta step (dop853.h).
   Coefficients: Hairer, Norsett & Wanner (1993), code DOP853, Prince & Dormand's
   RK8(7)13M modified for the 5(3) error estimate. */
#include <bmd/dop853.h>

#include <math.h>

#include "dop853_coef.h"

double bmd_dop853_step(struct bmd_dop853 *w, bmd_dop853_rhs f, void *params, double t,
                       const double *y, const double *k1, double h, const double *atol,
                       double rtol, double *y1) {
  const int n = w->n;
  double *k2 = w->k[0], *k3 = w->k[1], *k4 = w->k[2], *k5 = w->k[3], *k6 = w->k[4];
  double *k7 = w->k[5], *k8 = w->k[6], *k9 = w->k[7], *k10 = w->k[8], *k11 = w->k[9];
  double *k12 = w->k[10], *yt = w->ytmp;
  int i;

  for (i = 0; i < n; i++) yt[i] = y[i] + h * a21 * k1[i];
  f(t + c2 * h, yt, k2, params);
  for (i = 0; i < n; i++) yt[i] = y[i] + h * (a31 * k1[i] + a32 * k2[i]);
  f(t + c3 * h, yt, k3, params);
  for (i = 0; i < n; i++) yt[i] = y[i] + h * (a41 * k1[i] + a43 * k3[i]);
  f(t + c4 * h, yt, k4, params);
  for (i = 0; i < n; i++) yt[i] = y[i] + h * (a51 * k1[i] + a53 * k3[i] + a54 * k4[i]);
  f(t + c5 * h, yt, k5, params);
  for (i = 0; i < n; i++) yt[i] = y[i] + h * (a61 * k1[i] + a64 * k4[i] + a65 * k5[i]);
  f(t + c6 * h, yt, k6, params);
  for (i = 0; i < n; i++)
    yt[i] = y[i] + h * (a71 * k1[i] + a74 * k4[i] + a75 * k5[i] + a76 * k6[i]);
  f(t + c7 * h, yt, k7, params);
  for (i = 0; i < n; i++)
    yt[i] = y[i] + h * (a81 * k1[i] + a84 * k4[i] + a85 * k5[i] + a86 * k6[i] + a87 * k7[i]);
  f(t + c8 * h, yt, k8, params);
  for (i = 0; i < n; i++)
    yt[i] = y[i] + h * (a91 * k1[i] + a94 * k4[i] + a95 * k5[i] + a96 * k6[i] + a97 * k7[i] +
                        a98 * k8[i]);
  f(t + c9 * h, yt, k9, params);
  for (i = 0; i < n; i++)
    yt[i] = y[i] + h * (a101 * k1[i] + a104 * k4[i] + a105 * k5[i] + a106 * k6[i] +
                        a107 * k7[i] + a108 * k8[i] + a109 * k9[i]);
  f(t + c10 * h, yt, k10, params);
  for (i = 0; i < n; i++)
    yt[i] = y[i] + h * (a111 * k1[i] + a114 * k4[i] + a115 * k5[i] + a116 * k6[i] +
                        a117 * k7[i] + a118 * k8[i] + a119 * k9[i] + a1110 * k10[i]);
  f(t + c11 * h, yt, k11, params);
  for (i = 0; i < n; i++)
    yt[i] = y[i] + h * (a121 * k1[i] + a124 * k4[i] + a125 * k5[i] + a126 * k6[i] +
                        a127 * k7[i] + a128 * k8[i] + a129 * k9[i] + a1210 * k10[i] +
                        a1211 * k11[i]);
  f(t + h, yt, k12, params);

  double err3 = 0.0, err5 = 0.0;
  for (i = 0; i < n; i++) {
    double k = b1 * k1[i] + b6 * k6[i] + b7 * k7[i] + b8 * k8[i] + b9 * k9[i] +
               b10 * k10[i] + b11 * k11[i] + b12 * k12[i];
    y1[i] = y[i] + h * k;
    double sk = atol[i] + rtol * fmax(fabs(y[i]), fabs(y1[i]));
    /* Hairer (1993) DOP853: 3rd-order (bhh) and 5th-order (er) error estimates */
    double e3 = (k - bhh1 * k1[i] - bhh2 * k9[i] - bhh3 * k12[i]) / sk;
    double e5 = (er1 * k1[i] + er6 * k6[i] + er7 * k7[i] + er8 * k8[i] + er9 * k9[i] +
                 er10 * k10[i] + er11 * k11[i] + er12 * k12[i]) / sk;
    err3 += e3 * e3;
    err5 += e5 * e5;
  }
  double deno = err5 + 0.01 * err3;
  if (deno <= 0.0) deno = 1.0;
  return fabs(h) * err5 * sqrt(1.0 / (n * deno));
}

/* errors beyond which err^(1/8) / 0.9 is surely outside [1/6, 3]: 0.15^8 = 2.563e-7 and
   2.7^8 = 2824.3, each with a margin of more than 0.3% in err^(1/8), far beyond pow's
   error (< 1 ulp); a quarter of propagate's steps end below the first (cut at layer
   boundaries), and they need no pow to get the limit's bits */
#define ERR_FAC_MIN 2.5e-7
#define ERR_FAC_MAX 3000.0

double bmd_dop853_next_h(double h, double err) {
  /* Hairer (1993) DOP853 defaults: fac = err^(1/8) / 0.9, limited to [1/6, 3] */
  double fac;
  if (err >= 0.0 && err < ERR_FAC_MIN) return h / (1.0 / 6.0);
  if (err > ERR_FAC_MAX) return h / 3.0;
  fac = pow(err, 0.125) / 0.9;
  if (fac < 1.0 / 6.0) fac = 1.0 / 6.0;
  if (fac > 3.0) fac = 3.0;
  if (!(err == err)) fac = 3.0; /* NaN error: shrink hard */
  return h / fac;
}
