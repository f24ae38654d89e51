//===- LatchPoll.cpp - the poll of a short loop off its short trips -------===//
#include "LatchPoll.h"
#include "LoopSize.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/CycleAnalysis.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Instructions.h"
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
cancelpoints::findLatchPollCandidates(const LoopInfo &LI, const CycleInfo &CI,
                                      unsigned MaxBody) {
  DenseMap<BasicBlock *, LatchPollCandidate> Out;
  for (Loop *L : LI.getLoopsInPreorder()) {
    if (!L->isInnermost())
      continue;
    BasicBlock *H = L->getHeader();
    // The same cycle for CycleInfo, with no cycle inside (LoopInfo does not
    // see an irreducible cycle nested in a natural loop; cloned, its copies
    // would have no point).
    const CycleInfo::CycleT *Cy = CI.getCycle(H);
    if (!Cy || Cy->getHeader() != H || !Cy->isReducible() ||
        Cy->getNumChildren() != 0 || Cy->getNumBlocks() != L->getNumBlocks())
      continue;
    SmallVector<BasicBlock *, 4> Latches;
    L->getLoopLatches(Latches);
    // Each latch's one edge to the header can be moved: a br or a switch
    // (an indirectbr goes where its address says, whatever its list).
    if (Latches.empty() || any_of(Latches, [&](BasicBlock *Lt) {
          const Instruction *T = Lt->getTerminator();
          return !isa<BranchInst, SwitchInst>(T) || edgesTo(T, H) != 1;
        }))
      continue;
    // To be unrolled: small and call-free, and nothing that must not be
    // duplicated (LoopSize.h).  Any other loop with one latch may still
    // move its poll to its back edge (K = 1: nothing is copied).
    LoopSize S = measureLoop(*L);
    unsigned N = S.callFreeSize(MaxBody);
    if (!N && Latches.size() == 1) {
      LatchPollCandidate C;
      C.Header = H;
      C.Blocks.assign(L->block_begin(), L->block_end());
      C.Size = 0;
      Out[H] = std::move(C);
      continue;
    }
    if (!N || S.Uncopyable || S.OtherTerminators)
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

/// A use after the loop, kept as (user, operand number), not as a Use *:
/// adding the copies' entries to an exit phi may reallocate its operands.
using OutUse = std::pair<Instruction *, unsigned>;

/// The loop being unrolled: its blocks (header first, then the merged
/// latch if any), what its copies must extend, and the copies' value maps.
struct Unrolling {
  BasicBlock *H;
  Function *F;
  SmallVector<BasicBlock *, 8> Blocks;
  SmallPtrSet<BasicBlock *, 16> In;
  BasicBlock *Lt = nullptr; ///< the one latch
  /// The latch values of the header phis.
  SmallVector<std::pair<PHINode *, Value *>, 8> HeaderPhis;
  /// The exit phis' entries from the loop.
  SmallVector<ExitEntry, 8> ExitEntries;
  /// The other uses after the loop, by value.
  SmallVector<std::pair<Instruction *, SmallVector<OutUse, 4>>, 8> OutUses;
  /// Copy K's map (copy 0 is the loop itself), from copy 1 on.
  SmallVector<std::unique_ptr<ValueToValueMapTy>, 4> VMs;

  explicit Unrolling(const LatchPollCandidate &C)
      : H(C.Header), F(C.Header->getParent()),
        Blocks(C.Blocks.begin(), C.Blocks.end()),
        In(C.Blocks.begin(), C.Blocks.end()) {}

  /// V in copy Copy.
  Value *lookup(unsigned Copy, Value *V) const {
    if (Copy == 0)
      return V;
    ValueToValueMapTy &VM = *VMs[Copy - 1];
    auto It = VM.find(V);
    return It != VM.end() ? static_cast<Value *>(It->second) : V;
  }
  BasicBlock *headerOf(unsigned Copy) const {
    return cast<BasicBlock>(lookup(Copy, H));
  }
  BasicBlock *latchOf(unsigned Copy) const {
    return cast<BasicBlock>(lookup(Copy, Lt));
  }
};
} // namespace

/// Is the loop still as found: entered only through its header, its
/// latches (into Latches) with one edge each to the header?
static bool stillAsFound(const Unrolling &U,
                         SmallVectorImpl<BasicBlock *> &Latches) {
  for (BasicBlock *P : predecessors(U.H))
    if (U.In.count(P) && !is_contained(Latches, P))
      Latches.push_back(P);
  if (Latches.empty())
    return false;
  for (BasicBlock *Lt : Latches)
    if (edgesTo(Lt->getTerminator(), U.H) != 1)
      return false;
  for (BasicBlock *B : U.Blocks)
    if (B != U.H)
      for (BasicBlock *P : predecessors(B))
        if (!U.In.count(P))
          return false;
  return true;
}

/// One latch: several are merged into a block of their own.
static void mergeLatches(Unrolling &U, ArrayRef<BasicBlock *> Latches) {
  U.Lt = Latches.front();
  if (Latches.size() == 1)
    return;
  BasicBlock *H = U.H;
  BasicBlock *NL =
      BasicBlock::Create(H->getContext(), H->getName() + ".cp.latch", U.F, H);
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
  U.Blocks.push_back(NL);
  U.In.insert(NL);
  U.Lt = NL;
}

/// An address used after the loop is computed again where it is used (as
/// CodeGenPrepare would sink it into its user's addressing mode), so that
/// the exits merge its operands, not the address: a phi of addresses costs
/// a register copy on every exit edge of every copy.
static void recomputeAddressesAfter(const Unrolling &U) {
  for (BasicBlock *B : U.Blocks)
    for (Instruction &I : *B) {
      auto *GEP = dyn_cast<GetElementPtrInst>(&I);
      if (!GEP)
        continue;
      SmallVector<Use *, 4> Us;
      for (Use &Use : GEP->uses()) {
        auto *UI = cast<Instruction>(Use.getUser());
        if (!isa<PHINode>(UI) && !U.In.count(UI->getParent()))
          Us.push_back(&Use);
      }
      for (Use *Use : Us) {
        Instruction *C = GEP->clone();
        auto *UI = cast<Instruction>(Use->getUser());
        C->insertInto(UI->getParent(), UI->getIterator());
        C->setName(GEP->getName());
        Use->set(C);
      }
    }
}

/// What the copies must extend: the latch values of the header phis, the
/// exit phis' entries from the loop, the other uses after the loop.
static void collectOutputs(Unrolling &U) {
  for (PHINode &PN : U.H->phis())
    U.HeaderPhis.push_back({&PN, PN.getIncomingValueForBlock(U.Lt)});
  SmallPtrSet<BasicBlock *, 8> ExitSeen;
  for (BasicBlock *B : U.Blocks)
    for (BasicBlock *E : successors(B))
      if (!U.In.count(E) && ExitSeen.insert(E).second)
        for (PHINode &PN : E->phis())
          for (unsigned I = 0, N = PN.getNumIncomingValues(); I != N; ++I)
            if (U.In.count(PN.getIncomingBlock(I)))
              U.ExitEntries.push_back(
                  {&PN, PN.getIncomingBlock(I), PN.getIncomingValue(I)});
  for (BasicBlock *B : U.Blocks)
    for (Instruction &I : *B) {
      SmallVector<OutUse, 4> Us;
      for (Use &Use : I.uses()) {
        auto *UI = cast<Instruction>(Use.getUser());
        BasicBlock *UB = UI->getParent();
        if (auto *P = dyn_cast<PHINode>(UI))
          UB = P->getIncomingBlock(Use);
        if (!U.In.count(UB))
          Us.push_back({UI, Use.getOperandNo()});
      }
      if (!Us.empty())
        U.OutUses.push_back({&I, std::move(Us)});
    }
}

/// K-1 copies, each entered from the latch of the one before.
static void cloneCopies(Unrolling &U, unsigned K) {
  BasicBlock *Last = U.Blocks.back();
  for (unsigned Copy = 1; Copy < K; ++Copy) {
    U.VMs.push_back(std::make_unique<ValueToValueMapTy>());
    ValueToValueMapTy &VM = *U.VMs.back();
    SmallVector<BasicBlock *, 8> New;
    for (BasicBlock *B : U.Blocks) {
      BasicBlock *NB = CloneBasicBlock(B, VM, ".u" + Twine(Copy), U.F);
      NB->moveAfter(Last);
      Last = NB;
      VM[B] = NB;
      New.push_back(NB);
    }
    // The copy's header phis are the previous copy's latch values.
    for (auto &[PN, V] : U.HeaderPhis) {
      auto *NP = cast<PHINode>(static_cast<Value *>(VM[PN]));
      VM[PN] = U.lookup(Copy - 1, V);
      NP->eraseFromParent();
    }
    remapInstructionsInBlocks(New, VM);
    for (const ExitEntry &X : U.ExitEntries)
      X.Phi->addIncoming(U.lookup(Copy, X.V),
                         cast<BasicBlock>(static_cast<Value *>(VM[X.From])));
  }
  // Each latch goes to the next copy's header (once all are cloned from
  // the untouched loop, each latch branches to its own copy's header).
  for (unsigned Copy = 1; Copy < K; ++Copy)
    U.latchOf(Copy - 1)->getTerminator()->replaceSuccessorWith(
        U.headerOf(Copy - 1), U.headerOf(Copy));
}

/// The one back edge: last latch -> cp.latchpoll -> header.  Returns its
/// branch.
static BranchInst *makeBackEdge(Unrolling &U, unsigned K) {
  BasicBlock *LastLatch = U.latchOf(K - 1);
  Instruction *LT = LastLatch->getTerminator();
  BasicBlock *PB = BasicBlock::Create(U.F->getContext(), "cp.latchpoll", U.F,
                                      LastLatch->getNextNode());
  BranchInst *Back = BranchInst::Create(U.H, PB);
  Back->setDebugLoc(LT->getDebugLoc());
  LT->replaceSuccessorWith(U.headerOf(K - 1), PB);
  for (auto &[PN, V] : U.HeaderPhis) {
    int Idx = PN->getBasicBlockIndex(U.Lt);
    PN->setIncomingValue(Idx, U.lookup(K - 1, V));
    PN->setIncomingBlock(Idx, PB);
  }
  // The loop's metadata goes with its back edge.
  if (MDNode *LoopMD =
          U.Lt->getTerminator()->getMetadata(LLVMContext::MD_loop)) {
    for (unsigned Copy = 0; Copy < K; ++Copy)
      U.latchOf(Copy)->getTerminator()->setMetadata(LLVMContext::MD_loop,
                                                    nullptr);
    Back->setMetadata(LLVMContext::MD_loop, LoopMD);
  }
  return Back;
}

/// Values used after the loop: from whichever copy left it.
static void mergeOutputs(Unrolling &U, unsigned K) {
  for (auto &[I, Us] : U.OutUses) {
    SSAUpdater SSA;
    SSA.Initialize(I->getType(), I->getName());
    SSA.AddAvailableValue(I->getParent(), I);
    for (unsigned Copy = 1; Copy < K; ++Copy)
      SSA.AddAvailableValue(cast<BasicBlock>(U.lookup(Copy, I->getParent())),
                            U.lookup(Copy, I));
    for (auto &[UI, OpNo] : Us)
      SSA.RewriteUse(UI->getOperandUse(OpNo));
  }
}

Instruction *cancelpoints::latchPoll(const LatchPollCandidate &C, unsigned K) {
  if (K == 0)
    return nullptr;
  Unrolling U(C);
  SmallVector<BasicBlock *, 4> Latches;
  if (!stillAsFound(U, Latches))
    return nullptr;
  mergeLatches(U, Latches);
  if (K > 1)
    recomputeAddressesAfter(U);
  collectOutputs(U);
  cloneCopies(U, K);
  BranchInst *Back = makeBackEdge(U, K);
  if (K > 1)
    mergeOutputs(U, K);
  return Back;
}
