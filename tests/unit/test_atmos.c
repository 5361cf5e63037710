/* test_atmos.c - US76 against the published tables of NOAA-S/T 76-1562 (1976). */
#include <bmd/atmos.h>
#include <bmd/const.h>

#include <math.h>

#include "check.h"

int main(void) {
  /* NOAA-S/T 76-1562 table I (geometric altitude): T (K), p (Pa), rho (kg/m^3), printed to
     5-6 significant figures; tolerances: 2e-5 relative for T (table rounding), 1e-4 for
     p and rho (table rounding plus R = 287.05287 vs the table's 287.053). */
  static const struct { double z, T, p, rho; } tab[] = {
      {0.0, 288.150, 101325.0, 1.2250},
      {5000.0, 255.676, 54048.0, 0.73643},
      {10000.0, 223.252, 26500.0, 0.41351},
      {20000.0, 216.650, 5529.3, 0.088910},
      {30000.0, 226.509, 1197.0, 0.018410},
      {50000.0, 270.650, 79.779, 1.0269e-3},
      {70000.0, 219.585, 5.2209, 8.2829e-5},
      {85000.0, 188.893, 0.44568, 8.2196e-6},
  };
  for (unsigned i = 0; i < sizeof tab / sizeof tab[0]; i++) {
    struct bmd_atmos a;
    bmd_atmos_us76(tab[i].z, &a);
    CHECK_REL(a.T_K, tab[i].T, 2e-5);
    CHECK_REL(a.p_Pa, tab[i].p, 1e-4);
    CHECK_REL(a.rho_kgpm3, tab[i].rho, 1e-4);
    CHECK_REL(bmd_atmos_density(tab[i].z), tab[i].rho, 1e-4);
  }
  /* speed of sound at sea level 340.294 m/s (table III) */
  {
    struct bmd_atmos a;
    bmd_atmos_us76(0.0, &a);
    CHECK_NEAR(a.a_mps, 340.294, 1e-3);
  }
  /* vacuum above 86 km geometric altitude (the bench-ref contract) */
  CHECK(bmd_atmos_density(86000.0) == 0.0);
  CHECK(bmd_atmos_density(85999.0) > 6.9e-6);
  CHECK_INT_EQ(bmd_atmos_layer(86000.0), 7);
  CHECK_INT_EQ(bmd_atmos_layer(-1.0), -1);
  /* layer bases: geopotential 11 km is geometric 11019.1 m (eq. 18 inverted) */
  CHECK_NEAR(bmd_atmos_layer_base_m(1), 11019.067, 1e-3);
  /* density is continuous across every layer base (the formulas of both layers agree) */
  for (int i = 1; i < 7; i++) {
    double zb = bmd_atmos_layer_base_m(i);
    CHECK_REL(bmd_atmos_density_layer(zb, i - 1), bmd_atmos_density_layer(zb, i), 1e-12);
    CHECK_INT_EQ(bmd_atmos_layer(zb + 1e-6), i);
    CHECK_INT_EQ(bmd_atmos_layer(zb - 1e-6), i - 1);
  }
  /* the integrator's folded formula (density_layer_exact) is the table's (eqs. 33a/33b, 42) */
  for (double z = 0.0; z < 86000.0; z += 997.0)
    CHECK_REL(bmd_atmos_density_layer_exact(z, bmd_atmos_layer(z)), bmd_atmos_density(z),
              1e-13);
  /* the hot path's Hermite table against the closed form, in every layer and 2.5 km past
     both its ends (the continuation a step's stages may reach; beyond 2 km of geopotential
     height the closed form itself is returned): the interpolation error bound
     step^4 max|d4rho/dH4| / 384 is 4.1e-9 of rho at the smallest scale height (5.47 km) */
  {
    double worst = 0.0;
    long n = 0;
    for (int i = 0; i < 7; i++) {
      double z0 = bmd_atmos_layer_base_m(i) - 2500.0, z1 = bmd_atmos_layer_base_m(i + 1) + 2500.0;
      for (double z = z0; z < z1; z += 3.7, n++) {
        double r = fabs(bmd_atmos_density_layer(z, i) / bmd_atmos_density_layer_exact(z, i) - 1.0);
        if (r > worst) worst = r;
      }
    }
    CHECK(n > 30000);
    CHECK(worst < 6e-9);
    CHECK(worst > 1e-10); /* it is the table that was read, not the closed form */
    /* at the knots, 200 m of geopotential height apart, the table is the closed form */
    for (int i = 0; i < 7; i++)
      for (int k = 3; k < 40; k += 7) {
        double zb = bmd_atmos_layer_base_m(i);
        double H = BMD_US76_R0_M * zb / (BMD_US76_R0_M + zb) + k * 200.0;
        double z = BMD_US76_R0_M * H / (BMD_US76_R0_M - H);
        CHECK_REL(bmd_atmos_density_layer(z, i), bmd_atmos_density_layer_exact(z, i), 1e-12);
      }
    /* far outside, the closed form bit for bit; above 86 km (layer 7) vacuum */
    CHECK(bmd_atmos_density_layer(-4000.0, 0) == bmd_atmos_density_layer_exact(-4000.0, 0));
    CHECK(bmd_atmos_density_layer(30000.0, 6) == bmd_atmos_density_layer_exact(30000.0, 6));
    CHECK(bmd_atmos_density_layer(90000.0, 7) == 0.0);
  }
  /* the drag model's speed of sound is bmd_atmos_us76's, bit for bit, in every layer and
     above the top (eq. 50 on the same temperature) */
  for (double z = -6000.0; z < 95000.0; z += 137.0) {
    struct bmd_atmos a;
    bmd_atmos_us76(z, &a);
    CHECK(bmd_atmos_sound_speed(z) == a.a_mps);
  }
  CHECK_NEAR(bmd_atmos_sound_speed(bmd_atmos_layer_base_m(1) + 1.0), 295.070, 1e-3);   /* US76 at 216.65 K */
  return check_report("test_atmos");
}
