//===- FunctionPlan.cpp - where the points of one function go -------------===//
//
// Steps 1 and 3 of FunctionPlan.h, and the options they read.
//
//===----------------------------------------------------------------------===//
#include "FunctionPlan.h"
#include "Bounds.h"
#include "Compat.h"
#include "Demotion.h"
#include "LoopAnalyses.h"
#include "Markers.h"
#include "Remarks.h"
#include "SourceWords.h"
#include "Target.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/BlockFrequencyInfo.h"
#include "llvm/Analysis/BranchProbabilityInfo.h"
#include "llvm/Analysis/ProfileSummaryInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

#include <optional>

using namespace llvm;
using namespace cancelpoints;

#define DEBUG_TYPE "cancelpoints"

STATISTIC(NumOverBudget,
          "Back-edge polls with no copies: the module's copy budget is spent");
STATISTIC(NumBoundedLoops, "Loops with no point: small constant trip bound");
STATISTIC(NumCoveredPolls,
          "Header polls dropped: every iteration passes a nested loop's poll");
STATISTIC(NumCostlyCallRegions,
          "Call regions left out: too many values live across the arm");

static cl::opt<bool> NestedRegionsOpt(
    "cancelpoints-nested-regions",
    cl::desc("Arm an effect-free loop nested in a loop with effects (once per "
             "outer iteration); when off it gets a header poll instead"),
    cl::init(false));

static cl::opt<bool> PointCallOpt(
    "cancelpoints-point-calls",
    cl::desc("A loop that calls a function with an entry poll on every "
             "iteration gets no point of its own"),
    cl::init(true));

static cl::opt<bool> CoveredPollsOpt(
    "cancelpoints-covered-polls",
    cl::desc("A loop every iteration of which passes the point of a loop "
             "nested in it gets no poll of its own"),
    cl::init(true));

static cl::opt<unsigned> StripMineOpt(
    "cancelpoints-strip-mine",
    cl::desc("Poll a small counted innermost loop with effects once every N "
             "iterations, with no new instruction per iteration "
             "(StripMine.h; 0: a poll at its header on every iteration)"),
    cl::init(256));

static cl::opt<unsigned> StripMineIVsOpt(
    "cancelpoints-strip-mine-ivs",
    cl::desc("Strip-mine only loops with at most N induction variables: "
             "each chunk restarts them, and with two or more loop strength "
             "reduction adds a per-chunk index (StripMine.h)"),
    cl::init(1));

static cl::opt<unsigned> LatchPollOpt(
    "cancelpoints-latch-poll",
    cl::desc("Unroll a small innermost loop that would be polled at its header "
             "up to N times and poll its one back edge instead, so that a trip "
             "of at most N iterations runs no poll (LatchPoll.h; 0: off)"),
    cl::init(8));

static cl::opt<unsigned> LatchPollSizeOpt(
    "cancelpoints-latch-poll-size",
    cl::desc(
        "The most instructions a loop unrolled by -cancelpoints-latch-poll "
        "may have: a loop of S instructions is unrolled min(N, this / S) "
        "times; below 2, or with a call, its poll only moves to its one "
        "back edge"),
    cl::init(32));

static cl::opt<bool> LatchPollEstimatesOpt(
    "cancelpoints-latch-poll-estimates",
    cl::desc("Unroll a loop for its back-edge poll no more than twice the "
             "trip count its branch weights estimate (a profile, "
             "__builtin_expect), and not at all for an estimate of one"),
    cl::init(true));

static cl::opt<unsigned> CallRegionMaxLiveOpt(
    "cancelpoints-call-region-max-live",
    cl::desc("A reset region across an effect-free call is armed only if at "
             "most N values are live across its arm (each is stored before "
             "it and loaded after it on every entry)"),
    cl::init(16));

static cl::opt<bool> ColdSmallestOpt(
    "cancelpoints-cold-smallest",
    cl::desc("The loops of a cold, -Os or -Oz function, and the loops a "
             "profile finds cold, get the smallest point: no copies for a "
             "back-edge poll, no strip-mining"),
    cl::init(true));

/// The most instructions of an innermost loop that is strip-mined: a chunk
/// of -cancelpoints-strip-mine iterations of it stays within microseconds.
static constexpr unsigned StripMineMaxBody = 48;

bool cancelpoints::regionsAvailable(FunctionContext &Cx) {
  // Regions need the reset context of a tested target, and no token values
  // (they cannot be demoted across an arm).
  Function &F = Cx.F;
  if (Cx.Mode != PassMode::Full)
    return false;
  Triple TT = compat::targetTriple(*F.getParent());
  if (!resetTarget(TT).Resets) {
    Cx.Remarks.missed("PollOnlyTarget", Cx.Remarks.entryLoc(),
                      &F.getEntryBlock(),
                      "reset regions are not available on target '" + TT.str() +
                          "': using polls only");
    return false;
  }
  for (Instruction &I : instructions(F))
    if (I.getType()->isTokenTy()) {
      Cx.Remarks.missed(
          "PollOnlyTokens", Cx.Remarks.entryLoc(), &F.getEntryBlock(),
          "reset regions are not used: the function has token values");
      return false;
    }
  return true;
}

/// Why cycle C needs no point of its own (full mode only), or "".
///  * Its trip count has a small constant bound (SCEV): every run of C ends
///    after a bounded number of iterations, each of which ends or runs a
///    nested cycle that is planned in turn (and gets a point if unbounded).
///    For an innermost loop the bound may be larger if its body is small:
///    what is bounded is the trip count times the body's size.
///  * Every iteration calls a function of the module that polls at its
///    entry (a recursive one): the block of the call dominates every latch.
static std::string noPointReason(FunctionContext &Cx,
                                 const CycleInfo::CycleT &C,
                                 DominatorTree &DT) {
  if (isNoCancelCycle(C))
    return "it is marked nocancel";
  if (Cx.Mode != PassMode::Full || !C.isReducible())
    return "";
  BasicBlock *H = C.getHeader();
  if (Cx.LI && Cx.SE) {
    Loop *L = Cx.LI->getLoopFor(H);
    if (L && L->getHeader() == H) {
      std::string Why = boundedReason(*L, *Cx.SE, &DT);
      if (!Why.empty()) {
        ++NumBoundedLoops;
        return Why;
      }
    }
  }
  if (!PointCallOpt || Cx.EntryPolled.empty())
    return "";
  SmallVector<BasicBlock *, 4> Latches;
  for (BasicBlock *P : predecessors(H))
    if (C.contains(P))
      Latches.push_back(P);
  for (BasicBlock *B : C.blocks()) {
    if (!all_of(Latches, [&](BasicBlock *Lt) { return DT.dominates(B, Lt); }))
      continue;
    for (Instruction &I : *B)
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (const Function *Callee = EffectAnalysis::directCallee(*CB))
          if (Cx.EntryPolled.count(Callee))
            return "every iteration calls '" + Callee->getName().str() +
                   "', which polls at its entry";
  }
  return "";
}

FunctionPlan cancelpoints::classifyCycles(FunctionContext &Cx, bool Regions) {
  Function &F = Cx.F;
  const PointFacts &Facts = Cx.Facts;
  FunctionPlan Plan;
  Plan.Regions = Regions;
  CycleInfo CI;
  CI.compute(F);
  AllocaInfo Allocas(F);
  DominatorTree DT(F);
  Plan.Cycles = planCycles(
      CI, Cx.EA, Allocas, Regions, NestedRegionsOpt,
      [&](const CycleInfo::CycleT &C) { return noPointReason(Cx, C, DT); },
      [&](const Edge &Ed) {
        return Facts.legalOnEdge(Ed.Term->getParent(), Ed.Succ);
      });
  // A header where leaving is not legal (Markers.h) polls where the source
  // loop's header was instead: at its markers.
  for (const HeaderPoll &P : Plan.Cycles.Polls)
    if (!Facts.legalAtStart(P.Header)) {
      const CycleInfo::CycleT *C = CI.getCycle(P.Header);
      auto &Places = Plan.MarkerPolls[P.Header];
      for (Instruction *I : Facts.markerPlaces(
               [&](const BasicBlock *B) { return CI.getCycle(B) == C; }))
        Places.push_back(WeakVH(I));
      if (Places.empty() && C)
        warnUncancellable(*C, "nowhere in it is leaving legal (memory is not "
                              "as the source wrote it)");
    }
  // The entry of a recursive function is a point if a marker stands there.
  Plan.EntryPoint = Cx.Recursive && Facts.legalAtStart(&F.getEntryBlock());
  if (Cx.Recursive && !Plan.EntryPoint)
    Cx.Remarks.missed("NoEntryPoint", Cx.Remarks.entryLoc(), &F.getEntryBlock(),
                      "no point at the entry of recursive function: memory "
                      "there is not as the source wrote it");
  for (const SkippedCycle &S : Plan.Cycles.Skipped)
    Cx.Remarks.remark("NoPoint", Cx.Remarks.blockLoc(S.Header), S.Header,
                      "no point at loop header: " + S.Why);
  return Plan;
}

/// Is an arm before At cheap enough: at most -cancelpoints-call-region-max-live
/// values live across it?  Each is stored before the arm and loaded after
/// it on every entry, and kept out of registers across it.
static bool armAffordable(FunctionContext &Cx, std::optional<DominatorTree> &DT,
                          Instruction &At, const CallRegion &R) {
  if (!DT)
    DT.emplace(Cx.F);
  SmallVector<Value *, 32> Live;
  liveAcrossArm(At, *DT, Live);
  if (Live.size() <= CallRegionMaxLiveOpt)
    return true;
  ++NumCostlyCallRegions;
  Cx.Remarks.missed("RegionCallCostly", At.getDebugLoc(), At.getParent(),
                    "no reset region across call to '" +
                        EffectAnalysis::calleeName(*R.Covered) +
                        "': " + Twine(Live.size()) +
                        " values live across its arm (more than " +
                        Twine(CallRegionMaxLiveOpt) + ")");
  return false;
}

/// The call regions that start at a poll (the entry's, the headers') or at
/// a cp_check call, each if it covers a call worth arming for and its arm
/// is affordable.
static void planCallRegions(FunctionContext &Cx, FunctionPlan &Plan) {
  if (!Plan.Regions)
    return;
  std::optional<DominatorTree> DT;
  auto TryPollRegion = [&](BasicBlock *BB, BasicBlock::iterator From) {
    std::optional<CallRegion> R = findCallRegion(BB, From, Cx.EA);
    if (R && armAffordable(Cx, DT, *From, *R)) {
      Plan.PollRegion[BB] = Plan.CallRegions.size();
      Plan.CallRegions.push_back({PlannedCallRegion::AtPoll, BB, nullptr, *R});
    }
  };
  BasicBlock *Entry = &Cx.F.getEntryBlock();
  if (Plan.EntryPoint)
    TryPollRegion(Entry, Entry->getFirstInsertionPt());
  for (const HeaderPoll &P : Plan.Cycles.Polls)
    if (!Plan.MarkerPolls.count(P.Header))
      TryPollRegion(P.Header, P.Header->getFirstInsertionPt());
  for (Instruction &I : instructions(Cx.F))
    if (isExplicitPoint(I))
      if (std::optional<CallRegion> R =
              findCallRegion(I.getParent(), std::next(I.getIterator()), Cx.EA);
          R && armAffordable(Cx, DT, I, *R))
        Plan.CallRegions.push_back(
            {PlannedCallRegion::AtCheck, nullptr, &I, *R});
}

/// Erases the entries of a map of candidates (by header) that Drop says.
template <typename MapT, typename PredT>
static void eraseIf(MapT &Map, PredT Drop) {
  SmallVector<BasicBlock *, 4> Keys;
  for (auto &KV : Map)
    if (Drop(KV.first, KV.second))
      Keys.push_back(KV.first);
  for (BasicBlock *K : Keys)
    Map.erase(K);
}

/// How many times to unroll C for its back-edge poll: min(K, budget / its
/// size), or 1 (the poll only moves) for a loop too big or calling to unroll.
static unsigned latchCopies(const LatchPollCandidate &C) {
  if (C.Size == 0)
    return 1;
  return std::max<unsigned>(
      1, std::min<unsigned>(LatchPollOpt, LatchPollSizeOpt / C.Size));
}

/// The trip count that the branch weights of the loop headed by H estimate
/// (a profile's, or __builtin_expect's), if any: copies well beyond it are
/// bytes that a typical trip never runs.
static std::optional<unsigned> estimatedTrips(const LoopInfo &LI,
                                              BasicBlock *H) {
  Loop *L = LI.getLoopFor(H);
  if (!LatchPollEstimatesOpt || !L || L->getHeader() != H)
    return std::nullopt;
  return getLoopEstimatedTripCount(L);
}

/// Where bytes come first in all of F: -Os, -Oz, a cold function.
static bool sizeFirst(const Function &F) {
  return ColdSmallestOpt &&
         (F.hasOptSize() || F.hasFnAttribute(Attribute::Cold));
}

/// With a profile: is the loop headed by H cold (its header's count is)?
/// Such a loop gets the smallest point, as a cold function's do.
class ProfileColdness {
  ProfileSummaryInfo *PSI = nullptr;
  std::optional<BranchProbabilityInfo> BPI;
  std::optional<BlockFrequencyInfo> BFI;

public:
  ProfileColdness(Function &F, const LoopInfo &LI, ProfileSummaryInfo *P) {
    if (!ColdSmallestOpt || !P || !P->hasProfileSummary() || !F.getEntryCount())
      return;
    PSI = P;
    BPI.emplace(F, LI);
    BFI.emplace(F, *BPI, LI);
  }
  bool cold(const BasicBlock *H) const {
    if (!PSI)
      return false;
    std::optional<uint64_t> Count = BFI->getBlockProfileCount(H);
    return Count && PSI->isColdCount(*Count);
  }
};

namespace {
/// The copies for a loop's back-edge poll, and why they are fewer than its
/// size allows.
struct Copies {
  unsigned K;
  unsigned Estimate; ///< the branch weights' trip estimate that lowered K
  bool Cold;         ///< K = 1: the profile finds the loop cold
};
} // namespace

/// The copies for the candidate C headed by H, before the module's budget.
static Copies decideCopies(const Function &F, const LoopInfo &LI,
                           const ProfileColdness &Profile, BasicBlock *H,
                           const LatchPollCandidate &C) {
  bool Cold = !sizeFirst(F) && Profile.cold(H);
  unsigned K = sizeFirst(F) || Cold ? 1 : latchCopies(C);
  // An estimate is a mean: twice it covers most trips.
  std::optional<unsigned> Trips = estimatedTrips(LI, H);
  unsigned ByTrips = !Trips || *Trips >= K ? K
                     : *Trips <= 1         ? 1
                                           : 2 * *Trips;
  unsigned Estimate = ByTrips < K ? *Trips : 0;
  return {std::min(K, ByTrips), Estimate, Cold};
}

bool cancelpoints::mayHaveCopies(const Function &F) {
  return LatchPollOpt && !F.hasOptSize() && !F.hasOptNone() && !sizeFirst(F);
}

void cancelpoints::forEachCopiesCandidate(
    Function &F, const LoopInfo &LI, ProfileSummaryInfo *PSI,
    function_ref<void(BasicBlock *, const LatchPollCandidate &, unsigned)> Fn) {
  ProfileColdness Profile(F, LI, PSI);
  CycleInfo CI;
  CI.compute(F);
  auto Candidates = findLatchPollCandidates(LI, CI, LatchPollSizeOpt / 2);
  // In the loops' order, not the map's (the blocks' addresses): the budget
  // grants in this order among loops of one size, and a compile must give
  // the same object every time.
  for (Loop *L : LI.getLoopsInPreorder()) {
    auto It = Candidates.find(L->getHeader());
    if (It != Candidates.end())
      Fn(It->first, It->second,
         decideCopies(F, LI, Profile, It->first, It->second).K);
  }
}

/// The strip-mining and back-edge poll candidates of the prepared F, found
/// before any poll changes its CFG, on one set of analyses.
static void findLoopCandidates(FunctionContext &Cx, FunctionPlan &Plan) {
  Function &F = Cx.F;
  auto Any = [&](bool (*Pred)(HeaderPoll::ReasonKind)) {
    return any_of(Plan.Cycles.Polls,
                  [&](const HeaderPoll &P) { return Pred(P.Reason); });
  };
  // Neither where code size or debugging comes first (-Os, -Oz, cold, -O0).
  bool Strip = Cx.Mode == PassMode::Full && StripMineOpt && !sizeFirst(F) &&
               Any(mayStripMine);
  bool Latch = Cx.Mode == PassMode::Full && LatchPollOpt && !F.hasOptSize() &&
               !F.hasOptNone() && Any(mayPollLatch);
  Plan.StripChunk = StripMineOpt;
  if (!Strip && !Latch)
    return;
  LoopAnalyses A(F);
  ProfileColdness Profile(F, A.LI, Cx.PSI);
  // Counted innermost loops with effects that can be polled per chunk.
  if (Strip) {
    Plan.Strip =
        findStripCandidates(A.LI, A.SE, A.DT, StripMineMaxBody, StripMineIVsOpt,
                            StripMineOpt, boundedTripLimit());
    eraseIf(Plan.Strip, [&](BasicBlock *H, const StripCandidate &) {
      return Profile.cold(H);
    });
  }
  // Small innermost loops whose poll can move to their back edge; a loop of
  // more than half the budget would not be unrolled even once.  (Strip-mine
  // finding changes no block, so the analyses still hold.)
  if (Latch) {
    CycleInfo CI;
    CI.compute(F);
    for (auto &KV : findLatchPollCandidates(A.LI, CI, LatchPollSizeOpt / 2)) {
      Copies C = decideCopies(F, A.LI, Profile, KV.first, KV.second);
      bool OverBudget = C.K > 1 && !Cx.Budget.grants(KV.first);
      if (OverBudget) {
        C.K = 1;
        ++NumOverBudget;
      }
      Plan.Latch[KV.first] = {std::move(KV.second), C.K, C.Estimate, C.Cold,
                              OverBudget};
    }
  }
}

/// Drops the candidates the plan cannot take: a back edge where leaving is
/// not legal (a strip-mined loop then polls as each chunk begins), and a
/// loop whose edges the plan names (an exit straight into
/// a region armed in place, a call region's exit into its header), which
/// keeps its header poll: strip-mining and back-edge polls put new blocks on
/// those edges, and the plan would name an edge that is no longer there.
static void dropUnusableCandidates(FunctionContext &Cx, FunctionPlan &Plan) {
  eraseIf(Plan.Latch, [&](BasicBlock *H, const PlannedLatchPoll &P) {
    return any_of(predecessors(H), [&](BasicBlock *Pred) {
      return is_contained(P.Loop.Blocks, Pred) &&
             !Cx.Facts.legalOnEdge(Pred, H);
    });
  });
  for (auto &[H, C] : Plan.Strip)
    C.PollOnEntry |= !Cx.Facts.legalOnEdge(C.Latch, H);
  DenseSet<const BasicBlock *> PlannedFrom, PlannedInto;
  auto PlanEdge = [&](const Edge &Ed) {
    PlannedFrom.insert(Ed.Term->getParent());
    PlannedInto.insert(Ed.Succ);
  };
  for (const CycleRegion &R : Plan.Cycles.Regions) {
    for_each(R.Entries, PlanEdge);
    for_each(R.Exits, PlanEdge);
  }
  for (const PlannedCallRegion &P : Plan.CallRegions) {
    for_each(P.R.ExitEdges, PlanEdge);
    for (Instruction *I : P.R.ExitBefore)
      PlannedFrom.insert(I->getParent());
    if (P.Check)
      PlannedFrom.insert(P.Check->getParent());
  }
  auto Touched = [&](BasicBlock *Header, ArrayRef<BasicBlock *> Blocks) {
    return PlannedInto.count(Header) ||
           any_of(Blocks, [&](BasicBlock *B) { return PlannedFrom.count(B); });
  };
  eraseIf(Plan.Latch, [&](BasicBlock *H, const PlannedLatchPoll &P) {
    return Touched(H, P.Loop.Blocks);
  });
  eraseIf(Plan.Strip, [&](BasicBlock *H, const StripCandidate &C) {
    return Touched(H, {C.Header, C.Latch});
  });
}

/// A point that stays, as a block that runs it.  Demote: the header of a
/// loop that loses its back-edge poll once the block is relied on: one
/// whose poll would only move to its back edge (no copies), which polls at
/// its header instead (as many polls run: one more per entry of the loop,
/// one fewer per iteration of its parent, and its parent's poll goes), or a
/// strip-mined one, which then polls as each chunk begins, its first
/// included, and falls back to a header poll should strip-mining fail.
struct KeptPoint {
  BasicBlock *Block;
  BasicBlock *Demote;
};

/// The blocks where the point of the loop at H certainly runs, as planned:
/// the blocks of its markers' places, or its header, demoted first where
/// the plan moves its poll off it (a strip-mined loop polls between chunks,
/// a back-edge poll after the first iteration); none where the plan unrolls
/// it for a back-edge poll (a trip of one would run no poll).
static void keptPoints(const FunctionPlan &Plan, BasicBlock *H,
                       SmallVectorImpl<KeptPoint> &Kept) {
  auto MP = Plan.MarkerPolls.find(H);
  if (MP != Plan.MarkerPolls.end()) {
    for (const WeakVH &V : MP->second)
      if (auto *I = dyn_cast_or_null<Instruction>(V.operator Value *()))
        Kept.push_back({I->getParent(), nullptr});
    return;
  }
  auto L = Plan.Latch.find(H);
  bool Strip = Plan.Strip.count(H);
  if (L == Plan.Latch.end() && !Strip)
    Kept.push_back({H, nullptr});
  else if (Strip || L->second.K == 1)
    Kept.push_back({H, H});
}

/// Drops the header polls that another point makes redundant: a loop whose
/// every iteration passes the point of a loop nested in it (a block of that
/// point dominates each of its latches) has a point on every iteration
/// already, as a loop calling an entry-polled function has; it is then
/// neither strip-mined nor polled on its back edge.  Innermost loops decide
/// first, so a point relied on is one that stays.  A poll that starts a
/// call region stays.
static void dropCoveredPolls(FunctionContext &Cx, FunctionPlan &Plan) {
  if (!CoveredPollsOpt || Cx.Mode != PassMode::Full ||
      Plan.Cycles.Polls.size() < 2)
    return;
  CycleInfo CI;
  CI.compute(Cx.F);
  DominatorTree DT(Cx.F);
  SmallVector<BasicBlock *, 8> Order;
  for (const HeaderPoll &P : Plan.Cycles.Polls)
    Order.push_back(P.Header);
  llvm::stable_sort(Order, [&](BasicBlock *A, BasicBlock *B) {
    return CI.getCycleDepth(A) > CI.getCycleDepth(B);
  });
  SmallVector<KeptPoint, 8> Kept;
  DenseSet<BasicBlock *> Dropped;
  for (BasicBlock *H : Order) {
    const CycleInfo::CycleT *C = CI.getCycle(H);
    KeptPoint *By = nullptr;
    if (C && C->getHeader() == H && C->isReducible() &&
        !Plan.PollRegion.count(H)) {
      SmallVector<BasicBlock *, 4> Latches;
      for (BasicBlock *P : predecessors(H))
        if (C->contains(P))
          Latches.push_back(P);
      auto It = find_if(Kept, [&](const KeptPoint &K) {
        return C->contains(K.Block) && all_of(Latches, [&](BasicBlock *L) {
                 return DT.dominates(K.Block, L);
               });
      });
      if (It != Kept.end())
        By = &*It;
    }
    if (!By) {
      keptPoints(Plan, H, Kept);
      continue;
    }
    if (By->Demote) {
      Plan.Latch.erase(By->Demote);
      auto S = Plan.Strip.find(By->Demote);
      if (S != Plan.Strip.end())
        S->second.PollOnEntry = true;
      By->Demote = nullptr;
    }
    Dropped.insert(H);
    Plan.Strip.erase(H);
    Plan.Latch.erase(H);
    ++NumCoveredPolls;
    Cx.Remarks.remark("NoPoint", Cx.Remarks.blockLoc(H), H,
                      "no point at loop header: every iteration passes the "
                      "point of a loop nested in it");
  }
  llvm::erase_if(Plan.Cycles.Polls,
                 [&](const HeaderPoll &P) { return Dropped.count(P.Header); });
}

void cancelpoints::planPreparedFunction(FunctionContext &Cx,
                                        FunctionPlan &Plan) {
  planCallRegions(Cx, Plan);
  if (Plan.empty())
    return;
  findLoopCandidates(Cx, Plan);
  dropUnusableCandidates(Cx, Plan);
  dropCoveredPolls(Cx, Plan);
}
