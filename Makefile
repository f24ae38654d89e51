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
#   make fuzz    build, then random programs (csmith's, and tools/fuzz/puregen.py's with effect-free
#                hot loops, run in chaos mode) with cpcc at each level against plain clang
#                (FUZZ_N per flavour, FUZZ_SEED, FUZZ_BUDGET seconds, FUZZ_LEVELS, FUZZ_FLAVOURS,
#                FUZZ_REDUCE creduce seconds per failure, FUZZ_JOBS, FUZZ_OUT; FUZZ_SWEEP=1: then make sweep)
#   make pass-fuzz  build, then llvm-stress modules and the IR of random programs through opt with
#                the pass, -verify-each, modes poll and full (PASS_FUZZ_N, PASS_FUZZ_BUNDLE, PASS_FUZZ_C_N, PASS_FUZZ_SEED,
#                PASS_FUZZ_BUDGET, PASS_FUZZ_REDUCE, PASS_FUZZ_JOBS, PASS_FUZZ_OUT)
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
FUZZ_N ?= 2000
FUZZ_SEED ?= 1
FUZZ_BUDGET ?= 0
FUZZ_LEVELS ?= -O0,-O1,-O2,-O3,-Os,-O2 -flto
FUZZ_FLAVOURS ?= csmith,pure
FUZZ_REDUCE ?= 300
FUZZ_JOBS ?= 2
FUZZ_OUT ?= $(BUILD)/fuzz
FUZZ_SWEEP ?= 0
PASS_FUZZ_N ?= 10000
PASS_FUZZ_C_N ?= 200
PASS_FUZZ_BUNDLE ?= 10
PASS_FUZZ_SEED ?= 1
PASS_FUZZ_BUDGET ?= 0
PASS_FUZZ_REDUCE ?= 120
PASS_FUZZ_JOBS ?= 2
PASS_FUZZ_OUT ?= $(BUILD)/pass-fuzz
LLVM_BIN = /usr/lib/llvm-$(LLVM_VERSION)/bin

.PHONY: all deps configure build check demo bench bench-real bench-compile bench-pgo law-fuzz load real-suites sweep fuzz pass-fuzz install clean
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

# A failing suite ends with its failing lines again, so the end of a long log
# says what failed.
check: build
	@{ ninja -C $(BUILD) check 2>&1; echo $$? > $(BUILD)/check.status; } | tee $(BUILD)/check.log; \
	s=$$(cat $(BUILD)/check.status); \
	if [ "$$s" != 0 ]; then \
	  echo "cancelpoints: make check failed ($(BUILD)/check.log); its failing lines:"; \
	  grep -E 'FAIL|TIMEOUT|UNRESOLVED|XPASS|error:' $(BUILD)/check.log | grep -v ': OK$$' | tail -n 40; \
	  exit $$s; \
	fi

demo: build
	@sh examples/demo.sh $(BUILD)

bench: build
	@LLVM_VERSION=$(LLVM_VERSION) EXTRA="gnuplot-nox valgrind" sh tools/install-deps.sh
	@sh bench/run.sh $(BUILD)

bench-real: build
	@sh bench/real/run.sh $(BUILD)/bin/cpcc

bench-compile: build
	@sh bench/compile/run.sh $(BUILD)/bin/cpcc

bench-pgo: build
	@sh bench/pgo/run.sh $(BUILD)/bin/cpcc

load: build
	@sh bench/load/run.sh $(BUILD)/bin/cpcc $(LOAD_SECONDS)

real-suites: build
	@sh bench/real/suites.sh $(BUILD)/bin/cpcc

law-fuzz: build
	@python3 tools/lawfuzz/run.py --cpcc $(BUILD)/bin/cpcc --n $(LAW_N) --out $(BUILD)/lawfuzz

sweep: build
	@python3 tools/sweep/sweep.py --cpcc $(BUILD)/bin/cpcc --work $(SWEEP_WORK) --jobs $(SWEEP_JOBS) \
	    --packages "$(SWEEP_PACKAGES)" --levels "$(SWEEP_LEVELS)"

fuzz: build
	@python3 tools/fuzz/fuzz.py --cpcc $(BUILD)/bin/cpcc --clang $(LLVM_BIN)/clang --n $(FUZZ_N) \
	    --seed $(FUZZ_SEED) --budget $(FUZZ_BUDGET) --levels "$(FUZZ_LEVELS)" --flavours "$(FUZZ_FLAVOURS)" \
	    --reduce $(FUZZ_REDUCE) --jobs $(FUZZ_JOBS) --out $(FUZZ_OUT)
	@if [ "$(FUZZ_SWEEP)" = 1 ]; then $(MAKE) --no-print-directory sweep; fi

pass-fuzz: build
	@python3 tools/fuzz/passfuzz.py --plugin $(BUILD)/lib/libcancelpoints.so --opt $(LLVM_BIN)/opt \
	    --clang $(LLVM_BIN)/clang --llvm-stress $(LLVM_BIN)/llvm-stress --llvm-reduce $(LLVM_BIN)/llvm-reduce \
	    --llvm-link $(LLVM_BIN)/llvm-link --bundle $(PASS_FUZZ_BUNDLE) --n $(PASS_FUZZ_N) --c-programs $(PASS_FUZZ_C_N) --seed $(PASS_FUZZ_SEED) --budget $(PASS_FUZZ_BUDGET) \
	    --reduce $(PASS_FUZZ_REDUCE) --jobs $(PASS_FUZZ_JOBS) --out $(PASS_FUZZ_OUT)

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)
