# bmdsim: the two entry points of the README, over CMake.
#   make demo   set up, build, and run the default job
#   make check  set up, build, and run all tests (CTest)
# Extra targets: build, check-sanitize (ASan+UBSan), check-clang (clang -Werror), bench,
# check-fuzz (each libFuzzer target of tests/fuzz for FUZZ_SECONDS, ASan+UBSan).

BUILD ?= build
JOBS ?= $(shell nproc)

FUZZ_SECONDS ?= 60

.PHONY: all setup build demo check check-sanitize check-clang check-fuzz bench clean

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
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

check-clang: setup
	CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-clang -j $(JOBS)
	cd build-clang && ctest --output-on-failure -j $(JOBS)

check-fuzz: setup
	bench/fuzz $(FUZZ_SECONDS)

bench: build
	bench/run $(BUILD)

clean:
	rm -rf $(BUILD) build-asan build-clang build-fuzz
