//===- Bounds.cpp - loops that end soon enough to need no point -----------===//
#include "Bounds.h"
#include "Bisection.h"
#include "LoopSize.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/ConstantRange.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <optional>

using namespace llvm;
using namespace cancelpoints;

#define DEBUG_TYPE "cancelpoints"

STATISTIC(NumRangeBounded,
          "Loops bounded only by value ranges, a shift recurrence or "
          "bisection");

static cl::opt<unsigned> BoundedTripOpt(
    "cancelpoints-bounded-trip",
    cl::desc("A loop whose trip count has a constant bound of at most N "
             "(SCEV) gets no point of its own (0: off)"),
    cl::init(64));

static cl::opt<unsigned> BoundedWorkOpt(
    "cancelpoints-bounded-work",
    cl::desc("An innermost loop whose constant trip bound (SCEV) times its "
             "size in IR instructions (a call counts as 32) is at most N "
             "gets no point of its own (0: off)"),
    cl::init(8192));

static cl::opt<bool> BoundRangesOpt(
    "cancelpoints-bound-ranges",
    cl::desc("Bound a loop's trip count by the unsigned ranges of the values "
             "its symbolic bound is made of (through phis, selects, shifts "
             "and the counts of earlier loops), by running a shift "
             "recurrence, or as a binary search, where SCEV has no constant"),
    cl::init(true));

static cl::opt<bool> CheckBoundsOpt(
    "cancelpoints-check-bounds",
    cl::desc("For testing the bounds: a loop given no point for its trip "
             "bound counts its iterations and traps past the bound"),
    cl::init(false));

bool cancelpoints::boundsEnabled() { return BoundedTripOpt || BoundedWorkOpt; }

unsigned cancelpoints::boundedTripLimit() { return BoundedTripOpt; }

namespace {

/// Unsigned ranges of SCEV expressions, sharper than ScalarEvolution's own
/// where the bound of a loop is a value that SCEV cannot see through: a phi
/// or select of bounded values, a shift by a bounded amount, or what an
/// earlier loop counted (an induction variable of loop L1 used after L1 is
/// at most its start plus its step times L1's own bound).  Every rule is
/// modular arithmetic on ConstantRange, so a result is sound whatever
/// wrapping flags the IR claims; each is intersected with SCEV's range.
/// A value SCEV leaves opaque is also bounded by the branches that decide
/// whether the loop runs (`if (n <= 40) { if (f) ...; for (i < n) ... }`),
/// which SCEV's own loop guards miss where paths merge between the branch
/// and the loop.
class RangeFinder {
  ScalarEvolution &SE;
  const DominatorTree *DT;            // may be null: no branch conditions
  const BasicBlock *At;               // the header of the loop being bounded
  SmallPtrSet<const Value *, 8> Open; // phis under evaluation (cycles)
  DenseMap<const Loop *, std::optional<APInt>> MaxBTC;
  SmallPtrSet<const Loop *, 2> ByEntry; // bounded edge by edge (below)
  unsigned Depth = 0;
  static constexpr unsigned MaxDepth = 12;
  static constexpr unsigned MaxDominators = 32;
  static constexpr unsigned MaxPathEdges = 8;

public:
  RangeFinder(ScalarEvolution &SE, const DominatorTree *DT, const Loop &L)
      : SE(SE), DT(DT), At(L.getHeader()) {}

  ConstantRange range(const SCEV *S) {
    ConstantRange Known = SE.getUnsignedRange(S);
    if (Depth >= MaxDepth || Known.isSingleElement())
      return Known;
    ++Depth;
    ConstantRange R = evaluate(S);
    --Depth;
    return R.intersectWith(Known, ConstantRange::Unsigned);
  }

  /// Was L's bound found edge by edge into its preheader?
  bool boundedByEntry(const Loop &L) const { return ByEntry.count(&L); }

  /// An upper bound on the times L's back edge is taken, or none.
  std::optional<APInt> maxBackedgeTaken(const Loop &L) {
    auto [It, New] = MaxBTC.try_emplace(&L, std::nullopt);
    if (!New)
      return It->second; // known, or under evaluation: none
    const SCEV *Max = SE.getSymbolicMaxBackedgeTakenCount(&L);
    if (isa<SCEVCouldNotCompute>(Max))
      return std::nullopt;
    // The loop's guards (a count tested against 0 before it) keep the
    // "count - 1" of an empty trip from wrapping.
    ConstantRange R = range(SE.applyLoopGuards(Max, &L));
    if (R.isFullSet()) {
      R = byEntryEdge(L, Max);
      if (!R.isFullSet())
        ByEntry.insert(&L);
    }
    std::optional<APInt> B;
    if (!R.isFullSet())
      B = R.getUnsignedMax();
    return MaxBTC[&L] = B;
  }

private:
  ConstantRange full(const SCEV *S) {
    return ConstantRange::getFull(SE.getTypeSizeInBits(S->getType()));
  }

  template <typename Fold>
  ConstantRange foldOperands(const SCEVNAryExpr *E, Fold F) {
    ConstantRange R = range(E->getOperand(0));
    for (const SCEV *Op : drop_begin(E->operands()))
      R = F(R, range(Op));
    return R;
  }

  ConstantRange evaluate(const SCEV *S);
  ConstantRange ofAdd(const SCEVAddExpr *Add);
  std::optional<ConstantRange> asRemainder(const SCEVAddExpr *Add,
                                           const SCEV *Term);
  const SCEV *quotientOf(const SCEV *W, const APInt &C);
  ConstantRange byEntryEdge(const Loop &L, const SCEV *Count);
  ConstantRange onEdge(const BasicBlock *E, const BasicBlock *P,
                       const SCEV *Count);
  ConstantRange countFrom(const SCEV *Count, const SCEV *K,
                          ConstantRange Holds);
  ConstantRange ofAddRec(const SCEVAddRecExpr *AR);
  ConstantRange ofValue(const SCEVUnknown *U);
  ConstantRange ofOperations(const SCEVUnknown *U);
  ConstantRange ofBranches(const Value *V, unsigned Bits) const;
};

} // namespace

ConstantRange RangeFinder::evaluate(const SCEV *S) {
  if (S->getType()->isPointerTy())
    return full(S);
  unsigned Bits = SE.getTypeSizeInBits(S->getType());
  switch (S->getSCEVType()) {
  case scConstant:
    return ConstantRange(cast<SCEVConstant>(S)->getAPInt());
  case scZeroExtend:
    return range(cast<SCEVCastExpr>(S)->getOperand(0)).zeroExtend(Bits);
  case scSignExtend:
    return range(cast<SCEVCastExpr>(S)->getOperand(0)).signExtend(Bits);
  case scTruncate:
    return range(cast<SCEVCastExpr>(S)->getOperand(0)).truncate(Bits);
  case scAddExpr:
    return ofAdd(cast<SCEVAddExpr>(S));
  case scMulExpr:
    return foldOperands(
        cast<SCEVNAryExpr>(S),
        [](const auto &A, const auto &B) { return A.multiply(B); });
  case scUDivExpr: {
    auto *D = cast<SCEVUDivExpr>(S);
    return range(D->getLHS()).udiv(range(D->getRHS()));
  }
  case scUMaxExpr:
    return foldOperands(cast<SCEVNAryExpr>(S),
                        [](const auto &A, const auto &B) { return A.umax(B); });
  case scUMinExpr:
  case scSequentialUMinExpr:
    return foldOperands(cast<SCEVNAryExpr>(S),
                        [](const auto &A, const auto &B) { return A.umin(B); });
  case scSMaxExpr:
    return foldOperands(cast<SCEVNAryExpr>(S),
                        [](const auto &A, const auto &B) { return A.smax(B); });
  case scSMinExpr:
    return foldOperands(cast<SCEVNAryExpr>(S),
                        [](const auto &A, const auto &B) { return A.smin(B); });
  case scAddRecExpr:
    return ofAddRec(cast<SCEVAddRecExpr>(S));
  case scUnknown:
    return ofValue(cast<SCEVUnknown>(S));
  default:
    return full(S);
  }
}

/// A sum, term by term; or, if it is X - C * (X /u C) + d, a remainder:
/// d + [0, C - 1].  (The vectoriser's count of iterations left for the
/// scalar loop is the trip count less the vector loop's, a multiple of C.)
ConstantRange RangeFinder::ofAdd(const SCEVAddExpr *Add) {
  ConstantRange R =
      foldOperands(Add, [](const auto &A, const auto &B) { return A.add(B); });
  for (const SCEV *Term : Add->operands())
    if (std::optional<ConstantRange> Rem = asRemainder(Add, Term))
      return R.intersectWith(*Rem, ConstantRange::Unsigned);
  return R;
}

/// Add's range if Term is -C * (X /u C) and the rest of Add is X + d.
std::optional<ConstantRange> RangeFinder::asRemainder(const SCEVAddExpr *Add,
                                                      const SCEV *Term) {
  auto *Mul = dyn_cast<SCEVMulExpr>(Term);
  if (!Mul || Mul->getNumOperands() != 2)
    return std::nullopt;
  auto *NegC = dyn_cast<SCEVConstant>(Mul->getOperand(0));
  if (!NegC || !NegC->getAPInt().isNegative())
    return std::nullopt;
  APInt C = -NegC->getAPInt();
  const SCEV *X = quotientOf(Mul->getOperand(1), C);
  if (!X || C.isOne())
    return std::nullopt;
  auto *D =
      dyn_cast<SCEVConstant>(SE.getMinusSCEV(SE.getMinusSCEV(Add, Term), X));
  if (!D)
    return std::nullopt;
  return ConstantRange(APInt::getZero(C.getBitWidth()), C).add(D->getAPInt());
}

/// X if W is X /u C, or zext(trunc(X /u C)) where X /u C fits the
/// truncated width (how SCEV writes `X & -C` of a value with known high
/// zero bits); else null.
const SCEV *RangeFinder::quotientOf(const SCEV *W, const APInt &C) {
  auto *Ext = dyn_cast<SCEVZeroExtendExpr>(W);
  auto *Trunc = Ext ? dyn_cast<SCEVTruncateExpr>(Ext->getOperand()) : nullptr;
  auto *Div = dyn_cast<SCEVUDivExpr>(Trunc ? Trunc->getOperand() : W);
  if (!Div || Div->getType() != W->getType())
    return nullptr;
  auto *DivC = dyn_cast<SCEVConstant>(Div->getRHS());
  if (!DivC || DivC->getAPInt() != C)
    return nullptr;
  if (Trunc && range(Div).getUnsignedMax().getActiveBits() >
                   SE.getTypeSizeInBits(Trunc->getType()))
    return nullptr;
  return Div->getLHS();
}

/// A count made of phis of L's preheader, bounded edge by edge into the
/// preheader: each edge's values of the phis put in, and what the edge's
/// branch says of the result, and the branches before it on the one way
/// that leads to it.  The scalar loop after a vector loop starts
/// where the vector loop stopped, or where the source's loop starts when
/// the trip is too short for the vector loop; either way it runs fewer
/// iterations than the vector loop does in one.  An edge from a failed
/// overlap check starts it at the beginning with no such test: no bound.
/// Only forward edges: a phi's value on a back edge is the last iteration's,
/// which SCEV's recurrences would read as this one's.
ConstantRange RangeFinder::byEntryEdge(const Loop &L, const SCEV *Count) {
  ConstantRange R =
      ConstantRange::getEmpty(SE.getTypeSizeInBits(Count->getType()));
  const BasicBlock *P = L.getLoopPreheader();
  if (!DT || !P || P->phis().empty() || Count->getType()->isPointerTy())
    return full(Count);
  for (const BasicBlock *E : predecessors(P)) {
    if (DT->dominates(P, E))
      return full(Count);
    ValueToSCEVMapTy Map;
    for (const PHINode &Phi : P->phis())
      if (SE.isSCEVable(Phi.getType()))
        Map[&Phi] = SE.getSCEV(Phi.getIncomingValueForBlock(E));
    const SCEV *OnEdge = SCEVParameterRewriter::rewrite(Count, SE, Map);
    if (OnEdge == Count)
      return full(Count); // not made of the phis
    ConstantRange ER = range(OnEdge);
    // The edge's branch, and those on the way to it while the way is one.
    const BasicBlock *From = E, *To = P;
    for (unsigned Steps = 0; From && Steps < MaxPathEdges; ++Steps) {
      ER = ER.intersectWith(onEdge(From, To, OnEdge), ConstantRange::Unsigned);
      To = From;
      From = From->getSinglePredecessor();
    }
    R = R.unionWith(ER, ConstantRange::Unsigned);
    if (R.isFullSet())
      break;
  }
  return R;
}

/// What E's branch to P says of Count: a comparison of a value K with a
/// constant, or of two values A and B (K = A - B or B - A: 0 if they are
/// equal, not 0 if they differ or one is less), where Count is K plus a
/// constant.
ConstantRange RangeFinder::onEdge(const BasicBlock *E, const BasicBlock *P,
                                  const SCEV *Count) {
  ConstantRange Full = full(Count);
  auto *Br = dyn_cast<BranchInst>(E->getTerminator());
  if (!Br || !Br->isConditional() || Br->getSuccessor(0) == Br->getSuccessor(1))
    return Full;
  auto *Cmp = dyn_cast<ICmpInst>(Br->getCondition());
  if (!Cmp || !Cmp->getOperand(0)->getType()->isIntegerTy())
    return Full;
  CmpInst::Predicate Pred = Br->getSuccessor(0) == P
                                ? Cmp->getPredicate()
                                : Cmp->getInversePredicate();
  const SCEV *A = SE.getSCEV(Cmp->getOperand(0));
  const SCEV *B = SE.getSCEV(Cmp->getOperand(1));
  if (auto *C = dyn_cast<SCEVConstant>(B))
    return countFrom(Count, A,
                     ConstantRange::makeAllowedICmpRegion(
                         Pred, ConstantRange(C->getAPInt())));
  if (Pred == ICmpInst::ICMP_ULE || Pred == ICmpInst::ICMP_UGE ||
      Pred == ICmpInst::ICMP_SLE || Pred == ICmpInst::ICMP_SGE)
    return Full;
  ConstantRange Zero(APInt::getZero(SE.getTypeSizeInBits(A->getType())));
  ConstantRange Holds = ConstantRange::makeAllowedICmpRegion(
      Pred == ICmpInst::ICMP_EQ ? Pred : ICmpInst::ICMP_NE, Zero);
  return countFrom(Count, SE.getMinusSCEV(A, B), Holds)
      .intersectWith(countFrom(Count, SE.getMinusSCEV(B, A), Holds),
                     ConstantRange::Unsigned);
}

/// Count's range if it is K, within Holds, plus a constant (K extended or
/// truncated to Count's width); else the full range.
ConstantRange RangeFinder::countFrom(const SCEV *Count, const SCEV *K,
                                     ConstantRange Holds) {
  Holds = Holds.intersectWith(range(K), ConstantRange::Unsigned);
  unsigned Bits = SE.getTypeSizeInBits(Count->getType());
  unsigned KBits = SE.getTypeSizeInBits(K->getType());
  if (KBits > Bits) {
    K = SE.getTruncateExpr(K, Count->getType());
    Holds = Holds.truncate(Bits);
  } else if (KBits < Bits) {
    K = SE.getZeroExtendExpr(K, Count->getType());
    Holds = Holds.zeroExtend(Bits);
  }
  auto *D = dyn_cast<SCEVConstant>(SE.getMinusSCEV(Count, K));
  return D ? Holds.add(D->getAPInt()) : full(Count);
}

/// {Start,+,Step}<L> takes the values Start + Step * i, i from 0 to L's
/// bound (also where it is used after L: the iteration that left).
ConstantRange RangeFinder::ofAddRec(const SCEVAddRecExpr *AR) {
  auto *Step = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
  std::optional<APInt> B = maxBackedgeTaken(*AR->getLoop());
  if (!AR->isAffine() || !Step || !B)
    return full(AR);
  unsigned Bits = SE.getTypeSizeInBits(AR->getType());
  if (B->getActiveBits() >= Bits)
    return full(AR);
  ConstantRange Iters(APInt(Bits, 0), B->zextOrTrunc(Bits) + 1);
  ConstantRange Start = range(AR->getStart());
  const APInt &C = Step->getAPInt();
  if (C.isNonNegative())
    return Start.add(ConstantRange(C).multiply(Iters));
  return Start.sub(ConstantRange(-C).multiply(Iters));
}

/// What SCEV leaves opaque: by the operations that make it, and by the
/// branches taken to reach the loop.
ConstantRange RangeFinder::ofValue(const SCEVUnknown *U) {
  unsigned Bits = SE.getTypeSizeInBits(U->getType());
  return ofOperations(U).intersectWith(ofBranches(U->getValue(), Bits),
                                       ConstantRange::Unsigned);
}

/// The values V may have if Cond is Holds: V compared with a constant, or
/// a logical and (or) of such tests that holds (fails).
static ConstantRange impliedBy(Value *Cond, bool Holds, const Value *V,
                               unsigned Bits, unsigned Depth = 0) {
  using namespace PatternMatch;
  ConstantRange Full = ConstantRange::getFull(Bits);
  Value *A, *B;
  if (Depth < 4 && (Holds ? match(Cond, m_LogicalAnd(m_Value(A), m_Value(B)))
                          : match(Cond, m_LogicalOr(m_Value(A), m_Value(B)))))
    return impliedBy(A, Holds, V, Bits, Depth + 1)
        .intersectWith(impliedBy(B, Holds, V, Bits, Depth + 1),
                       ConstantRange::Unsigned);
  auto *Cmp = dyn_cast<ICmpInst>(Cond);
  if (!Cmp)
    return Full;
  CmpInst::Predicate P =
      Holds ? Cmp->getPredicate() : Cmp->getInversePredicate();
  const Value *L = Cmp->getOperand(0), *R = Cmp->getOperand(1);
  if (R == V) {
    std::swap(L, R);
    P = CmpInst::getSwappedPredicate(P);
  }
  auto *C = dyn_cast<ConstantInt>(R);
  if (L != V || !C || C->getBitWidth() != Bits)
    return Full;
  return ConstantRange::makeAllowedICmpRegion(P, ConstantRange(C->getValue()));
}

/// What the branches on V that decide whether At runs say of it: a
/// conditional branch of a block dominating At, one of whose edges
/// dominates At.  Sound for any SSA value: on every path to At, the last
/// definition of V is followed by that edge (the definition dominates the
/// branch, which tests it).
ConstantRange RangeFinder::ofBranches(const Value *V, unsigned Bits) const {
  ConstantRange R = ConstantRange::getFull(Bits);
  if (!DT || !DT->getNode(At))
    return R;
  unsigned Steps = 0;
  for (const DomTreeNode *N = DT->getNode(At)->getIDom();
       N && Steps < MaxDominators; N = N->getIDom(), ++Steps) {
    const BasicBlock *D = N->getBlock();
    auto *Br = dyn_cast<BranchInst>(D->getTerminator());
    if (!Br || !Br->isConditional() ||
        Br->getSuccessor(0) == Br->getSuccessor(1))
      continue;
    for (unsigned S = 0; S < 2; ++S)
      if (DT->dominates(BasicBlockEdge(D, Br->getSuccessor(S)), At))
        R = R.intersectWith(impliedBy(Br->getCondition(), S == 0, V, Bits),
                            ConstantRange::Unsigned);
  }
  return R;
}

/// A phi or select of bounded values, a shift or a mask, a min or max
/// intrinsic.
ConstantRange RangeFinder::ofOperations(const SCEVUnknown *U) {
  Value *V = U->getValue();
  auto Of = [&](Value *Op) { return range(SE.getSCEV(Op)); };
  if (auto *Phi = dyn_cast<PHINode>(V)) {
    if (!Open.insert(Phi).second)
      return full(U);
    ConstantRange R =
        ConstantRange::getEmpty(Phi->getType()->getIntegerBitWidth());
    for (Value *In : Phi->incoming_values()) {
      R = R.unionWith(Of(In), ConstantRange::Unsigned);
      if (R.isFullSet())
        break;
    }
    Open.erase(Phi);
    return R;
  }
  if (auto *Sel = dyn_cast<SelectInst>(V))
    return Of(Sel->getTrueValue())
        .unionWith(Of(Sel->getFalseValue()), ConstantRange::Unsigned);
  if (auto *BO = dyn_cast<BinaryOperator>(V))
    return Of(BO->getOperand(0))
        .binaryOp(BO->getOpcode(), Of(BO->getOperand(1)));
  if (auto *II = dyn_cast<IntrinsicInst>(V)) {
    switch (II->getIntrinsicID()) {
    case Intrinsic::umin:
      return Of(II->getArgOperand(0)).umin(Of(II->getArgOperand(1)));
    case Intrinsic::umax:
      return Of(II->getArgOperand(0)).umax(Of(II->getArgOperand(1)));
    default:
      break;
    }
  }
  return full(U);
}

/// The value a shift recurrence takes next: X shifted by Amount.
static APInt shifted(Instruction::BinaryOps Op, const APInt &X,
                     unsigned Amount) {
  return Op == Instruction::Shl ? X.shl(Amount) : X.lshr(Amount);
}

/// A loop that shifts a value by a constant on every iteration and leaves
/// at its latch on a comparison of that value with a constant (xz's price
/// loops, `do { ...; s >>= 1; } while (s != 1)` and `do { ...; s <<= 1; }
/// while (s < 0x10000)`): SCEV has no count for these.  Every start value
/// the start's range allows (at most MaxStarts of them) is run through the
/// recurrence; the most iterations any takes to leave is the bound, and
/// there is none if one of them would not leave within the bit width (a
/// zero that stays zero, a one shifted past the test).
static unsigned shiftTripBound(const Loop &L, ScalarEvolution &SE,
                               RangeFinder &RF) {
  constexpr uint64_t MaxStarts = 4096;
  BasicBlock *Latch = L.getLoopLatch(), *Header = L.getHeader();
  auto *Br = Latch ? dyn_cast<BranchInst>(Latch->getTerminator()) : nullptr;
  auto *Cmp = Br && Br->isConditional() ? dyn_cast<ICmpInst>(Br->getCondition())
                                        : nullptr;
  if (!Cmp || !L.isLoopExiting(Latch))
    return 0;
  auto *K = dyn_cast<ConstantInt>(Cmp->getOperand(1));
  Value *Tested = Cmp->getOperand(0);
  if (!K)
    return 0;
  // The tested value is the header phi P or what P's shift gives next.
  auto *Next = dyn_cast<BinaryOperator>(Tested);
  auto *P = dyn_cast<PHINode>(Tested);
  if (Next)
    P = dyn_cast<PHINode>(Next->getOperand(0));
  if (!P || P->getParent() != Header || P->getNumIncomingValues() != 2 ||
      P->getType()->getIntegerBitWidth() > 64)
    return 0;
  int LatchIn = P->getBasicBlockIndex(Latch);
  if (LatchIn < 0 || (Next && P->getIncomingValue(LatchIn) != Next))
    return 0;
  Next = dyn_cast<BinaryOperator>(P->getIncomingValue(LatchIn));
  auto *Amount = Next ? dyn_cast<ConstantInt>(Next->getOperand(1)) : nullptr;
  if (!Amount || Next->getOperand(0) != P ||
      (Next->getOpcode() != Instruction::Shl &&
       Next->getOpcode() != Instruction::LShr))
    return 0;
  unsigned Bits = P->getType()->getIntegerBitWidth();
  uint64_t Shift = Amount->getZExtValue();
  if (Shift == 0 || Shift >= Bits)
    return 0;
  ConstantRange Starts = RF.range(SE.getSCEV(P->getIncomingValue(1 - LatchIn)));
  if (Starts.isFullSet() || Starts.isEmptySet() ||
      Starts.isSizeLargerThan(MaxStarts))
    return 0;
  bool StayIfTrue = Br->getSuccessor(0) == Header;
  uint64_t Count = (Starts.getUpper() - Starts.getLower()).getZExtValue();
  APInt Start = Starts.getLower();
  unsigned Most = 0;
  for (uint64_t I = 0; I < Count; ++I, ++Start) {
    APInt X = Start;
    unsigned Trips = 1;
    for (;; ++Trips) {
      APInt N = shifted(Next->getOpcode(), X, Shift);
      const APInt &V = Tested == P ? X : N;
      if (ICmpInst::compare(V, K->getValue(), Cmp->getPredicate()) !=
          StayIfTrue)
        break;
      if (Trips > Bits + 1)
        return 0; // this start never leaves
      X = N;
    }
    Most = std::max(Most, Trips);
  }
  return Most;
}

/// L's trip count bound: SCEV's constant, or one found from the ranges of
/// the values its symbolic bound is made of, by running its shift
/// recurrence, or as a binary search's (Bisection.h).  0 if none; How says
/// which of the last three found it.
static unsigned tripBound(const Loop &L, ScalarEvolution &SE,
                          const DominatorTree *DT, const char *&How) {
  How = nullptr;
  unsigned N = SE.getSmallConstantMaxTripCount(&L);
  if ((N && N <= BoundedTripOpt) || !BoundRangesOpt)
    return N;
  RangeFinder RF(SE, DT, L);
  std::optional<APInt> B = RF.maxBackedgeTaken(L);
  unsigned Trips = 0;
  if (B && B->getActiveBits() <= 31) {
    Trips = unsigned(B->getZExtValue()) + 1;
    How = RF.boundedByEntry(L)
              ? "on each way in, by where it starts and the branch taken"
              : "by the ranges of its bound's values";
  } else if ((Trips = shiftTripBound(L, SE, RF))) {
    How = "by running its shift recurrence from each start";
  } else if ((Trips = bisectionTripBound(L))) {
    How = "a binary search: its interval halves";
  }
  if (!Trips || (N && N <= Trips)) {
    How = nullptr;
    return N;
  }
  return Trips;
}

/// The trip bound times the loop's weighted size (LoopSize::Work) is what is
/// bounded for an innermost loop.
static std::string whyBounded(const Loop &L, ScalarEvolution &SE,
                              const DominatorTree *DT, unsigned &N) {
  const char *How;
  N = tripBound(L, SE, DT, How);
  if (!N)
    return "";
  std::string Trip = "its trip count is at most " + std::to_string(N);
  if (How)
    Trip += std::string(" (") + How + ")";
  std::string Why;
  if (N <= BoundedTripOpt) {
    Why = Trip;
  } else {
    uint64_t Work = BoundedWorkOpt && L.isInnermost()
                        ? uint64_t(N) * measureLoop(L).Work
                        : 0;
    if (Work && Work <= BoundedWorkOpt)
      Why = Trip + ", about " + std::to_string(Work) + " instructions in all";
  }
  if (How && !Why.empty())
    ++NumRangeBounded;
  return Why;
}

std::string cancelpoints::boundedReason(const Loop &L, ScalarEvolution &SE,
                                        const DominatorTree *DT) {
  unsigned N;
  return whyBounded(L, SE, DT, N);
}

/// Counts L's header runs from 0 on entry; the run past Trips calls
/// llvm.trap.
static void insertBoundCheck(Loop &L, unsigned Trips) {
  BasicBlock *H = L.getHeader();
  IRBuilder<> B(H, H->getFirstInsertionPt());
  Type *I64 = B.getInt64Ty();
  PHINode *Runs = PHINode::Create(I64, 2, "cp.runs");
  Runs->insertBefore(H->begin());
  Value *Next = B.CreateAdd(Runs, B.getInt64(1), "cp.runs.next");
  for (BasicBlock *Pred : predecessors(H))
    Runs->addIncoming(L.contains(Pred) ? Next : B.getInt64(0), Pred);
  Value *Past = B.CreateICmpUGT(Next, B.getInt64(Trips), "cp.past.bound");
  Instruction *Trap =
      SplitBlockAndInsertIfThen(Past, &*B.GetInsertPoint(), true);
  Trap->getParent()->setName("cp.bound.trap");
  H->getTerminator()->getSuccessor(1)->setName(H->getName() + ".in.bound");
  Module &M = *H->getModule();
  FunctionCallee TrapFn = M.getOrInsertFunction(
      "llvm.trap", FunctionType::get(B.getVoidTy(), false));
  IRBuilder<>(Trap).CreateCall(TrapFn);
}

bool cancelpoints::insertBoundChecks(Function &F, LoopInfo &LI,
                                     ScalarEvolution &SE,
                                     const DominatorTree *DT) {
  if (!CheckBoundsOpt)
    return false;
  SmallVector<std::pair<Loop *, unsigned>, 8> Bounded;
  for (Loop *L : LI.getLoopsInPreorder()) {
    unsigned N;
    if (!whyBounded(*L, SE, DT, N).empty())
      Bounded.push_back({L, N});
  }
  for (auto [L, N] : Bounded)
    insertBoundCheck(*L, N);
  return !Bounded.empty();
}

uint64_t cancelpoints::iterationWork(const Loop &L, const LoopInfo &LI,
                                     ScalarEvolution &SE, unsigned MaxTrip,
                                     const DominatorTree *DT) {
  SmallVector<BasicBlock *, 16> Own; // the nested loops' are counted below
  for (BasicBlock *B : L.blocks())
    if (LI.getLoopFor(B) == &L)
      Own.push_back(B);
  LoopSize S = measureBlocks(Own);
  if (S.Calls)
    return 0;
  uint64_t W = S.Instructions;
  for (const Loop *Sub : L.getSubLoops()) {
    const char *How;
    unsigned N = tripBound(*Sub, SE, DT, How);
    uint64_t SW =
        N && N <= MaxTrip ? iterationWork(*Sub, LI, SE, MaxTrip, DT) : 0;
    if (!SW)
      return 0;
    W += N * SW;
  }
  return W;
}
