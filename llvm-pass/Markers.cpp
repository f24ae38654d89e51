//===- Markers.cpp - points placed before the optimiser, facts after it ---===//
#include "Markers.h"
#include "Bounds.h"
#include "CancelPoints.h"
#include "EffectAnalysis.h"
#include "Eligibility.h"
#include "SourceWords.h"
#include "StridedStores.h"

#include "cancelpoints_abi.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/CycleAnalysis.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;
using namespace cancelpoints;

#define DEBUG_TYPE "cancelpoints"

STATISTIC(NumMarkers, "Markers placed before the optimiser");
STATISTIC(NumMarkedFunctions, "Functions marked before the optimiser");
STATISTIC(NumBoundedUnmarked, "Loops with no marker: they end soon (Bounds.h)");

static bool calls(const Instruction &I, StringRef Name) {
  const auto *CB = dyn_cast<CallBase>(&I);
  if (!CB)
    return false;
  const Function *C = EffectAnalysis::directCallee(*CB);
  return C && C->getName() == Name;
}

static constexpr const char *VFABIAttr = "vector-function-abi-variant";

bool cancelpoints::isMarkerName(StringRef Name) {
  return Name == CP_SYM_POINT || Name.starts_with(CP_SYM_POINT_VARIANT);
}

bool cancelpoints::isMarker(const Instruction &I) {
  const auto *CB = dyn_cast<CallBase>(&I);
  const Function *C = CB ? CB->getCalledFunction() : nullptr;
  return C && isMarkerName(C->getName());
}

void cancelpoints::eraseMarkerDeclarations(Module &M) {
  auto IsMarker = [](const Function &F) {
    return F.isDeclaration() &&
           (isMarkerName(F.getName()) || F.getName() == CP_SYM_ESCAPE);
  };
  removeFromUsedLists(M, [&](Constant *C) {
    auto *F = dyn_cast<Function>(C->stripPointerCasts());
    return F && IsMarker(*F);
  });
  for (Function &F : make_early_inc_range(M))
    if (IsMarker(F) && F.use_empty())
      F.eraseFromParent();
}

bool cancelpoints::isExplicitPoint(const Instruction &I) {
  return calls(I, CP_SYM_CHECK) || calls(I, CP_SYM_CHECK_GRACEFUL);
}

//===----------------------------------------------------------------------===//
// Phase 1: placing markers
//===----------------------------------------------------------------------===//

/// Vectorisation widths the marker has variants for (VFABI, Markers.h).
static constexpr unsigned VectorWidths[] = {2, 4, 8, 16, 32, 64};

/// nounwind willreturn memory(read, inaccessiblemem: readwrite): it reads
/// all memory, so every store before it is written back and none after it
/// moves above it; it writes memory nothing else sees, so it is never
/// removed, merged or hoisted out of a loop, while loads and arithmetic
/// move across it freely.  willreturn is not true of a marker that
/// delivers, but nothing the optimiser does with it (speculating a load or
/// a division past it) changes what memory holds when it leaves, and
/// without it LLVM speculates nothing past a marker (what that cost a state
/// machine of small loops: bench/DIAGNOSIS.md, section 7).
static void declareMarker(Function *F) {
  F->setDoesNotThrow();
  F->addFnAttr(Attribute::WillReturn);
  F->setMemoryEffects(MemoryEffects::readOnly() |
                      MemoryEffects::inaccessibleMemOnly());
  // The inliner prices a call to the marker at nothing (InlineCost reads
  // this of the callee), so it inlines what it would without the plugin.
  // The unroller does likewise because of the marker's name (CP_SYM_POINT:
  // an intrinsic is not a call to its cost model); the vector variants
  // keep plain names, being in llvm.compiler.used, which no intrinsic may.
  F->addFnAttr("call-inline-cost", "0");
}

/// The vector variants of the marker, unmasked and masked, for the loop
/// vectoriser: `__cp_point_vN(<N x i32>)`, `__cp_point_mN(<N x i32>, <N x
/// i1>)`, kept alive by llvm.compiler.used until the late phase.  Returns
/// the value of the "vector-function-abi-variant" attribute naming them.
static std::string declareVariants(Module &M) {
  LLVMContext &Ctx = M.getContext();
  Type *Void = Type::getVoidTy(Ctx), *I32 = Type::getInt32Ty(Ctx);
  std::string Attr;
  SmallVector<GlobalValue *, 12> Used;
  for (unsigned VF : VectorWidths)
    for (bool Masked : {false, true}) {
      std::string Name =
          (Twine(CP_SYM_POINT_VARIANT) + (Masked ? "m" : "v") + Twine(VF))
              .str();
      SmallVector<Type *, 2> Params{FixedVectorType::get(I32, VF)};
      if (Masked)
        Params.push_back(FixedVectorType::get(Type::getInt1Ty(Ctx), VF));
      auto *V = dyn_cast<Function>(
          M.getOrInsertFunction(Name, FunctionType::get(Void, Params, false))
              .getCallee());
      if (!V)
        continue;
      declareMarker(V);
      Used.push_back(V);
      if (!Attr.empty())
        Attr += ",";
      Attr += ("_ZGV_LLVM_" + Twine(Masked ? "M" : "N") + Twine(VF) + "v_" +
               CP_SYM_POINT + "(" + Name + ")")
                  .str();
    }
  appendToCompilerUsed(M, Used);
  return Attr;
}

/// void llvm.cancelpoints.point(i32): see declareMarker.  Its argument is
/// unused; it exists because a vector variant needs one.
static Function *markerDeclaration(Module &M) {
  LLVMContext &Ctx = M.getContext();
  FunctionType *Ty =
      FunctionType::get(Type::getVoidTy(Ctx), {Type::getInt32Ty(Ctx)}, false);
  auto *F =
      dyn_cast<Function>(M.getOrInsertFunction(CP_SYM_POINT, Ty).getCallee());
  if (!F || F->getFunctionType() != Ty || !F->isDeclaration())
    return nullptr; // the program defines the name itself: no markers
  declareMarker(F);
  return F;
}

static bool hasEffect(const CycleInfo::CycleT &C, const EffectAnalysis &EA,
                      FreshPredicate IsFresh) {
  for (BasicBlock *B : C.blocks())
    for (Instruction &I : *B)
      if (EA.classify(I, IsFresh))
        return true;
  return false;
}

/// Where the markers of cycle C (and of its children) go.
static DebugLoc locationFor(Instruction *I);

/// void __cp_escape(...): inaccessiblemem only, nounwind, willreturn.  It
/// does nothing, but the pointers it is given count as captured after it.
static Function *escapeDeclaration(Module &M) {
  LLVMContext &Ctx = M.getContext();
  FunctionType *Ty = FunctionType::get(Type::getVoidTy(Ctx), {}, true);
  auto *F =
      dyn_cast<Function>(M.getOrInsertFunction(CP_SYM_ESCAPE, Ty).getCallee());
  if (!F || F->getFunctionType() != Ty || !F->isDeclaration())
    return nullptr;
  F->setDoesNotThrow();
  F->addFnAttr(Attribute::WillReturn);
  F->setOnlyAccessesInaccessibleMemory();
  return F;
}

/// A restrict (noalias) pointer argument names the caller's object, but
/// alias analysis lets a call that is not given the pointer neither read nor
/// write it until it is captured: it would keep stores to it in registers
/// across a marker.  Capturing them at the entry makes every marker read
/// them, while they still alias nothing else.
static void escapeNoAliasArgs(Function &F, Function *Escape, Instruction *At) {
  SmallVector<Value *, 4> Args;
  for (Argument &A : F.args())
    if (A.getType()->isPointerTy() && A.hasNoAliasAttr())
      Args.push_back(&A);
  if (Args.empty() || !Escape)
    return;
  CallInst *Call = CallInst::Create(Escape, Args, "", At);
  Call->setDebugLoc(locationFor(At));
}

/// Does C load and store through one pointer that does not change in it
/// (`*total += v[i]`), or one whose change SCEV cannot tell?  The loop
/// vectoriser ignores what a call with vector variants reads, and would keep
/// such a location in a register and store it after the loop: its marker
/// gets no variants, and the loop stays scalar.
static bool hasMemoryRecurrence(const CycleInfo::CycleT &C,
                                ScalarEvolution *SE) {
  SmallVector<Value *, 8> Loaded, Stored;
  for (BasicBlock *B : C.blocks())
    for (Instruction &I : *B) {
      if (auto *L = dyn_cast<LoadInst>(&I))
        Loaded.push_back(L->getPointerOperand()->stripPointerCasts());
      else if (auto *S = dyn_cast<StoreInst>(&I))
        Stored.push_back(S->getPointerOperand()->stripPointerCasts());
    }
  // Where SCEV can tell, an address is compared by its SCEV (`p->n = p->n
  // + 1` computes it twice); one that moves with the loop is no recurrence.
  auto Key = [&](Value *P) -> const void * {
    return SE && SE->isSCEVable(P->getType()) ? (const void *)SE->getSCEV(P)
                                              : (const void *)P;
  };
  SmallPtrSet<const void *, 8> LoadedKeys;
  for (Value *P : Loaded)
    LoadedKeys.insert(Key(P));
  for (Value *P : Stored) {
    if (!LoadedKeys.count(Key(P)))
      continue;
    if (!SE)
      return true;
    const SCEV *S = SE->getSCEV(P);
    auto *AR = dyn_cast<SCEVAddRecExpr>(S);
    if (!AR || !C.contains(AR->getLoop()->getHeader()))
      return true; // the same address on every iteration of this cycle
  }
  return false;
}

/// The analyses the trip bounds read (Bounds.h); all null where F is not
/// in SSA form yet (-O0) or the bounds are off.
struct BoundAnalyses {
  LoopInfo *LI = nullptr;
  ScalarEvolution *SE = nullptr;
  const DominatorTree *DT = nullptr;
};

/// Does C end soon enough to need no marker (Bounds.h)?
static bool isBounded(const CycleInfo::CycleT &C, const BoundAnalyses &BA) {
  if (!BA.LI || !BA.SE || !C.isReducible())
    return false;
  Loop *L = BA.LI->getLoopFor(C.getHeader());
  return L && L->getHeader() == C.getHeader() &&
         !boundedReason(*L, *BA.SE, BA.DT).empty();
}

/// Is C a loop that only fills or copies an array (StridedStores.h)?
static bool isFillOrCopy(const CycleInfo::CycleT &C, const BoundAnalyses &BA) {
  if (!BA.LI || !BA.SE || !BA.DT || !C.isReducible())
    return false;
  Loop *L = BA.LI->getLoopFor(C.getHeader());
  return L && L->getHeader() == C.getHeader() &&
         isFillOrCopyLoop(*L, *BA.SE, *BA.DT);
}

static void placeInCycle(const CycleInfo::CycleT &C, bool ParentHasEffects,
                         const EffectAnalysis &EA, FreshPredicate IsFresh,
                         const BoundAnalyses &BA,
                         const SmallPtrSetImpl<const BasicBlock *> &NoCancel,
                         MapVector<Instruction *, bool> &Before) {
  bool Effects = hasEffect(C, EA, IsFresh);
  if (NoCancel.count(C.getHeader())) {
    // nocancel (SourceWords.h): no marker of its own.
  } else if (isBounded(C, BA)) {
    ++NumBoundedUnmarked;
  } else if (Effects && isFillOrCopy(C, BA)) {
    // Before the loop, as for an effect-free one (StridedStores.h).
    for (BasicBlock *E : C.entries())
      for (BasicBlock *P : predecessors(E))
        if (!C.contains(P))
          Before.insert({P->getTerminator(), true});
    tagStridedLoop(*BA.LI->getLoopFor(C.getHeader()));
  } else if (Effects) {
    Before.insert({&*C.getHeader()->getFirstInsertionPt(),
                   !hasMemoryRecurrence(C, BA.SE)});
  } else if (ParentHasEffects) {
    for (BasicBlock *E : C.entries())
      for (BasicBlock *P : predecessors(E))
        if (!C.contains(P))
          Before.insert({P->getTerminator(), true});
  }
  for (const CycleInfo::CycleT *Child : C.children())
    placeInCycle(*Child, Effects, EA, IsFresh, BA, NoCancel, Before);
}

static DebugLoc locationFor(Instruction *I) {
  if (DebugLoc DL = I->getDebugLoc())
    return DL;
  if (DISubprogram *SP = I->getFunction()->getSubprogram())
    return DILocation::get(I->getContext(), 0, 0, SP);
  return DebugLoc();
}

/// Places F's markers; returns how many.
static unsigned
markFunction(Function &F, const EffectAnalysis &EA, bool Recursive,
             Function *Marker, Function *Escape, StringRef Variants,
             const BoundAnalyses &BA,
             const SmallPtrSetImpl<const BasicBlock *> &NoCancel) {
  AllocaInfo Allocas(F);
  auto IsFresh = [&](const AllocaInst *AI) {
    return Allocas.isNonEscaping(AI);
  };
  CycleInfo CI;
  CI.compute(F);
  MapVector<Instruction *, bool> Before; // where, with vector variants?
  for (const CycleInfo::CycleT *C : CI.toplevel_cycles())
    placeInCycle(*C, /*ParentHasEffects=*/true, EA, IsFresh, BA, NoCancel,
                 Before);
  BasicBlock::iterator AfterAllocas = F.getEntryBlock().getFirstInsertionPt();
  while (isa<AllocaInst>(*AfterAllocas))
    ++AfterAllocas;
  if (Recursive)
    Before.insert({&*AfterAllocas, true});
  if (!Before.empty())
    escapeNoAliasArgs(F, Escape, &*AfterAllocas);
  for (auto [At, Vectorizable] : Before) {
    CallInst *Call = CallInst::Create(
        Marker, {ConstantInt::get(Type::getInt32Ty(F.getContext()), 0)}, "",
        At);
    Call->setDoesNotThrow();
    if (Vectorizable)
      Call->addFnAttr(Attribute::get(F.getContext(), VFABIAttr, Variants));
    Call->setDebugLoc(locationFor(At));
  }
  return Before.size();
}

PreservedAnalyses CancelPointMarkPass::run(Module &M,
                                           ModuleAnalysisManager &MAM) {
  if (M.getModuleFlag(CP_MODULE_FLAG) || !cancelpointsEnabled())
    return PreservedAnalyses::all();
  Function *Marker = markerDeclaration(M);
  if (!Marker)
    return PreservedAnalyses::all();
  std::string Variants = declareVariants(M);
  Function *Escape = escapeDeclaration(M);
  EffectAnalysis EA(M);
  DenseSet<const Function *> Recursive;
  for (const std::vector<Function *> &SCC : findRecursiveSCCs(M))
    Recursive.insert(SCC.begin(), SCC.end());
  DenseSet<const Function *> Annotated = findNoCancelAnnotated(M);
  DenseSet<const Function *> Points = findAnnotated(M, CP_ANNOTATE_POINT);
  for (const Function *F : findAnnotated(M, CP_ANNOTATE_SHIELD))
    shieldFunction(const_cast<Function &>(*F));
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    SmallPtrSet<const BasicBlock *, 4> NoCancel = takeNoCancelLoops(F);
    if (F.hasFnAttribute(CP_ATTR_MARKED))
      continue;
    // A function left alone is listed by the second phase, which sees the
    // loops inlined into it; a nocancel loop's tag is gone by then.
    if (!whyLeftAlone(F, Annotated).empty())
      continue;
    warnUncancellableLoops(F, NoCancel, "it is marked nocancel");
    // Trip bounds where the IR is already in SSA form (not -O0).
    BoundAnalyses BA;
    if (!F.hasOptNone() && boundsEnabled()) {
      BA.LI = &FAM.getResult<LoopAnalysis>(F);
      BA.SE = &FAM.getResult<ScalarEvolutionAnalysis>(F);
      BA.DT = &FAM.getResult<DominatorTreeAnalysis>(F);
    }
    unsigned N = markFunction(F, EA, Recursive.count(&F) || Points.count(&F),
                              Marker, Escape, Variants, BA, NoCancel);
    FAM.invalidate(F, PreservedAnalyses::none());
    F.addFnAttr(CP_ATTR_MARKED);
    ++NumMarkedFunctions;
    if (N) {
      // The body now reads memory and may not return.
      F.removeFnAttr(Attribute::Memory);
      F.removeFnAttr(Attribute::WillReturn);
      NumMarkers += N;
    }
  }
  return PreservedAnalyses::none();
}

//===----------------------------------------------------------------------===//
// Phase 2: where leaving is legal
//===----------------------------------------------------------------------===//

namespace {
/// What a block does to "clean": the last point or effect in it decides.
enum class Step { Through, Clean, Dirty };
} // namespace

PointFacts::PointFacts(Function &F, const EffectAnalysis &EA)
    : F(F), Marked(F.hasFnAttribute(CP_ATTR_MARKED)) {
  if (!Marked)
    return;
  AllocaInfo Allocas(F);
  auto IsFresh = [&](const AllocaInst *AI) {
    return Allocas.isNonEscaping(AI);
  };
  DenseMap<const BasicBlock *, Step> Last;
  for (BasicBlock &BB : F) {
    Step First = Step::Through, L = Step::Through;
    for (Instruction &I : BB) {
      if (I.isTerminator() && !isa<CallBase>(I))
        continue; // a branch changes no memory (indirectbr is no effect here)
      Step S = isMarker(I) || isExplicitPoint(I) ? Step::Clean
               : EA.classify(I, IsFresh)         ? Step::Dirty
                                                 : Step::Through;
      if (S == Step::Through)
        continue;
      if (First == Step::Through)
        First = S;
      L = S;
    }
    Last[&BB] = L;
    if (First == Step::Clean) // a marker before any effect
      MarkerFirst.insert(&BB);
  }
  // Forward must-analysis, optimistic: clean in unless a path says no.
  DenseSet<const BasicBlock *> DirtyIn{&F.getEntryBlock()};
  auto Out = [&](const BasicBlock *BB) {
    Step L = Last.lookup(BB);
    return L == Step::Clean || (L == Step::Through && !DirtyIn.count(BB));
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (BasicBlock &BB : F)
      if (!DirtyIn.count(&BB) &&
          any_of(predecessors(&BB), [&](BasicBlock *P) { return !Out(P); })) {
        DirtyIn.insert(&BB);
        Changed = true;
      }
  }
  // Leaving just before a marker, with no effect in between, is leaving at
  // it: at the start of a block that begins with one, at the end of a block
  // whose every successor does.
  auto BeforeMarker = [&](const BasicBlock *BB) {
    return succ_size(BB) && all_of(successors(BB), [&](const BasicBlock *S) {
             return MarkerFirst.count(S);
           });
  };
  for (BasicBlock &BB : F) {
    if (!DirtyIn.count(&BB) || MarkerFirst.count(&BB))
      Start.insert(&BB);
    if (Out(&BB) || BeforeMarker(&BB))
      End.insert(&BB);
  }
}

void PointFacts::eraseMarkers() {
  SmallVector<Instruction *, 8> Dead;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (isMarker(I) || calls(I, CP_SYM_ESCAPE))
        Dead.push_back(&I);
  for (Instruction *I : Dead) {
    if (isMarker(*I))
      Places.push_back(WeakVH(I->getNextNode()));
    I->eraseFromParent();
  }
  F.removeFnAttr(CP_ATTR_MARKED);
}

SmallVector<Instruction *, 4>
PointFacts::markerPlaces(function_ref<bool(const BasicBlock *)> Own) const {
  SmallVector<Instruction *, 4> Out;
  for (const WeakVH &P : Places)
    if (auto *I = dyn_cast_or_null<Instruction>(P.operator Value *()))
      if (Own(I->getParent()))
        Out.push_back(I);
  return Out;
}
