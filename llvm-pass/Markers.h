//===- Markers.h - points placed before the optimiser, facts after it -----===//
//
// Where a point may leave is decided before the optimiser runs; how it is
// paid for, after (docs/DESIGN.md).  An optimiser that believes nothing
// leaves a loop keeps stores in registers across it and rotates it so that
// an effect's result is in flight at the new header; a point placed after
// it would leave behind the source.  So the pass has two phases:
//
//  1. CancelPointMarkPass, at the start of the pipeline (above -O0 after
//     the front end's output is cleaned up, Plugin.cpp), calls the marker
//     llvm.cancelpoints.point (CP_SYM_POINT):
//       - at the header of every source cycle with an effect (stores to
//         locals that never escape are not effects here: they die with the
//         frame that a point leaves);
//       - at the end of every block that enters an effect-free cycle whose
//         parent cycle has effects, or that has none: nothing in the cycle
//         changes memory, so the state before it is the state anywhere in
//         it, and the loop keeps no call that would stop vectorisation;
//       - at the entry of every function on a call-graph cycle;
//       - before, not in, a loop that only fills or copies an array, which
//         LoopIdiomRecognize may make a memset or memcpy call; the second
//         phase gives it its header marker back if it stays a loop
//         (StridedStores.h).
//     The marker is nounwind, willreturn, memory(read, inaccessiblemem:
//     readwrite): the optimiser writes every store back before it and moves
//     no store or call with effects across it (it reads all memory), and
//     never removes it or hoists it out of a loop (it writes memory that
//     nothing else sees). Its inline cost is 0 ("call-inline-cost"), so a
//     function is inlined where it would be without the plugin; its name
//     is an intrinsic's, so a loop with one is unrolled at run time where
//     it would be without the plugin (the cost models take a call for a
//     reason not to).  A function that gets one loses the memory and
//     willreturn attributes clang gave it.  The
//     marker has vector variants (VFABI "vector-function-abi-variant"), so
//     the loop vectoriser still takes a loop with one: a vector iteration
//     calls one variant after its stores, where memory is what the source
//     wrote at the header of a later scalar iteration.
//  2. The late pass (CancelPoints.cpp) asks PointFacts where leaving is
//     legal: where every path passed a marker or a cp_check and no effect
//     since, or where a marker follows in the same block with no effect
//     before it.  Leaving there is leaving at the marker.  It polls at
//     headers, back edges and chunk headers only where that holds, at the
//     markers themselves elsewhere, arms regions only from such places, and
//     then removes the markers.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_MARKERS_H
#define CANCELPOINTS_MARKERS_H

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/PassManager.h"
#include "llvm/IR/ValueHandle.h"

namespace llvm {
class BasicBlock;
class Module;
class Function;
class Instruction;
} // namespace llvm

namespace cancelpoints {

class EffectAnalysis;

/// Phase 1: markers at the source's loop headers and recursive entries.
class CancelPointMarkPass : public llvm::PassInfoMixin<CancelPointMarkPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

/// A call to the marker or one of its vector variants.
bool isMarker(const llvm::Instruction &I);
/// Is Name the marker's, or one of its vector variants'?
bool isMarkerName(llvm::StringRef Name);
/// Removes the marker's declarations once no call is left.
void eraseMarkerDeclarations(llvm::Module &M);
/// A call to cp_check or cp_check_graceful: an explicit point.
bool isExplicitPoint(const llvm::Instruction &I);

/// Phase 2: where in F leaving keeps memory as the source wrote it.
/// Computed with F's markers in place; a function that did not go through
/// phase 1 (IR given to opt as it is) may leave anywhere.
class PointFacts {
public:
  PointFacts(llvm::Function &F, const EffectAnalysis &EA);

  /// May a point leave at the start of BB?
  bool legalAtStart(const llvm::BasicBlock *BB) const {
    return !Marked || Start.count(BB);
  }
  /// At the end of BB?
  bool legalAtEnd(const llvm::BasicBlock *BB) const {
    return !Marked || End.count(BB);
  }
  /// On the edge From -> To (a block split into it).
  bool legalOnEdge(const llvm::BasicBlock *From,
                   const llvm::BasicBlock *To) const {
    return legalAtEnd(From) || MarkerFirst.count(To);
  }
  /// Removes F's markers, remembering the instruction each stood before.
  void eraseMarkers();
  /// Where markers stood, in blocks for which Own holds.
  llvm::SmallVector<llvm::Instruction *, 4>
  markerPlaces(llvm::function_ref<bool(const llvm::BasicBlock *)> Own) const;

private:
  llvm::Function &F;
  bool Marked;
  llvm::DenseSet<const llvm::BasicBlock *> Start, End, MarkerFirst;
  llvm::SmallVector<llvm::WeakVH, 8> Places;
};

} // namespace cancelpoints

#endif
