/* atmos.c - U.S. Standard Atmosphere 1976 below 86 km (atmos.h). */
#include <bmd/atmos.h>

#include <math.h>

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

double bmd_atmos_density_layer(double z_m, int i) {
  /* eqs. 33a/33b with eq. 42 folded together: rho = rho_b (T / T_b)^-(1 + g0 / (R L)), or
     rho_b exp(-g0 dH / (R T_b)) where L = 0: one pow or exp and no division */
  double dH;
  if (i >= 7) return 0.0;
  if (i < 0) i = 0;
  dH = geopotential(z_m) - Hb[i];
  if (Lb[i] == 0.0) return rho_b[i] * exp(g_T[i] * dH);
  return rho_b[i] * pow(1.0 + L_T[i] * dH, x_L[i]);
}

int bmd_atmos_layer(double z_m) {
  if (z_m < 0.0) return -1;
  if (z_m >= BMD_US76_TOP_M) return 7;
  return layer_of(geopotential(z_m));
}

double bmd_atmos_layer_base_m(int i) {
  if (i <= 0) return 0.0;
  if (i >= 7) return BMD_US76_TOP_M;
  /* inverse of eq. 18: z = r0 H / (r0 - H) */
  return BMD_US76_R0_M * Hb[i] / (BMD_US76_R0_M - Hb[i]);
}
