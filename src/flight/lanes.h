/*
 * lanes.h - one DOP853 step of the ballistic right-hand side (ballistic.h) for
 * BMD_LANES objects at once, in SIMD lanes (private to src/flight; ballistic.c drives it).
 *
 * Every lane computes, operation for operation, what bmd_dop853_step computes with
 * bmd_ballistic_rhs under the wgs84-j2 physics: the same IEEE operations in the same
 * order, with no contraction into fused multiply-adds (-ffp-contract=off), and the
 * density read from bmd_atmos_density_layer's table (atmos.h struct bmd_atmos_table) by
 * the same arithmetic. IEEE addition, multiplication, division and square root are
 * correctly rounded, so a lane's step has the bits of the scalar step, and the batch's
 * results are those of bmd_ballistic_impact (test_lanes checks every kernel against the
 * scalar step on random steps, test_propagate the batches on the 1,000 bench-ref
 * states). Why: the scalar loop runs the lanes' arithmetic one object at a time, each
 * step a chain of dependent operations; the lanes fill the vector registers with objects
 * and keep several registers' chains in flight (docs/models/integrator.md, 5.1a).
 *
 * The kernel is compiled from lanes.inc once per instruction set, each file for its
 * register width W (BMD_LANES / W groups of W lanes): lanes_avx512.c (-mavx512f, W = 8)
 * and lanes_avx2.c (-mavx2, W = 4) on x86-64, lanes_neon.c (W = 2) on aarch64, and
 * lanes_generic.c for any target (W = 8, GCC's vector extensions split into what the
 * target has). ballistic_kernel.c picks one at run time from the CPU's features.
 * Fused multiply-adds are left out on every target, AVX2+FMA included: they round once
 * where the scalar code rounds twice, and on this kernel they bought no measurable speed
 * (BENCHMARKS.md, "propagate on AVX2").
 */
#ifndef BMD_LANES_H
#define BMD_LANES_H

#include <bmd/atmos.h>
#include <bmd/ballistic.h>

#define BMD_LANES 16

/* One step for every lane (structure of arrays; lane l is element [l]). */
struct bmd_lanes_step {
  double y[6][BMD_LANES];   /* state at the step's start: r_ecef_m, v_ecef_mps */
  double f[6][BMD_LANES];   /* f(t, y) */
  double h[BMD_LANES];      /* step size (s) */
  double inv_beta[BMD_LANES];
  int layer[BMD_LANES];     /* the density formula's layer for the whole step (7: none) */
  double omega_radps;       /* Earth rotation rate (0: none) */
  double atol[6], rtol;
  struct bmd_atmos_table tab[7];   /* bmd_atmos_table_layer(i) of each layer i, set once */
  double base_h_m[8];              /* bmd_atmos_layer_base_h_m(i), set once */
};

/* What the kernel gives back for every lane: the step's end and, so that the driver need
   not compute them one lane at a time, what integrate.c's state machine computes from that
   end (bmd_integrate_lane_next_at): its probe and f(y1) under the step's layer. */
struct bmd_lanes_out {
  double y1[6][BMD_LANES];  /* the 8th-order end state */
  double err[BMD_LANES];    /* its scaled error */
  double h_m[BMD_LANES], hdot_mps[BMD_LANES], up[3][BMD_LANES]; /* probe of y1 */
  int layer[BMD_LANES];     /* bmd_atmos_layer(h_m) */
  double f1[6][BMD_LANES];  /* f(y1) by the density formula of the step's layer */
};

/* bmd_lanes_step_* - one step of every lane (each defined where CMakeLists.txt builds it:
   BMD_HAVE_LANES_AVX512, _AVX2, _NEON). */
void bmd_lanes_step_generic(const struct bmd_lanes_step *s, struct bmd_lanes_out *o);
void bmd_lanes_step_avx512(const struct bmd_lanes_step *s, struct bmd_lanes_out *o);
void bmd_lanes_step_avx2(const struct bmd_lanes_step *s, struct bmd_lanes_out *o);
void bmd_lanes_step_neon(const struct bmd_lanes_step *s, struct bmd_lanes_out *o);

typedef void (*bmd_lanes_fn)(const struct bmd_lanes_step *, struct bmd_lanes_out *);

/* bmd_lanes_kernel - the step function of a LANES_* kernel of this build (ballistic.h),
   or NULL (SCALAR, or a kernel this build lacks); ballistic_kernel.c. */
bmd_lanes_fn bmd_lanes_kernel(enum bmd_ballistic_kernel k);

#endif
