# cancelpoints: the front door.
#   make         install missing Debian packages, configure and build into build/
#   make check   build, then run the whole lit suite
#   make demo    build, then compile examples/collatz.c with cpcc, run it and ^C it
#   make bench   build, then run the benchmark suite and write bench/REPORT.md
#   make bench-real  build, then compare Debian packages built with clang and cpcc: bench/REAL.md
#   make law-fuzz    build, then run LAW_N random programs (default 1000) at each level against the law
#   make sweep   build, then compile every C file of Debian packages with cpcc at each level, verifier on
#                (SWEEP_PACKAGES, SWEEP_LEVELS, SWEEP_WORK, SWEEP_JOBS; summary in SWEEP_WORK/SWEEP.md)
#   make install PREFIX=/usr/local
LLVM_VERSION ?= 19
BUILD ?= build
PREFIX ?= /usr/local
LAW_N ?= 1000
CMAKE_FLAGS ?=
SWEEP_PACKAGES ?=
SWEEP_LEVELS ?= O1 O2 O3 Os
SWEEP_WORK ?= /tmp/cp-sweep
SWEEP_JOBS ?= 2

.PHONY: all deps configure build check demo bench bench-real law-fuzz sweep install clean
all: build

deps:
	@LLVM_VERSION=$(LLVM_VERSION) sh tools/install-deps.sh

$(BUILD)/build.ninja: | deps
	@cmake -S . -B $(BUILD) -G Ninja -DCANCELPOINTS_LLVM_VERSION=$(LLVM_VERSION) $(CMAKE_FLAGS) >/dev/null

configure: deps $(BUILD)/build.ninja

build: configure
	@ninja -C $(BUILD)

check: build
	@ninja -C $(BUILD) check

demo: build
	@sh examples/demo.sh $(BUILD)

bench: build
	@LLVM_VERSION=$(LLVM_VERSION) EXTRA="gnuplot-nox valgrind" sh tools/install-deps.sh
	@sh bench/run.sh $(BUILD)

bench-real: build
	@sh bench/real/run.sh $(BUILD)/bin/cpcc

law-fuzz: build
	@python3 tools/lawfuzz/run.py --cpcc $(BUILD)/bin/cpcc --n $(LAW_N) --out $(BUILD)/lawfuzz

sweep: build
	@python3 tools/sweep/sweep.py --cpcc $(BUILD)/bin/cpcc --work $(SWEEP_WORK) --jobs $(SWEEP_JOBS) \
	    --packages "$(SWEEP_PACKAGES)" --levels "$(SWEEP_LEVELS)"

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)
