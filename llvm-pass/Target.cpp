//===- Target.cpp - which targets the runtime has resets for --------------===//
//
// x86_64 Linux and aarch64 Linux (little-endian, LP64) have a runtime port
// (runtime/src/arch/x86_64, runtime/src/arch/aarch64); the record layout of
// each is cancelpoints_abi.h's.  LLVM 19 and 22 both lower preserve_mostcc
// on both (x86_64: all but r11 preserved; aarch64: x9-x15 as well as the
// callee-saved registers).
//
//===----------------------------------------------------------------------===//
#include "Target.h"
#include "cancelpoints_abi.h"

using namespace llvm;

namespace cancelpoints {

ResetTarget resetTarget(const Triple &T) {
  ResetTarget R;
  if (!T.isOSLinux())
    return R;
  unsigned NRegs = 0;
  switch (T.getArch()) {
  case Triple::x86_64:
    if (T.isX32())
      return R;
    NRegs = CP_RESET_X86_64_NREGS;
    break;
  case Triple::aarch64:
    if (T.getEnvironment() == Triple::GNUILP32)
      return R;
    NRegs = CP_RESET_AARCH64_NREGS;
    break;
  default:
    return R;
  }
  R.Resets = true;
  R.CtxWords = CP_RESET_CTX_WORDS_OF(NRegs);
  R.CtxPrevOff = CP_RESET_CTX_PREV_OFF_OF(NRegs);
  R.PreserveMostStub = true;
  return R;
}

} // namespace cancelpoints
