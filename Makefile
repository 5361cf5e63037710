# bmdsim: the two entry points of the README, over CMake.
#   make demo   set up, build, and run the default job
#   make check  set up, build, and run all tests (CTest)
# Extra targets: build, check-sanitize (ASan+UBSan), check-clang (clang -Werror), bench,
# check-fuzz (each libFuzzer target of tests/fuzz for FUZZ_SECONDS, ASan+UBSan),
# check-valgrind (memcheck on a default run and a coarse footprint), check-tsan
# (ThreadSanitizer on the threaded commands: scripts/tsan-runs), check-strict (clang
# with the stricter warning set of CMakeLists.txt's BMD_STRICT, as errors), check-aarch64
# (propagate's NEON kernel cross-compiled and tested under QEMU: scripts/check-aarch64;
# not in CI: its tools are a 100 MB download).

BUILD ?= build
JOBS ?= $(shell nproc)

FUZZ_SECONDS ?= 60

.PHONY: all setup build demo check check-sanitize check-clang check-fuzz check-valgrind check-tsan check-strict check-aarch64 bench clean

all: build

setup:
	scripts/setup

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: setup build
	scripts/demo $(BUILD)/bmdsim

check: setup build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

check-sanitize: setup
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBMD_ASAN=ON -DBMD_UBSAN=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

check-clang: setup
	CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-clang -j $(JOBS)
	cd build-clang && ctest --output-on-failure -j $(JOBS)

check-fuzz: setup
	bench/fuzz $(FUZZ_SECONDS)

# memcheck: any error or definite/possible leak fails (suppressions: tests/valgrind.supp)
VALGRIND = valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,possible \
           --suppressions=$(CURDIR)/tests/valgrind.supp -q
check-valgrind: setup build
	rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	$(VALGRIND) $(BUILD)/bmdsim run --out $(BUILD)/valgrind/run > /dev/null
	$(VALGRIND) $(BUILD)/bmdsim footprint --grid-deg 4 --region 48,10,56,26 --threads 2 \
	  --out $(BUILD)/valgrind/footprint > /dev/null

check-aarch64:
	scripts/setup --aarch64
	scripts/check-aarch64 build-aarch64

check-tsan: setup
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBMD_TSAN=ON
	cmake --build build-tsan -j $(JOBS) --target bmdsim
	scripts/tsan-runs build-tsan/bmdsim build-tsan/runs

check-strict: setup
	CC=clang cmake -S . -B build-strict -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBMD_STRICT=ON
	cmake --build build-strict -j $(JOBS)

bench: build
	bench/run $(BUILD)

clean:
	rm -rf $(BUILD) build-asan build-clang build-strict build-fuzz
