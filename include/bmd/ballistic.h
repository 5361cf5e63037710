/*
 * ballistic.h - free flight of a point mass with a ballistic coefficient over the model
 * Earth (physics.h) until ground impact: the `propagate` contract of
 * ../shared/bench-ref/README.md, for one object or a batch on several threads.
 *
 * Equations of motion in the Earth-fixed frame (Vallado 2013, ch. 3 for the rotating frame; Regan & Anandakrishnan, Dynamics of Atmospheric Re-Entry (1993), ch. 4 for drag):
 *   dr/dt = v,  dv/dt = g(r) - 2 w x v - w x (w x r) - rho(h) |v| v / (2 beta)
 * with v the Earth-relative velocity, which is also the air-relative velocity (the
 * atmosphere turns with the Earth; no winds), and beta = m / (Cd A) in kg/m^2.
 */
#ifndef BMD_BALLISTIC_H
#define BMD_BALLISTIC_H

#include <stddef.h>

#include "integrate.h"
#include "physics.h"

/* Parameters of the ballistic right-hand side (plain data). */
struct bmd_ballistic_params {
  struct bmd_physics phys;
  double omega_radps;   /* Earth rotation rate (0 with rotation off) */
  double inv_beta;      /* 1/beta (m^2/kg); 0 for no drag */
  int layer;            /* atmosphere layer used by this step (set by the integrator) */
};

/* bmd_ballistic_rhs - the right-hand side above; y = (r_ecef_m, v_ecef_mps). */
void bmd_ballistic_rhs(double t_s, const double *y, double *dydt, void *params);

/* One object of a propagate batch: input state as in the contract. */
struct bmd_ballistic_in {
  long id;
  double lat_deg, lon_deg, alt_m;        /* geodetic (sphere: geocentric) */
  double v_east_mps, v_north_mps, v_up_mps; /* Earth-relative, local ENU */
  double beta_kgm2;                      /* > 0 */
};

struct bmd_ballistic_out {
  long id;
  double impact_lat_deg, impact_lon_deg; /* Earth-fixed at impact */
  double time_of_flight_s;
  double apogee_alt_m;                   /* largest height, including the start */
  int status;                            /* BMD_OK or the integrator's error */
  long nfev;                             /* right-hand-side evaluations */
};

/* bmd_ballistic_state - the ECEF state y[6] of an input row under physics phys. */
void bmd_ballistic_state(const struct bmd_physics *phys, const struct bmd_ballistic_in *in,
                         double y[6]);

/* bmd_ballistic_impact - propagate one object to impact. */
int bmd_ballistic_impact(const struct bmd_physics *phys, const struct bmd_integrate_opts *o,
                         const struct bmd_ballistic_in *in, struct bmd_ballistic_out *out);

/* bmd_ballistic_batch - propagate n objects on nthreads threads (<= 0: all cores).
   out[i] belongs to in[i]; results do not depend on the thread count. progress, if not
   NULL, is called now and then from the calling thread with the count done. Always returns
   BMD_OK: if threads cannot start, the calling thread does the work; per-object failures
   are in out[i].status. */
int bmd_ballistic_batch(const struct bmd_physics *phys, const struct bmd_integrate_opts *o,
                        const struct bmd_ballistic_in *in, struct bmd_ballistic_out *out,
                        long n, int nthreads, void (*progress)(void *ctx, long done, long n),
                        void *ctx);

/* How a batch takes its integration steps. All give the same bits (src/flight/lanes.h;
   test_propagate checks every kernel the CPU runs): the choice is one of speed.
   SCALAR: one object at a time (bmd_ballistic_impact). The LANES_* kernels take the steps
   of 8 objects at a time in SIMD lanes: LANES_AVX512 (x86-64 with AVX-512F: one 512-bit
   register per vector), LANES_AVX2 (x86-64 with AVX2: two 256-bit registers), LANES_NEON
   (aarch64: four 128-bit registers) and LANES_GENERIC (portable C vector code, any CPU).
   LANES and AUTO: the first of LANES_AVX512, LANES_AVX2, LANES_NEON, LANES_GENERIC that
   this build has and this CPU runs. The lanes carry the wgs84-j2 model only; other physics
   run SCALAR. */
enum bmd_ballistic_kernel {
  BMD_KERNEL_AUTO,
  BMD_KERNEL_SCALAR,
  BMD_KERNEL_LANES,
  BMD_KERNEL_LANES_GENERIC,
  BMD_KERNEL_LANES_AVX512,
  BMD_KERNEL_LANES_AVX2,
  BMD_KERNEL_LANES_NEON
};

/* bmd_ballistic_kernel_available - 1 if this build has kernel k and this CPU can run it
   (AUTO, SCALAR, LANES and LANES_GENERIC: always), else 0. */
int bmd_ballistic_kernel_available(enum bmd_ballistic_kernel k);

/* bmd_ballistic_kernel_built - 1 if this build has kernel k (whatever the CPU), else 0:
   LANES_AVX512 and LANES_AVX2 on x86-64, LANES_NEON on aarch64, the others everywhere. */
int bmd_ballistic_kernel_built(enum bmd_ballistic_kernel k);

/* bmd_ballistic_kernel_resolve - the kernel a batch under phys runs when asked for k:
   SCALAR, or one of the LANES_* kernels. A LANES_* kernel that is not available
   (bmd_ballistic_kernel_available) resolves as LANES; physics other than wgs84-j2 resolve
   to SCALAR. */
enum bmd_ballistic_kernel bmd_ballistic_kernel_resolve(const struct bmd_physics *phys,
                                                       enum bmd_ballistic_kernel k);

/* bmd_ballistic_kernel_name - "auto", "scalar", "lanes", "lanes-generic", "lanes-avx512",
   "lanes-avx2", "lanes-neon". */
const char *bmd_ballistic_kernel_name(enum bmd_ballistic_kernel k);

/* bmd_ballistic_kernel_parse - the kernel named s: a name of bmd_ballistic_kernel_name or,
   for a LANES_* kernel, the same without "lanes-" ("avx2"). 0 and *k set, or -1. */
int bmd_ballistic_kernel_parse(const char *s, enum bmd_ballistic_kernel *k);

/* bmd_ballistic_cpu_features - the CPU features the choice of kernel reads, as this CPU
   reports them, space-separated into buf (n bytes; 32 hold them all): "avx2 fma avx512f"
   on x86-64 (those present), "asimd" on aarch64, "" if none or another architecture. */
void bmd_ballistic_cpu_features(char *buf, size_t n);

/* bmd_ballistic_batch_kernel - bmd_ballistic_batch with the kernel chosen (AUTO there). */
int bmd_ballistic_batch_kernel(const struct bmd_physics *phys, const struct bmd_integrate_opts *o,
                               const struct bmd_ballistic_in *in, struct bmd_ballistic_out *out,
                               long n, int nthreads, enum bmd_ballistic_kernel kernel,
                               void (*progress)(void *ctx, long done, long n), void *ctx);

#endif