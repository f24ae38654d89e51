//===- Demotion.cpp - no SSA value lives across an arm --------------------===//
#include "Demotion.h"
#include "Emitter.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Transforms/Utils/SSAUpdater.h"

#include <memory>

using namespace llvm;
using namespace cancelpoints;

namespace {

using BlockSet = SmallPtrSet<BasicBlock *, 32>;

/// Liveness across one arm.  Top(K) is the set of blocks whose top is
/// reachable from just after the arm without passing the definition block K
/// (entering K runs the definition again).  A use is live after the arm if
/// it is after the arm in its block, in a block of Top, or a PHI use whose
/// incoming block's end is reachable (the arm block, or a block of Top).
class ArmLiveness {
public:
  explicit ArmLiveness(Instruction &Arm) : Arm(Arm), ArmBB(Arm.getParent()) {}

  const BlockSet &top(BasicBlock *Kill) {
    std::unique_ptr<BlockSet> &S = Tops[Kill];
    if (!S) {
      S = std::make_unique<BlockSet>();
      SmallVector<BasicBlock *, 32> Work{ArmBB};
      while (!Work.empty()) {
        BasicBlock *B = Work.pop_back_val();
        for (BasicBlock *Succ : successors(B))
          if (Succ != Kill && S->insert(Succ).second)
            Work.push_back(Succ);
      }
    }
    return *S;
  }

  bool isLiveUse(const Use &U, const BlockSet &Top) const {
    auto *UI = cast<Instruction>(U.getUser());
    if (auto *PN = dyn_cast<PHINode>(UI)) {
      BasicBlock *In = PN->getIncomingBlock(U);
      return In == ArmBB || Top.count(In);
    }
    BasicBlock *UB = UI->getParent();
    if (UB == ArmBB && (UI == &Arm || Arm.comesBefore(UI)))
      return true;
    return Top.count(UB);
  }

  /// The uses of V live after the arm (V defined before it).
  void liveUses(Value *V, BasicBlock *DefBB, SmallVectorImpl<Use *> &Out) {
    const BlockSet &Top0 = top(nullptr);
    bool Any = false;
    for (Use &U : V->uses())
      if (isLiveUse(U, Top0)) {
        Any = true;
        break;
      }
    if (!Any)
      return;
    const BlockSet &Top =
        (DefBB && (DefBB == ArmBB || Top0.count(DefBB))) ? top(DefBB) : Top0;
    for (Use &U : V->uses())
      if (isLiveUse(U, Top))
        Out.push_back(&U);
  }

private:
  Instruction &Arm;
  BasicBlock *ArmBB;
  DenseMap<BasicBlock *, std::unique_ptr<BlockSet>> Tops;
};

} // namespace

/// Is I a value defined before Arm that could be live across it?
static bool isCandidate(Instruction &I, Instruction &Arm, DominatorTree &DT) {
  if (&I == &Arm || I.getType()->isVoidTy() || I.use_empty())
    return false;
  if (auto *AI = dyn_cast<AllocaInst>(&I))
    if (AI->isStaticAlloca())
      return false; // a frame address
  if (I.getParent() == Arm.getParent())
    return I.comesBefore(&Arm);
  return DT.dominates(&I, &Arm);
}

static bool isArm(const Instruction &I, ArrayRef<CallInst *> Arms) {
  return is_contained(Arms, &I);
}

void cancelpoints::liveAcrossArm(Instruction &Arm, DominatorTree &DT,
                                 SmallVectorImpl<Value *> &Out) {
  Function &F = *Arm.getFunction();
  if (!DT.isReachableFromEntry(Arm.getParent()))
    return;
  ArmLiveness L(Arm);
  SmallVector<Use *, 4> Uses;
  for (Argument &A : F.args()) {
    Uses.clear();
    L.liveUses(&A, nullptr, Uses);
    if (!Uses.empty())
      Out.push_back(&A);
  }
  for (BasicBlock &B : F)
    for (Instruction &I : B) {
      if (!isCandidate(I, Arm, DT))
        continue;
      Uses.clear();
      L.liveUses(&I, &B, Uses);
      if (!Uses.empty())
        Out.push_back(&I);
    }
}

/// Gives every arm a block of its own (SSAUpdater knows one value per block).
static void separateArms(ArrayRef<CallInst *> Arms) {
  for (CallInst *Arm : Arms) {
    BasicBlock *BB = Arm->getParent();
    bool Earlier = false;
    for (Instruction &I : *BB) {
      if (&I == Arm)
        break;
      if (auto *CI = dyn_cast<CallInst>(&I))
        if (isArm(*CI, Arms))
          Earlier = true;
    }
    if (Earlier)
      BB->splitBasicBlock(Arm->getIterator(), BB->getName() + ".arm");
  }
}

namespace {
/// A value to demote: the arms it is live across, its uses after them.
struct Demotion {
  Value *V;
  BasicBlock *DefBB; // nullptr: an argument
  SmallVector<CallInst *, 2> Arms;
  SmallVector<Use *, 8> Uses;
};
} // namespace

/// The values of F live across the arms (computed on the IR before any
/// rewriting), in the order of F.
static SmallVector<Demotion, 16>
findLiveAcross(Function &F, ArrayRef<CallInst *> Arms, DominatorTree &DT) {
  struct ArmInfo {
    CallInst *Arm;
    std::unique_ptr<ArmLiveness> L;
  };
  SmallVector<ArmInfo, 8> Infos;
  for (CallInst *Arm : Arms)
    if (DT.isReachableFromEntry(Arm->getParent()))
      Infos.push_back({Arm, std::make_unique<ArmLiveness>(*Arm)});

  SmallVector<Demotion, 16> Out;
  auto Consider = [&](Value *V, BasicBlock *DefBB) {
    Demotion P{V, DefBB, {}, {}};
    SmallPtrSet<Use *, 8> Seen;
    for (ArmInfo &AI : Infos) {
      if (auto *I = dyn_cast<Instruction>(V))
        if (!isCandidate(*I, *AI.Arm, DT))
          continue;
      SmallVector<Use *, 8> U;
      AI.L->liveUses(V, DefBB, U);
      if (U.empty())
        continue;
      P.Arms.push_back(AI.Arm);
      for (Use *X : U)
        if (Seen.insert(X).second)
          P.Uses.push_back(X);
    }
    if (!P.Arms.empty() && !V->getType()->isTokenTy())
      Out.push_back(std::move(P));
  };
  for (Argument &A : F.args())
    Consider(&A, nullptr);
  for (BasicBlock &B : F)
    for (Instruction &I : B)
      if (!I.getType()->isVoidTy() && !I.use_empty() && !isArm(I, Arms))
        Consider(&I, &B);
  return Out;
}

/// One slot for P.V; around each arm it is live across: store the current
/// value before, reload after.  One SSAUpdater over all its arms, so the
/// copies never need demoting themselves.  LastReload keeps the reloads
/// after an arm in order.
static void demote(Function &F, Demotion &P, Emitter &E,
                   DenseMap<CallInst *, Instruction *> &LastReload) {
  Value *V = P.V;
  Type *Ty = V->getType();
  std::string Name = V->hasName() ? V->getName().str() : std::string("v");
  AllocaInst *Slot = E.newSlot(F, Ty, Name + ".cp.slot");
  BasicBlock *DefBB = P.DefBB ? P.DefBB : &F.getEntryBlock();

  SSAUpdater SSA;
  SSA.Initialize(Ty, Name + ".cp");
  bool DefIsArmBlock = false;
  SmallVector<std::pair<CallInst *, LoadInst *>, 2> Reloads;
  SmallVector<StoreInst *, 2> Stores;
  for (CallInst *Arm : P.Arms) {
    IRBuilder<> Before(Arm);
    Stores.push_back(Before.CreateStore(V, Slot, /*isVolatile=*/true));
    Instruction *&Last = LastReload[Arm];
    IRBuilder<> After((Last ? Last : Arm)->getNextNode());
    After.SetCurrentDebugLocation(Arm->getDebugLoc());
    LoadInst *Reload =
        After.CreateLoad(Ty, Slot, /*isVolatile=*/true, Name + ".cp.reload");
    Last = Reload;
    Reloads.push_back({Arm, Reload});
    SSA.AddAvailableValue(Arm->getParent(), Reload);
    if (Arm->getParent() == DefBB)
      DefIsArmBlock = true;
  }
  if (!DefIsArmBlock)
    SSA.AddAvailableValue(DefBB, V);

  // The stores take the value current at their arm (the arm block may be
  // on a cycle, or follow another arm).
  for (StoreInst *St : Stores)
    if (St->getParent() != DefBB)
      SSA.RewriteUse(St->getOperandUse(0));

  for (Use *U : P.Uses) {
    auto *UI = cast<Instruction>(U->getUser());
    LoadInst *Direct = nullptr;
    if (!isa<PHINode>(UI))
      for (auto &[Arm, Reload] : Reloads)
        if (UI->getParent() == Arm->getParent() && Reload->comesBefore(UI))
          Direct = Reload;
    if (Direct)
      U->set(Direct);
    else
      SSA.RewriteUse(*U);
  }
}

unsigned cancelpoints::demoteAcrossArms(Function &F, ArrayRef<CallInst *> Arms,
                                        Emitter &E) {
  if (Arms.empty())
    return 0;
  separateArms(Arms);
  DominatorTree DT(F);
  SmallVector<Demotion, 16> Live = findLiveAcross(F, Arms, DT);
  DenseMap<CallInst *, Instruction *> LastReload;
  for (Demotion &P : Live)
    demote(F, P, E, LastReload);
  return Live.size();
}
