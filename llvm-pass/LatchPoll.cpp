//===- LatchPoll.cpp - the poll of a short loop off its short trips -------===//
#include "LatchPoll.h"
#include "StripMine.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/CycleAnalysis.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/SSAUpdater.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <memory>

using namespace llvm;
using namespace cancelpoints;

/// How many of Term's successor edges go to Succ.
static unsigned edgesTo(const Instruction *Term, const BasicBlock *Succ) {
  unsigned N = 0;
  for (unsigned I = 0, E = Term->getNumSuccessors(); I != E; ++I)
    N += Term->getSuccessor(I) == Succ;
  return N;
}

DenseMap<BasicBlock *, LatchPollCandidate>
cancelpoints::findLatchPollCandidates(Function &F, unsigned MaxBody) {
  DenseMap<BasicBlock *, LatchPollCandidate> Out;
  DominatorTree DT(F);
  LoopInfo LI(DT);
  CycleInfo CI;
  CI.compute(F);
  for (Loop *L : LI.getLoopsInPreorder()) {
    if (!L->isInnermost())
      continue;
    BasicBlock *H = L->getHeader();
    // The same cycle for CycleInfo, with no cycle inside (LoopInfo does not
    // see an irreducible cycle nested in a natural loop; cloned, its copies
    // would have no point).
    const CycleInfo::CycleT *Cy = CI.getCycle(H);
    if (!Cy || Cy->getHeader() != H || !Cy->isReducible() ||
        Cy->getNumChildren() != 0 ||
        Cy->getNumBlocks() != L->getNumBlocks())
      continue;
    SmallVector<BasicBlock *, 4> Latches;
    L->getLoopLatches(Latches);
    if (Latches.empty() ||
        any_of(Latches, [&](BasicBlock *Lt) {
          return edgesTo(Lt->getTerminator(), H) != 1;
        }))
      continue;
    // To be unrolled: small and call-free (StripMine.h), and nothing that
    // must not be duplicated.  Any other loop with one latch may still
    // move its poll to its back edge (K = 1: nothing is copied).
    unsigned N = smallCallFreeSize(*L, MaxBody);
    if (!N && Latches.size() == 1) {
      LatchPollCandidate C;
      C.Header = H;
      C.Blocks.assign(L->block_begin(), L->block_end());
      C.Size = 0;
      Out[H] = std::move(C);
      continue;
    }
    if (!N || any_of(L->blocks(), [](BasicBlock *B) {
          return B->hasAddressTaken() || B->isEHPad() ||
                 !isa<BranchInst, SwitchInst, ReturnInst, UnreachableInst>(
                     B->getTerminator()) ||
                 any_of(*B, [](Instruction &I) {
                   auto *CB = dyn_cast<CallBase>(&I);
                   return I.getType()->isTokenTy() ||
                          (CB && (CB->cannotDuplicate() || CB->isConvergent()));
                 });
        }))
      continue;
    LatchPollCandidate C;
    C.Header = H;
    C.Blocks.assign(L->block_begin(), L->block_end()); // header first
    C.Size = N;
    Out[H] = std::move(C);
  }
  return Out;
}

namespace {
/// A phi entry of an exit block whose incoming block is in the loop.
struct ExitEntry {
  PHINode *Phi;
  BasicBlock *From;
  Value *V;
};
} // namespace

Instruction *cancelpoints::latchPoll(const LatchPollCandidate &C, unsigned K) {
  if (K == 0)
    return nullptr;
  BasicBlock *H = C.Header;
  Function *F = H->getParent();
  LLVMContext &Ctx = F->getContext();
  SmallVector<BasicBlock *, 8> Blocks(C.Blocks.begin(), C.Blocks.end());
  SmallPtrSet<BasicBlock *, 16> In(Blocks.begin(), Blocks.end());

  // The loop must still be as found: entered only through its header, its
  // latches with one edge each to the header.
  SmallVector<BasicBlock *, 4> Latches;
  for (BasicBlock *P : predecessors(H))
    if (In.count(P) && !is_contained(Latches, P))
      Latches.push_back(P);
  if (Latches.empty())
    return nullptr;
  for (BasicBlock *Lt : Latches)
    if (edgesTo(Lt->getTerminator(), H) != 1)
      return nullptr;
  for (BasicBlock *B : Blocks)
    if (B != H)
      for (BasicBlock *P : predecessors(B))
        if (!In.count(P))
          return nullptr;

  // One latch: several are merged into a block of their own.
  BasicBlock *Lt = Latches.front();
  if (Latches.size() > 1) {
    BasicBlock *NL =
        BasicBlock::Create(Ctx, H->getName() + ".cp.latch", F, H);
    for (PHINode &PN : H->phis()) {
      PHINode *NP = PHINode::Create(PN.getType(), Latches.size(),
                                    PN.getName() + ".cp.latch", NL);
      for (BasicBlock *L : Latches) {
        NP->addIncoming(PN.getIncomingValueForBlock(L), L);
        PN.removeIncomingValue(L, /*DeletePHIIfEmpty=*/false);
      }
      PN.addIncoming(NP, NL);
    }
    BranchInst::Create(H, NL)->setDebugLoc(
        Latches.front()->getTerminator()->getDebugLoc());
    for (BasicBlock *L : Latches)
      L->getTerminator()->replaceSuccessorWith(H, NL);
    Blocks.push_back(NL);
    In.insert(NL);
    Lt = NL;
  }

  // An address used after the loop is computed again where it is used (as
  // CodeGenPrepare would sink it into its user's addressing mode), so that
  // the exits merge its operands, not the address: a phi of addresses
  // costs a register copy on every exit edge of every copy.
  if (K > 1)
    for (BasicBlock *B : Blocks)
      for (Instruction &I : *B) {
        auto *GEP = dyn_cast<GetElementPtrInst>(&I);
        if (!GEP)
          continue;
        SmallVector<Use *, 4> Us;
        for (Use &U : GEP->uses()) {
          auto *UI = cast<Instruction>(U.getUser());
          if (!isa<PHINode>(UI) && !In.count(UI->getParent()))
            Us.push_back(&U);
        }
        for (Use *U : Us) {
          Instruction *C = GEP->clone();
          auto *UI = cast<Instruction>(U->getUser());
          C->insertInto(UI->getParent(), UI->getIterator());
          C->setName(GEP->getName());
          U->set(C);
        }
      }

  // What the copies must extend: the latch values of the header phis, the
  // exit phis' entries from the loop, the other uses after the loop.
  SmallVector<std::pair<PHINode *, Value *>, 8> HeaderPhis;
  for (PHINode &PN : H->phis())
    HeaderPhis.push_back({&PN, PN.getIncomingValueForBlock(Lt)});
  SmallVector<ExitEntry, 8> ExitEntries;
  SmallPtrSet<BasicBlock *, 8> ExitSeen;
  for (BasicBlock *B : Blocks)
    for (BasicBlock *E : successors(B))
      if (!In.count(E) && ExitSeen.insert(E).second)
        for (PHINode &PN : E->phis())
          for (unsigned I = 0, N = PN.getNumIncomingValues(); I != N; ++I)
            if (In.count(PN.getIncomingBlock(I)))
              ExitEntries.push_back(
                  {&PN, PN.getIncomingBlock(I), PN.getIncomingValue(I)});
  // A use is kept as (user, operand number), not as a Use *: adding the
  // copies' entries to an exit phi may reallocate its operands.
  using OutUse = std::pair<Instruction *, unsigned>;
  SmallVector<std::pair<Instruction *, SmallVector<OutUse, 4>>, 8> OutUses;
  for (BasicBlock *B : Blocks)
    for (Instruction &I : *B) {
      SmallVector<OutUse, 4> Us;
      for (Use &U : I.uses()) {
        auto *UI = cast<Instruction>(U.getUser());
        BasicBlock *UB = UI->getParent();
        if (auto *P = dyn_cast<PHINode>(UI))
          UB = P->getIncomingBlock(U);
        if (!In.count(UB))
          Us.push_back({UI, U.getOperandNo()});
      }
      if (!Us.empty())
        OutUses.push_back({&I, std::move(Us)});
    }

  // K-1 copies, each entered from the latch of the one before.
  SmallVector<std::unique_ptr<ValueToValueMapTy>, 4> VMs;
  auto Lookup = [&](unsigned Copy, Value *V) -> Value * {
    if (Copy == 0)
      return V;
    ValueToValueMapTy &VM = *VMs[Copy - 1];
    auto It = VM.find(V);
    return It != VM.end() ? static_cast<Value *>(It->second) : V;
  };
  auto HeaderOf = [&](unsigned Copy) {
    return cast<BasicBlock>(Lookup(Copy, H));
  };
  auto LatchOf = [&](unsigned Copy) {
    return cast<BasicBlock>(Lookup(Copy, Lt));
  };
  BasicBlock *Last = Blocks.back();
  for (unsigned Copy = 1; Copy < K; ++Copy) {
    VMs.push_back(std::make_unique<ValueToValueMapTy>());
    ValueToValueMapTy &VM = *VMs.back();
    SmallVector<BasicBlock *, 8> New;
    for (BasicBlock *B : Blocks) {
      BasicBlock *NB = CloneBasicBlock(B, VM, ".u" + Twine(Copy), F);
      NB->moveAfter(Last);
      Last = NB;
      VM[B] = NB;
      New.push_back(NB);
    }
    // The copy's header phis are the previous copy's latch values.
    for (auto &[PN, V] : HeaderPhis) {
      auto *NP = cast<PHINode>(static_cast<Value *>(VM[PN]));
      VM[PN] = Lookup(Copy - 1, V);
      NP->eraseFromParent();
    }
    remapInstructionsInBlocks(New, VM);
    for (const ExitEntry &X : ExitEntries)
      X.Phi->addIncoming(Lookup(Copy, X.V),
                          cast<BasicBlock>(static_cast<Value *>(VM[X.From])));
  }

  // Each latch goes to the next copy's header (once all are cloned from
  // the untouched loop, each latch branches to its own copy's header).
  for (unsigned Copy = 1; Copy < K; ++Copy)
    LatchOf(Copy - 1)->getTerminator()->replaceSuccessorWith(
        HeaderOf(Copy - 1), HeaderOf(Copy));

  // The one back edge: last latch -> cp.latchpoll -> header.
  BasicBlock *LastLatch = LatchOf(K - 1);
  Instruction *LT = LastLatch->getTerminator();
  BasicBlock *PB = BasicBlock::Create(Ctx, "cp.latchpoll", F,
                                      LastLatch->getNextNode());
  BranchInst *Back = BranchInst::Create(H, PB);
  Back->setDebugLoc(LT->getDebugLoc());
  LT->replaceSuccessorWith(HeaderOf(K - 1), PB);
  for (auto &[PN, V] : HeaderPhis) {
    int Idx = PN->getBasicBlockIndex(Lt);
    PN->setIncomingValue(Idx, Lookup(K - 1, V));
    PN->setIncomingBlock(Idx, PB);
  }
  // The loop's metadata goes with its back edge.
  if (MDNode *LoopMD = Lt->getTerminator()->getMetadata(LLVMContext::MD_loop)) {
    for (unsigned Copy = 0; Copy < K; ++Copy)
      LatchOf(Copy)->getTerminator()->setMetadata(LLVMContext::MD_loop,
                                                  nullptr);
    Back->setMetadata(LLVMContext::MD_loop, LoopMD);
  }

  // Values used after the loop: from whichever copy left it.
  if (K > 1)
    for (auto &[I, Us] : OutUses) {
      SSAUpdater SSA;
      SSA.Initialize(I->getType(), I->getName());
      SSA.AddAvailableValue(I->getParent(), I);
      for (unsigned Copy = 1; Copy < K; ++Copy)
        SSA.AddAvailableValue(cast<BasicBlock>(Lookup(Copy, I->getParent())),
                              Lookup(Copy, I));
      for (auto &[UI, OpNo] : Us)
        SSA.RewriteUse(UI->getOperandUse(OpNo));
    }
  return Back;
}
