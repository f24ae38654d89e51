//===- CancelPoints.cpp - cancellation points and reset regions -----------===//
//
// The cancelpoints pass makes every loop of a C program cancellable
// (DESIGN.md).  The policy, per function:
//
//  * Implicit points: the header of every CFG cycle (llvm::CycleInfo, so
//    irreducible cycles too) and the entry of every function on a call-graph
//    cycle (direct calls only: calls through pointers are not followed, so a
//    recursion only through function pointers gets no entry point).
//  * mode=poll (the naive baseline): an inline poll at each of them.
//  * mode=full (the default):
//      - an outermost effect-free cycle is a reset region: the reset context
//        is armed on each entering edge, followed by a poll, and disarmed on
//        each exiting edge.  The cycle itself gets no instruction at all;
//      - an effectful cycle keeps a poll at its header; its nested cycles
//        are considered in turn;
//      - from a point (header poll, entry poll, cp_check call) a region
//        extends across effect-free code; if it covers a call to an
//        uninstrumented effect-free function it is armed before the point
//        and disarmed before the first effect and at every exit;
//      - values live across an arm are demoted (Demotion.h).
//      - cost policy (measured on bench/kernels with callgrind, duktape.c
//        for size): an effect-free reducible loop runs out of line behind
//        a trampoline (Outline.h), because a function that calls the
//        returns_twice arm loses register coalescing everywhere; a loop
//        with a small constant trip bound (-cancelpoints-bounded-trip), an
//        innermost loop whose constant trip bound times its size is small
//        (-cancelpoints-bounded-work: it ends within microseconds), or a
//        loop that calls an entry-polled function on every iteration needs
//        no point of its own; an effect-free loop nested in a loop with
//        effects is polled, not armed per entry (-cancelpoints-nested-
//        regions), since an arm costs ~60-130 instructions per entry;
//        a small effect-free loop has its first iterations peeled off
//        before its region, so that short trips never arm (RegionPeel.h);
//        a small counted loop with effects (innermost, or a nest of
//        loops with small trip bounds) polls once per chunk of
//        iterations (StripMine.h); another small innermost
//        loop that would poll at its header is unrolled and polls on
//        its one back edge instead (LatchPoll.h, -cancelpoints-latch-
//        poll): a trip of at most K iterations runs no poll (the
//        enclosing cycle's point bounds it), a longer one polls once
//        every K iterations.
//  * Functions the pass cannot instrument safely are left alone, with a
//    missed remark: returns_twice calls (setjmp, vfork), inline asm, naked,
//    variadic, exception handling, cancelpoints-nocancel (attribute or
//    annotate("cp_nocancel")), disable_sanitizer_instrumentation, and the
//    runtime's own entry points (__cp_*, cp_check, cp_check_graceful).
//  * Targets other than x86_64 get poll mode: the reset context layout is
//    only tested there.
//  * The pass runs once per module: it sets the module flag CP_MODULE_FLAG
//    and skips a module that has it.
//
// -cancelpoints-mode=off|poll|full selects the mode; without it the
// environment variable CANCELPOINTS_PASS_MODE does (clang cannot pass
// -mllvm options to a plugin loaded with -fpass-plugin alone).
//
//===----------------------------------------------------------------------===//
#include "CancelPoints.h"
#include "Bounds.h"
#include "Compat.h"
#include "Demotion.h"
#include "EffectAnalysis.h"
#include "Eligibility.h"
#include "Emitter.h"
#include "LatchPoll.h"
#include "Markers.h"
#include "Outline.h"
#include "Regions.h"
#include "Redirect.h"
#include "RegionPeel.h"
#include "StripMine.h"

#include "cancelpoints_abi.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Analysis/CallGraph.h"
#include "llvm/Analysis/CycleAnalysis.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Triple.h"

#include <algorithm>
#include <cstdlib>
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
STATISTIC(NumBoundedLoops, "Loops with no point: small constant trip bound");
STATISTIC(NumStripMined, "Loops with effects polled once per chunk");
STATISTIC(NumLatchPolls, "Short loops polled on their unrolled back edge");
STATISTIC(NumMarkerPolls, "Polls where a loop's header was before the optimiser");
STATISTIC(NumNoLegalPoint, "Loops with no place where leaving is legal");
STATISTIC(NumLatchCopies, "Loop body copies made for back-edge polls");
STATISTIC(NumRecursionRegions, "Effect-free recursions run in one region");
STATISTIC(NumSkippedFunctions, "Functions left uninstrumented");
STATISTIC(NumInstrumentedFunctions, "Functions instrumented");

namespace {
enum class Mode { Off, Poll, Full };
} // namespace

static cl::opt<Mode> ModeOpt(
    "cancelpoints-mode",
    cl::desc("What the cancelpoints pass inserts (default: "
             "$CANCELPOINTS_PASS_MODE, else full)"),
    cl::init(Mode::Full),
    cl::values(clEnumValN(Mode::Off, "off", "nothing"),
               clEnumValN(Mode::Poll, "poll",
                          "a poll at every cycle header and recursive entry"),
               clEnumValN(Mode::Full, "full",
                          "polls, reset regions and call regions")));

static cl::opt<bool> VerifyOpt(
    "cancelpoints-verify",
    cl::desc("Verify each instrumented function, and that no value is live "
             "across an arm; a function that fails is left uninstrumented "
             "(with a remark), or with -cancelpoints-verify-fatal, stops the "
             "compiler"),
    cl::init(true));

static cl::opt<bool> VerifyFatalOpt(
    "cancelpoints-verify-fatal",
    cl::desc("A function that fails -cancelpoints-verify stops the compiler "
             "instead of being left uninstrumented (default: "
             "$CANCELPOINTS_PASS_VERIFY=fatal, which the test suite sets)"),
    cl::init(false));

static cl::opt<std::string> BreakForTestOpt(
    "cancelpoints-break-for-test", cl::Hidden,
    cl::desc("Corrupt the instrumented function of this name, to test what "
             "-cancelpoints-verify does with it"));

static cl::opt<bool> NestedRegionsOpt(
    "cancelpoints-nested-regions",
    cl::desc("Arm an effect-free loop nested in a loop with effects (once per "
             "outer iteration); when off it gets a header poll instead"),
    cl::init(false));

static cl::opt<bool> RecursionRegionsOpt(
    "cancelpoints-recursion-regions",
    cl::desc("Run a recursion whose whole SCC is effect-free in one reset "
             "region, armed where it is entered from outside (Outline.h), "
             "instead of polling at every call"),
    cl::init(true));

static cl::opt<bool> OutlineOpt(
    "cancelpoints-outline",
    cl::desc("Run each effect-free reducible loop out of line, armed by a "
             "trampoline, so that no function with code of its own calls the "
             "returns_twice __cp_arm (Outline.h); when off, arm in place"),
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

static cl::opt<unsigned> RegionPeelOpt(
    "cancelpoints-region-peel",
    cl::desc("Peel up to N iterations off a small effect-free loop before its "
             "reset region, so that a trip of at most N iterations never "
             "arms it (RegionPeel.h; 0: off)"),
    cl::init(2));

static cl::opt<unsigned> RegionPeelSizeOpt(
    "cancelpoints-region-peel-size",
    cl::desc("The most instructions the iterations peeled by "
             "-cancelpoints-region-peel may have in all"),
    cl::init(32));

static cl::opt<unsigned> LatchPollOpt(
    "cancelpoints-latch-poll",
    cl::desc("Unroll a small innermost loop that would be polled at its header "
             "up to N times and poll its one back edge instead, so that a trip "
             "of at most N iterations runs no poll (LatchPoll.h; 0: off)"),
    cl::init(8));

static cl::opt<unsigned> LatchPollSizeOpt(
    "cancelpoints-latch-poll-size",
    cl::desc("The most instructions a loop unrolled by -cancelpoints-latch-poll "
             "may have: a loop of S instructions is unrolled min(N, this / S) "
             "times; below 2, or with a call, its poll only moves to its one "
             "back edge"),
    cl::init(32));

static cl::opt<bool> PointCallOpt(
    "cancelpoints-point-calls",
    cl::desc("A loop that calls a function with an entry poll on every "
             "iteration gets no point of its own"),
    cl::init(true));

static constexpr const char *ModeEnv = "CANCELPOINTS_PASS_MODE";

/// -cancelpoints-mode if given, else $CANCELPOINTS_PASS_MODE, else full.
static Mode selectedMode() {
  if (ModeOpt.getNumOccurrences())
    return ModeOpt;
  const char *Env = std::getenv(ModeEnv);
  if (!Env || !*Env)
    return Mode::Full;
  std::optional<Mode> M = StringSwitch<std::optional<Mode>>(Env)
                              .Case("off", Mode::Off)
                              .Case("poll", Mode::Poll)
                              .Case("full", Mode::Full)
                              .Default(std::nullopt);
  if (M)
    return *M;
  static bool Warned = false;
  if (!Warned) {
    errs() << "cancelpoints: error: " << ModeEnv << "='" << Env
           << "' is not one of off, poll, full; using full\n";
    Warned = true;
  }
  return Mode::Full;
}

bool cancelpoints::cancelpointsEnabled() { return selectedMode() != Mode::Off; }

/// -cancelpoints-verify-fatal if given, else CANCELPOINTS_PASS_VERIFY=fatal.
static bool verifyFatal() {
  if (VerifyFatalOpt.getNumOccurrences())
    return VerifyFatalOpt;
  const char *Env = std::getenv("CANCELPOINTS_PASS_VERIFY");
  if (!Env || !*Env)
    return false;
  if (StringRef(Env) == "fatal")
    return true;
  static bool Warned = false;
  if (!Warned) {
    errs() << "cancelpoints: error: CANCELPOINTS_PASS_VERIFY='" << Env
           << "' is not 'fatal' (or empty); a function that fails "
              "verification is left uninstrumented\n";
    Warned = true;
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Module-level facts
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// Per-function instrumentation
//===----------------------------------------------------------------------===//

namespace {

/// A reset region to arm: where its arm goes, its context, its exits.
struct PlannedCallRegion {
  enum StartKind { AtPoll, AtCheck } Start;
  BasicBlock *PollBlock = nullptr;   // AtPoll: the header or entry block
  Instruction *Check = nullptr;      // AtCheck: the cp_check call
  CallRegion R;
};

class FunctionInstrumenter {
public:
  FunctionInstrumenter(Function &F, const EffectAnalysis &EA, Emitter &E,
                       Mode M, bool Recursive, LoopInfo *LI,
                       ScalarEvolution *SE,
                       const DenseSet<const Function *> &EntryPolled,
                       const PointFacts &Facts)
      : F(F), EA(EA), E(E), ORE(&F), M(M), Recursive(Recursive), LI(LI),
        SE(SE), EntryPolled(EntryPolled), Facts(Facts) {}

  /// Returns true if F changed.
  bool run();
  /// After run(): what -cancelpoints-verify found wrong, or "".
  std::string Broken;

private:
  DebugLoc blockLoc(BasicBlock *BB) const;
  DebugLoc entryLoc() const;
  BasicBlock *edgeBlock(const Edge &Ed);
  void remark(StringRef Name, const DebugLoc &DL, BasicBlock *BB,
              const Twine &Msg);
  void missed(StringRef Name, const DebugLoc &DL, BasicBlock *BB,
              const Twine &Msg);
  std::string calleeName(const CallBase *CB) const;

  Function &F;
  const EffectAnalysis &EA;
  Emitter &E;
  OptimizationRemarkEmitter ORE;
  Mode M;
  bool Recursive;
  LoopInfo *LI;
  ScalarEvolution *SE;
  const DenseSet<const Function *> &EntryPolled;
  const PointFacts &Facts;
  void pollAtMarkers(BasicBlock *Header, ArrayRef<WeakVH> Places,
                     const HeaderPoll &P);
  std::string noPointReason(const CycleInfo::CycleT &C, DominatorTree &DT);
  std::string checkResult();
  std::map<std::pair<Instruction *, BasicBlock *>, BasicBlock *> EdgeBlocks;
  SmallVector<CallInst *, 8> Arms;
};

} // namespace

void FunctionInstrumenter::remark(StringRef Name, const DebugLoc &DL,
                                  BasicBlock *BB, const Twine &Msg) {
  ORE.emit([&] {
    return OptimizationRemark(DEBUG_TYPE, Name, DL, BB) << Msg.str();
  });
}

void FunctionInstrumenter::missed(StringRef Name, const DebugLoc &DL,
                                  BasicBlock *BB, const Twine &Msg) {
  ORE.emit([&] {
    return OptimizationRemarkMissed(DEBUG_TYPE, Name, DL, BB) << Msg.str();
  });
}

std::string FunctionInstrumenter::calleeName(const CallBase *CB) const {
  if (const Function *C = EffectAnalysis::directCallee(*CB))
    return C->getName().str();
  return "?";
}

/// The location of a block: its first instruction with one, else line 0 of
/// the function (so inserted calls carry a location in functions with
/// debug info).
DebugLoc FunctionInstrumenter::blockLoc(BasicBlock *BB) const {
  for (Instruction &I : *BB)
    if (const DebugLoc &DL = I.getDebugLoc())
      if (DL.getLine())
        return DL;
  if (DISubprogram *SP = F.getSubprogram())
    return DILocation::get(F.getContext(), 0, 0, SP);
  return DebugLoc();
}

DebugLoc FunctionInstrumenter::entryLoc() const {
  if (DISubprogram *SP = F.getSubprogram())
    return DILocation::get(F.getContext(), SP->getLine(), 0, SP);
  return DebugLoc();
}

/// A new block on the edge (all the edges from Term's block to Succ), made
/// once per edge: disarms go at its front, arms at its back.
BasicBlock *FunctionInstrumenter::edgeBlock(const Edge &Ed) {
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

/// Why cycle C needs no point of its own (full mode only), or "".
///  * Its trip count has a small constant bound (SCEV): every run of C ends
///    after a bounded number of iterations, each of which ends or runs a
///    nested cycle that is planned in turn (and gets a point if unbounded).
///    For an innermost loop the bound may be larger if its body is small:
///    what is bounded is the trip count times the body's size.
///  * Every iteration calls a function of the module that polls at its
///    entry (a recursive one): the block of the call dominates every latch.
std::string FunctionInstrumenter::noPointReason(const CycleInfo::CycleT &C,
                                                DominatorTree &DT) {
  if (M != Mode::Full || !C.isReducible())
    return "";
  BasicBlock *H = C.getHeader();
  if (LI && SE) {
    Loop *L = LI->getLoopFor(H);
    if (L && L->getHeader() == H) {
      std::string Why = boundedReason(*L, *SE);
      if (!Why.empty()) {
        ++NumBoundedLoops;
        return Why;
      }
    }
  }
  if (PointCallOpt && !EntryPolled.empty()) {
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
            if (EntryPolled.count(Callee))
              return "every iteration calls '" + Callee->getName().str() +
                     "', which polls at its entry";
    }
  }
  return "";
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

/// Header polls that strip-mining may replace: loops with effects, and
/// effect-free loops nested in them (polled, not armed per entry).
static bool isStripReason(HeaderPoll::ReasonKind R) {
  return R == HeaderPoll::Effects || R == HeaderPoll::NestedOff;
}

/// Header polls that may move to the back edge of the unrolled loop: the
/// strip-mining ones, and any loop of a function without regions.
static bool isLatchReason(HeaderPoll::ReasonKind R) {
  return isStripReason(R) || R == HeaderPoll::NoRegions;
}

/// Polls at the places the markers of the loop at Header stood, where memory
/// is as the source wrote it at the loop's header (Markers.h).
void FunctionInstrumenter::pollAtMarkers(BasicBlock *Header,
                                         ArrayRef<WeakVH> Places,
                                         const HeaderPoll &P) {
  DebugLoc HeaderDL = blockLoc(Header);
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
    missed("NoLegalPoint", HeaderDL, Header,
           "no point in this loop: no place in it where memory is as the "
           "source wrote it");
    return;
  }
  remark("LoopPollMarker", HeaderDL, Header,
         "poll where the source loop's header was (" + Twine(N) +
             (N == 1 ? " place" : " places") +
             "): the optimiser moved code with effects to the loop's header" +
             (P.Why ? " (" + P.Why.describe() + ")" : std::string()));
}

bool FunctionInstrumenter::run() {
  // Regions need the reset context of a tested target, and no token values
  // (they cannot be demoted across an arm).
  bool Regions = M == Mode::Full;
  Triple TT = compat::targetTriple(*F.getParent());
  if (Regions && TT.getArch() != Triple::x86_64) {
    Regions = false;
    missed("PollOnlyTarget", entryLoc(), &F.getEntryBlock(),
           "reset regions are not available on target '" + TT.str() +
               "': using polls only");
  }
  if (Regions)
    for (Instruction &I : instructions(F))
      if (I.getType()->isTokenTy()) {
        Regions = false;
        missed("PollOnlyTokens", entryLoc(), &F.getEntryBlock(),
               "reset regions are not used: the function has token values");
        break;
      }

  // ---- Plan (no change to the IR yet) ----
  CycleInfo CI;
  CI.compute(F);
  AllocaInfo Allocas(F);
  DominatorTree PlanDT(F);
  CyclePlan Cycles = planCycles(
      CI, EA, Allocas, Regions, NestedRegionsOpt,
      [&](const CycleInfo::CycleT &C) { return noPointReason(C, PlanDT); },
      [&](const Edge &Ed) {
        return Facts.cleanOnEdge(Ed.Term->getParent(), Ed.Succ);
      });
  // A header where leaving is not legal (Markers.h) polls where the source
  // loop's header was instead: at its markers.
  DenseMap<BasicBlock *, SmallVector<WeakVH, 2>> MarkerPolls;
  for (const HeaderPoll &P : Cycles.Polls)
    if (!Facts.cleanAtStart(P.Header)) {
      const CycleInfo::CycleT *C = CI.getCycle(P.Header);
      auto &Places = MarkerPolls[P.Header];
      for (Instruction *I : Facts.markerPlaces(
               [&](const BasicBlock *B) { return CI.getCycle(B) == C; }))
        Places.push_back(WeakVH(I));
    }
  // The entry of a recursive function is a point if a marker stands there.
  bool EntryPoint = Recursive && Facts.cleanAtStart(&F.getEntryBlock());
  if (Recursive && !EntryPoint)
    missed("NoEntryPoint", entryLoc(), &F.getEntryBlock(),
           "no point at the entry of recursive function: memory there is "
           "not as the source wrote it");
  for (const SkippedCycle &S : Cycles.Skipped)
    remark("NoPoint", blockLoc(S.Header), S.Header,
           "no point at loop header: " + S.Why);

  // Effect-free reducible cycles run out of line (Outline.h), small ones
  // after a few iterations peeled off (RegionPeel.h).
  bool Outlined = false;
  if (OutlineOpt && !Cycles.Regions.empty()) {
    SmallVector<CycleRegion, 4> Keep;
    for (CycleRegion &R : Cycles.Regions) {
      if (R.Reducible) {
        DebugLoc DL = blockLoc(R.Header);
        unsigned Peeled =
            F.hasOptSize() ? 0
                           : peelBeforeRegion(F, R, RegionPeelOpt,
                                              RegionPeelSizeOpt);
        Outlined |= Peeled != 0;
        BasicBlock *Header = R.Header;
        if (Function *Body = outlineRegion(
                F, R.Blocks, [&] { return E.site(F, CP_SITE_REGION, DL); },
                E)) {
          Outlined = true;
          ++NumRegions;
          ++NumRegionEntries;
          ORE.emit([&] {
            OptimizationRemark R(DEBUG_TYPE, "RegionLoop", DL, Header);
            R << "reset region armed before effect-free loop (out of line "
                 "in '"
              << Body->getName() << "')";
            if (Peeled)
              R << " after its first " << std::to_string(Peeled)
                << " iterations (peeled)";
            return R;
          });
          continue;
        }
      }
      Keep.push_back(std::move(R));
    }
    // A region armed in place needs its edges as they are now: peeling a
    // loop next to it may have split one (a dedicated exit block).
    if (Outlined)
      for (CycleRegion &R : Keep) {
        SmallPtrSet<BasicBlock *, 16> In(R.Blocks.begin(), R.Blocks.end());
        SmallVector<BasicBlock *, 2> EntryBlocks;
        for (BasicBlock *B : R.Blocks)
          if (any_of(predecessors(B), [&](BasicBlock *P) { return !In.count(P); }))
            EntryBlocks.push_back(B);
        R.Entries.clear();
        R.Exits.clear();
        collectEdges(R.Blocks, EntryBlocks, R.Entries, R.Exits);
      }
    Cycles.Regions = std::move(Keep);
  }

  std::vector<PlannedCallRegion> CallRegions;
  DenseMap<BasicBlock *, size_t> PollRegion; // poll block -> CallRegions idx
  auto TryPollRegion = [&](BasicBlock *BB, BasicBlock::iterator From) {
    if (!Regions)
      return;
    if (std::optional<CallRegion> R = findCallRegion(BB, From, EA)) {
      PollRegion[BB] = CallRegions.size();
      CallRegions.push_back({PlannedCallRegion::AtPoll, BB, nullptr, *R});
    }
  };
  BasicBlock *Entry = &F.getEntryBlock();
  if (EntryPoint)
    TryPollRegion(Entry, Entry->getFirstInsertionPt());
  for (const HeaderPoll &P : Cycles.Polls)
    if (!MarkerPolls.count(P.Header))
      TryPollRegion(P.Header, P.Header->getFirstInsertionPt());
  if (Regions)
    for (Instruction &I : instructions(F))
      if (isExplicitPoint(I))
        if (std::optional<CallRegion> R = findCallRegion(
                I.getParent(), std::next(I.getIterator()), EA))
          CallRegions.push_back({PlannedCallRegion::AtCheck, nullptr, &I, *R});

  if (!EntryPoint && Cycles.Polls.empty() && Cycles.Regions.empty() &&
      CallRegions.empty())
    return Outlined;

  // Counted innermost loops with effects that can be polled per chunk
  // (StripMine.h), found before any poll changes the CFG.
  DenseMap<BasicBlock *, StripCandidate> Strip;
  if (M == Mode::Full && StripMineOpt &&
      any_of(Cycles.Polls,
             [](const HeaderPoll &P) { return isStripReason(P.Reason); }))
    Strip = findStripCandidates(F, /*MaxBody=*/48, StripMineIVsOpt,
                                StripMineOpt, boundedTripLimit());
  // Small innermost loops whose poll can move to their back edge
  // (LatchPoll.h), also found before any change.
  DenseMap<BasicBlock *, LatchPollCandidate> Latch;
  // Not where code size or debugging comes first (-Os, -Oz, -O0).
  if (M == Mode::Full && LatchPollOpt && !F.hasOptSize() &&
      !F.hasOptNone() &&
      any_of(Cycles.Polls,
             [](const HeaderPoll &P) { return isLatchReason(P.Reason); }))
    Latch = findLatchPollCandidates(F, LatchPollSizeOpt / 2);
  // The back edge must be a place where leaving is legal.
  eraseIf(Latch, [&](BasicBlock *H, const LatchPollCandidate &C) {
    return any_of(predecessors(H), [&](BasicBlock *P) {
      return is_contained(C.Blocks, P) && !Facts.cleanOnEdge(P, H);
    });
  });
  // A loop whose edges the plan names (an exit straight into a region armed
  // in place, a call region's exit into its header) keeps its header poll:
  // strip-mining and back-edge polls put new blocks on those edges, and the
  // plan would name an edge that is no longer there.
  DenseSet<const BasicBlock *> PlannedFrom, PlannedInto;
  auto PlanEdge = [&](const Edge &Ed) {
    PlannedFrom.insert(Ed.Term->getParent());
    PlannedInto.insert(Ed.Succ);
  };
  for (const CycleRegion &R : Cycles.Regions) {
    for_each(R.Entries, PlanEdge);
    for_each(R.Exits, PlanEdge);
  }
  for (const PlannedCallRegion &P : CallRegions) {
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
  eraseIf(Latch, [&](BasicBlock *H, const LatchPollCandidate &C) {
    return Touched(H, C.Blocks);
  });
  eraseIf(Strip, [&](BasicBlock *H, const StripCandidate &C) {
    return Touched(H, {C.Header, C.Latch});
  });

  // ---- Transform ----
  // The TLS address first, so that the entry poll goes after it.
  auto *TLSAddr = cast<Instruction>(E.tlsAddress(F));
  std::vector<AllocaInst *> CallCtx(CallRegions.size(), nullptr);

  auto PollAt = [&](BasicBlock *BB, Instruction *At, unsigned Kind,
                    const DebugLoc &DL) {
    auto It = PollRegion.find(BB);
    if (It != PollRegion.end()) {
      AllocaInst *Ctx = E.newResetContext(F);
      CallCtx[It->second] = Ctx;
      Arms.push_back(E.emitArm(At, Ctx, DL));
      Kind = CP_SITE_CALL;
    }
    E.emitPoll(At, E.site(F, Kind, DL), DL);
    ++NumPolls;
  };

  if (EntryPoint) {
    DebugLoc DL = entryLoc();
    PollAt(Entry, TLSAddr->getNextNode(), CP_SITE_RECURSION, DL);
    ++NumEntryPolls;
    remark("EntryPoll", DL, Entry, "poll at entry: function is recursive");
  }

  for (const HeaderPoll &P : Cycles.Polls) {
    DebugLoc DL = blockLoc(P.Header);
    ++NumLoopPolls;
    auto MP = MarkerPolls.find(P.Header);
    if (MP != MarkerPolls.end()) {
      pollAtMarkers(P.Header, MP->second, P);
      continue;
    }
    if (isStripReason(P.Reason) && !PollRegion.count(P.Header)) {
      auto It = Strip.find(P.Header);
      unsigned K = StripMineOpt;
      if (It != Strip.end())
        if (Instruction *At = stripMine(It->second, K)) {
          PollAt(At->getParent(), At, CP_SITE_LOOP, DL);
          ++NumStripMined;
          remark("LoopPollStrip", DL, P.Header,
                 "poll once every " + Twine(K) +
                     " iterations of counted loop: " +
                     (P.Reason == HeaderPoll::Effects
                          ? "the loop has effects (" + P.Why.describe() + ")"
                          : std::string("effect-free loop nested in a loop "
                                        "with effects")));
          continue;
        }
    }
    if (isLatchReason(P.Reason) && !PollRegion.count(P.Header)) {
      auto It = Latch.find(P.Header);
      // K = 1 (a loop too big or calling to unroll, or one unrolled copy
      // only): the poll moves to the back edge, and a trip of one
      // iteration skips it (bzip2's GET_BITS loops mostly break at once).
      unsigned K = It == Latch.end() ? 0
                   : It->second.Size == 0
                       ? 1
                       : std::max<unsigned>(
                             1, std::min<unsigned>(
                                    LatchPollOpt,
                                    LatchPollSizeOpt / It->second.Size));
      if (K >= 1)
        if (Instruction *At = latchPoll(It->second, K)) {
          PollAt(At->getParent(), At, CP_SITE_LOOP, DL);
          ++NumLatchPolls;
          NumLatchCopies += K - 1;
          remark("LoopPollLatch", DL, P.Header,
                 (K == 1 ? Twine("poll on the back edge of the loop (no poll "
                                 "in a trip of one iteration): ")
                         : "poll on the back edge of the loop unrolled " +
                               Twine(K) + " times (" +
                               Twine(It->second.Size) +
                               " instructions; no poll in a trip of at most " +
                               Twine(K) + " iterations): ") +
                     (P.Reason == HeaderPoll::Effects
                          ? "the loop has effects (" + P.Why.describe() + ")"
                      : P.Reason == HeaderPoll::NestedOff
                          ? std::string("effect-free loop nested in a loop "
                                        "with effects")
                          : std::string("no reset regions here")));
          continue;
        }
    }
    PollAt(P.Header, &*P.Header->getFirstInsertionPt(), CP_SITE_LOOP, DL);
    switch (P.Reason) {
    case HeaderPoll::NoRegions:
      remark("LoopPoll", DL, P.Header,
             M == Mode::Poll ? "poll at loop header (mode=poll)"
                             : "poll at loop header");
      break;
    case HeaderPoll::Effects:
      remark("LoopPoll", DL, P.Header,
             "poll at loop header: the loop has effects (" +
                 P.Why.describe() + ")");
      break;
    case HeaderPoll::Unsplittable:
      missed("LoopPollUnsplittable", DL, P.Header,
             "poll at loop header: the loop is effect-free, but an edge into "
             "or out of it cannot be split to arm a reset region");
      break;
    case HeaderPoll::NestedOff:
      remark("LoopPoll", DL, P.Header,
             "poll at loop header: effect-free loop nested in a loop with "
             "effects (-cancelpoints-nested-regions=false)");
      break;
    case HeaderPoll::Inconsistent:
      remark("LoopPoll", DL, P.Header,
             "poll at loop header: the loop is effect-free, but memory "
             "before it is not as the source wrote it");
      break;
    }
  }

  // Effect-free cycles: arm + poll on each entering edge.
  std::vector<AllocaInst *> CycleCtx;
  for (const CycleRegion &R : Cycles.Regions) {
    DebugLoc DL = blockLoc(R.Header);
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
    remark("RegionLoop", DL, R.Header,
           R.Entries.size() > 1
               ? "reset region armed before effect-free loop (on each of its " +
                     Twine(R.Entries.size()) + " entries)"
               : Twine("reset region armed before effect-free loop"));
  }

  // Disarms: at the front of edge blocks, before the stopping instruction.
  for (size_t I = 0; I < Cycles.Regions.size(); ++I)
    for (const Edge &Ed : Cycles.Regions[I].Exits) {
      BasicBlock *N = edgeBlock(Ed);
      E.emitDisarm(&*N->getFirstInsertionPt(), CycleCtx[I],
                   blockLoc(Cycles.Regions[I].Header));
      ++NumDisarms;
    }
  for (size_t I = 0; I < CallRegions.size(); ++I) {
    PlannedCallRegion &P = CallRegions[I];
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

  // Arms before cp_check calls (after the disarms placed before them).
  for (size_t I = 0; I < CallRegions.size(); ++I) {
    PlannedCallRegion &P = CallRegions[I];
    std::string Callee = calleeName(P.R.Worthwhile);
    ++NumCallRegions;
    if (P.Start == PlannedCallRegion::AtCheck) {
      DebugLoc DL = P.Check->getDebugLoc();
      Arms.push_back(E.emitArm(P.Check, CallCtx[I], DL));
      remark("RegionCall", DL, P.Check->getParent(),
             "reset region from " +
                 calleeName(cast<CallBase>(P.Check)) +
                 " extends across call to '" + Callee + "'");
    } else {
      bool IsEntry = P.PollBlock == Entry && Recursive;
      DebugLoc DL = IsEntry ? entryLoc() : blockLoc(P.PollBlock);
      remark("RegionCall", DL, P.PollBlock,
             Twine("reset region from the ") +
                 (IsEntry ? "entry poll" : "loop poll") +
                 " extends across call to '" + Callee + "'");
    }
  }

  // Nothing but frame addresses may live across an arm.
  NumDemoted += demoteAcrossArms(F, Arms, E);

  if (F.getName() == BreakForTestOpt) // a block with no terminator
    BasicBlock::Create(F.getContext(), "cp.broken", &F);
  if (VerifyOpt)
    Broken = checkResult();
  if (Broken.empty())
    ++NumInstrumentedFunctions;
  return true;
}

/// What is wrong with the instrumented function, or "": the verifier's
/// first complaint, or a value live across an arm (Demotion.h).
std::string FunctionInstrumenter::checkResult() {
  std::string Msg;
  raw_string_ostream OS(Msg);
  if (verifyFunction(F, &OS))
    return "the verifier says: " + OS.str();
  DominatorTree DT(F);
  for (CallInst *Arm : Arms) {
    SmallVector<Value *, 4> Live;
    liveAcrossArm(*Arm, DT, Live);
    if (!Live.empty()) {
      OS << "a value is live across an arm: " << *Live.front();
      return OS.str();
    }
  }
  return "";
}

//===----------------------------------------------------------------------===//
// The module pass
//===----------------------------------------------------------------------===//

/// F came out of the instrumentation broken (a bug of the pass): Backup, its
/// copy from before, takes its place, uninstrumented, and a missed remark
/// says why.  What the instrumentation added elsewhere (an outlined body, a
/// site) is left unused.
static void leaveUninstrumented(Function &F, Function &Backup,
                                StringRef Why, FunctionAnalysisManager &FAM) {
  ++NumSkippedFunctions;
  OptimizationRemarkEmitter ORE(&Backup);
  std::string Name = F.getName().str();
  ORE.emit([&] {
    return OptimizationRemarkMissed(DEBUG_TYPE, "LeftAloneBroken",
                                    DiagnosticLocation(Backup.getSubprogram()),
                                    &Backup.getEntryBlock())
           << "function '" << Name
           << "' not instrumented: the pass produced invalid code for it ("
           << Why.str() << "); please report this";
  });
  FAM.clear(F, F.getName());
  Backup.removeFromParent(); // where F stands in the module
  F.getParent()->getFunctionList().insert(F.getIterator(), &Backup);
  Backup.takeName(&F);
  Backup.setComdat(F.getComdat());
  F.replaceAllUsesWith(&Backup);
  F.eraseFromParent();
}

PreservedAnalyses CancelPointsPass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (M.getModuleFlag(CP_MODULE_FLAG))
    return PreservedAnalyses::all();
  Mode Md = selectedMode();
  if (Md == Mode::Off)
    return PreservedAnalyses::all();

  Emitter E(M);
  if (!E.tlsUsable()) {
    errs() << "cancelpoints: warning: '" CP_SYM_TLS "' is defined in module '"
           << M.getModuleIdentifier()
           << "' as something other than a thread-local variable; module "
              "left uninstrumented\n";
    return PreservedAnalyses::all();
  }

  // IR that did not go through the first phase (given to opt as it is)
  // gets its markers now.
  if (!any_of(M, [](const Function &F) { return F.hasFnAttribute(CP_ATTR_MARKED); }))
    CancelPointMarkPass().run(M, MAM);

  // Where leaving is legal, learnt with the markers in place; then they go.
  EffectAnalysis EA(M);
  std::map<const Function *, std::unique_ptr<PointFacts>> Facts;
  for (Function &F : M)
    if (!F.isDeclaration()) {
      auto &PF = Facts[&F] = std::make_unique<PointFacts>(F, EA);
      PF->eraseMarkers();
    }
  eraseMarkerDeclarations(M);

  std::vector<std::vector<Function *>> SCCs = findRecursiveSCCs(M);
  DenseSet<const Function *> Recursive;
  for (const std::vector<Function *> &SCC : SCCs)
    Recursive.insert(SCC.begin(), SCC.end());
  DenseSet<const Function *> Annotated = findNoCancelAnnotated(M);

  // Effect-free recursions: one region per entry from outside (Outline.h).
  // Their members become wrappers (a point: they arm and poll) and their
  // bodies need nothing.
  DenseSet<const Function *> Done;
  if (Md == Mode::Full && RecursionRegionsOpt &&
      compat::targetTriple(M).getArch() == Triple::x86_64)
    for (const std::vector<Function *> &SCC : SCCs) {
      bool Eligible = all_of(SCC, [&](Function *F) {
        return !F->isDeclaration() && !F->hasAvailableExternallyLinkage() &&
               whyLeftAlone(*F, Annotated).empty() &&
               EA.isEffectFreeFunction(*F) &&
               Facts[F]->cleanAtStart(&F->getEntryBlock());
      });
      if (!Eligible)
        continue;
      Function *F0 = SCC.front();
      if (std::string Why = recursionRegionObstacle(SCC); !Why.empty()) {
        OptimizationRemarkEmitter ORE(F0);
        ORE.emit([&] {
          return OptimizationRemarkMissed(DEBUG_TYPE, "RecursionRegionMissed",
                                          DiagnosticLocation(F0->getSubprogram()),
                                          &F0->getEntryBlock())
                 << "effect-free recursion through '" << F0->getName()
                 << "' polls at every entry: " << Why;
        });
        continue;
      }
      SmallVector<Function *, 4> Inners = makeRecursionRegion(
          SCC,
          [&](Function &F) {
            DebugLoc DL;
            if (DISubprogram *SP = F.getSubprogram())
              DL = DILocation::get(F.getContext(), SP->getLine(), 0, SP);
            return E.site(F, CP_SITE_RECURSION, DL);
          },
          E);
      ++NumRecursionRegions;
      for (size_t K = 0; K < SCC.size(); ++K) {
        Function *F = SCC[K], *In = Inners[K];
        Done.insert(F);
        Done.insert(In);
        ++NumInstrumentedFunctions;
        OptimizationRemarkEmitter ORE(F);
        ORE.emit([&] {
          return OptimizationRemark(DEBUG_TYPE, "RecursionRegion",
                                    DiagnosticLocation(In->getSubprogram()),
                                    &F->getEntryBlock())
                 << "reset region armed at the entry of effect-free "
                    "recursion: '"
                 << F->getName() << "' runs '" << In->getName()
                 << "' in it; calls within the recursion ("
                 << std::to_string(SCC.size())
                 << (SCC.size() == 1 ? " function" : " functions")
                 << ") have no point";
        });
      }
    }

  for (auto &KV : E.Trampolines)
    Done.insert(KV.second);
  std::vector<Function *> Work;
  for (Function &F : M)
    if (!F.isDeclaration() && !F.hasAvailableExternallyLinkage() &&
        !Done.count(&F))
      Work.push_back(&F);

  // Recursive functions that will get an entry poll.
  DenseSet<const Function *> EntryPolled;
  for (Function *F : Work)
    if (Recursive.count(F) && whyLeftAlone(*F, Annotated).empty() &&
        Facts[F]->cleanAtStart(&F->getEntryBlock()))
      EntryPolled.insert(F);
  for (const Function *F : Done) // wrappers arm and poll at their entry
    if (Recursive.count(F))
      EntryPolled.insert(F);
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();

  for (Function *F : Work) {
    std::string Why = whyLeftAlone(*F, Annotated);
    if (!Why.empty()) {
      ++NumSkippedFunctions;
      OptimizationRemarkEmitter ORE(F);
      ORE.emit([&] {
        DiagnosticLocation Loc(F->getSubprogram());
        return OptimizationRemarkMissed(DEBUG_TYPE, "LeftAlone", Loc,
                                        &F->getEntryBlock())
               << "function '" << F->getName()
               << "' not instrumented: " << Why;
      });
      continue;
    }
    if (redirectEnabled()) { // plain libc blocking calls -> __cp_i_*
      OptimizationRemarkEmitter ORE(F);
      redirectBlockingCalls(*F, ORE, E);
    }
    LoopInfo *LI = nullptr;
    ScalarEvolution *SE = nullptr;
    if (Md == Mode::Full && boundsEnabled()) {
      LI = &FAM.getResult<LoopAnalysis>(*F);
      SE = &FAM.getResult<ScalarEvolutionAnalysis>(*F);
    }
    // A copy to fall back on, should the result not verify.
    ValueToValueMapTy VMap;
    Function *Backup = VerifyOpt ? CloneFunction(F, VMap) : nullptr;
    FunctionInstrumenter FI(*F, EA, E, Md, Recursive.count(F), LI, SE,
                            EntryPolled, *Facts[F]);
    bool Changed = FI.run();
    if (FI.Broken.empty() && redirectEnabled()) // lock calls (Redirect.h)
      Changed |= recordLocks(*F, E) != 0;
    if (Changed)
      FAM.invalidate(*F, PreservedAnalyses::none());
    if (FI.Broken.empty()) {
      if (Backup)
        Backup->eraseFromParent();
      continue;
    }
    if (verifyFatal()) {
      errs() << "cancelpoints: in '" << F->getName() << "': " << FI.Broken
             << "\n";
      report_fatal_error("cancelpoints: produced invalid IR in function '" +
                             F->getName() + "'",
                         /*gen_crash_diag=*/false);
    }
    leaveUninstrumented(*F, *Backup, FI.Broken, FAM);
  }

  M.addModuleFlag(Module::Max, CP_MODULE_FLAG, 1);
  return PreservedAnalyses::none();
}
