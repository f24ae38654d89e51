//===- LoopSize.h - how big a loop is, measured in one place --------------===//
//
// Four decisions of the pass depend on a loop's size, each with its own
// limit: whether a loop with a small trip bound ends soon enough to need no
// point (Bounds.h: its weighted Work), whether a counted loop is small and
// call-free enough to be strip-mined (StripMine.h) or unrolled for a
// back-edge poll (LatchPoll.h), and whether the first iterations of an
// effect-free loop may be peeled off before its region (RegionPeel.h).
// They all read one walk of the loop's blocks, LoopSize; what differs is
// only the fields they look at.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_LOOPSIZE_H
#define CANCELPOINTS_LOOPSIZE_H

#include "llvm/ADT/ArrayRef.h"
#include <cstdint>

namespace llvm {
class BasicBlock;
class Loop;
} // namespace llvm

namespace cancelpoints {

/// The weight of a call (to anything but an intrinsic) in LoopSize::Work: a
/// guess at a short libc call's time in instructions.
constexpr uint64_t CallWork = 32;

/// What one walk of some blocks finds (debug intrinsics are not counted).
struct LoopSize {
  /// Every instruction.
  unsigned Instructions = 0;
  /// A rough measure of one iteration's time: a call to anything but an
  /// intrinsic counts CallWork; address arithmetic, casts, phis and branches
  /// count nothing (they fold into their users, and before the optimiser
  /// there are many more of them than the loop will keep); the rest 1.
  uint64_t Work = 0;
  /// A call to anything but an intrinsic that touches no memory: the
  /// iterations may run unboundedly long between two points.
  bool Calls = false;
  /// Something that must not be copied: a block whose address is taken, an
  /// EH pad, a token value, a noduplicate or convergent call.
  bool Uncopyable = false;
  /// A lifetime marker.
  bool LifetimeMarkers = false;
  /// A terminator other than br, switch, ret and unreachable.
  bool OtherTerminators = false;

  /// Instructions, if there are at most Max and no Calls; else 0.
  unsigned callFreeSize(unsigned Max) const {
    return !Calls && Instructions <= Max ? Instructions : 0;
  }
};

/// Measures Blocks.
LoopSize measureBlocks(llvm::ArrayRef<llvm::BasicBlock *> Blocks);
/// Measures the blocks of L (its nested loops' included).
LoopSize measureLoop(const llvm::Loop &L);

} // namespace cancelpoints

#endif
