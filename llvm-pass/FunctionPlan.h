//===- FunctionPlan.h - where the points of one function go ---------------===//
//
// The pass instruments a function in four steps (Instrument.h runs them):
//
//  1. classifyCycles, on the function as the optimiser left it: which
//     cycles are reset regions, which get a header poll (at the header, or
//     where their markers stood if leaving at the header is not legal), which
//     need no point of their own; whether the entry is a point.
//  2. prepareFunction (Prepare.h): the effect-free loops among the regions
//     run out of line, the small ones after a few iterations peeled off.
//     The only step before the last that changes the IR.
//  3. planPreparedFunction, on the prepared IR: the call regions from each
//     point, and the loops whose header poll strip-mining or a back-edge
//     poll can replace, with the dominator tree, loops and SCEV built once
//     for both finders; then the header polls that a nested loop's point
//     makes redundant.
//  4. applyPlan (Instrument.h): polls, arms and disarms where the plan says,
//     then no value live across an arm (Demotion.h).
//
// Step 1 comes before the preparation because preparing needs to know which
// loops are regions; its result is taken over, with the regions left in
// place, by the plan of step 3.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_FUNCTIONPLAN_H
#define CANCELPOINTS_FUNCTIONPLAN_H

#include "CancelPoints.h"
#include "CopyBudget.h"
#include "LatchPoll.h"
#include "Regions.h"
#include "StripMine.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/IR/ValueHandle.h"

#include <vector>

namespace llvm {
class LoopInfo;
class ProfileSummaryInfo;
class ScalarEvolution;
} // namespace llvm

namespace cancelpoints {

class Emitter;
class FunctionRemarks;
class PointFacts;

/// What every step knows of the function and of its module.
struct FunctionContext {
  llvm::Function &F;
  const EffectAnalysis &EA;
  const PointFacts &Facts; ///< where leaving is legal (Markers.h)
  Emitter &E;
  FunctionRemarks &Remarks;
  PassMode Mode;
  bool Recursive; ///< F is on a call-graph cycle
  /// The module's profile summary; null or empty without a profile.
  llvm::ProfileSummaryInfo *PSI;
  /// The analysis manager's loops and SCEV of F before the pass changed it
  /// (null unless mode=full with a -cancelpoints-bounded-* limit on).
  llvm::LoopInfo *LI;
  llvm::ScalarEvolution *SE;
  /// The recursive functions of the module that get an entry point.
  const llvm::DenseSet<const llvm::Function *> &EntryPolled;
  /// The loops that may be unrolled for their back-edge polls.
  const CopyBudget &Budget;
};

/// A reset region from a point across effect-free calls: where its arm
/// goes, its context, its exits.
struct PlannedCallRegion {
  enum StartKind { AtPoll, AtCheck } Start;
  llvm::BasicBlock *PollBlock = nullptr; ///< AtPoll: the header or entry block
  llvm::Instruction *Check = nullptr;    ///< AtCheck: the cp_check call
  CallRegion R;
};

/// A loop whose poll moves to its back edge, after K - 1 copies of its body.
struct PlannedLatchPoll {
  LatchPollCandidate Loop;
  unsigned K;
  /// The trip count the loop's branch weights estimate, where it lowered K
  /// (K = 1 for an estimate of one iteration, else at most twice it); 0: K
  /// is the size's.
  unsigned Estimate = 0;
  bool ColdByProfile = false; ///< K = 1: the profile finds the loop cold
  bool OverBudget = false;    ///< K = 1: the module's copy budget is spent
};

struct FunctionPlan {
  /// Reset regions may be used in F (mode=full, a tested target, no token
  /// values).
  bool Regions = false;
  /// A poll at the entry: F is recursive and leaving there is legal.
  bool EntryPoint = false;
  /// Regions armed in place (the outlined ones are done), header polls,
  /// cycles that need no point.
  CyclePlan Cycles;
  /// Header polls that go where the loop's markers stood instead (Markers.h).
  llvm::DenseMap<llvm::BasicBlock *, llvm::SmallVector<llvm::WeakVH, 2>>
      MarkerPolls;
  std::vector<PlannedCallRegion> CallRegions;
  /// The block of a poll that starts a call region -> its CallRegions index.
  llvm::DenseMap<llvm::BasicBlock *, size_t> PollRegion;
  /// Loops polled once per chunk of StripChunk iterations (StripMine.h).
  unsigned StripChunk = 0;
  llvm::DenseMap<llvm::BasicBlock *, StripCandidate> Strip;
  /// Loops polled on their back edge (LatchPoll.h).
  llvm::DenseMap<llvm::BasicBlock *, PlannedLatchPoll> Latch;

  /// Nothing to insert.
  bool empty() const {
    return !EntryPoint && Cycles.Polls.empty() && Cycles.Regions.empty() &&
           CallRegions.empty();
  }
};

/// Header polls that strip-mining may replace: loops with effects, and
/// effect-free loops nested in them (polled, not armed per entry).
inline bool mayStripMine(HeaderPoll::ReasonKind R) {
  return R == HeaderPoll::Effects || R == HeaderPoll::NestedInEffects;
}

/// Header polls that may move to the back edge of the unrolled loop: the
/// strip-mining ones, any loop of a function without regions, and an
/// effect-free loop too big to arm.
inline bool mayPollLatch(HeaderPoll::ReasonKind R) {
  return mayStripMine(R) || R == HeaderPoll::NoRegions ||
         R == HeaderPoll::Large;
}

/// Can F have reset regions?  Says why not in a missed remark.
bool regionsAvailable(FunctionContext &Cx);

/// Step 1: the cycles of F and its entry, on F as it is (Regions: what
/// regionsAvailable said).  Emits the remarks of the cycles with no point.
FunctionPlan classifyCycles(FunctionContext &Cx, bool Regions);

/// Step 3, on the prepared F: the call regions, and then, unless the plan is
/// empty, the strip-mining and back-edge poll candidates.
void planPreparedFunction(FunctionContext &Cx, FunctionPlan &Plan);

/// May F's loops be unrolled for their back-edge polls at all (not where
/// code size or debugging comes first)?
bool mayHaveCopies(const llvm::Function &F);
/// Calls Fn with each loop of F whose poll may move to its back edge, and
/// the copies (K) the plan would give it before the module's budget
/// (CopyBudget.h).  Analysis only.
void forEachCopiesCandidate(
    llvm::Function &F, const llvm::LoopInfo &LI, llvm::ProfileSummaryInfo *PSI,
    llvm::function_ref<void(llvm::BasicBlock *, const LatchPollCandidate &,
                            unsigned)>
        Fn);

} // namespace cancelpoints

#endif
