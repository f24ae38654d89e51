//===- LoopAnalyses.h - dominators, loops and SCEV of a function as it is -===//
//
// The analyses the pass's loop transformations read, built on a function as
// it is at that moment (not the analysis manager's, computed before the pass
// changed the function): the candidate finders of StripMine.h and
// LatchPoll.h share one set, built once the function is prepared; the peeler
// (RegionPeel.h) builds one per loop, since each peel changes the function.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_LOOPANALYSES_H
#define CANCELPOINTS_LOOPANALYSES_H

#include "Compat.h"

#include "llvm/Analysis/AssumptionCache.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"

namespace cancelpoints {

struct LoopAnalyses {
  explicit LoopAnalyses(llvm::Function &F)
      : DT(F), LI(DT), TLII(compat::targetTriple(*F.getParent())),
        TLI(TLII, &F), AC(F), SE(F, TLI, AC, DT, LI) {}

  llvm::DominatorTree DT;
  llvm::LoopInfo LI;
  llvm::TargetLibraryInfoImpl TLII;
  llvm::TargetLibraryInfo TLI;
  llvm::AssumptionCache AC;
  llvm::ScalarEvolution SE;
};

} // namespace cancelpoints

#endif
