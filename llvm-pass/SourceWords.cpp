//===- SourceWords.cpp - the clang plugin's words, as the pass reads them -===//
#include "SourceWords.h"
#include "EffectAnalysis.h"

#include "cancelpoints_abi.h"

#include "llvm/IR/CFG.h"
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

using namespace llvm;
using namespace cancelpoints;

static cl::opt<bool> WarnResetSafeOpt(
    "cancelpoints-warn-reset-safe", cl::init(true), cl::Hidden,
    cl::desc("Warn when a function annotated reset_safe has an effect "
             "(the clang plugin's -Wcancelpoints-reset-safe)"));

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
