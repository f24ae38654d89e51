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
  explicit ArmLiveness(CallInst &Arm) : Arm(Arm), ArmBB(Arm.getParent()) {}

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
    if (UB == ArmBB && Arm.comesBefore(UI))
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
  CallInst &Arm;
  BasicBlock *ArmBB;
  DenseMap<BasicBlock *, std::unique_ptr<BlockSet>> Tops;
};

struct LiveValue {
  Value *V;
  BasicBlock *DefBB;
  SmallVector<Use *, 4> Uses;
};

} // namespace

/// Is I a value defined before Arm that could be live across it?
static bool isCandidate(Instruction &I, CallInst &Arm, DominatorTree &DT) {
  if (&I == &Arm || I.getType()->isVoidTy() || I.use_empty())
    return false;
  if (auto *AI = dyn_cast<AllocaInst>(&I))
    if (AI->isStaticAlloca())
      return false; // a frame address
  if (I.getParent() == Arm.getParent())
    return I.comesBefore(&Arm);
  return DT.dominates(&I, &Arm);
}

static void collectLive(CallInst &Arm, DominatorTree &DT,
                        SmallVectorImpl<LiveValue> &Out) {
  Function &F = *Arm.getFunction();
  if (!DT.isReachableFromEntry(Arm.getParent()))
    return;
  ArmLiveness L(Arm);
  for (Argument &A : F.args()) {
    LiveValue LV{&A, nullptr, {}};
    L.liveUses(&A, nullptr, LV.Uses);
    if (!LV.Uses.empty())
      Out.push_back(std::move(LV));
  }
  for (BasicBlock &B : F)
    for (Instruction &I : B) {
      if (!isCandidate(I, Arm, DT))
        continue;
      LiveValue LV{&I, &B, {}};
      L.liveUses(&I, &B, LV.Uses);
      if (!LV.Uses.empty())
        Out.push_back(std::move(LV));
    }
}

void cancelpoints::liveAcrossArm(CallInst &Arm, DominatorTree &DT,
                                 SmallVectorImpl<Value *> &Out) {
  SmallVector<LiveValue, 8> Live;
  collectLive(Arm, DT, Live);
  for (LiveValue &LV : Live)
    Out.push_back(LV.V);
}

unsigned cancelpoints::demoteAcrossArm(CallInst &Arm, DominatorTree &DT,
                                       Emitter &E) {
  SmallVector<LiveValue, 8> Live;
  collectLive(Arm, DT, Live);
  Function &F = *Arm.getFunction();
  BasicBlock *ArmBB = Arm.getParent();
  Instruction *AfterArm = Arm.getNextNode();
  unsigned N = 0;
  for (LiveValue &LV : Live) {
    Value *V = LV.V;
    Type *Ty = V->getType();
    if (Ty->isTokenTy())
      continue; // the caller refuses regions in functions with tokens
    std::string Name = V->hasName() ? V->getName().str() : std::string("v");
    AllocaInst *Slot = E.newSlot(F, Ty, Name + ".cp.slot");
    IRBuilder<> Before(&Arm);
    StoreInst *Store = Before.CreateStore(V, Slot, /*isVolatile=*/true);
    IRBuilder<> After(AfterArm);
    After.SetCurrentDebugLocation(Arm.getDebugLoc());
    LoadInst *Reload = After.CreateLoad(Ty, Slot, /*isVolatile=*/true,
                                        Name + ".cp.reload");

    BasicBlock *DefBB = LV.DefBB ? LV.DefBB : &F.getEntryBlock();
    SSAUpdater SSA;
    SSA.Initialize(Ty, Name + ".cp");
    if (DefBB != ArmBB)
      SSA.AddAvailableValue(DefBB, V);
    SSA.AddAvailableValue(ArmBB, Reload);
    // When the arm block is on a cycle, the store itself is reached from
    // after the arm: it must store the value of this iteration, not V.
    if (DefBB != ArmBB)
      SSA.RewriteUse(Store->getOperandUse(0));
    for (Use *U : LV.Uses) {
      auto *UI = cast<Instruction>(U->getUser());
      if (!isa<PHINode>(UI) && UI->getParent() == ArmBB && Arm.comesBefore(UI))
        U->set(Reload);
      else
        SSA.RewriteUse(*U);
    }
    ++N;
  }
  return N;
}
