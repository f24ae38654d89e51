//===- Outline.cpp - effect-free loops run out of line, armed by a trampoline //
#include "Outline.h"
#include "Demotion.h"
#include "Emitter.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/CodeExtractor.h"

using namespace llvm;
using namespace cancelpoints;

/// The trampoline for bodies of type BodyTy, made once per module and type.
static Function *trampoline(Module &M, FunctionType *BodyTy, Emitter &E) {
  Function *&T = E.Trampolines[BodyTy];
  if (T)
    return T;
  LLVMContext &C = M.getContext();
  Type *Ptr = PointerType::getUnqual(C);
  SmallVector<Type *, 4> Params{Ptr, Ptr};
  append_range(Params, BodyTy->params());
  auto *TTy = FunctionType::get(BodyTy->getReturnType(), Params, false);
  T = Function::Create(TTy, GlobalValue::InternalLinkage, "__cp_region_tramp",
                       M);
  T->addFnAttr(Attribute::NoInline);
  T->addFnAttr(Attribute::NoUnwind);
  BasicBlock *BB = BasicBlock::Create(C, "entry", T);
  IRBuilder<> B(BB);
  SmallVector<Value *, 4> Args;
  for (unsigned I = 2; I < T->arg_size(); ++I)
    Args.push_back(T->getArg(I));
  CallInst *Call = B.CreateCall(BodyTy, T->getArg(0), Args);
  Call->setDoesNotThrow();
  ReturnInst *Ret = BodyTy->getReturnType()->isVoidTy() ? B.CreateRetVoid()
                                                        : B.CreateRet(Call);
  AllocaInst *Ctx = E.newResetContext(*T);
  E.tlsAddress(*T);
  CallInst *Arm = E.emitArm(Call, Ctx, DebugLoc());
  E.emitPoll(Call, T->getArg(1), DebugLoc());
  E.emitDisarm(Ret, Ctx, DebugLoc());
  CallInst *Arms[] = {Arm};
  demoteAcrossArms(*T, Arms, E);
  return T;
}

Function *cancelpoints::outlineRegion(Function &F, ArrayRef<BasicBlock *> Blocks,
                                      function_ref<GlobalVariable *()> Site,
                                      Emitter &E) {
  DominatorTree DT(F);
  CodeExtractor CE(Blocks, &DT, /*AggregateArgs=*/false, nullptr, nullptr,
                   nullptr, /*AllowVarArgs=*/false, /*AllowAlloca=*/false,
                   /*AllocationBlock=*/nullptr, "cp.region");
  if (!CE.isEligible())
    return nullptr;
  CodeExtractorAnalysisCache CEAC(F);
  Function *Body = CE.extractCodeRegion(CEAC);
  if (!Body)
    return nullptr;
  Body->addFnAttr(Attribute::NoInline);
  Body->addFnAttr(Attribute::NoUnwind);
  CallInst *Call = nullptr;
  for (User *U : Body->users())
    if (auto *CI = dyn_cast<CallInst>(U))
      if (CI->getCalledOperand() == Body && CI->getFunction() == &F)
        Call = CI;
  assert(Call && "CodeExtractor left no call");
  Function *T = trampoline(*F.getParent(), Body->getFunctionType(), E);
  SmallVector<Value *, 4> Args{Body, Site()};
  append_range(Args, Call->args());
  IRBuilder<> B(Call);
  CallInst *New = B.CreateCall(T, Args);
  New->setDebugLoc(Call->getDebugLoc());
  New->setDoesNotThrow();
  Call->replaceAllUsesWith(New);
  Call->eraseFromParent();
  return Body;
}
