# cancelpoints: the front door.
#   make         install missing Debian packages, configure and build into build/
#   make check   build, then run the whole lit suite (LLVM_VERSION=22: with LLVM 22, in build-llvm22/)
#   make demo    build, then compile examples/collatz.c with cpcc, run it and ^C it
#   make bench   build, then run the benchmark suite and write bench/REPORT.md
#   make bench-real  build, then compare Debian packages built with clang and cpcc: bench/REAL.md
#   make law-fuzz    build, then run LAW_N random programs (default 1000) at each level against the law
#   make load    build, then the runtime under load and faults for LOAD_SECONDS (default 60), twice:
#                as it is, and under a SIGURG storm in chaos mode; writes bench/LOAD.md
#   make real-suites build, then Debian packages' own test suites with clang, cpcc and cpcc in
#                chaos mode (REAL_SUITES, SUITES_WORK); pass counts in bench/SUITES.md
#   make sweep   build, then compile every C file of Debian packages with cpcc at each level, verifier on
#                (SWEEP_PACKAGES, SWEEP_LEVELS, SWEEP_WORK, SWEEP_JOBS; summary in SWEEP_WORK/SWEEP.md)
#   make install PREFIX=/usr/local
LLVM_VERSION ?= 19
# Each LLVM version builds in a folder of its own: build/ for 19,
# build-llvmN/ for another N (make LLVM_VERSION=22 check: build-llvm22/).
ifeq ($(LLVM_VERSION),19)
BUILD ?= build
else
BUILD ?= build-llvm$(LLVM_VERSION)
endif
PREFIX ?= /usr/local
LAW_N ?= 1000
LOAD_SECONDS ?= 60
CMAKE_FLAGS ?=
SWEEP_PACKAGES ?=
SWEEP_LEVELS ?= O1 O2 O3 Os
SWEEP_WORK ?= /tmp/cp-sweep
SWEEP_JOBS ?= 2

.PHONY: all deps configure build check demo bench bench-real law-fuzz load real-suites sweep install clean
all: build

deps:
	@LLVM_VERSION=$(LLVM_VERSION) sh tools/install-deps.sh

$(BUILD)/build.ninja: | deps
	@cmake -S . -B $(BUILD) -G Ninja -DCANCELPOINTS_LLVM_VERSION=$(LLVM_VERSION) $(CMAKE_FLAGS) >/dev/null

# A folder configured for one LLVM is never silently used for another.
configure: deps $(BUILD)/build.ninja
	@v=$$(sed -n 's/^CANCELPOINTS_LLVM_VERSION:[A-Z]*=//p' $(BUILD)/CMakeCache.txt); \
	if [ "$$v" != "$(LLVM_VERSION)" ]; then \
	  echo "cancelpoints: $(BUILD)/ is configured for LLVM $$v, not $(LLVM_VERSION): use another folder (make LLVM_VERSION=$(LLVM_VERSION) BUILD=build-llvm$(LLVM_VERSION)) or remove it (make BUILD=$(BUILD) clean)" >&2; \
	  exit 1; \
	fi

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

load: build
	@sh bench/load/run.sh $(BUILD)/bin/cpcc $(LOAD_SECONDS)

real-suites: build
	@sh bench/real/suites.sh $(BUILD)/bin/cpcc

law-fuzz: build
	@python3 tools/lawfuzz/run.py --cpcc $(BUILD)/bin/cpcc --n $(LAW_N) --out $(BUILD)/lawfuzz

sweep: build
	@python3 tools/sweep/sweep.py --cpcc $(BUILD)/bin/cpcc --work $(SWEEP_WORK) --jobs $(SWEEP_JOBS) \
	    --packages "$(SWEEP_PACKAGES)" --levels "$(SWEEP_LEVELS)"

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)
