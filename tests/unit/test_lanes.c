/* test_lanes.c - every SIMD kernel of propagate (src/flight/lanes.h) against the scalar
   step it mirrors, bit for bit: bmd_dop853_step with bmd_ballistic_rhs, the probe of the
   step's end (bmd_physics_height) and f(y1), on random steps over the whole range the
   batch can ask for (heights from below ground to 2,000 km, speeds to 11 km/s, steps from
   1 ms to 600 s, lanes with and without drag, in their own layer or another one, whose
   stages then leave the density table for the closed form), with and without Earth
   rotation. A kernel this CPU cannot run is named on a SKIP line; on an x86-64 CPU with
   AVX2 (AVX-512F) a build without the AVX2 (AVX-512) kernel fails, and so does an aarch64
   build without the NEON kernel: the kernels the machine has are always tested. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <bmd/atmos.h>
#include <bmd/ballistic.h>
#include <bmd/const.h>
#include <bmd/dop853.h>

#include "check.h"
#include "lanes.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* splitmix64 (Steele, Lea & Flood 2014): uniform in [0, 1) */
static double uni(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return (double)(z >> 11) * 0x1.0p-53;
}

/* the same bits, or both NaN */
static int same(double a, double b) {
  return memcmp(&a, &b, sizeof a) == 0 || (a != a && b != b);
}

/* one random lane: its step's input in st at lane l, and the scalar step's results */
struct want {
  double y1[6], err, h_m, hdot, up[3], f1[6];
};

static void random_lane(const struct bmd_physics *ph, struct bmd_lanes_step *st, int l,
                        struct want *w) {
  struct bmd_ballistic_in in;
  struct bmd_ballistic_params prm;
  struct bmd_dop853 ws;
  double y[6], f[6], sp, az, fpa, u;
  int layer, i;
  in.id = 0;
  in.lat_deg = -90.0 + 180.0 * uni();
  in.lon_deg = -180.0 + 360.0 * uni();
  u = uni();   /* heights: a third in the atmosphere's layers, the rest to 2,000 km */
  in.alt_m = u < 0.33 ? -1000.0 + 87000.0 * uni() : u < 0.66 ? 86000.0 + 300000.0 * uni()
                                                             : 2.0e6 * uni();
  sp = 11000.0 * uni();
  az = 2.0 * BMD_PI * uni();
  fpa = BMD_PI * (uni() - 0.5);
  in.v_east_mps = sp * cos(fpa) * sin(az);
  in.v_north_mps = sp * cos(fpa) * cos(az);
  in.v_up_mps = sp * sin(fpa);
  in.beta_kgm2 = 50.0 + 20000.0 * uni();
  bmd_ballistic_state(ph, &in, y);
  /* the layer of the start (what the integrator gives) or any other one */
  layer = bmd_atmos_layer(in.alt_m);
  if (layer < 0) layer = 0;
  if (uni() < 0.3) layer = (int)(8.0 * uni());
  prm.phys = *ph;
  prm.omega_radps = bmd_physics_omega(ph);
  prm.inv_beta = uni() < 0.2 ? 0.0 : 1.0 / in.beta_kgm2;
  prm.layer = layer;
  bmd_ballistic_rhs(0.0, y, f, &prm);
  for (i = 0; i < 6; i++) {
    st->y[i][l] = y[i];
    st->f[i][l] = f[i];
  }
  st->h[l] = exp(log(1e-3) + (log(600.0) - log(1e-3)) * uni());
  st->inv_beta[l] = prm.inv_beta;
  st->layer[l] = layer;
  ws.n = 6;
  w->err = bmd_dop853_step(&ws, bmd_ballistic_rhs, &prm, 0.0, y, f, st->h[l], st->atol,
                           st->rtol, w->y1);
  w->h_m = bmd_physics_height(ph, w->y1, w->up);
  w->hdot = w->y1[3] * w->up[0] + w->y1[4] * w->up[1] + w->y1[5] * w->up[2];
  bmd_ballistic_rhs(0.0, w->y1, w->f1, &prm);
}

/* lanes that differ from the scalar step in any output */
static int compare(const struct bmd_lanes_out *o, const struct want *w) {
  int bad = 0;
  for (int l = 0; l < BMD_LANES; l++) {
    int ok = same(o->err[l], w[l].err) && same(o->h_m[l], w[l].h_m) &&
             same(o->hdot_mps[l], w[l].hdot) && o->layer[l] == bmd_atmos_layer(w[l].h_m);
    for (int i = 0; i < 6; i++) ok = ok && same(o->y1[i][l], w[l].y1[i]) && same(o->f1[i][l], w[l].f1[i]);
    for (int i = 0; i < 3; i++) ok = ok && same(o->up[i][l], w[l].up[i]);
    bad += !ok;
  }
  return bad;
}

/* n random batches through kernel k: the count of lanes that differ */
static long run_kernel(bmd_lanes_fn fn, int rotation, long n, uint64_t seed) {
  struct bmd_physics ph;
  struct bmd_integrate_opts o;
  long bad = 0;
  bmd_physics_default(&ph);
  ph.rotation = rotation;
  bmd_integrate_opts_default(&o);
  rng_state = seed;
  for (long b = 0; b < n; b++) {
    struct bmd_lanes_step st;
    struct bmd_lanes_out out;
    struct want w[BMD_LANES];
    memset(&st, 0, sizeof st);
    st.omega_radps = bmd_physics_omega(&ph);
    for (int i = 0; i < 6; i++) st.atol[i] = o.atol[i];
    st.rtol = b % 2 ? 1e-9 : 0.0;   /* the relative part of the error scale too */
    for (int i = 0; i < 7; i++) bmd_atmos_table_layer(i, &st.tab[i]);
    for (int i = 0; i < 8; i++) st.base_h_m[i] = bmd_atmos_layer_base_h_m(i);
    for (int l = 0; l < BMD_LANES; l++) random_lane(&ph, &st, l, &w[l]);
    memset(&out, 0xff, sizeof out);
    fn(&st, &out);
    bad += compare(&out, w);
  }
  return bad;
}

int main(void) {
  static const enum bmd_ballistic_kernel ks[] = {BMD_KERNEL_LANES_GENERIC, BMD_KERNEL_LANES_AVX2,
                                                 BMD_KERNEL_LANES_AVX512, BMD_KERNEL_LANES_NEON};
  char feat[64];
  int ran = 0;
  bmd_ballistic_cpu_features(feat, sizeof feat);
  printf("CPU features: %s\n", feat[0] ? feat : "(none)");
  for (size_t q = 0; q < sizeof ks / sizeof ks[0]; q++) {
    const char *name = bmd_ballistic_kernel_name(ks[q]);
    if (!bmd_ballistic_kernel_available(ks[q])) {
      printf("SKIP %s: %s\n", name,
             bmd_ballistic_kernel_built(ks[q]) ? "this CPU cannot run it" : "not in this build");
      continue;
    }
    for (int rot = 0; rot <= 1; rot++) {
      long bad = run_kernel(bmd_lanes_kernel(ks[q]), rot, 1500, 12345u + (uint64_t)rot);
      printf("%s, rotation %s: %ld of %d random steps differ from the scalar step\n", name,
             rot ? "on" : "off", bad, 1500 * BMD_LANES);
      CHECK_INT_EQ(bad, 0);
    }
    if (ks[q] != BMD_KERNEL_LANES_GENERIC) ran++;
  }
  /* the machine's own vector kernels are never skipped */
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) CHECK(bmd_ballistic_kernel_available(BMD_KERNEL_LANES_AVX2));
  if (__builtin_cpu_supports("avx512f")) CHECK(bmd_ballistic_kernel_available(BMD_KERNEL_LANES_AVX512));
#elif defined(__aarch64__)
  CHECK(bmd_ballistic_kernel_available(BMD_KERNEL_LANES_NEON));
#endif
  printf("vector kernels tested besides the generic one: %d\n", ran);
  /* the step-size factor's shortcut at its limits (dop853.c) gives the formula's bits:
     errors over 600 decades, half of them within 1% of the shortcut's two thresholds,
     and zero, infinity and NaN */
  {
    long diff = 0;
    rng_state = 777u;
    for (long i = 0; i < 2000004; i++) {
      double h = 10.0 * uni(), err, fac;
      if (i >= 2000000) err = i == 2000000 ? 0.0 : i == 2000001 ? HUGE_VAL : i == 2000002 ? (double)NAN : -1.0;
      else if (i % 2) err = (i % 4 == 1 ? 2.5e-7 : 3000.0) * (1.0 + 0.02 * (uni() - 0.5));
      else err = exp(log(1e-300) + (log(1e300) - log(1e-300)) * uni());
      fac = pow(err, 0.125) / 0.9;
      if (fac < 1.0 / 6.0) fac = 1.0 / 6.0;
      if (fac > 3.0) fac = 3.0;
      if (!(err == err)) fac = 3.0;
      diff += !same(bmd_dop853_next_h(h, err), h / fac);
    }
    CHECK_INT_EQ(diff, 0);
  }
  return check_report("test_lanes");
}
