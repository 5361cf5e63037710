/* ballistic_kernel.c - which kernel a propagate batch runs (ballistic.h, enum
   bmd_ballistic_kernel): the kernels this build has, the CPU features they need, read at
   run time, and the order of preference AVX-512 > AVX2 > NEON > generic. */
#include <bmd/ballistic.h>

#include <stdio.h>
#include <string.h>

#if defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_ASIMD
#define HWCAP_ASIMD (1 << 1)
#endif
#endif

#include "lanes.h"

/* The CPU's features, read once. x86-64: GCC's and clang's __builtin_cpu_supports, which
   also ask the operating system whether it saves the wide registers (XCR0). */
struct features {
  int avx2, fma, avx512f, asimd;
};

static struct features cpu(void) {
  struct features f = {0, 0, 0, 0};
#if defined(__x86_64__)
  __builtin_cpu_init();
  f.avx2 = __builtin_cpu_supports("avx2") != 0;
  f.fma = __builtin_cpu_supports("fma") != 0;
  f.avx512f = __builtin_cpu_supports("avx512f") != 0;
#elif defined(__aarch64__) && defined(__linux__)
  f.asimd = (getauxval(AT_HWCAP) & HWCAP_ASIMD) != 0;
#elif defined(__aarch64__) && defined(__ARM_NEON)
  f.asimd = 1;   /* Advanced SIMD is part of every AArch64 profile that runs an OS */
#endif
  return f;
}

int bmd_ballistic_kernel_built(enum bmd_ballistic_kernel k) {
  switch (k) {
  case BMD_KERNEL_AUTO:
  case BMD_KERNEL_SCALAR:
  case BMD_KERNEL_LANES:
  case BMD_KERNEL_LANES_GENERIC: return 1;
  case BMD_KERNEL_LANES_AVX512:
  case BMD_KERNEL_LANES_AVX2:
  case BMD_KERNEL_LANES_NEON: return bmd_lanes_kernel(k) != NULL;
  }
  return 0;
}

int bmd_ballistic_kernel_available(enum bmd_ballistic_kernel k) {
  struct features f;
  if (!bmd_ballistic_kernel_built(k)) return 0;
  f = cpu();
  switch (k) {
  case BMD_KERNEL_LANES_AVX512: return f.avx512f;
  case BMD_KERNEL_LANES_AVX2: return f.avx2;
  case BMD_KERNEL_LANES_NEON: return f.asimd;
  default: return 1;
  }
}

enum bmd_ballistic_kernel bmd_ballistic_kernel_resolve(const struct bmd_physics *phys,
                                                       enum bmd_ballistic_kernel k) {
  static const enum bmd_ballistic_kernel order[] = {
      BMD_KERNEL_LANES_AVX512, BMD_KERNEL_LANES_AVX2, BMD_KERNEL_LANES_NEON};
  /* the lanes carry the wgs84-j2 right-hand side only */
  if (k == BMD_KERNEL_SCALAR || phys->earth != BMD_EARTH_WGS84_J2) return BMD_KERNEL_SCALAR;
  if (k != BMD_KERNEL_AUTO && k != BMD_KERNEL_LANES && bmd_ballistic_kernel_available(k)) return k;
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
    if (bmd_ballistic_kernel_available(order[i])) return order[i];
  return BMD_KERNEL_LANES_GENERIC;
}

static const char *const names[] = {"auto", "scalar", "lanes", "lanes-generic",
                                    "lanes-avx512", "lanes-avx2", "lanes-neon"};

const char *bmd_ballistic_kernel_name(enum bmd_ballistic_kernel k) {
  if ((unsigned)k < sizeof names / sizeof names[0]) return names[k];
  return "unknown";
}

int bmd_ballistic_kernel_parse(const char *s, enum bmd_ballistic_kernel *k) {
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(s, names[i]) == 0 ||
        (strncmp(names[i], "lanes-", 6) == 0 && strcmp(s, names[i] + 6) == 0)) {
      *k = (enum bmd_ballistic_kernel)i;
      return 0;
    }
  return -1;
}

void bmd_ballistic_cpu_features(char *buf, size_t n) {
  struct features f = cpu();
  if (n > 0)
    snprintf(buf, n, "%s%s%s%s", f.avx2 ? " avx2" : "", f.fma ? " fma" : "",
             f.avx512f ? " avx512f" : "", f.asimd ? " asimd" : "");
  if (n > 1 && buf[0] == ' ') memmove(buf, buf + 1, strlen(buf));
}

bmd_lanes_fn bmd_lanes_kernel(enum bmd_ballistic_kernel k) {
  switch (k) {
#if defined(BMD_HAVE_LANES_AVX512)
  case BMD_KERNEL_LANES_AVX512: return bmd_lanes_step_avx512;
#endif
#if defined(BMD_HAVE_LANES_AVX2)
  case BMD_KERNEL_LANES_AVX2: return bmd_lanes_step_avx2;
#endif
#if defined(BMD_HAVE_LANES_NEON)
  case BMD_KERNEL_LANES_NEON: return bmd_lanes_step_neon;
#endif
  case BMD_KERNEL_LANES_GENERIC: return bmd_lanes_step_generic;
  default: return NULL;
  }
}
