/* lanes_avx2.c - the lanes kernel (lanes.h) compiled with -mavx2 (CMakeLists.txt sets it
   for this file on x86-64; elsewhere the file is empty): each 8-lane vector is two 256-bit
   registers. */
#if defined(__AVX2__)
#define BMD_LANES_FN bmd_lanes_step_avx2
#define BMD_LANES_W 4
#include "lanes.inc"
#else
typedef int bmd_lanes_avx2_empty; /* ISO C: no empty translation unit */
#endif
