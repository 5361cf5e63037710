/* lanes_neon.c - the lanes kernel (lanes.h) for aarch64 with Advanced SIMD (NEON): each
   8-lane vector is four 128-bit registers, square roots by vsqrtq_f64. Compiled only
   there (CMakeLists.txt); elsewhere the file is empty. */
#if defined(__aarch64__) && defined(__ARM_NEON)
#define BMD_LANES_FN bmd_lanes_step_neon
#define BMD_LANES_W 2
#include "lanes.inc"
#else
typedef int bmd_lanes_neon_empty; /* ISO C: no empty translation unit */
#endif
