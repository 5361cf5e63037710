/* atmos.c - U.S. Standard Atmosphere 1976 below 86 km (atmos.h). */
#include <bmd/atmos.h>

#include <math.h>
#include <pthread.h>

#include <bmd/const.h>

/* Layer bases: geopotential height Hb (m), lapse rate Lb (K/m), base temperature Tb (K),
   base pressure Pb (Pa). Hb and Lb are NOAA-S/T 76-1562 table 4; Tb and Pb follow from
   them by eqs. 23 and 33a/33b with g0 and R of const.h (computed, then checked in
   tests/unit/test_atmos.c by re-deriving them; they agree with table 4's rounded values). */
static const double Hb[8] = {0.0, 11000.0, 20000.0, 32000.0, 47000.0, 51000.0, 71000.0,
                             84852.0};
static const double Lb[7] = {-6.5e-3, 0.0, 1.0e-3, 2.8e-3, 0.0, -2.8e-3, -2.0e-3};
static const double Tb[7] = {288.15, 216.65, 216.65, 228.65, 270.65, 270.65, 214.65};
static const double Pb[7] = {101325.0, 22632.040095007786, 5474.877424281042,
                             868.0157766202144, 110.90577336730999, 66.9385281211797,
                             3.956392160396601};

/* geometric -> geopotential height, NOAA-S/T 76-1562 eq. 18 */
static double geopotential(double z_m) { return BMD_US76_R0_M * z_m / (BMD_US76_R0_M + z_m); }

static int layer_of(double H) {
  int i = 0;
  while (i < 6 && H >= Hb[i + 1]) i++;
  return i;
}

/* T at geopotential height H in layer i: eq. 23 */
static double temperature(int i, double H) {
  return Lb[i] == 0.0 ? Tb[i] : Tb[i] + Lb[i] * (H - Hb[i]);
}

/* T and p at geopotential height H in layer i: eq. 23 (T), eq. 33a (L != 0), 33b (L = 0) */
static void tp(int i, double H, double *T, double *p) {
  *T = temperature(i, H);
  if (Lb[i] == 0.0)
    *p = Pb[i] * exp(-BMD_US76_G0_MPS2 * (H - Hb[i]) / (BMD_US76_R_JPKGK * Tb[i]));
  else
    *p = Pb[i] * pow(Tb[i] / *T, BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * Lb[i]));
}

void bmd_atmos_us76(double z_m, struct bmd_atmos *out) {
  double H, T, p;
  if (z_m < -5000.0) z_m = -5000.0;
  if (z_m >= BMD_US76_TOP_M) {
    tp(6, geopotential(BMD_US76_TOP_M), &T, &p);
    out->T_K = T;
    out->p_Pa = 0.0;
    out->rho_kgpm3 = 0.0;
    out->layer = 7;
  } else {
    H = geopotential(z_m);
    out->layer = layer_of(H);
    tp(out->layer, H, &T, &p);
    out->T_K = T;
    out->p_Pa = p;
    out->rho_kgpm3 = p / (BMD_US76_R_JPKGK * T);  /* eq. 42, ideal gas */
  }
  out->a_mps = sqrt(BMD_US76_GAMMA * BMD_US76_R_JPKGK * out->T_K);  /* eq. 50 */
}

double bmd_atmos_sound_speed(double z_m) {
  /* bmd_atmos_us76's a_mps without its pressure: eq. 23 (T) then eq. 50 */
  double H;
  if (z_m < -5000.0) z_m = -5000.0;
  H = geopotential(z_m >= BMD_US76_TOP_M ? BMD_US76_TOP_M : z_m);
  return sqrt(BMD_US76_GAMMA * BMD_US76_R_JPKGK *
              temperature(z_m >= BMD_US76_TOP_M ? 6 : layer_of(H), H));
}

double bmd_atmos_density(double z_m) {
  double T, p, H;
  int i;
  if (z_m >= BMD_US76_TOP_M) return 0.0;
  if (z_m < -5000.0) z_m = -5000.0;
  H = geopotential(z_m);
  i = layer_of(H);
  tp(i, H, &T, &p);
  return p / (BMD_US76_R_JPKGK * T);
}

/* Per layer, for the integrator's hot path (constant expressions of the tables above): base
   density (eq. 42), L / T_b, the exponent -(1 + g0 / (R L)) of eq. 33a folded with eq. 42,
   and -g0 / (R T_b) of eq. 33b. */
static const double rho_b[7] = {
    101325.0 / (BMD_US76_R_JPKGK * 288.15),
    22632.040095007786 / (BMD_US76_R_JPKGK * 216.65),
    5474.877424281042 / (BMD_US76_R_JPKGK * 216.65),
    868.0157766202144 / (BMD_US76_R_JPKGK * 228.65),
    110.90577336730999 / (BMD_US76_R_JPKGK * 270.65),
    66.9385281211797 / (BMD_US76_R_JPKGK * 270.65),
    3.956392160396601 / (BMD_US76_R_JPKGK * 214.65)};
static const double L_T[7] = {-6.5e-3 / 288.15, 0.0 / 216.65, 1.0e-3 / 216.65, 2.8e-3 / 228.65, 0.0 / 270.65, -2.8e-3 / 270.65, -2.0e-3 / 214.65};
static const double x_L[7] = {
    -(1.0 + BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * -6.5e-3)),
    0.0,
    -(1.0 + BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * 1.0e-3)),
    -(1.0 + BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * 2.8e-3)),
    0.0,
    -(1.0 + BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * -2.8e-3)),
    -(1.0 + BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * -2.0e-3))};
static const double g_T[7] = {
    -BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * 288.15),
    -BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * 216.65),
    -BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * 216.65),
    -BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * 228.65),
    -BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * 270.65),
    -BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * 270.65),
    -BMD_US76_G0_MPS2 / (BMD_US76_R_JPKGK * 214.65)};

/* The closed form of layer i at geopotential offset dH (m) above its base: eqs. 33a/33b with
   eq. 42 folded together, rho = rho_b (T / T_b)^-(1 + g0 / (R L)), or rho_b exp(-g0 dH /
   (R T_b)) where L = 0; and its slope drho/dH (the log-derivative of the same). */
static double layer_rho(int i, double dH) {
  if (Lb[i] == 0.0) return rho_b[i] * exp(g_T[i] * dH);
  return rho_b[i] * pow(1.0 + L_T[i] * dH, x_L[i]);
}

static double layer_drho(int i, double dH) {
  double rho = layer_rho(i, dH);
  if (Lb[i] == 0.0) return rho * g_T[i];
  return rho * x_L[i] * L_T[i] / (1.0 + L_T[i] * dH);
}

/* The hot path's table: per layer, cubic Hermite pieces of rho(H) on knots every
   TABLE_STEP_M of geopotential height, from TABLE_MARGIN_M below the layer's base to
   TABLE_MARGIN_M above its top (the smooth continuation past the boundary that a step's
   stages may reach), with the closed form's value and slope at each knot. The error is at
   most step^4 max|d4rho/dH4| / 384 (cubic Hermite interpolation error: de Boor, A Practical
   Guide to Splines, 2001, ch. IV), about 4e-9 of rho at 200 m where the scale height is
   smallest (5.5 km at 84.9 km); test_atmos measures it. Each piece keeps the Horner
   coefficients of its offset t in [0, 1). Outside the table the closed form is used. */
#define TABLE_STEP_M 200.0
#define TABLE_MARGIN_M 2000.0
#define TABLE_PIECES 565 /* sum over the layers of (thickness + 2 margins) / step */

static struct {
  double c[TABLE_PIECES][4];
  int first[7], count[7];
} g_tab;
static pthread_once_t g_tab_once = PTHREAD_ONCE_INIT;

static void table_init(void) {
  int i, k, n = 0;
  for (i = 0; i < 7; i++) {
    int m = (int)ceil((Hb[i + 1] - Hb[i] + 2.0 * TABLE_MARGIN_M) / TABLE_STEP_M);
    g_tab.first[i] = n;
    for (k = 0; k < m && n < TABLE_PIECES; k++, n++) {
      /* cubic Hermite on t = (H - H_k) / step from value and step x slope at both ends */
      double h0 = -TABLE_MARGIN_M + k * TABLE_STEP_M, h1 = h0 + TABLE_STEP_M;
      double r0 = layer_rho(i, h0), r1 = layer_rho(i, h1);
      double s0 = TABLE_STEP_M * layer_drho(i, h0), s1 = TABLE_STEP_M * layer_drho(i, h1);
      g_tab.c[n][0] = r0;
      g_tab.c[n][1] = s0;
      g_tab.c[n][2] = 3.0 * (r1 - r0) - 2.0 * s0 - s1;
      g_tab.c[n][3] = 2.0 * (r0 - r1) + s0 + s1;
    }
    g_tab.count[i] = k;   /* the pieces stored (all m while TABLE_PIECES is the sum) */
  }
}

void bmd_atmos_table_layer(int i, struct bmd_atmos_table *out) {
  pthread_once(&g_tab_once, table_init);
  if (i < 0) i = 0;
  if (i > 6) i = 6;
  out->h0_m = Hb[i] - TABLE_MARGIN_M;
  out->inv_step = 1.0 / TABLE_STEP_M;
  out->count = g_tab.count[i];
  out->c = (const double (*)[4])g_tab.c[g_tab.first[i]];
}

double bmd_atmos_density_layer(double z_m, int i) {
  double u, t;
  const double *c;
  int k;
  if (i >= 7) return 0.0;
  if (i < 0) i = 0;
  pthread_once(&g_tab_once, table_init);
  /* the arithmetic of struct bmd_atmos_table (atmos.h), which vector code repeats */
  u = (geopotential(z_m) - (Hb[i] - TABLE_MARGIN_M)) * (1.0 / TABLE_STEP_M);
  if (!(u >= 0.0 && u < g_tab.count[i])) return bmd_atmos_density_layer_exact(z_m, i);
  k = (int)u;
  t = u - k;
  c = g_tab.c[g_tab.first[i] + k];
  return ((c[3] * t + c[2]) * t + c[1]) * t + c[0];
}

double bmd_atmos_density_layer_exact(double z_m, int i) {
  if (i >= 7) return 0.0;
  if (i < 0) i = 0;
  return layer_rho(i, geopotential(z_m) - Hb[i]);
}

int bmd_atmos_layer(double z_m) {
  if (z_m < 0.0) return -1;
  if (z_m >= BMD_US76_TOP_M) return 7;
  return layer_of(geopotential(z_m));
}

double bmd_atmos_layer_base_h_m(int i) { return Hb[i < 0 ? 0 : i > 7 ? 7 : i]; }

double bmd_atmos_layer_base_m(int i) {
  if (i <= 0) return 0.0;
  if (i >= 7) return BMD_US76_TOP_M;
  /* inverse of eq. 18: z = r0 H / (r0 - H) */
  return BMD_US76_R0_M * Hb[i] / (BMD_US76_R0_M - Hb[i]);
}
