//===- RegionPeel.cpp - short trips of an effect-free loop run unarmed ----===//
#include "RegionPeel.h"
#include "Compat.h"
#include "LoopAnalyses.h"
#include "LoopSize.h"
#include "Regions.h"

#include "llvm/Transforms/Utils/LoopSimplify.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

using namespace llvm;
using namespace cancelpoints;

/// The size of a loop's Blocks in instructions, or 0 if it may not be
/// peeled out of its region: a call (but to an intrinsic that touches no
/// memory), a lifetime marker, or something that cannot be copied.
static unsigned peelableSize(ArrayRef<BasicBlock *> Blocks) {
  LoopSize S = measureBlocks(Blocks);
  if (S.Calls || S.LifetimeMarkers || S.Uncopyable)
    return 0;
  return S.Instructions;
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
  LoopAnalyses A(F); // F as it is now: an earlier region may have changed it
  Loop *L = A.LI.getLoopFor(R.Header);
  if (!L || L->getHeader() != R.Header || !L->isInnermost() ||
      L->getNumBlocks() != R.Blocks.size())
    return 0;
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
  simplifyLoop(L, &A.DT, &A.LI, &A.SE, &A.AC, nullptr, /*PreserveLCSSA=*/false);
  formLCSSARecursively(*L, A.DT, &A.LI, &A.SE);
  Refresh();
  ValueToValueMapTy VMap;
  if (!canPeel(L) ||
      !compat::peelFirstIterations(L, P, &A.LI, &A.SE, A.DT, &A.AC, VMap))
    return 0;
  Refresh();
  return P;
}
