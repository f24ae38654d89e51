//===- StridedStores.cpp - loops that only fill or copy memory ------------===//
#include "StridedStores.h"
#include "Markers.h"

#include "cancelpoints_abi.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

#define DEBUG_TYPE "cancelpoints"

using namespace llvm;

STATISTIC(NumTagged, "Fill or copy loops marked before, not at, their header");
STATISTIC(NumRestored, "Tagged loops given their header marker back");

static cl::opt<bool> StridedStoresOpt(
    "cancelpoints-strided-stores",
    cl::desc("A loop that only fills or copies an array is marked before it, "
             "so that LoopIdiomRecognize can make it a memset or memcpy "
             "call (StridedStores.h)"),
    cl::init(true));

static constexpr const char *StridedTag = "cancelpoints.strided";

/// Does Ptr advance in L by a constant step of at least Size bytes?
static bool isStrided(Value *Ptr, uint64_t Size, const Loop &L,
                      ScalarEvolution &SE) {
  auto *AR = dyn_cast<SCEVAddRecExpr>(SE.getSCEV(Ptr));
  if (!AR || AR->getLoop() != &L || !AR->isAffine())
    return false;
  auto *Step = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
  return Step && Step->getAPInt().abs().uge(Size);
}

static uint64_t storeSize(const StoreInst &S) {
  const DataLayout &DL = S.getModule()->getDataLayout();
  TypeSize TS = DL.getTypeStoreSize(S.getValueOperand()->getType());
  return TS.isScalable() ? 0 : TS.getFixedValue();
}

/// Does I write memory other than by a simple store (or could it, being a
/// call that is not a memory-free intrinsic)?
static bool writesOtherwise(const Instruction &I) {
  if (isa<StoreInst>(I))
    return !cast<StoreInst>(I).isSimple();
  if (const auto *II = dyn_cast<IntrinsicInst>(&I))
    return II->mayWriteToMemory() || cancelpoints::isMarker(I);
  if (isa<CallBase>(I))
    return true;
  if (const auto *LI = dyn_cast<LoadInst>(&I))
    return !LI->isSimple();
  return I.mayWriteToMemory();
}

bool cancelpoints::isFillOrCopyLoop(const Loop &L, ScalarEvolution &SE,
                                    const DominatorTree &DT) {
  if (!StridedStoresOpt || !L.isInnermost() || !L.getLoopLatch() ||
      !L.getLoopPreheader())
    return false;
  StoreInst *Store = nullptr;
  for (BasicBlock *B : L.blocks())
    for (Instruction &I : *B) {
      if (writesOtherwise(I))
        return false;
      if (auto *S = dyn_cast<StoreInst>(&I)) {
        if (Store)
          return false;
        Store = S;
      }
    }
  if (!Store || !DT.dominates(Store->getParent(), L.getLoopLatch()))
    return false;
  uint64_t Size = storeSize(*Store);
  if (!Size || !isStrided(Store->getPointerOperand(), Size, L, SE))
    return false;
  Value *V = Store->getValueOperand();
  if (L.isLoopInvariant(V))
    return true;
  auto *Load = dyn_cast<LoadInst>(V);
  return Load && Load->isSimple() && Load->hasOneUse() && L.contains(Load) &&
         isStrided(Load->getPointerOperand(), Size, L, SE);
}

void cancelpoints::tagStridedLoop(Loop &L) {
  addStringMetadataToLoop(&L, StridedTag);
  ++NumTagged;
}

/// Does L, as the optimiser left it, write only by strided stores?
static bool writesOnlyStrided(const Loop &L, ScalarEvolution &SE) {
  if (!L.isInnermost())
    return false;
  for (BasicBlock *B : L.blocks())
    for (Instruction &I : *B) {
      if (writesOtherwise(I))
        return false;
      if (auto *S = dyn_cast<StoreInst>(&I)) {
        uint64_t Size = storeSize(*S);
        if (!Size || !isStrided(S->getPointerOperand(), Size, L, SE))
          return false;
      }
    }
  return true;
}

unsigned cancelpoints::restoreStridedMarkers(Function &F, LoopInfo &LI,
                                             ScalarEvolution &SE) {
  Function *Marker = F.getParent()->getFunction(CP_SYM_POINT);
  if (!Marker)
    return 0;
  unsigned N = 0;
  for (Loop *L : LI.getLoopsInPreorder()) {
    if (!findStringMetadataForLoop(L, StridedTag) || !writesOnlyStrided(*L, SE))
      continue;
    BasicBlock *H = L->getHeader();
    Instruction *At = &*H->getFirstInsertionPt();
    auto *Call = CallInst::Create(
        Marker, {ConstantInt::get(Type::getInt32Ty(F.getContext()), 0)}, "",
        At);
    Call->setDoesNotThrow();
    Call->setDebugLoc(At->getDebugLoc());
    ++N;
  }
  NumRestored += N;
  return N;
}
