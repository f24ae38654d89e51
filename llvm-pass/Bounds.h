//===- Bounds.h - loops that end soon enough to need no point -------------===//
//
// A loop whose trip count has a small constant bound (SCEV), or an innermost
// one whose bound times its size is small, ends within microseconds: the
// loop around it has a point.  Both phases ask (Markers.h): the first puts
// no marker in such a loop, so the optimiser keeps it free of calls; the
// second gives it no point.
//
//   -cancelpoints-bounded-trip=N   trip count at most N (default 64; 0: off)
//   -cancelpoints-bounded-work=N   innermost, trip bound x IR instructions
//                                  (a call counts 32) at most N (default
//                                  8192; 0: off)
//   -cancelpoints-bound-ranges     bounds from value ranges (what SCEV
//                                  sees, and the branches that decide
//                                  whether the loop runs), edge by edge
//                                  into a preheader whose phis the count
//                                  is made of (the vectoriser's scalar
//                                  loop), shift recurrences and binary
//                                  searches (Bisection.h) where SCEV has
//                                  no constant
//   -cancelpoints-check-bounds     (testing) each loop given no point for
//                                  its bound counts its iterations and traps
//                                  past the bound
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_BOUNDS_H
#define CANCELPOINTS_BOUNDS_H

#include <cstdint>
#include <string>

namespace llvm {
class DominatorTree;
class Function;
class Loop;
class LoopInfo;
class ScalarEvolution;
} // namespace llvm

namespace cancelpoints {

/// Is either bound on?
bool boundsEnabled();
/// The -cancelpoints-bounded-trip limit.
unsigned boundedTripLimit();
/// Why L needs no point of its own, or "".  DT (may be null) is the
/// function's as it is now: with it, the branches taken to reach L bound the
/// values its trip count is made of.
std::string boundedReason(const llvm::Loop &L, llvm::ScalarEvolution &SE,
                          const llvm::DominatorTree *DT);
/// Under -cancelpoints-check-bounds, makes every loop of F that needs no
/// point for its bound trap on the iteration past the bound.  True if F
/// changed (its loop and SCEV analyses are then stale).
bool insertBoundChecks(llvm::Function &F, llvm::LoopInfo &LI,
                       llvm::ScalarEvolution &SE,
                       const llvm::DominatorTree *DT);
/// The most instructions one iteration of L runs, each nested loop counted
/// as its trip bound (at most MaxTrip: such a loop gets no point) times its
/// own iteration; 0 if a nested loop has no such bound or the nest has
/// calls.
uint64_t iterationWork(const llvm::Loop &L, const llvm::LoopInfo &LI,
                       llvm::ScalarEvolution &SE, unsigned MaxTrip,
                       const llvm::DominatorTree *DT);

} // namespace cancelpoints

#endif
