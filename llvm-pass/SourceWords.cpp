//===- SourceWords.cpp - the clang plugin's words, as the pass reads them -===//
#include "SourceWords.h"
#include "EffectAnalysis.h"

#include "cancelpoints_abi.h"

#include "llvm/IR/CFG.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

#include <set>
#include <string>
#include <tuple>

using namespace llvm;
using namespace cancelpoints;

static cl::opt<bool> WarnResetSafeOpt(
    "cancelpoints-warn-reset-safe", cl::init(true), cl::Hidden,
    cl::desc("Warn when a function annotated reset_safe has an effect "
             "(the clang plugin's -Wcancelpoints-reset-safe)"));

static cl::opt<bool> WarnUncancellableOpt(
    "cancelpoints-warn-uncancellable", cl::init(false), cl::Hidden,
    cl::desc("Warn for each loop left without a point (the clang plugin's "
             "-Wcancelpoints-uncancellable)"));

/// The function attribute that says F got its cp_hold/cp_resume.
static const char *const ShieldedAttr = "cancelpoints-shielded";

/// Is I llvm.annotation(_, "cp_nocancel_loop", ...)?
static bool isNoCancelLoopAnnotation(const Instruction &I) {
  const auto *II = dyn_cast<IntrinsicInst>(&I);
  if (!II || II->getIntrinsicID() != Intrinsic::annotation)
    return false;
  const auto *GV =
      dyn_cast<GlobalVariable>(II->getArgOperand(1)->stripPointerCasts());
  if (!GV || !GV->hasInitializer())
    return false;
  const auto *Data = dyn_cast<ConstantDataSequential>(GV->getInitializer());
  return Data && Data->isCString() &&
         Data->getAsCString() == CP_ANNOTATE_NOCANCEL_LOOP;
}

/// Adds the nocancel tag to the llvm.loop metadata of C's back edges.
static void tagCycle(const CycleInfo::CycleT &C) {
  BasicBlock *H = C.getHeader();
  LLVMContext &Ctx = H->getContext();
  MDNode *Tag = MDNode::get(Ctx, MDString::get(Ctx, NoCancelLoopMD));
  for (BasicBlock *P : predecessors(H)) {
    if (!C.contains(P))
      continue;
    Instruction *T = P->getTerminator();
    MDNode *Old = T->getMetadata(LLVMContext::MD_loop);
    if (Old && findOptionMDForLoopID(Old, NoCancelLoopMD))
      continue;
    T->setMetadata(LLVMContext::MD_loop,
                   makePostTransformationMetadata(Ctx, Old, {}, {Tag}));
  }
}

SmallPtrSet<const BasicBlock *, 4> cancelpoints::takeNoCancelLoops(Function &F) {
  SmallPtrSet<const BasicBlock *, 4> Headers;
  SmallVector<Instruction *, 4> Found;
  for (Instruction &I : instructions(F))
    if (isNoCancelLoopAnnotation(I))
      Found.push_back(&I);
  if (Found.empty())
    return Headers;
  CycleInfo CI;
  CI.compute(F);
  for (Instruction *I : Found) {
    if (const CycleInfo::CycleT *C = CI.getCycle(I->getParent())) {
      Headers.insert(C->getHeader());
      tagCycle(*C);
    }
    I->replaceAllUsesWith(cast<CallBase>(I)->getArgOperand(0));
    I->eraseFromParent();
  }
  return Headers;
}

bool cancelpoints::isNoCancelCycle(const CycleInfo::CycleT &C) {
  BasicBlock *H = C.getHeader();
  for (BasicBlock *P : predecessors(H))
    if (C.contains(P))
      if (MDNode *ID = P->getTerminator()->getMetadata(LLVMContext::MD_loop))
        if (findOptionMDForLoopID(ID, NoCancelLoopMD))
          return true;
  return false;
}

void cancelpoints::shieldFunction(Function &F) {
  if (F.isDeclaration() || F.hasFnAttribute(ShieldedAttr))
    return;
  Module &M = *F.getParent();
  LLVMContext &Ctx = F.getContext();
  FunctionType *Ty = FunctionType::get(Type::getVoidTy(Ctx), false);
  FunctionCallee Hold = M.getOrInsertFunction("cp_hold", Ty);
  FunctionCallee Resume = M.getOrInsertFunction("cp_resume", Ty);
  IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
  B.CreateCall(Hold)->setDoesNotThrow();
  for (BasicBlock &BB : F)
    if (auto *Ret = dyn_cast<ReturnInst>(BB.getTerminator())) {
      Instruction *At = Ret;
      if (CallInst *Tail = BB.getTerminatingMustTailCall())
        At = Tail; // the tail call runs after the hold ends
      B.SetInsertPoint(At);
      B.CreateCall(Resume)->setDoesNotThrow();
    }
  F.addFnAttr(ShieldedAttr);
}

void cancelpoints::checkResetSafeClaims(Module &M, const EffectAnalysis &EA) {
  if (!WarnResetSafeOpt)
    return;
  for (const Function *F : EA.resetSafe()) {
    if (F->isDeclaration() || F->isInterposable() ||
        EA.isEffectFreeFunction(*F))
      continue;
    const Instruction *I = EA.firstEffect(*F);
    std::string What = "a call to a function with effects";
    DiagnosticLocation Loc(F->getSubprogram());
    if (I) {
      std::string Text;
      raw_string_ostream OS(Text);
      I->print(OS);
      StringRef Inst = StringRef(Text).trim();
      What = "'" + Inst.substr(0, Inst.find(", !")).str() + "'";
      if (const DebugLoc &DL = I->getDebugLoc())
        Loc = DiagnosticLocation(DL);
    }
    DiagnosticInfoOptimizationFailure D(
        "cancelpoints", "ResetSafeClaim", Loc,
        I ? const_cast<BasicBlock *>(I->getParent())
          : const_cast<BasicBlock *>(&F->getEntryBlock()));
    D << "'" << F->getName()
      << "' is declared reset_safe but has an effect, " << What
      << ": the claim is not trusted [-Wcancelpoints-reset-safe]";
    M.getContext().diagnose(D);
  }
}

bool cancelpoints::warnUncancellableEnabled() { return WarnUncancellableOpt; }

/// Where the source wrote cycle C: its llvm.loop start location, else that
/// of the branch back to its header (the loop statement's, for the copies
/// the unroller and the vectoriser make), else the first located
/// instruction of its header.
static DiagnosticLocation cycleLocation(const CycleInfo::CycleT &C) {
  BasicBlock *H = C.getHeader();
  for (BasicBlock *P : predecessors(H))
    if (C.contains(P))
      if (MDNode *ID = P->getTerminator()->getMetadata(LLVMContext::MD_loop))
        for (const MDOperand &Op : drop_begin(ID->operands()))
          if (auto *L = dyn_cast<DILocation>(Op.get()))
            return DiagnosticLocation(DebugLoc(L));
  for (BasicBlock *P : predecessors(H))
    if (C.contains(P))
      if (const DebugLoc &DL = P->getTerminator()->getDebugLoc();
          DL && DL.getLine())
        return DiagnosticLocation(DL);
  for (Instruction &I : *H)
    if (const DebugLoc &DL = I.getDebugLoc())
      if (DL.getLine())
        return DiagnosticLocation(DL);
  return DiagnosticLocation(H->getParent()->getSubprogram());
}

void cancelpoints::warnUncancellable(const CycleInfo::CycleT &C,
                                     const Twine &Why) {
  if (!WarnUncancellableOpt)
    return;
  BasicBlock *H = C.getHeader();
  DiagnosticInfoOptimizationFailure D("cancelpoints", "Uncancellable",
                                      cycleLocation(C), H);
  D << "loop in '" << H->getParent()->getName()
    << "' has no cancellation point: " << Why.str()
    << " [-Wcancelpoints-uncancellable]";
  H->getContext().diagnose(D);
}

void cancelpoints::warnUncancellableFunction(Function &F, const Twine &Why) {
  if (!WarnUncancellableOpt)
    return;
  CycleInfo CI;
  CI.compute(F);
  // One source loop may be several cycles by now (vectorised body and
  // remainder, versions): one warning for each place in the source.
  std::set<std::tuple<std::string, unsigned, unsigned>> Seen;
  SmallVector<const CycleInfo::CycleT *, 8> Work(CI.toplevel_cycles());
  while (!Work.empty()) {
    const CycleInfo::CycleT *C = Work.pop_back_val();
    DiagnosticLocation L = cycleLocation(*C);
    if (!L.isValid() ||
        Seen.insert({L.getRelativePath().str(), L.getLine(), L.getColumn()})
            .second)
      warnUncancellable(*C, "function not instrumented: " + Why);
    for (const CycleInfo::CycleT *Child : C->children())
      Work.push_back(Child);
  }
}

void cancelpoints::warnUncancellableLoops(
    Function &F, const SmallPtrSetImpl<const BasicBlock *> &Headers,
    const Twine &Why) {
  if (!WarnUncancellableOpt || Headers.empty())
    return;
  CycleInfo CI;
  CI.compute(F);
  for (const BasicBlock *H : Headers)
    if (const CycleInfo::CycleT *C = CI.getCycle(H))
      warnUncancellable(*C, Why);
}
