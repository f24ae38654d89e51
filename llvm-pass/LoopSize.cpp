//===- LoopSize.cpp - how big a loop is, measured in one place ------------===//
#include "LoopSize.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;
using namespace cancelpoints;

/// Adds I to S.
static void measureInstruction(const Instruction &I, LoopSize &S) {
  ++S.Instructions;
  if (I.getType()->isTokenTy())
    S.Uncopyable = true;
  const auto *CB = dyn_cast<CallBase>(&I);
  if (CB) {
    const auto *II = dyn_cast<IntrinsicInst>(CB);
    if (!II || isa<AnyMemIntrinsic>(II))
      S.Calls = true;
    if (II && II->isLifetimeStartOrEnd())
      S.LifetimeMarkers = true;
    if (CB->cannotDuplicate() || CB->isConvergent())
      S.Uncopyable = true;
  }
  if (isa<GetElementPtrInst>(I) || isa<CastInst>(I) || isa<PHINode>(I) ||
      isa<BranchInst>(I))
    return;
  S.Work += CB && !isa<IntrinsicInst>(CB) ? CallWork : 1;
}

LoopSize cancelpoints::measureBlocks(ArrayRef<BasicBlock *> Blocks) {
  LoopSize S;
  for (const BasicBlock *B : Blocks) {
    if (B->hasAddressTaken() || B->isEHPad())
      S.Uncopyable = true;
    if (!isa<BranchInst, SwitchInst, ReturnInst, UnreachableInst>(
            B->getTerminator()))
      S.OtherTerminators = true;
    for (const Instruction &I : B->instructionsWithoutDebug())
      measureInstruction(I, S);
  }
  return S;
}

LoopSize cancelpoints::measureLoop(const Loop &L) {
  return measureBlocks(L.getBlocks());
}
