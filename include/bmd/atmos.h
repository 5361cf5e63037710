/*
 * atmos.h - U.S. Standard Atmosphere 1976: temperature, pressure, density, speed of sound.
 *
 * The seven layers below 86 km geometric altitude (84.852 km geopotential), with the
 * standard's constants (const.h). Above 86 km density is 0 (vacuum) and temperature is held
 * at its 86 km value for the speed of sound (186.95 K, the molecular-scale temperature the
 * seven-layer formulas give; the standard's kinetic temperature there is 186.87 K). Below 0 m the lowest layer is
 * extrapolated (down to -5 km). This cut drops at most 6.96e-6 kg/m^3 at 86 km, falling to
 * 5.6e-7 at 100 km and 2.2e-9 at 150 km (US76 tables): see docs/models/atmosphere.md.
 * Reference: NOAA-S/T 76-1562 (1976), eqs. 18, 23, 33a, 33b, 42, 50.
 */
#ifndef BMD_ATMOS_H
#define BMD_ATMOS_H

struct bmd_atmos {
  double T_K;        /* kinetic temperature (K) */
  double p_Pa;       /* pressure (Pa), 0 above 86 km */
  double rho_kgpm3;  /* density (kg/m^3), 0 above 86 km */
  double a_mps;      /* speed of sound (m/s) */
  int layer;         /* 0..6, or 7 above 86 km */
};

/* bmd_atmos_us76 - the atmosphere at geometric altitude z_m (m). */
void bmd_atmos_us76(double z_m, struct bmd_atmos *out);

/* bmd_atmos_sound_speed - the speed of sound (m/s) at z_m, equal to bmd_atmos_us76's a_mps
   (the temperature alone, no pressure: the drag model's Mach number). */
double bmd_atmos_sound_speed(double z_m);

/* bmd_atmos_density - density only (kg/m^3), the integrator's fast path. */
double bmd_atmos_density(double z_m);

/* bmd_atmos_density_layer - density (kg/m^3) by the formula of layer i (0..6; 7 gives 0)
   even slightly outside that layer: the smooth continuation the integrator needs so that
   every stage of one step sees the same formula (steps end on layer boundaries). The
   integrator's hot path: read from a table of cubic Hermite pieces every 200 m of
   geopotential height (no pow or exp), within 1e-8 relative of the closed form
   (test_atmos; docs/models/atmosphere.md). Thread-safe: the table is built once, on the
   first call. */
double bmd_atmos_density_layer(double z_m, int i);

/* bmd_atmos_density_layer_exact - the same by the closed form (eqs. 33a/33b, 42). */
double bmd_atmos_density_layer_exact(double z_m, int i);

/* The table behind bmd_atmos_density_layer, for code that evaluates it at several altitudes
   at once (the SIMD lanes of src/flight/lanes.h) and must get the same bits. For layer i
   (0..6) at geometric altitude z_m, with H = BMD_US76_R0_M * z_m / (BMD_US76_R0_M + z_m)
   (eq. 18) evaluated as written, u = (H - h0_m) * inv_step, k = (int)u and t = u - k:
   density = ((c[k][3] * t + c[k][2]) * t + c[k][1]) * t + c[k][0] when 0 <= u < count,
   else bmd_atmos_density_layer_exact(z_m, i). */
struct bmd_atmos_table {
  double h0_m;             /* geopotential height (m) of the first knot */
  double inv_step;         /* 1 / knot spacing (1/m) */
  int count;               /* pieces */
  const double (*c)[4];    /* the pieces' Horner coefficients in t */
};

/* bmd_atmos_table_layer - layer i's table (i in 0..6). */
void bmd_atmos_table_layer(int i, struct bmd_atmos_table *out);

/* bmd_atmos_layer - index of the layer containing geometric altitude z_m: 0..6, 7 above
   86 km; -1 below 0 m. The integrator ends steps on layer boundaries (density kinks). */
int bmd_atmos_layer(double z_m);

/* bmd_atmos_layer_base_m - geometric altitude (m) of the bottom of layer i (0..7). */
double bmd_atmos_layer_base_m(int i);

/* bmd_atmos_layer_base_h_m - geopotential height (m) of the bottom of layer i (0..7),
   which bmd_atmos_layer compares eq. 18's geopotential height with (vector code repeats
   it: src/flight/lanes.inc). */
double bmd_atmos_layer_base_h_m(int i);

#endif
