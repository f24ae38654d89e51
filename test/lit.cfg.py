# lit configuration for cancelpoints.
#   pass/     IR in, IR out: opt with the plugin, checked with FileCheck
#   runtime/  C programs against the runtime alone
#   scope/, blocking/   scopes and cancellable blocking calls
#   e2e/      whole programs built with cpcc, run, interrupted by real signals
#   law/      what memory holds after a cancellation, at every -O level
#   locks/    requests held under locks, in signal handlers and callbacks
#   prompt/   ^C while waiting in uninstrumented code (a pty)
#   cpcc/     the compiler driver: modes, errors, a configure script
#   aarch64/  the runtime and whole programs for aarch64, under qemu-user
#   clang-plugin/  the clang plugin: attributes, -Wcancelpoints, loading the pass
#   fuzz/     short runs of make fuzz and make pass-fuzz, and that they see failures
# The same file configures the sanitizer suites (cp_sanitizer, below): runtime/,
# scope/ and blocking/ again with the programs and the runtime built with
# ASan+UBSan ("asan") or with TSan ("tsan").
import os
import lit.formats

config.name = "cancelpoints"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".c", ".test"]
config.excludes = ["Inputs", "tools", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cp_obj_root, "test")

obj = config.cp_obj_root
src = config.cp_src_root

# Latency bounds grow with the machine's load: a loaded machine delays every
# thread, and a bound exists to catch a request that is never answered, not
# a busy neighbour.  The scale is the load average per core when the suite
# starts, rounded (1 up to 1.5, at most 8), for %interrupt and the prompt
# driver (CP_LATENCY_SCALE) and for the C tests' bounds (CP_TEST_TIME_SCALE,
# test/Inputs/time_scale.h).  An emulator's run sets its own.
load_scale = min(8, max(1, int(os.getloadavg()[0] / (os.cpu_count() or 1) + 0.5)))
config.environment["CP_LATENCY_SCALE"] = "%d" % load_scale
config.environment["CP_TEST_TIME_SCALE"] = "%d" % load_scale
plugin = os.path.join(obj, "lib", "libcancelpoints.so")
rt_a = os.path.join(obj, "lib", "libcancelpoints_rt.a")
rt_so = os.path.join(obj, "lib", "libcancelpoints_rt.so")
inc = os.path.join(src, "runtime", "include")

config.environment["PATH"] = os.pathsep.join(
    [config.cp_llvm_bin, os.path.join(obj, "bin"), config.environment.get("PATH", os.environ.get("PATH", ""))])
# Tests choose their own runtime settings; the developer's must not leak in.
for k in list(os.environ):
    if k.startswith("CANCELPOINTS_"):
        config.environment.pop(k, None)
# Every compile in the suite verifies what the pass made, and a function it
# broke stops the compiler instead of being left uninstrumented.
config.environment["CANCELPOINTS_PASS_VERIFY"] = "fatal"

# aarch64: feature aarch64-rt where the aarch64 runtime was built beside
# this one (cmake/CrossRuntime.cmake); aarch64-run where qemu-aarch64 is
# installed too, and (defined before %clang, %cpcc, %rt_libs, which are
# prefixes of nothing here)
#   %a64_clang   clang for aarch64 Linux
#   %a64_cpcc    cpcc for aarch64 Linux (cpcc --target=aarch64-linux-gnu)
#   %a64_rt_libs the aarch64 runtime and what it needs, for %a64_clang
#   %a64_run     runs an aarch64 program (the arm64 multiarch libraries
#                are where its loader looks; QEMU_LD_PREFIX=/ says so), with
#                CP_TEST_TIME_SCALE=20: the scope tests' latency bounds
#                (st_bound) twenty times looser
# Under emulation only correctness means something, never latency: tests
# give %interrupt a generous --max-latency-ms.
import shutil
a64_triple = "aarch64-linux-gnu"
a64_rt = os.path.join(obj, "lib", "aarch64", "libcancelpoints_rt.a")
a64_qemu = shutil.which("qemu-aarch64-static") or shutil.which("qemu-aarch64")
if os.path.exists(a64_rt):
    config.available_features.add("aarch64-rt")
if os.path.exists(a64_rt) and a64_qemu:
    config.available_features.add("aarch64-run")
    config.substitutions.append(("%a64_clang", config.cp_clang + " --target=" + a64_triple))
    config.substitutions.append(("%a64_cpcc", os.path.join(obj, "bin", "cpcc") + " --target=" + a64_triple))
    config.substitutions.append(("%a64_rt_libs", a64_rt + " -lpthread -lunwind -ldl"))
    config.substitutions.append(("%a64_run", "env QEMU_LD_PREFIX=/ CP_TEST_TIME_SCALE=20 " + a64_qemu))
config.substitutions.append(("%plugin", plugin))
# The clang plugin (it loads %plugin from its own directory).
config.substitutions.append(("%clang_plugin", os.path.join(obj, "lib", "libcancelpoints_clang.so")))
config.substitutions.append(("%opt", config.cp_opt + " -load-pass-plugin=" + plugin))
# The fuzzers (test/fuzz) call the LLVM tools themselves.
config.substitutions.append(("%llvm_bin", config.cp_llvm_bin))
config.substitutions.append(("%fuzz", config.cp_python + " " + os.path.join(src, "tools", "fuzz", "fuzz.py")))
config.substitutions.append(("%passfuzz", config.cp_python + " " + os.path.join(src, "tools", "fuzz", "passfuzz.py")))
config.substitutions.append(("%clang", config.cp_clang))
config.substitutions.append(("%cpcc", os.path.join(obj, "bin", "cpcc")))
# cpc++, the C++ driver, in both variants; the runtime's exported names.
config.substitutions.append(("%cpcxx", os.path.join(obj, "bin", "cpc++")))
config.substitutions.append(("%installed_cpcxx", os.path.join(obj, "tools", "cpc++.installed")))
config.substitutions.append(("%rt_exports", os.path.join(obj, "lib", "libcancelpoints_rt.dynamic-list")))
config.substitutions.append(("%rt_cflags", "-I" + inc))
config.substitutions.append(("%rt_libs", rt_a + " -lpthread -lunwind -ldl"))
config.substitutions.append(("%rt_so", rt_so))
config.substitutions.append(("%rt_archive", rt_a))
config.substitutions.append(("%rt_include", inc))
# The installed variant of cpcc (it finds ../lib and ../include beside itself).
config.substitutions.append(("%installed_cpcc", os.path.join(obj, "tools", "cpcc.installed")))
# An installed tree, as `make install` makes it: %install_tree %t/prefix
config.substitutions.append(("%install_tree", "cmake --install " + obj + " --prefix"))
config.substitutions.append(("%build_dir", obj))
config.substitutions.append(("%src_dir", src))
config.substitutions.append(("%interrupt", config.cp_python + " " + os.path.join(src, "test", "tools", "interrupt.py")))
config.substitutions.append(("%python", config.cp_python))
config.substitutions.append(("%inputs", os.path.join(src, "test", "e2e", "Inputs")))

config.available_features.add("llvm-" + config.cp_llvm_version)

# A sanitizer suite: the runtime's, scopes' and blocking calls' tests with
# %clang and %cpcc compiling under the sanitizer and linking the runtime
# built with it (libcancelpoints_rt_<san>.a; cpcc picks it itself).  Any
# report aborts the program, so a test whose RUN line expects a failure
# (not, sh -c '...; echo $?') still sees it.  A test that cannot run under
# one says `UNSUPPORTED: tsan` (or asan) with its reason.
san = getattr(config, "cp_sanitizer", "")
if san:
    config.name = "cancelpoints-" + san
    config.test_exec_root = os.path.join(obj, "test-" + san)
    here = os.path.dirname(__file__)
    config.excludes += [d for d in os.listdir(here)
                        if os.path.isdir(os.path.join(here, d)) and d not in ("runtime", "scope", "blocking")]
    flags = {"asan": "-fsanitize=address,undefined -g",
             "tsan": "-fsanitize=thread -g"}[san]
    san_a = os.path.join(obj, "lib", "libcancelpoints_rt_" + san + ".a")
    swap = {"%clang": config.cp_clang + " " + flags,
            "%cpcc": os.path.join(obj, "bin", "cpcc") + " " + flags,
            "%rt_libs": san_a + " -lpthread -lunwind -ldl",
            "%rt_archive": san_a}
    config.substitutions = [(k, swap.get(k, v)) for k, v in config.substitutions]
    config.available_features.add(san)
    config.available_features.add("sanitizer")
    # Latency bounds (%interrupt --max-latency-ms) are four times the plain ones.
    config.environment["CP_LATENCY_SCALE"] = "%d" % (4 * load_scale)
    abort = "abort_on_error=1:halt_on_error=1:print_stacktrace=1"
    config.environment["ASAN_OPTIONS"] = abort
    config.environment["UBSAN_OPTIONS"] = abort
    # No thread-leak reports: the root's exit(130) ends the process from
    # whichever thread a request reached, with the others not joined.
    config.environment["TSAN_OPTIONS"] = abort + ":second_deadlock_stack=1:report_thread_leaks=0:" + \
        "suppressions=" + os.path.join(src, "test", "tsan.supp")

# Another LLVM's clang and opt (19 or 22, whichever this build is not), for
# the tests of what happens when the plugin meets the wrong LLVM.
for other in ("22", "19"):
    if other != config.cp_llvm_version and shutil.which("clang-" + other) and shutil.which("opt-" + other):
        config.available_features.add("other-llvm")
        config.substitutions.append(("%other_llvm_major", other))
        config.substitutions.append(("%other_clang", shutil.which("clang-" + other)))
        config.substitutions.append(("%other_opt", shutil.which("opt-" + other)))
        break
config.substitutions.append(("%llvm_major", config.cp_llvm_version))
# The backends llc has (the Debian packages have all): aarch64-backend.
import subprocess
try:
    llc_targets = subprocess.run([os.path.join(config.cp_llvm_bin, "llc"), "--version"],
                                 capture_output=True, text=True).stdout
except OSError:
    llc_targets = ""
if " aarch64 " in llc_targets:
    config.available_features.add("aarch64-backend")
# gcc builds code written for cancelpoints too (clang-plugin/macros.c).
if shutil.which("gcc"):
    config.available_features.add("gcc")
