//===- Target.h - which targets the runtime has resets for ----------------===//
//
// The one place that says what a target triple gets: reset regions need
// the runtime's __cp_arm and context rewind for that target (its record's
// size comes from cancelpoints_abi.h), and polls call the slow path through
// a preserve_most stub where the backend supports that convention for it.
// Everywhere else the pass emits polls only, with direct calls.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_TARGET_H
#define CANCELPOINTS_TARGET_H

#include "llvm/TargetParser/Triple.h"

namespace cancelpoints {

struct ResetTarget {
  bool Resets = false;       // reset regions (the runtime has a port)
  unsigned CtxWords = 0;     // the reset record's size in 8-byte words
  unsigned CtxPrevOff = 0;   // byte offset of its prev field
  bool PreserveMostStub = false; // polls call __cp_poll_slow_pm
};

/// What triple T gets: resets on x86_64 and aarch64 Linux; polls elsewhere.
ResetTarget resetTarget(const llvm::Triple &T);

} // namespace cancelpoints

#endif
