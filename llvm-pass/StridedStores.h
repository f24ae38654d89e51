//===- StridedStores.h - loops that only fill or copy memory --------------===//
//
// A loop whose one effect is a store, every iteration, to the next element
// of an array (`*op++ = 255`, `d[i] = s[i]`) is what LoopIdiomRecognize
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
//    loop still writes nothing but strided stores: stores to addresses
//    that advance every iteration by at least their size, so no pass
//    can have kept one in a register across the back edge (LICM promotes
//    only a location that stays the same), and every iteration boundary the
//    optimiser left has memory as the source wrote it there.  The marker
//    before the loop keeps the stores before it in place.  A tagged loop
//    that no longer passes gets no point (a missed remark, as for any loop
//    with no legal place).
//
// Only innermost natural loops, with the store executed on every iteration
// (its block dominates the latch), of a loop-invariant value or of a value
// loaded in the loop, and no call but to intrinsics that write no memory.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_STRIDEDSTORES_H
#define CANCELPOINTS_STRIDEDSTORES_H

namespace llvm {
class DominatorTree;
class Function;
class Loop;
class LoopInfo;
class ScalarEvolution;
} // namespace llvm

namespace cancelpoints {

/// Phase 1: is L a loop the idiom recogniser may turn into a call (one
/// store a iteration, as above)?  -cancelpoints-strided-stores=0: never.
bool isFillOrCopyLoop(const llvm::Loop &L, llvm::ScalarEvolution &SE,
                      const llvm::DominatorTree &DT);
/// Phase 1: tags L (its markers go before it).
void tagStridedLoop(llvm::Loop &L);

/// Phase 2, before the facts are learned: a marker at the header of each
/// tagged loop of F that writes only by strided stores.  Returns how many.
unsigned restoreStridedMarkers(llvm::Function &F, llvm::LoopInfo &LI,
                               llvm::ScalarEvolution &SE);

} // namespace cancelpoints

#endif
