//===- Instrument.cpp - one function instrumented, step by step -----------===//
#include "Instrument.h"
#include "Demotion.h"
#include "Emitter.h"
#include "FunctionPlan.h"
#include "Prepare.h"
#include "Remarks.h"

#include "cancelpoints_abi.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/IR/Instructions.h"

#include <map>

using namespace llvm;
using namespace cancelpoints;

#define DEBUG_TYPE "cancelpoints"

STATISTIC(NumPolls, "Polls inserted");
STATISTIC(NumLoopPolls, "Polls at the header of a cycle with effects");
STATISTIC(NumEntryPolls, "Polls at the entry of a recursive function");
STATISTIC(NumRegions, "Effect-free cycles armed as reset regions");
STATISTIC(NumRegionEntries, "Arms on edges entering effect-free cycles");
STATISTIC(NumCallRegions, "Reset regions extended across effect-free calls");
STATISTIC(NumDisarms, "Disarms inserted");
STATISTIC(NumDemoted, "Values demoted across an arm");
STATISTIC(NumStripMined, "Loops with effects polled once per chunk");
STATISTIC(NumLatchPolls, "Short loops polled on their unrolled back edge");
STATISTIC(NumMarkerPolls,
          "Polls where a loop's header was before the optimiser");
STATISTIC(NumNoLegalPoint, "Loops with no place where leaving is legal");
STATISTIC(NumLatchCopies, "Loop body copies made for back-edge polls");

namespace {

/// Step 4 of FunctionPlan.h: inserts what the plan says, in this order (the
/// order of the allocas, sites and blocks it creates): the entry poll, the
/// header polls, the arms of the regions armed in place, the disarms, the
/// arms of the call regions.
class PlanApplier {
public:
  PlanApplier(FunctionContext &Cx, FunctionPlan &Plan)
      : Cx(Cx), F(Cx.F), E(Cx.E), Remarks(Cx.Remarks), Plan(Plan),
        Entry(&F.getEntryBlock()), CallCtx(Plan.CallRegions.size(), nullptr) {}

  void run();
  /// The arms inserted.
  SmallVector<CallInst *, 8> Arms;

private:
  void pollAt(BasicBlock *BB, Instruction *At, unsigned Kind,
              const DebugLoc &DL);
  void pollEntry();
  void pollLoop(const HeaderPoll &P);
  bool stripMineLoop(const HeaderPoll &P, const DebugLoc &DL);
  bool pollBackEdge(const HeaderPoll &P, const DebugLoc &DL);
  void pollHeader(const HeaderPoll &P, const DebugLoc &DL);
  void pollAtMarkers(BasicBlock *Header, ArrayRef<WeakVH> Places,
                     const HeaderPoll &P);
  void armCycleRegions();
  void disarmCallRegions();
  void armCallRegions();
  BasicBlock *edgeBlock(const Edge &Ed);

  FunctionContext &Cx;
  Function &F;
  Emitter &E;
  FunctionRemarks &Remarks;
  FunctionPlan &Plan;
  BasicBlock *Entry;
  /// The context of each call region (CallRegions' order), once made.
  std::vector<AllocaInst *> CallCtx;
  std::map<std::pair<Instruction *, BasicBlock *>, BasicBlock *> EdgeBlocks;
};

} // namespace

/// A poll before At in BB, kind Kind; one that starts a call region arms
/// it first (and is a call site).
void PlanApplier::pollAt(BasicBlock *BB, Instruction *At, unsigned Kind,
                         const DebugLoc &DL) {
  auto It = Plan.PollRegion.find(BB);
  if (It != Plan.PollRegion.end()) {
    AllocaInst *Ctx = E.newResetContext(F);
    CallCtx[It->second] = Ctx;
    Arms.push_back(E.emitArm(At, Ctx, DL));
    Kind = CP_SITE_CALL;
  }
  E.emitPoll(At, E.site(F, Kind, DL), DL);
  ++NumPolls;
}

/// A new block on the edge (all the edges from Term's block to Succ), made
/// once per edge: disarms go at its front, arms at its back.
BasicBlock *PlanApplier::edgeBlock(const Edge &Ed) {
  auto Key = std::make_pair(Ed.Term, Ed.Succ);
  auto It = EdgeBlocks.find(Key);
  if (It != EdgeBlocks.end())
    return It->second;
  BasicBlock *From = Ed.Term->getParent();
  BasicBlock *N = BasicBlock::Create(F.getContext(), "cp.edge", &F, Ed.Succ);
  BranchInst *Br = BranchInst::Create(Ed.Succ, N);
  Br->setDebugLoc(Ed.Term->getDebugLoc());
  for (unsigned I = 0, E = Ed.Term->getNumSuccessors(); I != E; ++I)
    if (Ed.Term->getSuccessor(I) == Ed.Succ)
      Ed.Term->setSuccessor(I, N);
  for (PHINode &PN : Ed.Succ->phis()) {
    bool Seen = false;
    for (int I = PN.getNumIncomingValues() - 1; I >= 0; --I) {
      if (PN.getIncomingBlock(I) != From)
        continue;
      if (!Seen) {
        PN.setIncomingBlock(I, N);
        Seen = true;
      } else {
        PN.removeIncomingValue(I, /*DeletePHIIfEmpty=*/false);
      }
    }
  }
  EdgeBlocks[Key] = N;
  return N;
}

void PlanApplier::pollEntry() {
  // The TLS address first, so that the entry poll goes after it.
  auto *TLSAddr = cast<Instruction>(E.tlsAddress(F));
  if (!Plan.EntryPoint)
    return;
  DebugLoc DL = Remarks.entryLoc();
  pollAt(Entry, TLSAddr->getNextNode(), CP_SITE_RECURSION, DL);
  ++NumEntryPolls;
  Remarks.remark("EntryPoll", DL, Entry,
                 "poll at entry: function is recursive");
}

/// Why a loop polls (for the remarks of chunk and back-edge polls).
static std::string largeWhy(const HeaderPoll &P) {
  return "effect-free loop of " + std::to_string(P.Size) +
         " instructions, polled, not armed (-cancelpoints-region-max-size)";
}

static std::string whyPolled(const HeaderPoll &P) {
  if (P.Reason == HeaderPoll::Effects)
    return "the loop has effects (" + P.Why.describe() + ")";
  if (P.Reason == HeaderPoll::NestedInEffects)
    return "effect-free loop nested in a polled loop";
  if (P.Reason == HeaderPoll::Large)
    return largeWhy(P);
  return "no reset regions here";
}

/// Polls at the places the markers of the loop at Header stood, where memory
/// is as the source wrote it at the loop's header (Markers.h).
void PlanApplier::pollAtMarkers(BasicBlock *Header, ArrayRef<WeakVH> Places,
                                const HeaderPoll &P) {
  DebugLoc HeaderDL = Remarks.blockLoc(Header);
  unsigned N = 0;
  for (const WeakVH &V : Places) {
    auto *At = dyn_cast_or_null<Instruction>(V.operator Value *());
    if (!At)
      continue;
    DebugLoc DL = At->getDebugLoc() ? At->getDebugLoc() : HeaderDL;
    E.emitPoll(At, E.site(F, CP_SITE_LOOP, DL), DL);
    ++NumPolls;
    ++NumMarkerPolls;
    ++N;
  }
  if (!N) {
    ++NumNoLegalPoint;
    Remarks.missed("NoLegalPoint", HeaderDL, Header,
                   "no point in this loop: no place in it where memory is as "
                   "the source wrote it");
    return;
  }
  Remarks.remark(
      "LoopPollMarker", HeaderDL, Header,
      "poll where the source loop's header was (" + Twine(N) +
          (N == 1 ? " place" : " places") +
          "): the optimiser moved code with effects to the loop's header" +
          (P.Why ? " (" + P.Why.describe() + ")" : std::string()));
}

/// A poll once per chunk of iterations, if the loop was found strip-minable.
bool PlanApplier::stripMineLoop(const HeaderPoll &P, const DebugLoc &DL) {
  auto It = Plan.Strip.find(P.Header);
  unsigned K = Plan.StripChunk;
  if (It == Plan.Strip.end())
    return false;
  Instruction *At = stripMine(It->second, K);
  if (!At)
    return false;
  pollAt(At->getParent(), At, CP_SITE_LOOP, DL);
  ++NumStripMined;
  Remarks.remark("LoopPollStrip", DL, P.Header,
                 "poll once every " + Twine(K) +
                     " iterations of counted loop: " + whyPolled(P));
  return true;
}

/// A poll on the back edge of the loop, unrolled first if it is small.
bool PlanApplier::pollBackEdge(const HeaderPoll &P, const DebugLoc &DL) {
  auto It = Plan.Latch.find(P.Header);
  if (It == Plan.Latch.end())
    return false;
  const PlannedLatchPoll &LP = It->second;
  unsigned K = LP.K;
  Instruction *At = latchPoll(LP.Loop, K);
  if (!At)
    return false;
  pollAt(At->getParent(), At, CP_SITE_LOOP, DL);
  ++NumLatchPolls;
  NumLatchCopies += K - 1;
  // K = 1 (a loop too big or calling to unroll, or one unrolled copy
  // only): the poll moves to the back edge, and a trip of one iteration
  // skips it (bzip2's GET_BITS loops mostly break at once).
  std::string Estimate =
      LP.Estimate ? "its branch weights estimate a trip of " +
                        std::to_string(LP.Estimate) + "; "
      : LP.ColdByProfile ? std::string("the profile finds it cold; ")
      : LP.OverBudget    ? std::string("the module's copy budget is spent; ")
                         : "";
  std::string Where =
      K == 1
          ? "poll on the back edge of the loop (" + Estimate +
                "no poll in a trip of one iteration): "
          : "poll on the back edge of the loop unrolled " + std::to_string(K) +
                " times (" + std::to_string(LP.Loop.Size) + " instructions; " +
                Estimate + "no poll in a trip of at most " + std::to_string(K) +
                " iterations): ";
  Remarks.remark("LoopPollLatch", DL, P.Header, Where + whyPolled(P));
  return true;
}

/// A poll at the loop's header, and the remark that says why.
void PlanApplier::pollHeader(const HeaderPoll &P, const DebugLoc &DL) {
  pollAt(P.Header, &*P.Header->getFirstInsertionPt(), CP_SITE_LOOP, DL);
  switch (P.Reason) {
  case HeaderPoll::NoRegions:
    Remarks.remark("LoopPoll", DL, P.Header,
                   Cx.Mode == PassMode::Poll ? "poll at loop header (mode=poll)"
                                             : "poll at loop header");
    break;
  case HeaderPoll::Effects:
    Remarks.remark("LoopPoll", DL, P.Header,
                   "poll at loop header: the loop has effects (" +
                       P.Why.describe() + ")");
    break;
  case HeaderPoll::Unsplittable:
    Remarks.missed("LoopPollUnsplittable", DL, P.Header,
                   "poll at loop header: the loop is effect-free, but an edge "
                   "into or out of it cannot be split to arm a reset region");
    break;
  case HeaderPoll::NestedInEffects:
    Remarks.remark("LoopPoll", DL, P.Header,
                   "poll at loop header: effect-free loop nested in a polled "
                   "loop (-cancelpoints-nested-regions=false)");
    break;
  case HeaderPoll::EntryNotLegal:
    Remarks.remark("LoopPoll", DL, P.Header,
                   "poll at loop header: the loop is effect-free, but memory "
                   "before it is not as the source wrote it");
    break;
  case HeaderPoll::Large:
    Remarks.remark("LoopPoll", DL, P.Header,
                   "poll at loop header: " + largeWhy(P));
    break;
  }
}

/// The point of a cycle with a header poll: at its markers where leaving
/// at its header is not legal; else once per chunk, or on its back edge,
/// or at its header.  A poll that starts a call region stays at the header.
void PlanApplier::pollLoop(const HeaderPoll &P) {
  DebugLoc DL = Remarks.blockLoc(P.Header);
  ++NumLoopPolls;
  auto MP = Plan.MarkerPolls.find(P.Header);
  if (MP != Plan.MarkerPolls.end()) {
    pollAtMarkers(P.Header, MP->second, P);
    return;
  }
  bool StartsCallRegion = Plan.PollRegion.count(P.Header);
  if (mayStripMine(P.Reason) && !StartsCallRegion && stripMineLoop(P, DL))
    return;
  if (mayPollLatch(P.Reason) && !StartsCallRegion && pollBackEdge(P, DL))
    return;
  pollHeader(P, DL);
}

/// Regions armed in place: arm + poll on each entering edge, then a disarm
/// on each exiting edge.
void PlanApplier::armCycleRegions() {
  std::vector<AllocaInst *> CycleCtx;
  for (const CycleRegion &R : Plan.Cycles.Regions) {
    DebugLoc DL = Remarks.blockLoc(R.Header);
    AllocaInst *Ctx = E.newResetContext(F);
    CycleCtx.push_back(Ctx);
    GlobalVariable *Site = E.site(F, CP_SITE_REGION, DL);
    for (const Edge &Ed : R.Entries) {
      BasicBlock *N = edgeBlock(Ed);
      Arms.push_back(E.emitArm(N->getTerminator(), Ctx, DL));
      E.emitPoll(N->getTerminator(), Site, DL);
      ++NumPolls;
      ++NumRegionEntries;
    }
    ++NumRegions;
    Remarks.remark(
        "RegionLoop", DL, R.Header,
        R.Entries.size() > 1
            ? "reset region armed before effect-free loop (on each of its " +
                  Twine(R.Entries.size()) + " entries)"
            : Twine("reset region armed before effect-free loop"));
  }
  // Disarms: at the front of edge blocks, before the stopping instruction.
  for (size_t I = 0; I < Plan.Cycles.Regions.size(); ++I)
    for (const Edge &Ed : Plan.Cycles.Regions[I].Exits) {
      BasicBlock *N = edgeBlock(Ed);
      E.emitDisarm(&*N->getFirstInsertionPt(), CycleCtx[I],
                   Remarks.blockLoc(Plan.Cycles.Regions[I].Header));
      ++NumDisarms;
    }
}

/// The disarms of the call regions (a cp_check's context made here).
void PlanApplier::disarmCallRegions() {
  for (size_t I = 0; I < Plan.CallRegions.size(); ++I) {
    PlannedCallRegion &P = Plan.CallRegions[I];
    if (P.Start == PlannedCallRegion::AtCheck)
      CallCtx[I] = E.newResetContext(F);
    AllocaInst *Ctx = CallCtx[I];
    assert(Ctx && "call region without a context");
    for (Instruction *At : P.R.ExitBefore) {
      E.emitDisarm(At, Ctx, At->getDebugLoc());
      ++NumDisarms;
    }
    for (const Edge &Ed : P.R.ExitEdges) {
      BasicBlock *N = edgeBlock(Ed);
      E.emitDisarm(&*N->getFirstInsertionPt(), Ctx, Ed.Term->getDebugLoc());
      ++NumDisarms;
    }
  }
}

/// Arms before cp_check calls (after the disarms placed before them); the
/// regions from a poll were armed with it.
void PlanApplier::armCallRegions() {
  for (size_t I = 0; I < Plan.CallRegions.size(); ++I) {
    PlannedCallRegion &P = Plan.CallRegions[I];
    std::string Callee = EffectAnalysis::calleeName(*P.R.Covered);
    ++NumCallRegions;
    if (P.Start == PlannedCallRegion::AtCheck) {
      DebugLoc DL = P.Check->getDebugLoc();
      Arms.push_back(E.emitArm(P.Check, CallCtx[I], DL));
      Remarks.remark("RegionCall", DL, P.Check->getParent(),
                     "reset region from " +
                         EffectAnalysis::calleeName(cast<CallBase>(*P.Check)) +
                         " extends across call to '" + Callee + "'");
    } else {
      bool IsEntry = P.PollBlock == Entry && Cx.Recursive;
      DebugLoc DL =
          IsEntry ? Remarks.entryLoc() : Remarks.blockLoc(P.PollBlock);
      Remarks.remark("RegionCall", DL, P.PollBlock,
                     Twine("reset region from the ") +
                         (IsEntry ? "entry poll" : "loop poll") +
                         " extends across call to '" + Callee + "'");
    }
  }
}

void PlanApplier::run() {
  pollEntry();
  for (const HeaderPoll &P : Plan.Cycles.Polls)
    pollLoop(P);
  armCycleRegions();
  disarmCallRegions();
  armCallRegions();
}

InstrumentResult
cancelpoints::instrumentFunction(FunctionContext &Cx,
                                 function_ref<void()> BeforeChange) {
  InstrumentResult Res;
  bool Regions = regionsAvailable(Cx);
  FunctionPlan Plan = classifyCycles(Cx, Regions);
  bool Prepares = !Plan.Cycles.Regions.empty(); // else prepare changes nothing
  if (Prepares)
    BeforeChange();
  Prepared Prep = prepareFunction(Cx, Plan.Cycles);
  NumRegions += Prep.Outlined;
  NumRegionEntries += Prep.Outlined;
  Res.Changed = Prep.Changed;
  planPreparedFunction(Cx, Plan);
  if (Plan.empty())
    return Res;
  if (!Prepares)
    BeforeChange();
  PlanApplier A(Cx, Plan);
  A.run();
  // Nothing but frame addresses may live across an arm.
  NumDemoted += demoteAcrossArms(Cx.F, A.Arms, Cx.E);
  Res.Changed = Res.Applied = true;
  Res.Arms = std::move(A.Arms);
  return Res;
}
