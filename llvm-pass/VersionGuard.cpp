//===- VersionGuard.cpp - refuse to load into another LLVM major ---------===//
//
// The plugins (the pass, and the clang plugin, which is built with this file
// too) use LLVM's C++ API, which changes between major versions: built for
// LLVM 19 and loaded into clang-22 or opt-22, the pass's first static
// constructor (a cl::opt registering itself) crashes the host, and the clang
// plugin crashes in its first call.  So before any of them
// runs (an ELF constructor of priority 101 runs before the C++ initialisers
// of the same library), ask the host which LLVM it is (LLVMGetVersion, C API
// since LLVM 16, exported by libLLVM) and, if it is another major, say so in
// one line and end the process with status 1 instead of crashing.  A host
// that exports no LLVMGetVersion (LLVM linked statically) is not checked.
//
//===----------------------------------------------------------------------===//
#include "llvm/Config/llvm-config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

namespace {

using GetVersionFn = void (*)(unsigned *, unsigned *, unsigned *);

__attribute__((constructor(101))) void cancelpointsCheckHostLLVM() {
  auto GetVersion =
      reinterpret_cast<GetVersionFn>(dlsym(RTLD_DEFAULT, "LLVMGetVersion"));
  if (!GetVersion)
    return;
  unsigned Major = 0, Minor = 0, Patch = 0;
  GetVersion(&Major, &Minor, &Patch);
  if (Major == 0 || Major == LLVM_VERSION_MAJOR)
    return;
  // This library's own file name: libcancelpoints.so, libcancelpoints_clang.so.
  const char *Name = "the cancelpoints plugin";
  Dl_info DI;
  if (dladdr(reinterpret_cast<void *>(&cancelpointsCheckHostLLVM), &DI) &&
      DI.dli_fname) {
    const char *Slash = strrchr(DI.dli_fname, '/');
    Name = Slash ? Slash + 1 : DI.dli_fname;
  }
  char Msg[400];
  int N = snprintf(Msg, sizeof Msg,
                   "cancelpoints: error: %s is built for "
                   "LLVM %d and cannot run in LLVM %u: use clang-%d (or "
                   "opt-%d), or build cancelpoints with LLVM %u (make "
                   "LLVM_VERSION=%u)\n",
                   Name, LLVM_VERSION_MAJOR, Major, LLVM_VERSION_MAJOR,
                   LLVM_VERSION_MAJOR, Major, Major);
  if (N > 0)
    (void)!write(2, Msg, (size_t)N < sizeof Msg ? (size_t)N : sizeof Msg - 1);
  _exit(1);
}

} // namespace
