/* lanes_avx512.c - the lanes kernel (lanes.h) compiled with -mavx512f (CMakeLists.txt sets
   it for this file on x86-64; elsewhere the file is empty). */
#if defined(__AVX512F__)
#define BMD_LANES_FN bmd_lanes_step_avx512
#include "lanes.inc"
#else
typedef int bmd_lanes_avx512_empty; /* ISO C: no empty translation unit */
#endif
