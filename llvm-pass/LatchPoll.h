//===- LatchPoll.h - the poll of a short loop off its short trips ---------===//
//
// A small innermost loop with a data-dependent trip count (qsort's
// partition scans `while (v[i] < pivot) i++`, a hash table's probe loop)
// runs a few iterations per entry, and a poll at its header is a large
// part of each: 2 instructions on 3-5.  Such a loop is unrolled K times
// with every exit test kept (the trip count is unknown), and its poll
// moves from the header to the one back edge left, from the last copy to
// the header:
//
//     header:  phis ...            ; no poll
//              body, exits         ; copy 0
//     h.u1:    body.u1, exits      ; copy 1 (the header phis folded away)
//              ...
//     latch.uK-1: br cond, cp.latchpoll, exit
//     cp.latchpoll: <poll>; br header
//
// so a trip that leaves within K iterations runs no poll (the point of
// the enclosing cycle, or a bounded enclosing cycle, bounds it) and a long
// trip polls once every K iterations.  Every cycle inside the loop passes
// through the back edge, so every cycle still passes a point.  With K = 1
// nothing is cloned: the poll just moves to the back edge (trips of one
// iteration skip it).
//
// K comes from the loop's size, at most twice the trip count its branch
// weights estimate, and is 1 for a loop a profile finds cold
// (FunctionPlan.cpp).
// Only natural innermost loops (irreducible cycles keep their header
// polls) with exactly one edge from each latch to the header, from a br or
// a switch (an indirectbr goes where its address says).  Unrolled
// (K > 1): at most a few dozen instructions, with no call but to
// intrinsics other than memory ones and no block whose address is taken;
// several latches are first merged into one block.  Any other such loop
// with a single latch gets K = 1: bzip2's GET_BITS loops, which mostly
// leave in their first iteration, skip their poll (bench/DIAGNOSIS.md 6).
// Values used after the loop get phis (SSAUpdater) where the copies meet.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_LATCHPOLL_H
#define CANCELPOINTS_LATCHPOLL_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/CycleAnalysis.h"

namespace llvm {
class BasicBlock;
class Instruction;
class LoopInfo;
} // namespace llvm

namespace cancelpoints {

/// A loop whose poll can move to its (unrolled) back edge, found before the
/// function changes.
struct LatchPollCandidate {
  llvm::BasicBlock *Header = nullptr;
  llvm::SmallVector<llvm::BasicBlock *, 8> Blocks; ///< header first
  unsigned Size = 0; ///< instructions, debug intrinsics excluded; 0: too
                     ///< big or calling: not unrolled (K = 1 only)
};

/// The loops of LI (CI: the cycles of the same function) whose poll can move
/// to the back edge, by header (analysis only): innermost and natural; those
/// of at most MaxBody instructions with no call may be unrolled, the others
/// have one latch.
llvm::DenseMap<llvm::BasicBlock *, LatchPollCandidate>
findLatchPollCandidates(const llvm::LoopInfo &LI, const llvm::CycleInfo &CI,
                        unsigned MaxBody);

/// Unrolls C K times (K-1 copies; K = 1: none) and gives its one back edge
/// a block of its own.  Returns the instruction before which the loop's poll
/// goes (in that block), or nullptr (nothing changed) if the loop is no
/// longer as found.
llvm::Instruction *latchPoll(const LatchPollCandidate &C, unsigned K);

} // namespace cancelpoints

#endif
