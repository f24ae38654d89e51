//===- Bounds.cpp - loops that end soon enough to need no point -----------===//
#include "Bounds.h"
#include "LoopSize.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/ConstantRange.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Support/CommandLine.h"

#include <optional>

using namespace llvm;
using namespace cancelpoints;

#define DEBUG_TYPE "cancelpoints"

STATISTIC(NumRangeBounded,
          "Loops bounded only by the ranges of their bounds' values");

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
             "and the counts of earlier loops), where SCEV has no constant"),
    cl::init(true));

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
class RangeFinder {
  ScalarEvolution &SE;
  SmallPtrSet<const Value *, 8> Open; // phis under evaluation (cycles)
  DenseMap<const Loop *, std::optional<APInt>> MaxBTC;
  unsigned Depth = 0;
  static constexpr unsigned MaxDepth = 12;

public:
  explicit RangeFinder(ScalarEvolution &SE) : SE(SE) {}

  ConstantRange range(const SCEV *S) {
    ConstantRange Known = SE.getUnsignedRange(S);
    if (Depth >= MaxDepth || Known.isSingleElement())
      return Known;
    ++Depth;
    ConstantRange R = evaluate(S);
    --Depth;
    return R.intersectWith(Known, ConstantRange::Unsigned);
  }

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
  ConstantRange ofAddRec(const SCEVAddRecExpr *AR);
  ConstantRange ofValue(const SCEVUnknown *U);
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
    return foldOperands(cast<SCEVNAryExpr>(S),
                        [](const auto &A, const auto &B) { return A.add(B); });
  case scMulExpr:
    return foldOperands(cast<SCEVNAryExpr>(S),
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

/// What SCEV leaves opaque: a phi or select of bounded values, a shift or
/// a mask, a min or max intrinsic.
ConstantRange RangeFinder::ofValue(const SCEVUnknown *U) {
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

/// L's trip count bound: SCEV's constant, or one found from the ranges of
/// the values its symbolic bound is made of.  0 if none.
static unsigned tripBound(const Loop &L, ScalarEvolution &SE, bool &ByRanges) {
  ByRanges = false;
  unsigned N = SE.getSmallConstantMaxTripCount(&L);
  if ((N && N <= BoundedTripOpt) || !BoundRangesOpt)
    return N;
  std::optional<APInt> B = RangeFinder(SE).maxBackedgeTaken(L);
  if (!B || B->getActiveBits() > 31)
    return N;
  unsigned Trips = unsigned(B->getZExtValue()) + 1;
  if (N && N <= Trips)
    return N;
  ByRanges = true;
  return Trips;
}

/// The trip bound times the loop's weighted size (LoopSize::Work) is what is
/// bounded for an innermost loop.
std::string cancelpoints::boundedReason(const Loop &L, ScalarEvolution &SE) {
  bool ByRanges;
  unsigned N = tripBound(L, SE, ByRanges);
  if (!N)
    return "";
  std::string Trip = "its trip count is at most " + std::to_string(N);
  if (ByRanges)
    Trip += " (by the ranges of its bound's values)";
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
  if (ByRanges && !Why.empty())
    ++NumRangeBounded;
  return Why;
}
