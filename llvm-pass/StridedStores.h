//===- StridedStores.h - loops that only fill or copy memory --------------===//
//
// A loop whose only effects are stores, every iteration, to the next elements
// of arrays (`*op++ = 255`, `d[i] = s[i]`) is what LoopIdiomRecognize
// turns into a memset or memcpy call.  A marker at its header reads memory,
// so the recogniser would find the store's location read in the loop and
// keep the loop; the vectoriser then prices the marker as a call and
// vectorises it (bench/DIAGNOSIS.md, sections 27 and 28).  So the first
// phase marks such a loop as it marks an effect-free one, at the end of the
// blocks that enter it, and tags the loop instead (loop metadata
// CP_STRIDED_TAG):
//
//  - if the recogniser makes it a call, the call is a library call like
//    any other: it runs without a point, for as long as it takes to fill
//    or copy its bytes;
//  - if the loop stays (a trip count the recogniser cannot compute, a value
//    that is not a byte pattern), the second phase puts a marker back at
//    the header of each loop that carries the tag (the loop, its vector
//    copy, its remainder) before it learns where leaving is legal, if the
//    loop still writes only by stores to addresses that change every
//    iteration.  The first phase saw each store's address advance by at
//    least its size every iteration; the one way an optimiser pass keeps a
//    store in a register across a back edge is LICM's promotion, of a
//    location that stays the same, and the check makes sure there is
//    none.  So every iteration boundary the optimiser left has memory as
//    the source wrote it there.  The marker before the loop keeps the
//    stores before it in place.  A tagged loop that no longer passes gets
//    no point (a missed remark, as for any loop with no legal place).
//
// The first phase sees the source before inlining; a loop whose shape
// shows only after it (a store through a pointer to the caller's local, or
// in a small inlined helper) is found between the phases, at the peephole
// extension point (after SROA and InstCombine, before the loop passes):
// its header marker moves before it and it is tagged.
//
// Only innermost natural loops, with at most four stores, each executed on
// every iteration (its block dominates the latch), to an address that
// advances by at least its size, of a loop-invariant value or of a value
// loaded in the loop from such an address, and no call but to intrinsics
// that write no memory.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_STRIDEDSTORES_H
#define CANCELPOINTS_STRIDEDSTORES_H

#include "llvm/IR/PassManager.h"

namespace llvm {
class DominatorTree;
class Loop;
class ScalarEvolution;
} // namespace llvm

namespace cancelpoints {

/// Phase 1: is L a loop the idiom recogniser may turn into a call (one
/// stores a iteration, as above)?  -cancelpoints-strided-stores=0: never.
bool isFillOrCopyLoop(const llvm::Loop &L, llvm::ScalarEvolution &SE,
                      const llvm::DominatorTree &DT);
/// Phase 1: tags L (its markers go before it).
void tagStridedLoop(llvm::Loop &L);

/// Between the phases, after inlining and SROA and before the loop idiom
/// recogniser (the peephole extension point): a loop whose shape only shows
/// now (`*op++ = 255` through a pointer to a caller's local, a store behind
/// a small inlined function) gets its header marker moved before it and the
/// tag, as the first phase would have done.
class StridedStoresLatePass
    : public llvm::PassInfoMixin<StridedStoresLatePass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &FAM);
};

/// Phase 2, before the facts are learned: a marker at the header of each
/// tagged loop of F that writes only by stores to addresses that change
/// every iteration.  F's loops and SCEV are asked for only if F has a tagged
/// loop.  Returns how many markers came back.
unsigned restoreStridedMarkers(llvm::Function &F,
                               llvm::FunctionAnalysisManager &FAM);

} // namespace cancelpoints

#endif
