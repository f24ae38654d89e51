//===- CancelPoints.cpp - cancellation points and reset regions -----------===//
//
// The cancelpoints pass makes every loop of a C program cancellable
// (docs/DESIGN.md).  The policy, per function:
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
//      - cost policy (bench/DIAGNOSIS.md has the measurements): an effect-free
//      reducible loop runs out of line behind
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
//  * Targets without a runtime port get poll mode: reset regions need one
//    (Target.cpp says which: x86_64 and aarch64 Linux).
//  * The pass runs once per module: it sets the module flag CP_MODULE_FLAG
//    and skips a module that has it.
//
// -cancelpoints-mode=off|poll|full selects the mode; without it the
// environment variable CANCELPOINTS_PASS_MODE does (clang cannot pass
// -mllvm options to a plugin loaded with -fpass-plugin alone).
//
// This file is the module pass: it learns where leaving is legal while the
// markers of the first phase are in place (Markers.h), runs the effect-free
// recursions in regions (Outline.h), then instruments each function
// (Instrument.h; the steps are in FunctionPlan.h), verifies it and, should
// it not verify, puts it back as it was.
//
//===----------------------------------------------------------------------===//
#include "CancelPoints.h"
#include "Bounds.h"
#include "Compat.h"
#include "Demotion.h"
#include "EffectAnalysis.h"
#include "Eligibility.h"
#include "Emitter.h"
#include "FunctionPlan.h"
#include "Instrument.h"
#include "Markers.h"
#include "Outline.h"
#include "Redirect.h"
#include "Remarks.h"
#include "SiteTable.h"
#include "SourceWords.h"
#include "StridedStores.h"
#include "Target.h"

#include "cancelpoints_abi.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/ProfileSummaryInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <cstdlib>
#include <map>

using namespace llvm;
using namespace cancelpoints;

#define DEBUG_TYPE "cancelpoints"

STATISTIC(NumRecursionRegions, "Effect-free recursions run in one region");
STATISTIC(NumSkippedFunctions, "Functions left uninstrumented");
STATISTIC(NumInstrumentedFunctions, "Functions instrumented");

static cl::opt<PassMode> ModeOpt(
    "cancelpoints-mode",
    cl::desc("What the cancelpoints pass inserts (default: "
             "$CANCELPOINTS_PASS_MODE, else full)"),
    cl::init(PassMode::Full),
    cl::values(clEnumValN(PassMode::Off, "off", "nothing"),
               clEnumValN(PassMode::Poll, "poll",
                          "a poll at every cycle header and recursive entry"),
               clEnumValN(PassMode::Full, "full",
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

static cl::opt<bool> RecursionRegionsOpt(
    "cancelpoints-recursion-regions",
    cl::desc("Run a recursion whose whole SCC is effect-free in one reset "
             "region, armed where it is entered from outside (Outline.h), "
             "instead of polling at every call"),
    cl::init(true));

static constexpr const char *ModeEnv = "CANCELPOINTS_PASS_MODE";
static constexpr const char *VerifyEnv = "CANCELPOINTS_PASS_VERIFY";

/// -cancelpoints-mode if given, else $CANCELPOINTS_PASS_MODE, else full.
static PassMode selectedMode() {
  if (ModeOpt.getNumOccurrences())
    return ModeOpt;
  const char *Env = std::getenv(ModeEnv);
  if (!Env || !*Env)
    return PassMode::Full;
  std::optional<PassMode> M = StringSwitch<std::optional<PassMode>>(Env)
                                  .Case("off", PassMode::Off)
                                  .Case("poll", PassMode::Poll)
                                  .Case("full", PassMode::Full)
                                  .Default(std::nullopt);
  if (M)
    return *M;
  static bool Warned = false;
  if (!Warned) {
    errs() << "cancelpoints: warning: " << ModeEnv << "='" << Env
           << "' is not one of off, poll, full; using full\n";
    Warned = true;
  }
  return PassMode::Full;
}

bool cancelpoints::cancelpointsEnabled() {
  return selectedMode() != PassMode::Off;
}

/// -cancelpoints-verify-fatal if given, else CANCELPOINTS_PASS_VERIFY=fatal.
static bool verifyFatal() {
  if (VerifyFatalOpt.getNumOccurrences())
    return VerifyFatalOpt;
  const char *Env = std::getenv(VerifyEnv);
  if (!Env || !*Env)
    return false;
  if (StringRef(Env) == "fatal")
    return true;
  static bool Warned = false;
  if (!Warned) {
    errs() << "cancelpoints: error: " << VerifyEnv << "='" << Env
           << "' is not 'fatal' (or empty); a function that fails "
              "verification is left uninstrumented\n";
    Warned = true;
  }
  return false;
}

/// What is wrong with the instrumented function, or "": the verifier's
/// first complaint, or a value live across an arm (Demotion.h).
static std::string checkResult(Function &F, ArrayRef<CallInst *> Arms) {
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
static void leaveUninstrumented(Function &F, Function &Backup, StringRef Why,
                                FunctionAnalysisManager &FAM) {
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

namespace {
/// What the module pass knows of the module while it instruments it.
struct ModuleFacts {
  explicit ModuleFacts(Module &M) : EA(M) {}
  EffectAnalysis EA;
  /// The module's profile summary (empty without a profile).
  ProfileSummaryInfo *PSI = nullptr;
  /// Where leaving is legal in each defined function (Markers.h).
  std::map<const Function *, std::unique_ptr<PointFacts>> Facts;
  std::vector<std::vector<Function *>> SCCs; ///< recursive SCCs
  DenseSet<const Function *> Recursive;      ///< their members
  DenseSet<const Function *> Annotated;      ///< cp_nocancel
  DenseSet<const Function *> Points;         ///< cp_point: entry is a point
  /// Functions that need nothing more: the recursion regions' wrappers and
  /// bodies, and the trampolines.
  DenseSet<const Function *> Done;
  /// The recursive functions that get an entry point (wrappers included).
  DenseSet<const Function *> EntryPolled;
  /// The loops that may be unrolled for their back-edge polls.
  CopyBudget Budget;
};
} // namespace

/// Learns where leaving is legal, with the markers in place; then they go.
/// First the markers of the fill and copy loops that stayed loops come back
/// to their headers.
static void learnFacts(Module &M, ModuleFacts &MF,
                       FunctionAnalysisManager &FAM) {
  for (Function &F : M)
    if (!F.isDeclaration()) {
      if (F.hasFnAttribute(CP_ATTR_MARKED))
        restoreStridedMarkers(F, FAM);
      auto &PF = MF.Facts[&F] = std::make_unique<PointFacts>(F, MF.EA);
      PF->eraseMarkers();
    }
  eraseMarkerDeclarations(M);
  MF.SCCs = findRecursiveSCCs(M);
  for (const std::vector<Function *> &SCC : MF.SCCs)
    MF.Recursive.insert(SCC.begin(), SCC.end());
  MF.Annotated = findNoCancelAnnotated(M);
  MF.Points = findAnnotated(M, CP_ANNOTATE_POINT);
}

/// Can SCC run as a recursion region: every member instrumentable and
/// effect-free, with leaving legal at its entry?  A missed remark if only
/// the shape of the code stands in the way.
static bool recursionRegionEligible(ArrayRef<Function *> SCC, ModuleFacts &MF) {
  bool Eligible = all_of(SCC, [&](Function *F) {
    return !F->isDeclaration() && !F->hasAvailableExternallyLinkage() &&
           whyLeftAlone(*F, MF.Annotated).empty() &&
           MF.EA.isEffectFreeFunction(*F) &&
           MF.Facts[F]->legalAtStart(&F->getEntryBlock());
  });
  if (!Eligible)
    return false;
  Function *F0 = SCC.front();
  std::string Why = recursionRegionObstacle(SCC);
  if (Why.empty())
    return true;
  OptimizationRemarkEmitter ORE(F0);
  ORE.emit([&] {
    return OptimizationRemarkMissed(DEBUG_TYPE, "RecursionRegionMissed",
                                    DiagnosticLocation(F0->getSubprogram()),
                                    &F0->getEntryBlock())
           << "effect-free recursion through '" << F0->getName()
           << "' polls at every entry: " << Why;
  });
  return false;
}

/// Effect-free recursions: one region per entry from outside (Outline.h).
/// Their members become wrappers (a point: they arm and poll) and their
/// bodies need nothing.
static void runRecursionRegions(ModuleFacts &MF, Emitter &E) {
  for (const std::vector<Function *> &SCC : MF.SCCs) {
    if (!recursionRegionEligible(SCC, MF))
      continue;
    SmallVector<Function *, 4> Inners = makeRecursionRegion(
        SCC,
        [&](Function &F) {
          return E.site(F, CP_SITE_RECURSION,
                        FunctionRemarks::declarationLoc(F));
        },
        E);
    ++NumRecursionRegions;
    for (size_t K = 0; K < SCC.size(); ++K) {
      Function *F = SCC[K], *In = Inners[K];
      MF.Done.insert(F);
      MF.Done.insert(In);
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
}

/// Says why F is left alone, if it is.
static bool leftAlone(Function &F, ModuleFacts &MF) {
  std::string Why = whyLeftAlone(F, MF.Annotated);
  if (Why.empty())
    return false;
  ++NumSkippedFunctions;
  warnUncancellableFunction(F, Why);
  OptimizationRemarkEmitter ORE(&F);
  ORE.emit([&] {
    DiagnosticLocation Loc(F.getSubprogram());
    return OptimizationRemarkMissed(DEBUG_TYPE, "LeftAlone", Loc,
                                    &F.getEntryBlock())
           << "function '" << F.getName() << "' not instrumented: " << Why;
  });
  return true;
}

/// Instruments F (not left alone), verifies it, and puts it back as it was
/// if it does not verify.
static void instrument(Function &F, PassMode Mode, ModuleFacts &MF, Emitter &E,
                       FunctionAnalysisManager &FAM) {
  if (redirectEnabled()) { // plain libc blocking calls -> __cp_i_*
    OptimizationRemarkEmitter ORE(&F);
    redirectBlockingCalls(F, ORE, E);
  }
  LoopInfo *LI = nullptr;
  ScalarEvolution *SE = nullptr;
  if (Mode == PassMode::Full && boundsEnabled()) {
    LI = &FAM.getResult<LoopAnalysis>(F);
    SE = &FAM.getResult<ScalarEvolutionAnalysis>(F);
    auto &DT = FAM.getResult<DominatorTreeAnalysis>(F);
    if (insertBoundChecks(F, *LI, *SE, &DT)) { // testing the bounds
      FAM.invalidate(F, PreservedAnalyses::none());
      LI = &FAM.getResult<LoopAnalysis>(F);
      SE = &FAM.getResult<ScalarEvolutionAnalysis>(F);
    }
  }
  // A copy to fall back on, should the result not verify, made only for a
  // function that changes.
  Function *Backup = nullptr;
  auto MakeBackup = [&] {
    ValueToValueMapTy VMap;
    if (VerifyOpt)
      Backup = CloneFunction(&F, VMap);
  };
  FunctionRemarks Remarks(F);
  FunctionContext Cx{F,
                     MF.EA,
                     *MF.Facts[&F],
                     E,
                     Remarks,
                     Mode,
                     MF.Recursive.count(&F) || MF.Points.count(&F),
                     MF.PSI,
                     LI,
                     SE,
                     MF.EntryPolled,
                     MF.Budget};
  InstrumentResult R = instrumentFunction(Cx, MakeBackup);
  std::string Broken;
  if (R.Applied) {
    if (F.getName() == BreakForTestOpt) // a block with no terminator
      BasicBlock::Create(F.getContext(), "cp.broken", &F);
    if (VerifyOpt)
      Broken = checkResult(F, R.Arms);
    if (Broken.empty())
      ++NumInstrumentedFunctions;
  }
  bool Changed = R.Changed;
  if (Broken.empty() && redirectEnabled()) // lock calls (Redirect.h)
    Changed |= recordLocks(F, E) != 0;
  if (Changed)
    FAM.invalidate(F, PreservedAnalyses::none());
  if (Broken.empty()) {
    if (Backup)
      Backup->eraseFromParent();
    return;
  }
  if (verifyFatal()) {
    errs() << "cancelpoints: in '" << F.getName() << "': " << Broken << "\n";
    report_fatal_error("cancelpoints: produced invalid IR in function '" +
                           F.getName() + "'",
                       /*gen_crash_diag=*/false);
  }
  leaveUninstrumented(F, *Backup, Broken, FAM);
}

PreservedAnalyses CancelPointsPass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (M.getModuleFlag(CP_MODULE_FLAG))
    return PreservedAnalyses::all();
  PassMode Mode = selectedMode();
  if (Mode == PassMode::Off)
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
  if (!any_of(M, [](const Function &F) {
        return F.hasFnAttribute(CP_ATTR_MARKED);
      }))
    CancelPointMarkPass().run(M, MAM);

  ModuleFacts MF(M);
  MF.PSI = &MAM.getResult<ProfileSummaryAnalysis>(M);
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  learnFacts(M, MF, FAM);
  checkResetSafeClaims(M, MF.EA);
  if (Mode == PassMode::Full && RecursionRegionsOpt &&
      resetTarget(compat::targetTriple(M)).Resets)
    runRecursionRegions(MF, E);

  for (auto &KV : E.Trampolines)
    MF.Done.insert(KV.second);
  std::vector<Function *> Work;
  for (Function &F : M)
    if (!F.isDeclaration() && !F.hasAvailableExternallyLinkage() &&
        !MF.Done.count(&F))
      Work.push_back(&F);

  for (Function *F : Work)
    if ((MF.Recursive.count(F) || MF.Points.count(F)) &&
        whyLeftAlone(*F, MF.Annotated).empty() &&
        MF.Facts[F]->legalAtStart(&F->getEntryBlock()))
      MF.EntryPolled.insert(F);
  for (const Function *F : MF.Done) // wrappers arm and poll at their entry
    if (MF.Recursive.count(F))
      MF.EntryPolled.insert(F);

  if (Mode == PassMode::Full) // before any function changes
    MF.Budget = CopyBudget(M, FAM, MF.PSI);
  for (Function *F : Work)
    if (!leftAlone(*F, MF))
      instrument(*F, Mode, MF, E, FAM);
  emitSiteTables(M);

  M.addModuleFlag(Module::Max, CP_MODULE_FLAG, 1);
  return PreservedAnalyses::none();
}
