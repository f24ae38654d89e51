//===- StripMine.cpp - a poll every K iterations of a counted loop --------===//
#include "StripMine.h"
#include "Bounds.h"
#include "LoopSize.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/PatternMatch.h"

#include <algorithm>

using namespace llvm;
using namespace llvm::PatternMatch;
using namespace cancelpoints;

/// V is `add IV, Step` with IV a two-input phi of H whose latch input is V.
static bool matchNext(Value *V, BasicBlock *H, BasicBlock *Latch, PHINode *&IV,
                      ConstantInt *&Step) {
  auto *Add = dyn_cast<BinaryOperator>(V);
  if (!Add || Add->getOpcode() != Instruction::Add)
    return false;
  for (unsigned I = 0; I < 2; ++I) {
    auto *P = dyn_cast<PHINode>(Add->getOperand(I));
    auto *S = dyn_cast<ConstantInt>(Add->getOperand(1 - I));
    if (P && S && !S->isZero() && P->getParent() == H &&
        P->getNumIncomingValues() == 2 && P->getBasicBlockIndex(Latch) >= 0 &&
        P->getIncomingValueForBlock(Latch) == Add) {
      IV = P;
      Step = S;
      return true;
    }
  }
  return false;
}

/// A header phi whose value from the latch is `select Other, X, Y`, where the
/// back edge is taken only when Other is AllOnBack: on that edge the select
/// is X (AllOnBack) or Y, so the phi takes it directly, and the select, if
/// nothing else uses it, goes.  `while (a && --n != 0)` keeps n's decrement
/// behind such a select (the decrement runs only if `a` holds), which hides
/// the counter from matchNext.
static void foldBackEdgeSelects(BasicBlock *H, BasicBlock *Latch, Value *Other,
                                bool AllOnBack) {
  for (PHINode &PN : H->phis()) {
    int Idx = PN.getBasicBlockIndex(Latch);
    auto *Sel =
        Idx < 0 ? nullptr : dyn_cast<SelectInst>(PN.getIncomingValue(Idx));
    if (!Sel || Sel->getCondition() != Other)
      continue;
    PN.setIncomingValue(Idx,
                        AllOnBack ? Sel->getTrueValue() : Sel->getFalseValue());
    // Left in place, the select would be a second use of the counter and
    // of its decrement, and the chunk could no longer count down to 0.
    if (Sel->use_empty())
      Sel->eraseFromParent();
  }
}

/// The induction variables of C's header (phis stepped by a constant on
/// the back edge), C.IV's twins (same start, same step: foldTwinIVs makes
/// them C.IV) counted as C.IV.  Every chunk restarts each
/// variable from a phi of the strip header, and loop strength reduction
/// then rewrites two of them as bases plus a new per-chunk index: zlib's
/// insert-string loop (a position up, a count down) went from 7 to 11
/// instructions an iteration, far more than the poll it saved.
static unsigned countIVs(const StripCandidate &C, BasicBlock *Pre) {
  unsigned N = 1;
  Value *Start = C.IV->getIncomingValueForBlock(Pre);
  for (PHINode &P : C.Header->phis()) {
    if (&P == C.IV || P.getNumIncomingValues() != 2)
      continue;
    Value *Next = P.getIncomingValueForBlock(C.Latch);
    // A pointer stepped by a constant offset.
    if (auto *G = dyn_cast<GetElementPtrInst>(Next)) {
      if (G->getPointerOperand() == &P && G->hasAllConstantIndices())
        ++N;
      continue;
    }
    auto *Op = dyn_cast<BinaryOperator>(Next);
    if (!Op || (Op->getOpcode() != Instruction::Add &&
                Op->getOpcode() != Instruction::Sub))
      continue;
    unsigned Self = Op->getOperand(0) == &P ? 0 : 1;
    if (Op->getOperand(Self) != &P ||
        !isa<ConstantInt>(Op->getOperand(1 - Self)))
      continue;
    bool Twin = Op->getOpcode() == Instruction::Add &&
                P.getType() == C.IV->getType() &&
                P.getIncomingValueForBlock(Pre) == Start &&
                Op->getOperand(1 - Self) == C.Step;
    if (!Twin)
      ++N;
  }
  return N;
}

/// How much work a loop nest's chunk may hold, in chunks of the largest
/// innermost loop strip-mined (K iterations of MaxBody instructions): a
/// worst case, counting every nested loop at its trip bound (zlib's hash
/// chain walk compares a byte or two of a candidate match, not 258).
static constexpr uint64_t NestChunkWork = 4;

/// The fewest iterations a chunk may have: with fewer, the loop keeps its
/// header poll.
static constexpr unsigned MinChunk = 2;

/// Is L small enough to strip-mine?  Sets MaxK, a loop nest's chunk bound
/// (0 for an innermost loop: none).
static bool isSmallEnough(const Loop &L, const LoopInfo &LI,
                          ScalarEvolution &SE, const DominatorTree &DT,
                          unsigned MaxBody, unsigned K, unsigned MaxTrip,
                          unsigned &MaxK) {
  MaxK = 0;
  if (L.isInnermost())
    return measureLoop(L).callFreeSize(MaxBody) != 0;
  uint64_t W = iterationWork(L, LI, SE, MaxTrip, &DT);
  uint64_t Budget = uint64_t(K) * MaxBody * NestChunkWork;
  if (!W || Budget / W < MinChunk)
    return false;
  MaxK = unsigned(std::min<uint64_t>(K, Budget / W));
  return true;
}

/// matchExitTest with Cond the equality test of the counter and Other the
/// condition merged with it (or null).
static bool matchCounterTest(const Loop &L, BranchInst *Br, unsigned ExitIdx,
                             Value *Cond, Value *Other, bool IsOr,
                             StripCandidate &C) {
  BasicBlock *H = L.getHeader();
  BasicBlock *Latch = Br->getParent();
  auto *Cmp = dyn_cast<ICmpInst>(Cond);
  if (!Cmp || !Cmp->isEquality() || !Cmp->hasOneUse())
    return false;
  // Exit exactly when the two operands are equal.
  bool ExitWhenEq =
      (Cmp->getPredicate() == ICmpInst::ICMP_EQ) == (ExitIdx == 0);
  if (!ExitWhenEq)
    return false;
  // The back edge is taken when Other is true (`a && ...`, exit on
  // false) or false (`a || ...`, exit on true).
  if (Other && pred_size(Latch) != 0)
    foldBackEdgeSelects(H, Latch, Other, /*AllOnBack=*/!IsOr);
  if (matchNext(Cmp->getOperand(0), H, Latch, C.IV, C.Step)) {
    C.Next = Cmp->getOperand(0);
    C.End = Cmp->getOperand(1);
  } else if (matchNext(Cmp->getOperand(1), H, Latch, C.IV, C.Step)) {
    C.Next = Cmp->getOperand(1);
    C.End = Cmp->getOperand(0);
  } else {
    return false;
  }
  if (!C.IV->getType()->isIntegerTy() || !L.isLoopInvariant(C.End))
    return false;
  C.Header = H;
  C.Latch = Latch;
  C.Br = Br;
  C.Cmp = Cmp;
  C.Other = Other;
  return true;
}

/// Matches the exit test of L's one latch, `iv.next == end` (exit on
/// equality) of a constant-step induction variable against an invariant,
/// possibly merged with another exit condition (`a || i.next == end`, exit
/// on true, or `a && i.next != end`, exit on false: a chain walk's exits).
/// Fills C's Header, Latch, Br, Cmp, Other, IV, Next, End and Step.
/// With another condition, a header phi may first take the arm of a select
/// on it that the back edge implies (foldBackEdgeSelects).
static bool matchExitTest(const Loop &L, StripCandidate &C) {
  BasicBlock *H = L.getHeader();
  BasicBlock *Latch = L.getLoopLatch();
  if (!Latch || !L.getLoopPredecessor() || pred_size(H) != 2)
    return false;
  auto *Br = dyn_cast<BranchInst>(Latch->getTerminator());
  if (!Br || !Br->isConditional())
    return false;
  unsigned ExitIdx;
  if (Br->getSuccessor(0) == H)
    ExitIdx = 1;
  else if (Br->getSuccessor(1) == H)
    ExitIdx = 0;
  else
    return false;
  if (L.contains(Br->getSuccessor(ExitIdx)))
    return false;
  Value *Cond = Br->getCondition();
  Value *X, *Y;
  bool IsOr = match(Cond, m_LogicalOr(m_Value(X), m_Value(Y)));
  if ((IsOr && ExitIdx == 0) ||
      (!IsOr && ExitIdx == 1 &&
       match(Cond, m_LogicalAnd(m_Value(X), m_Value(Y))))) {
    if (!Cond->hasOneUse())
      return false;
    // Either side may be the counter's test: the other condition can be
    // an equality test too (`prev[cur] != 0`).
    return matchCounterTest(L, Br, ExitIdx, X, Y, IsOr, C) ||
           matchCounterTest(L, Br, ExitIdx, Y, X, IsOr, C);
  }
  return matchCounterTest(L, Br, ExitIdx, Cond, nullptr, IsOr, C);
}

DenseMap<BasicBlock *, StripCandidate> cancelpoints::findStripCandidates(
    const LoopInfo &LI, ScalarEvolution &SE, const DominatorTree &DT,
    unsigned MaxBody, unsigned MaxIVs, unsigned K, unsigned MaxTrip) {
  DenseMap<BasicBlock *, StripCandidate> Out;
  for (Loop *L : LI.getLoopsInPreorder()) {
    StripCandidate C;
    if (!isSmallEnough(*L, LI, SE, DT, MaxBody, K, MaxTrip, C.MaxK) ||
        !matchExitTest(*L, C))
      continue;
    BasicBlock *Pre = L->getLoopPredecessor();
    if (countIVs(C, Pre) > MaxIVs)
      continue;
    // Entered at its end, the loop runs through its variable's whole range
    // (unless that wraps a nsw or nuw step: poison, a branch on it is UB).
    auto *NextOp = cast<BinaryOperator>(C.Next);
    C.MayStartAtEnd =
        !NextOp->hasNoSignedWrap() && !NextOp->hasNoUnsignedWrap() &&
        !SE.isLoopEntryGuardedByCond(
            L, ICmpInst::ICMP_NE,
            SE.getSCEV(C.IV->getIncomingValueForBlock(Pre)), SE.getSCEV(C.End));
    Out[C.Header] = C;
  }
  return Out;
}

/// The number of steps in a chunk: K, or fewer so that the chunk's span
/// (steps * |step|) fits the induction variable's type; 0 if not even two
/// steps fit.  (A span that wrapped - 256 steps of an i8 is 0 - would put
/// the chunk end where the variable never lands.)
static unsigned chunkSteps(const APInt &Step, unsigned K) {
  APInt Fit = APInt::getMaxValue(Step.getBitWidth()).udiv(Step.abs());
  uint64_t N = std::min<uint64_t>(K, Fit.getLimitedValue());
  return N < MinChunk ? 0 : unsigned(N);
}

/// The end of the chunk that starts at IV0: IV0 + L for s > 0, IV0 - L for
/// s < 0, with D the distance left (End - IV0, or IV0 - End) and
/// L = umin(D, K*|s|) (modular; K*|s| fits).  A loop that may be entered at
/// its end (D = 0: a do-while loop then runs through its variable's whole
/// range) takes L = K*|s| when D is 0, so that its first chunk still ends
/// after K steps.  That select costs a compare per entry, and the other
/// spelling, umin(D - |s|, K*|s| - |s|) + |s|, cost spmv 15% (loop strength
/// reduction could no longer see the chunk end as End), so it is kept to
/// the loops that need it.
static Value *chunkEnd(IRBuilder<> &B, const StripCandidate &C, Value *IV0,
                       unsigned K) {
  Type *Ty = IV0->getType();
  const APInt &S = C.Step->getValue();
  bool Up = !S.isNegative();
  APInt AbsS = S.abs();
  APInt Span = AbsS * APInt(S.getBitWidth(), K);
  Value *D = Up ? B.CreateSub(C.End, IV0, "cp.left")
                : B.CreateSub(IV0, C.End, "cp.left");
  Value *Lim = B.CreateBinaryIntrinsic(
      Intrinsic::umin, D, ConstantInt::get(Ty, Span), nullptr, "cp.chunk");
  if (C.MayStartAtEnd)
    Lim = B.CreateSelect(B.CreateIsNull(D, "cp.at.end"),
                         ConstantInt::get(Ty, Span), Lim, "cp.chunk.len");
  return Up ? B.CreateAdd(IV0, Lim, "cp.chunk.end")
            : B.CreateSub(IV0, Lim, "cp.chunk.end");
}

/// A header phi that starts where C.IV starts and steps as it does is C.IV
/// under another name (LLVM's runtime unroller leaves a count beside the
/// index, and the exit test uses the count).  Once each chunk restarts both
/// from phis of the strip header, loop strength reduction can no longer
/// tell they are equal and keeps two variables; so the twin becomes C.IV.
static void foldTwinIVs(const StripCandidate &C, BasicBlock *Pre) {
  Value *Start = C.IV->getIncomingValueForBlock(Pre);
  for (PHINode &P : make_early_inc_range(C.Header->phis())) {
    if (&P == C.IV || P.getType() != C.IV->getType() ||
        P.getNumIncomingValues() != 2 ||
        P.getIncomingValueForBlock(Pre) != Start)
      continue;
    auto *Next = dyn_cast<BinaryOperator>(P.getIncomingValueForBlock(C.Latch));
    if (!Next || Next->getOpcode() != Instruction::Add)
      continue;
    unsigned Self = Next->getOperand(0) == &P ? 0 : 1;
    if (Next->getOperand(Self) != &P || Next->getOperand(1 - Self) != C.Step)
      continue;
    P.replaceAllUsesWith(C.IV); // Next is now add C.IV, Step: C.Next's twin
    P.eraseFromParent();
  }
}

/// Whether C.IV only counts iterations: its one user is C.Next, whose users
/// are C.IV and the exit test.
static bool isPureCounter(const StripCandidate &C) {
  return C.IV->hasOneUse() && C.IV->user_back() == C.Next &&
         C.Next->hasNUses(2) && all_of(C.Next->users(), [&](User *U) {
           return U == C.IV || U == C.Cmp;
         });
}

Instruction *cancelpoints::stripMine(const StripCandidate &C, unsigned &K) {
  if (C.MaxK)
    K = std::min(K, C.MaxK);
  K = chunkSteps(C.Step->getValue(), K);
  if (!K)
    return nullptr;
  BasicBlock *H = C.Header;
  // The entering block may have changed (a poll split it): find it again.
  BasicBlock *Pre = nullptr;
  for (BasicBlock *P : predecessors(H))
    if (P != C.Latch) {
      if (Pre && Pre != P)
        return nullptr;
      Pre = P;
    }
  if (!Pre || C.Latch->getTerminator() != C.Br || pred_size(H) != 2 ||
      !isa<BranchInst>(Pre->getTerminator()) || Pre == C.Latch)
    return nullptr;
  // So may the exit (it may be the next loop's header, given an outer
  // header since).
  unsigned ExitIdx = C.Br->getSuccessor(0) == H ? 1 : 0;
  BasicBlock *Exit = C.Br->getSuccessor(ExitIdx);
  if (C.Br->getSuccessor(1 - ExitIdx) != H || Exit == H)
    return nullptr;
  foldTwinIVs(C, Pre);
  bool Counter = isPureCounter(C);
  LLVMContext &Ctx = H->getContext();
  Function *F = H->getParent();

  // The outer header: one phi per header phi, the chunk end, the poll.
  BasicBlock *OH = BasicBlock::Create(Ctx, "cp.strip", F, H);
  BasicBlock *Chunk = BasicBlock::Create(Ctx, "cp.chunk", F, Exit);
  SmallVector<std::pair<PHINode *, PHINode *>, 8> Phis;
  for (PHINode &PN : H->phis()) {
    PHINode *Q = PHINode::Create(PN.getType(), 2, PN.getName() + ".strip", OH);
    Q->addIncoming(PN.getIncomingValueForBlock(Pre), Pre);
    Q->addIncoming(PN.getIncomingValueForBlock(C.Latch), Chunk);
    Phis.push_back({&PN, Q});
  }
  for (auto &[P, Q] : Phis) {
    P->setIncomingValueForBlock(Pre, Q);
    P->replaceIncomingBlockWith(Pre, OH);
  }
  BranchInst *OHBr = BranchInst::Create(H, OH);
  OHBr->setDebugLoc(C.Br->getDebugLoc());
  IRBuilder<> OB(OHBr);
  PHINode *IVQ = nullptr;
  for (auto &[P, Q] : Phis)
    if (P == C.IV)
      IVQ = Q;
  Value *CE = chunkEnd(OB, C, IVQ, K);
  Pre->getTerminator()->replaceSuccessorWith(H, OH);

  // latch: leave for the chunk block at the chunk end.  A pure counter
  // counts the chunk down to 0 instead (c = iv - chunk end), so that its
  // test stays a compare with 0, which a decrement's flags give for free:
  // `while (--n != 0)` stays as cheap as plain's.
  // The count runs from -chunk (or +chunk) to 0: its step's nuw or nsw,
  // true of the variable's own range, is not of this one (0 - 1 + 1 wraps
  // as unsigned; a narrow type's count can wrap as signed), and a branch
  // on the poison it would give is UB: LTO's second optimiser made such a
  // loop endless.
  unsigned EndOp = C.Cmp->getOperand(0) == C.End ? 0 : 1;
  if (Counter) {
    auto *Step = cast<BinaryOperator>(C.Next);
    Step->setHasNoUnsignedWrap(false);
    Step->setHasNoSignedWrap(false);
    C.IV->setIncomingValueForBlock(OH, OB.CreateSub(IVQ, CE, "cp.count"));
    IVQ->setIncomingValueForBlock(Chunk, CE);
    C.Cmp->setOperand(EndOp, Constant::getNullValue(CE->getType()));
  } else {
    C.Cmp->setOperand(EndOp, CE);
  }
  C.Br->setSuccessor(ExitIdx, Chunk);
  for (PHINode &PN : Exit->phis())
    PN.replaceIncomingBlockWith(C.Latch, Chunk);

  // chunk: the original test; else the next chunk.
  IRBuilder<> CB(Chunk);
  CB.SetCurrentDebugLocation(C.Br->getDebugLoc());
  Value *Done = CB.CreateICmpEQ(Counter ? CE : C.Next, C.End, "cp.done");
  if (C.Other) // the other exit condition, true to exit
    Done = CB.CreateLogicalOr(
        ExitIdx == 0 ? C.Other : CB.CreateNot(C.Other, "cp.other.exit"), Done,
        "cp.exit");
  if (C.PollOnEntry) {
    CB.CreateCondBr(Done, Exit, OH);
    return &*OH->getFirstNonPHIIt();
  }
  // Between chunks only: a trip of at most K iterations runs no poll.
  BasicBlock *Next = BasicBlock::Create(Ctx, "cp.chunk.next", F, OH);
  CB.CreateCondBr(Done, Exit, Next);
  for (auto &[P, Q] : Phis)
    Q->replaceIncomingBlockWith(Chunk, Next);
  return BranchInst::Create(OH, Next);
}
