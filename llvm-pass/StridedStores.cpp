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
STATISTIC(NumTaggedLate, "Fill or copy loops found after inlining");

static cl::opt<bool> StridedStoresOpt(
    "cancelpoints-strided-stores",
    cl::desc("A loop that only fills or copies an array is marked before it, "
             "so that LoopIdiomRecognize can make it a memset or memcpy "
             "call (StridedStores.h)"),
    cl::init(true));

static constexpr const char *StridedTag = "cancelpoints.strided";

/// Stores a iteration in a fill or copy loop: an unrolled fill (lz4's
/// `{ *op++ = 255; *op++ = 255; }`) is still one memset.
static constexpr unsigned MaxStores = 4;

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

/// Is S a store on every iteration of L, to an address that advances by
/// at least its size, of a value L does not change or loads from such an
/// address?
static bool isFillOrCopyStore(StoreInst &S, const Loop &L, ScalarEvolution &SE,
                              const DominatorTree &DT) {
  uint64_t Size = storeSize(S);
  if (!Size || !DT.dominates(S.getParent(), L.getLoopLatch()) ||
      !isStrided(S.getPointerOperand(), Size, L, SE))
    return false;
  Value *V = S.getValueOperand();
  if (L.isLoopInvariant(V))
    return true;
  auto *Load = dyn_cast<LoadInst>(V);
  return Load && Load->isSimple() && Load->hasOneUse() && L.contains(Load) &&
         isStrided(Load->getPointerOperand(), Size, L, SE);
}

/// Is L a fill or copy loop; with HeaderMarkers, but for markers at the
/// start of its header?
static bool isFillOrCopy(const Loop &L, ScalarEvolution &SE,
                         const DominatorTree &DT, bool HeaderMarkers) {
  if (!StridedStoresOpt || !L.isInnermost() || !L.getLoopLatch() ||
      !L.getLoopPreheader())
    return false;
  unsigned Stores = 0;
  for (BasicBlock *B : L.blocks())
    for (Instruction &I : *B) {
      if (HeaderMarkers && B == L.getHeader() && cancelpoints::isMarker(I))
        continue;
      if (writesOtherwise(I))
        return false;
      auto *S = dyn_cast<StoreInst>(&I);
      if (S && !isFillOrCopyStore(*S, L, SE, DT))
        return false;
      Stores += S != nullptr;
    }
  return Stores > 0 && Stores <= MaxStores;
}

bool cancelpoints::isFillOrCopyLoop(const Loop &L, ScalarEvolution &SE,
                                    const DominatorTree &DT) {
  return isFillOrCopy(L, SE, DT, /*HeaderMarkers=*/false);
}

/// The markers of L if all stand at the start of its header, before anything
/// that writes memory (the first phase's place for them).
static SmallVector<CallInst *, 2> headerMarkers(const Loop &L) {
  SmallVector<CallInst *, 2> Found;
  for (BasicBlock *B : L.blocks())
    for (Instruction &I : *B)
      if (cancelpoints::isMarker(I)) {
        if (B != L.getHeader())
          return {};
        Found.push_back(cast<CallInst>(&I));
      } else if (B == L.getHeader() && I.mayWriteToMemory() && Found.empty()) {
        return {};
      }
  return Found;
}

PreservedAnalyses
cancelpoints::StridedStoresLatePass::run(Function &F,
                                         FunctionAnalysisManager &FAM) {
  if (!StridedStoresOpt || !F.hasFnAttribute(CP_ATTR_MARKED))
    return PreservedAnalyses::all();
  LoopInfo &LI = FAM.getResult<LoopAnalysis>(F);
  if (LI.empty())
    return PreservedAnalyses::all();
  ScalarEvolution &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  DominatorTree &DT = FAM.getResult<DominatorTreeAnalysis>(F);
  bool Changed = false;
  for (Loop *L : LI.getLoopsInPreorder()) {
    if (!L->isInnermost() || findStringMetadataForLoop(L, StridedTag))
      continue;
    SmallVector<CallInst *, 2> Markers = headerMarkers(*L);
    if (Markers.empty() || !isFillOrCopy(*L, SE, DT, /*HeaderMarkers=*/true))
      continue;
    Markers.front()->moveBefore(L->getLoopPreheader()->getTerminator());
    for (CallInst *C : drop_begin(Markers))
      C->eraseFromParent();
    tagStridedLoop(*L);
    ++NumTaggedLate;
    Changed = true;
  }
  if (!Changed)
    return PreservedAnalyses::all();
  PreservedAnalyses PA;
  PA.preserveSet<CFGAnalyses>();
  return PA;
}

void cancelpoints::tagStridedLoop(Loop &L) {
  addStringMetadataToLoop(&L, StridedTag);
  ++NumTagged;
}

/// Does Ptr stay the same in L (as SCEV or the IR sees it)?
static bool isInvariantAddress(Value *Ptr, const Loop &L, ScalarEvolution &SE) {
  return L.isLoopInvariant(Ptr) || SE.isLoopInvariant(SE.getSCEV(Ptr), &L);
}

/// Does L, as the optimiser left it, write only by stores to addresses that
/// change every iteration?  The first phase saw each store's address move
/// by at least its size every iteration; the check here only makes sure
/// that the optimiser left no store at an
/// address that stays the same, the one kind LICM keeps in a register (SCEV
/// need not see the step any more: an unrolled and vectorised copy's
/// pointer can be a phi it does not follow).
static bool writesOnlyMovingStores(const Loop &L, ScalarEvolution &SE) {
  if (!L.isInnermost())
    return false;
  for (BasicBlock *B : L.blocks())
    for (Instruction &I : *B) {
      Value *Ptr = nullptr;
      if (auto *S = dyn_cast<StoreInst>(&I))
        Ptr = S->isSimple() ? S->getPointerOperand() : nullptr;
      else if (auto *II = dyn_cast<IntrinsicInst>(&I);
               II && II->getIntrinsicID() == Intrinsic::masked_store)
        Ptr = II->getArgOperand(1);
      else if (writesOtherwise(I))
        return false;
      else
        continue;
      if (!Ptr || isInvariantAddress(Ptr, L, SE))
        return false;
    }
  return true;
}

/// Does a loop of F carry the tag (a look at the loop IDs of its branches)?
static bool hasTaggedLoop(const Function &F) {
  for (const BasicBlock &BB : F) {
    const Instruction *T = BB.getTerminator();
    MDNode *ID = T ? T->getMetadata(LLVMContext::MD_loop) : nullptr;
    if (ID && findOptionMDForLoopID(ID, StridedTag))
      return true;
  }
  return false;
}

unsigned cancelpoints::restoreStridedMarkers(Function &F,
                                             FunctionAnalysisManager &FAM) {
  Function *Marker = F.getParent()->getFunction(CP_SYM_POINT);
  if (!Marker || !hasTaggedLoop(F))
    return 0;
  LoopInfo &LI = FAM.getResult<LoopAnalysis>(F);
  ScalarEvolution &SE = FAM.getResult<ScalarEvolutionAnalysis>(F);
  unsigned N = 0;
  for (Loop *L : LI.getLoopsInPreorder()) {
    if (!findStringMetadataForLoop(L, StridedTag) ||
        !writesOnlyMovingStores(*L, SE))
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
  // A marker is a call with no value: the CFG, the loops and every
  // expression SCEV built stand, also once PointFacts has erased the
  // markers (next), and the instrumenting step reuses them rather than
  // build SCEV's expressions of a big function twice.  What
  // SCEV learnt of a loop while the markers stood (a trip count, that the
  // loop has side effects) is at worst more cautious than what it would
  // learn without them: no loop's count is larger for a call in it.
  PreservedAnalyses PA;
  PA.preserveSet<CFGAnalyses>();
  PA.preserve<LoopAnalysis>();
  PA.preserve<ScalarEvolutionAnalysis>();
  FAM.invalidate(F, PA);
  return N;
}
