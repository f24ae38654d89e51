//===- RegionPeel.cpp - short trips of an effect-free loop run unarmed ----===//
#include "RegionPeel.h"
#include "Compat.h"
#include "Regions.h"

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

using namespace llvm;
using namespace cancelpoints;

/// The size of a loop's Blocks in instructions, or 0 if it may not be
/// peeled out of its region: a call (but to an intrinsic that touches no memory), a lifetime
/// marker, a token, or a block that cannot be copied.
static unsigned peelableSize(ArrayRef<BasicBlock *> Blocks) {
  unsigned N = 0;
  for (const BasicBlock *B : Blocks) {
    if (B->hasAddressTaken() || B->isEHPad())
      return 0;
    for (const Instruction &I : B->instructionsWithoutDebug()) {
      ++N;
      if (I.getType()->isTokenTy())
        return 0;
      if (const auto *CB = dyn_cast<CallBase>(&I)) {
        const auto *II = dyn_cast<IntrinsicInst>(CB);
        if (!II || isa<AnyMemIntrinsic>(II) || II->isLifetimeStartOrEnd() ||
            CB->cannotDuplicate() || CB->isConvergent())
          return 0;
      }
    }
  }
  return N;
}

unsigned cancelpoints::peelBeforeRegion(Function &F, CycleRegion &R,
                                        unsigned MaxPeel, unsigned Budget) {
  if (!R.Reducible || !MaxPeel)
    return 0;
  // The cheap tests first: most regions are too big or call something, and
  // the analyses below are built for the whole function.
  unsigned Size = peelableSize(R.Blocks);
  unsigned P = Size ? std::min(MaxPeel, Budget / Size) : 0;
  if (!P)
    return 0;
  DominatorTree DT(F);
  LoopInfo LI(DT);
  Loop *L = LI.getLoopFor(R.Header);
  if (!L || L->getHeader() != R.Header || !L->isInnermost() ||
      L->getNumBlocks() != R.Blocks.size())
    return 0;
  TargetLibraryInfoImpl TLII(compat::targetTriple(*F.getParent()));
  TargetLibraryInfo TLI(TLII, &F);
  AssumptionCache AC(F);
  ScalarEvolution SE(F, TLI, AC, DT, LI);
  // The region is L's blocks, header first, and their edges (loop-simplify
  // form may add a block to the loop, a merged latch).
  auto Refresh = [&] {
    R.Header = L->getHeader();
    R.Blocks.assign(1, R.Header);
    for (BasicBlock *B : L->blocks())
      if (B != R.Header)
        R.Blocks.push_back(B);
    R.Entries.clear();
    R.Exits.clear();
    collectEdges(R.Blocks, {R.Header}, R.Entries, R.Exits);
  };
  simplifyLoop(L, &DT, &LI, &SE, &AC, nullptr, /*PreserveLCSSA=*/false);
  formLCSSARecursively(*L, DT, &LI, &SE);
  Refresh();
  ValueToValueMapTy VMap;
  if (!canPeel(L) ||
      !compat::peelFirstIterations(L, P, &LI, &SE, DT, &AC, VMap))
    return 0;
  Refresh();
  return P;
}
