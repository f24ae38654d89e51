//===- Prepare.cpp - effect-free loops run out of line, before planning ---===//
#include "Prepare.h"
#include "Emitter.h"
#include "FunctionPlan.h"
#include "Outline.h"
#include "RegionPeel.h"
#include "Remarks.h"

#include "cancelpoints_abi.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/CFG.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;
using namespace cancelpoints;

#define DEBUG_TYPE "cancelpoints"

static cl::opt<bool> OutlineOpt(
    "cancelpoints-outline",
    cl::desc("Run each effect-free reducible loop out of line, armed by a "
             "trampoline, so that no function with code of its own calls the "
             "returns_twice __cp_arm (Outline.h); when off, arm in place"),
    cl::init(true));

static cl::opt<unsigned> RegionPeelOpt(
    "cancelpoints-region-peel",
    cl::desc("Peel up to N iterations off a small effect-free loop before its "
             "reset region, so that a trip of at most N iterations never "
             "arms it (RegionPeel.h; 0: off)"),
    cl::init(6));

static cl::opt<unsigned>
    RegionPeelSizeOpt("cancelpoints-region-peel-size",
                      cl::desc("The most instructions the iterations peeled by "
                               "-cancelpoints-region-peel may have in all"),
                      cl::init(32));

/// Peels the first iterations of R (if small) and runs it out of line.
/// Returns true if R is outlined; P.Changed says whether F changed.
static bool runOutOfLine(FunctionContext &Cx, CycleRegion &R, Prepared &P) {
  Function &F = Cx.F;
  DebugLoc DL = Cx.Remarks.blockLoc(R.Header);
  unsigned Peeled =
      F.hasOptSize() ? 0
                     : peelBeforeRegion(F, R, RegionPeelOpt, RegionPeelSizeOpt);
  P.Changed |= Peeled != 0;
  BasicBlock *Header = R.Header;
  Function *Body = outlineRegion(
      F, R.Blocks, [&] { return Cx.E.site(F, CP_SITE_REGION, DL); }, Cx.E);
  if (!Body)
    return false;
  P.Changed = true;
  ++P.Outlined;
  Cx.Remarks.emitter().emit([&] {
    OptimizationRemark Rm(DEBUG_TYPE, "RegionLoop", DL, Header);
    Rm << "reset region armed before effect-free loop (out of line in '"
       << Body->getName() << "')";
    if (Peeled)
      Rm << " after its first " << std::to_string(Peeled)
         << " iterations (peeled)";
    return Rm;
  });
  return true;
}

/// The entry and exit edges of R as they are now: peeling a loop next to it
/// may have split one (a dedicated exit block).
static void retakeEdges(CycleRegion &R) {
  SmallPtrSet<BasicBlock *, 16> In(R.Blocks.begin(), R.Blocks.end());
  SmallVector<BasicBlock *, 2> EntryBlocks;
  for (BasicBlock *B : R.Blocks)
    if (any_of(predecessors(B), [&](BasicBlock *P) { return !In.count(P); }))
      EntryBlocks.push_back(B);
  R.Entries.clear();
  R.Exits.clear();
  collectEdges(R.Blocks, EntryBlocks, R.Entries, R.Exits);
}

Prepared cancelpoints::prepareFunction(FunctionContext &Cx, CyclePlan &Cycles) {
  Prepared P;
  if (!OutlineOpt || Cycles.Regions.empty())
    return P;
  SmallVector<CycleRegion, 4> InPlace;
  for (CycleRegion &R : Cycles.Regions)
    if (!R.Reducible || !runOutOfLine(Cx, R, P))
      InPlace.push_back(std::move(R));
  if (P.Changed)
    for (CycleRegion &R : InPlace)
      retakeEdges(R);
  Cycles.Regions = std::move(InPlace);
  return P;
}
