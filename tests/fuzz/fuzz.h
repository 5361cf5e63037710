/*
 * fuzz.h - what every fuzz target in tests/fuzz/ provides: the libFuzzer entry point.
 * Built two ways (tests/CMakeLists.txt): with clang -fsanitize=fuzzer when BMD_FUZZ=ON
 * (bench/fuzz runs them), and always with standalone.c as main, which replays the seed
 * corpus and the regression inputs as a CTest test.
 */
#ifndef BMD_FUZZ_H
#define BMD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <bmd/catalog.h>
#include <bmd/status.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the cap every target puts on its input: the real readers cap files far above this, and
   larger inputs only slow the fuzzer down */
#define FUZZ_MAX_INPUT 65536

/* the embedded catalog, loaded once per process (the targets that parse scenarios) */
static inline struct bmd_catalog *fuzz_catalog(void) {
  static struct bmd_catalog cat;
  static int loaded;
  if (!loaded) {
    struct bmd_diag d;
    if (bmd_catalog_load_embedded(&cat, &d) != BMD_OK) abort();
    loaded = 1;
  }
  return &cat;
}

#endif
