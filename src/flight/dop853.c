/* dop853.c - the DOP853 Runge-Kutta step (dop853.h).
   Coefficients: Hairer, Norsett & Wanner (1993), code DOP853, Prince & Dormand's
   RK8(7)13M modified for the 5(3) error estimate. */
#include <bmd/dop853.h>

#include <math.h>

static const double c2 = 0.526001519587677318785587544488e-01;
static const double c3 = 0.789002279381515978178381316732e-01;
static const double c4 = 0.118350341907227396726757197510e+00;
static const double c5 = 0.281649658092772603273242802490e+00;
static const double c6 = 0.333333333333333333333333333333e+00;
static const double c7 = 0.25e+00;
static const double c8 = 0.307692307692307692307692307692e+00;
static const double c9 = 0.651282051282051282051282051282e+00;
static const double c10 = 0.6e+00;
static const double c11 = 0.857142857142857142857142857142e+00;

static const double b1 = 5.42937341165687622380535766363e-2;
static const double b6 = 4.45031289275240888144113950566e0;
static const double b7 = 1.89151789931450038304281599044e0;
static const double b8 = -5.8012039600105847814672114227e0;
static const double b9 = 3.1116436695781989440891606237e-1;
static const double b10 = -1.52160949662516078556178806805e-1;
static const double b11 = 2.01365400804030348374776537501e-1;
static const double b12 = 4.47106157277725905176885569043e-2;

static const double bhh1 = 0.244094488188976377952755905512e+00;
static const double bhh2 = 0.733846688281611857341361741547e+00;
static const double bhh3 = 0.220588235294117647058823529412e-01;

static const double er1 = 0.1312004499419488073250102996e-01;
static const double er6 = -0.1225156446376204440720569753e+01;
static const double er7 = -0.4957589496572501915214079952e+00;
static const double er8 = 0.1664377182454986536961530415e+01;
static const double er9 = -0.3503288487499736816886487290e+00;
static const double er10 = 0.3341791187130174790297318841e+00;
static const double er11 = 0.8192320648511571246570742613e-01;
static const double er12 = -0.2235530786388629525884427845e-01;

static const double a21 = 5.26001519587677318785587544488e-2;
static const double a31 = 1.97250569845378994544595329183e-2;
static const double a32 = 5.91751709536136983633785987549e-2;
static const double a41 = 2.95875854768068491816892993775e-2;
static const double a43 = 8.87627564304205475450678981324e-2;
static const double a51 = 2.41365134159266685502369798665e-1;
static const double a53 = -8.84549479328286085344864962717e-1;
static const double a54 = 9.24834003261792003115737966543e-1;
static const double a61 = 3.7037037037037037037037037037e-2;
static const double a64 = 1.70828608729473871279604482173e-1;
static const double a65 = 1.25467687566822425016691814123e-1;
static const double a71 = 3.7109375e-2;
static const double a74 = 1.70252211019544039314978060272e-1;
static const double a75 = 6.02165389804559606850219397283e-2;
static const double a76 = -1.7578125e-2;
static const double a81 = 3.70920001185047927108779319836e-2;
static const double a84 = 1.70383925712239993810214054705e-1;
static const double a85 = 1.07262030446373284651809199168e-1;
static const double a86 = -1.53194377486244017527936158236e-2;
static const double a87 = 8.27378916381402288758473766002e-3;
static const double a91 = 6.24110958716075717114429577812e-1;
static const double a94 = -3.36089262944694129406857109825e0;
static const double a95 = -8.68219346841726006818189891453e-1;
static const double a96 = 2.75920996994467083049415600797e1;
static const double a97 = 2.01540675504778934086186788979e1;
static const double a98 = -4.34898841810699588477366255144e1;
static const double a101 = 4.77662536438264365890433908527e-1;
static const double a104 = -2.48811461997166764192642586468e0;
static const double a105 = -5.90290826836842996371446475743e-1;
static const double a106 = 2.12300514481811942347288949897e1;
static const double a107 = 1.52792336328824235832596922938e1;
static const double a108 = -3.32882109689848629194453265587e1;
static const double a109 = -2.03312017085086261358222928593e-2;
static const double a111 = -9.3714243008598732571704021658e-1;
static const double a114 = 5.18637242884406370830023853209e0;
static const double a115 = 1.09143734899672957818500254654e0;
static const double a116 = -8.14978701074692612513997267357e0;
static const double a117 = -1.85200656599969598641566180701e1;
static const double a118 = 2.27394870993505042818970056734e1;
static const double a119 = 2.49360555267965238987089396762e0;
static const double a1110 = -3.0467644718982195003823669022e0;
static const double a121 = 2.27331014751653820792359768449e0;
static const double a124 = -1.05344954667372501984066689879e1;
static const double a125 = -2.00087205822486249909675718444e0;
static const double a126 = -1.79589318631187989172765950534e1;
static const double a127 = 2.79488845294199600508499808837e1;
static const double a128 = -2.85899827713502369474065508674e0;
static const double a129 = -8.87285693353062954433549289258e0;
static const double a1210 = 1.23605671757943030647266201528e1;
static const double a1211 = 6.43392746015763530355970484046e-1;

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

double bmd_dop853_next_h(double h, double err) {
  /* Hairer (1993) DOP853 defaults: fac = err^(1/8) / 0.9, limited to [1/6, 3] */
  double fac = pow(err, 0.125) / 0.9;
  if (fac < 1.0 / 6.0) fac = 1.0 / 6.0;
  if (fac > 3.0) fac = 3.0;
  if (!(err == err)) fac = 3.0; /* NaN error: shrink hard */
  return h / fac;
}
