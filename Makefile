# bagu — a thin wrapper over CMake for the README's commands.
#   make            build build/bagu and build/content.db
#   make run        set up the machine, build, run the main job
#   make test       set up, build, run every test (normal + ASan/UBSan builds, examples)
#   make check-examples   run every checked Go example in content/
#   make fuzz       build the libFuzzer targets with clang and run each for FUZZ_SECONDS
#   make bench      run the benchmarks in bench/
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
FUZZ_SECONDS ?= 60

.PHONY: all setup configure run test check-examples fuzz bench clean

all: configure
	@cmake --build $(BUILD) -j$(JOBS)

# Configure when the build system is missing or incomplete: a configure that failed (say,
# a library not installed yet) leaves CMakeCache.txt without a Makefile, and re-running
# cmake is what recovers once the cause is fixed.
configure:
	@[ -f $(BUILD)/CMakeCache.txt ] && [ -f $(BUILD)/Makefile ] || cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

setup:
	@bash scripts/setup.sh

run: setup all
	@./$(BUILD)/bagu stats
	@exec ./$(BUILD)/bagu serve --db $(BUILD)/content.db

test: setup
	@bash scripts/test.sh

check-examples: all
	@./$(BUILD)/bagu check --examples --quiet content

fuzz: setup
	@bash scripts/fuzz.sh $(FUZZ_SECONDS)

bench: setup all
	@bash bench/run.sh

clean:
	rm -rf $(BUILD) build-asan build-fuzz
