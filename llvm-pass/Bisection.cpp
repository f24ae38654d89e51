//===- Bisection.cpp - loops that halve an interval: a binary search ------===//
#include "Bisection.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/PatternMatch.h"

using namespace llvm;
using namespace llvm::PatternMatch;
using namespace cancelpoints;

namespace {
/// A test known on a way to the back edge: A Pred B.
struct Fact {
  CmpInst::Predicate Pred = CmpInst::BAD_ICMP_PREDICATE;
  Value *A = nullptr, *B = nullptr;
};
/// One way to the back edge: lo' and hi' on it, and what is known there:
/// the latch's own test of lo' <= hi' (ByLatch), or Known, the test of the
/// way's edge into the latch (none if that edge is unconditional).
struct Way {
  Value *Lo, *Hi;
  bool ByLatch;
  Fact Known;
};
} // namespace

/// The test under which the edge From -> To is taken, if From ends with a
/// conditional branch on a compare; as `A < B` or `A <= B` where it can.
static Fact edgeFact(BasicBlock *From, BasicBlock *To) {
  Fact F;
  auto *Br = dyn_cast<BranchInst>(From->getTerminator());
  auto *Cmp = Br && Br->isConditional() ? dyn_cast<ICmpInst>(Br->getCondition())
                                        : nullptr;
  if (!Cmp || Br->getSuccessor(0) == Br->getSuccessor(1))
    return F;
  F.Pred = Br->getSuccessor(0) == To ? Cmp->getPredicate()
                                     : Cmp->getInversePredicate();
  F.A = Cmp->getOperand(0);
  F.B = Cmp->getOperand(1);
  if (ICmpInst::isGT(F.Pred) || ICmpInst::isGE(F.Pred)) {
    F.Pred = ICmpInst::getSwappedPredicate(F.Pred);
    std::swap(F.A, F.B);
  }
  return F;
}

/// The test under which L goes round again: the latch's branch to the
/// header, or, where the latch only jumps to the header, the branch into
/// the latch from its one predecessor (the add of lo' and hi' for the next
/// midpoint may sit alone in such a latch).
static Fact backEdgeFact(BasicBlock *Latch, BasicBlock *H) {
  Fact F = edgeFact(Latch, H);
  if (F.Pred == CmpInst::BAD_ICMP_PREDICATE && Latch->getSingleSuccessor() == H)
    if (BasicBlock *P = Latch->getSinglePredecessor())
      return edgeFact(P, Latch);
  return F;
}

/// Does F state A < B (Strict) or A <= B, in the given signedness?
static bool states(const Fact &F, Value *A, Value *B, bool Strict,
                   bool Signed) {
  if (F.A != A || F.B != B || !ICmpInst::isRelational(F.Pred) ||
      ICmpInst::isSigned(F.Pred) != Signed)
    return false;
  return Strict ? ICmpInst::isLT(F.Pred) : ICmpInst::isLE(F.Pred);
}

/// The value V halves: X of `X >> 1` (lshr; signed also ashr, `X / 2`),
/// or null.  ByShift: it is a lshr.
static Value *halved(Value *V, bool Signed, bool &ByShift) {
  Value *X;
  ByShift = match(V, m_LShr(m_Value(X), m_One()));
  if (ByShift || (Signed && (match(V, m_AShr(m_Value(X), m_One())) ||
                             match(V, m_SDiv(m_Value(X), m_SpecificInt(2))))))
    return X;
  return nullptr;
}

/// Is S `A + B` that cannot wrap (nsw signed, nuw unsigned), where a
/// signed sum halved by a lshr also needs A non-negative (A <= B then
/// makes B non-negative, and lshr is ashr)?
static bool isSum(Value *S, Value *A, Value *B, bool Signed, bool ByShift,
                  bool ANonNegative) {
  auto *Add = dyn_cast<BinaryOperator>(S);
  if (!Add || !match(Add, m_c_Add(m_Specific(A), m_Specific(B))))
    return false;
  if (!Signed)
    return ByShift && Add->hasNoUnsignedWrap();
  return Add->hasNoSignedWrap() && (!ByShift || ANonNegative);
}

/// Is V the floor of the midpoint of A and B, where A <= B in the given
/// signedness: the sum halved (isSum), or `A + ((B - A) >> 1)` (B - A
/// needs no wrap flag unsigned, nsw signed)?
static bool isMidpoint(Value *V, Value *A, Value *B, bool Signed,
                       bool ANonNegative) {
  bool ByShift;
  if (Value *X = halved(V, Signed, ByShift))
    return isSum(X, A, B, Signed, ByShift, ANonNegative);
  Value *D;
  if (!match(V, m_c_Add(m_Specific(A), m_Value(D))))
    return false;
  auto *Sub = dyn_cast_or_null<BinaryOperator>(halved(D, Signed, ByShift));
  return Sub && match(Sub, m_Sub(m_Specific(B), m_Specific(A))) &&
         (!Signed || Sub->hasNoSignedWrap());
}

/// Splits the back-edge values Lo' and Hi' into the ways they arrive by:
/// two selects on one condition, or phis of one block (either may be a
/// value that is the same on every way).  With LatchTested, the latch
/// tests lo' <= hi' (no fact a way); else the phis are the latch's and
/// each way has the test of its edge into the latch.
static bool splitWays(Value *LoL, Value *HiL, bool LatchTested,
                      SmallVectorImpl<Way> &Ways) {
  auto *SL = dyn_cast<SelectInst>(LoL), *SH = dyn_cast<SelectInst>(HiL);
  if (SL && SH && SL->getCondition() == SH->getCondition()) {
    Ways.push_back({SL->getTrueValue(), SH->getTrueValue(), true, Fact()});
    Ways.push_back({SL->getFalseValue(), SH->getFalseValue(), true, Fact()});
    return LatchTested;
  }
  auto *PL = dyn_cast<PHINode>(LoL), *PH = dyn_cast<PHINode>(HiL);
  BasicBlock *B = PL ? PL->getParent() : PH ? PH->getParent() : nullptr;
  if (!B || (PL && PH && PL->getParent() != PH->getParent())) {
    Ways.push_back({LoL, HiL, true, Fact()});
    return LatchTested;
  }
  for (BasicBlock *P : predecessors(B)) {
    Value *L = PL ? PL->getIncomingValueForBlock(P) : LoL;
    Value *H = PH ? PH->getIncomingValueForBlock(P) : HiL;
    Ways.push_back({L, H, LatchTested, LatchTested ? Fact() : edgeFact(P, B)});
  }
  return true;
}

/// The ways to L's back edge for header phis Lo and Hi; Signed from the
/// latch's test when it is lo' <= hi', or with Strict lo' < hi'.
static bool waysToBackEdge(const Loop &L, PHINode *Lo, PHINode *Hi,
                           SmallVectorImpl<Way> &Ways, bool &Signed,
                           bool &Strict) {
  BasicBlock *H = L.getHeader(), *Latch = L.getLoopLatch();
  Value *LoL = Lo->getIncomingValueForBlock(Latch);
  Value *HiL = Hi->getIncomingValueForBlock(Latch);
  Fact Test = backEdgeFact(Latch, H);
  bool LatchTested = Test.Pred != CmpInst::BAD_ICMP_PREDICATE;
  Strict = false;
  if (LatchTested) {
    Signed = ICmpInst::isSigned(Test.Pred);
    Strict = states(Test, LoL, HiL, /*Strict=*/true, Signed);
    if (!Strict && !states(Test, LoL, HiL, /*Strict=*/false, Signed))
      return false;
  } else {
    // The facts on the latch's incoming edges are what is known.
    auto *P = dyn_cast<PHINode>(isa<PHINode>(LoL) ? LoL : HiL);
    if (!P || P->getParent() != Latch)
      return false;
  }
  return splitWays(LoL, HiL, LatchTested, Ways);
}

/// Is each way `lo' = mid + 1, hi' = hi` or `lo' = lo, hi' = mid - 1`
/// (with Strict, the latch going on while lo' < hi': `hi' = mid`), for one
/// mid, with lo' <= hi' known on it?  Sets Mid.
static bool halves(ArrayRef<Way> Ways, PHINode *Lo, PHINode *Hi, bool Signed,
                   bool Strict, Value *&Mid) {
  Mid = nullptr;
  for (const Way &W : Ways) {
    Value *M = nullptr;
    bool Up;
    if (W.Hi == Hi && match(W.Lo, m_Add(m_Value(M), m_One())))
      Up = true;
    else if (W.Lo == Lo && Strict)
      M = W.Hi, Up = false;
    else if (W.Lo == Lo && (match(W.Hi, m_Add(m_Value(M), m_AllOnes())) ||
                            match(W.Hi, m_Sub(m_Value(M), m_One()))))
      Up = false;
    else
      return false;
    if (Mid && Mid != M)
      return false;
    Mid = M;
    if (W.ByLatch)
      continue; // the latch tests lo' <= hi'
    bool Known = Up ? states(W.Known, M, Hi, true, Signed) ||
                          states(W.Known, W.Lo, Hi, false, Signed)
                    : states(W.Known, Lo, M, true, Signed) ||
                          states(W.Known, Lo, W.Hi, false, Signed);
    if (!Known)
      return false;
  }
  return Mid != nullptr;
}

/// Is Lo never negative: a start known non-negative, and on every way
/// either Lo or x + 1 (nsw) of an x known non-negative (a midpoint shifted
/// right)?
static bool neverNegative(const Loop &L, PHINode *Lo, ArrayRef<Way> Ways) {
  const DataLayout &DL = L.getHeader()->getDataLayout();
  SimplifyQuery Q(DL);
  for (Value *In : Lo->incoming_values()) {
    auto *I = dyn_cast<Instruction>(In);
    if ((!I || !L.contains(I)) && !isKnownNonNegative(In, Q))
      return false; // a start (the back edge's value is a way's)
  }
  return all_of(Ways, [&](const Way &W) {
    Value *X;
    auto *Add = dyn_cast<BinaryOperator>(W.Lo);
    return W.Lo == Lo ||
           (Add && Add->hasNoSignedWrap() &&
            match(Add, m_Add(m_Value(X), m_One())) && isKnownNonNegative(X, Q));
  });
}

/// Is Mid the midpoint of Lo and Hi, or a header phi that takes the
/// midpoint of lo' and hi' on the back edge, or a header phi halved that
/// takes lo' + hi' (sqlite3's index search: `idx = s >> 1` at the top)?
/// Those phis' first values are any: the first iteration is the one the
/// bound allows for them.
static bool isMid(const Loop &L, Value *Mid, PHINode *Lo, PHINode *Hi,
                  bool Signed, bool LoNonNegative) {
  if (isMidpoint(Mid, Lo, Hi, Signed, LoNonNegative))
    return true;
  BasicBlock *H = L.getHeader(), *Latch = L.getLoopLatch();
  Value *LoL = Lo->getIncomingValueForBlock(Latch);
  Value *HiL = Hi->getIncomingValueForBlock(Latch);
  auto IsOwnPhi = [&](Value *V) {
    auto *P = dyn_cast_or_null<PHINode>(V);
    return P && P->getParent() == H && P != Lo && P != Hi ? P : nullptr;
  };
  if (PHINode *P = IsOwnPhi(Mid))
    return isMidpoint(P->getIncomingValueForBlock(Latch), LoL, HiL, Signed,
                      /*ANonNegative=*/false);
  bool ByShift;
  PHINode *S = IsOwnPhi(halved(Mid, Signed, ByShift));
  return S && isSum(S->getIncomingValueForBlock(Latch), LoL, HiL, Signed,
                    ByShift, /*ANonNegative=*/false);
}

/// Lo and Hi as a bisection's bounds in the given signedness.
static bool bisects(const Loop &L, PHINode *Lo, PHINode *Hi, bool Signed) {
  SmallVector<Way, 4> Ways;
  bool TestSigned = Signed, Strict;
  if (!waysToBackEdge(L, Lo, Hi, Ways, TestSigned, Strict) ||
      TestSigned != Signed)
    return false;
  Value *Mid;
  return halves(Ways, Lo, Hi, Signed, Strict, Mid) &&
         isMid(L, Mid, Lo, Hi, Signed, neverNegative(L, Lo, Ways));
}

unsigned cancelpoints::bisectionTripBound(const Loop &L) {
  BasicBlock *H = L.getHeader(), *Latch = L.getLoopLatch();
  if (!Latch)
    return 0;
  SmallVector<PHINode *, 8> Ints;
  for (PHINode &P : H->phis())
    if (P.getType()->isIntegerTy() && Ints.size() < 8)
      Ints.push_back(&P);
  for (PHINode *Lo : Ints)
    for (PHINode *Hi : Ints)
      if (Lo != Hi && Lo->getType() == Hi->getType() &&
          (bisects(L, Lo, Hi, true) || bisects(L, Lo, Hi, false)))
        return Lo->getType()->getIntegerBitWidth() + 2;
  return 0;
}
