//===- Regions.h - where points and reset regions go ----------------------===//
//
// Planning only: nothing here changes the IR.  The plan names its insertion
// places as instructions ("before I") and edges (terminator, successor),
// which stay valid while the transformation splits blocks.
//
//  * Cycles (llvm::CycleInfo, so irreducible cycles are covered: every CFG
//    cycle passes through the header of some cycle of the forest).  In full
//    mode an outermost effect-free cycle becomes a reset region, armed on
//    every entering edge and disarmed on every exiting edge; an effectful
//    cycle gets a poll at its header and its children are considered in
//    turn.  An effect-free innermost cycle of more than
//    -cancelpoints-region-max-size IR instructions (16) is polled like an
//    effectful one: an arm costs 40-50 instructions a trip, the polls of a
//    short trip of a big loop less, and a poll is a small part of such an
//    iteration (the chain walks of interpreters' string tables, sqlite3's
//    free-block scans: bench/DIAGNOSIS.md 23).  A nest stays armed: its
//    arm covers every trip of its inner loops; so does any loop at -O0.
//    In poll mode every header, at every depth, gets a poll.
//  * Call regions: from a point (a header or entry poll, a cp_check call)
//    scan forward through the rest of the block, and into a successor only
//    when all its predecessors are fully in the region (single entry, never
//    a cycle header); stop before the first effect.  The region is worth
//    arming when it contains a call to an effect-free, uninstrumented
//    function (EffectAnalysis::isWorthwhileCall).
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_REGIONS_H
#define CANCELPOINTS_REGIONS_H

#include "EffectAnalysis.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/CycleAnalysis.h"
#include "llvm/IR/BasicBlock.h"
#include <optional>
#include <string>

namespace cancelpoints {

/// A CFG edge, named by its source terminator and its target.
struct Edge {
  llvm::Instruction *Term;
  llvm::BasicBlock *Succ;
};

/// An outermost effect-free cycle.
struct CycleRegion {
  llvm::BasicBlock *Header;
  llvm::SmallVector<llvm::BasicBlock *, 8> Blocks; ///< header first
  bool Reducible;
  llvm::SmallVector<Edge, 4> Entries;
  llvm::SmallVector<Edge, 4> Exits;
};

/// A poll at a cycle header, and why it is not a reset region.
struct HeaderPoll {
  enum ReasonKind {
    NoRegions,       ///< poll mode, or a target/function without regions
    Effects,         ///< the cycle has an effect: Why
    Unsplittable,    ///< effect-free, but an edge cannot hold an arm
    NestedInEffects, ///< effect-free, nested in an effectful cycle, and
                     ///< -cancelpoints-nested-regions=false
    EntryNotLegal,   ///< effect-free, but an entering edge is not a place
                     ///< where leaving is legal (Markers.h)
    Large,           ///< effect-free and innermost, of Size instructions:
                     ///< more than -cancelpoints-region-max-size
  };
  llvm::BasicBlock *Header;
  ReasonKind Reason;
  Effect Why;
  unsigned Size = 0; ///< Large: the cycle's instructions
};

/// A cycle that needs no point of its own, and why.
struct SkippedCycle {
  llvm::BasicBlock *Header;
  std::string Why;
};

struct CyclePlan {
  llvm::SmallVector<CycleRegion, 4> Regions;
  llvm::SmallVector<HeaderPoll, 8> Polls;
  llvm::SmallVector<SkippedCycle, 4> Skipped;
};

/// Why a cycle needs no point of its own (a small constant trip count, a
/// point on every iteration), or "".  Its nested cycles are still planned.
using NoPointFn =
    llvm::function_ref<std::string(const llvm::CycleInfo::CycleT &)>;

/// Can a region be armed on this entering edge (a point there leaves)?
using EdgeFn = llvm::function_ref<bool(const struct Edge &)>;

/// Places points on the cycles of F.  Regions are planned only when
/// AllowRegions (full mode on a supported target); inside a cycle with
/// effects only when NestedRegions too (else nested cycles get polls); and
/// only when CanArm holds on every entering edge.
CyclePlan planCycles(const llvm::CycleInfo &CI, const EffectAnalysis &EA,
                     const AllocaInfo &Allocas, bool AllowRegions,
                     bool NestedRegions, NoPointFn NoPoint, EdgeFn CanArm);

/// A reset region from a point across effect-free code.
struct CallRegion {
  const llvm::CallBase *Covered; ///< the call worth arming it for
  llvm::SmallVector<llvm::Instruction *, 4> ExitBefore; ///< disarm before
  llvm::SmallVector<Edge, 4> ExitEdges;                 ///< disarm on the edge
};

/// The region that starts at From in BB, if it covers a worthwhile call.
std::optional<CallRegion> findCallRegion(llvm::BasicBlock *BB,
                                         llvm::BasicBlock::iterator From,
                                         const EffectAnalysis &EA);

/// Can the edge be split to hold an arm or a disarm?
bool isSplittable(const Edge &E);

/// The edges entering Blocks (into EntryBlocks) and leaving them, each
/// once, in block order.
void collectEdges(llvm::ArrayRef<llvm::BasicBlock *> Blocks,
                  llvm::ArrayRef<llvm::BasicBlock *> EntryBlocks,
                  llvm::SmallVectorImpl<Edge> &Entries,
                  llvm::SmallVectorImpl<Edge> &Exits);

} // namespace cancelpoints

#endif
