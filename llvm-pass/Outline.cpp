//===- Outline.cpp - effect-free loops run out of line, armed by a trampoline //
#include "Outline.h"
#include "Compat.h"
#include "Demotion.h"
#include "Emitter.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/CodeExtractor.h"

using namespace llvm;
using namespace cancelpoints;

/// Appends a short spelling of Ty to OS, the same in every module and
/// prefix-free (no spelling starts with a digit or '_'), so that a list of
/// types spells as the concatenation of its members.  False for a type
/// whose name is local to a module (a named struct) or has no spelling.
static bool mangleType(Type *Ty, raw_ostream &OS) {
  switch (Ty->getTypeID()) {
  case Type::VoidTyID:
    OS << 'v';
    return true;
  case Type::HalfTyID:
    OS << 'h';
    return true;
  case Type::BFloatTyID:
    OS << 'b';
    return true;
  case Type::FloatTyID:
    OS << 'f';
    return true;
  case Type::DoubleTyID:
    OS << 'd';
    return true;
  case Type::X86_FP80TyID:
    OS << 'x';
    return true;
  case Type::FP128TyID:
    OS << 'q';
    return true;
  case Type::PPC_FP128TyID:
    OS << 'Q';
    return true;
  case Type::IntegerTyID:
    OS << 'i' << Ty->getIntegerBitWidth();
    return true;
  case Type::PointerTyID:
    OS << 'p';
    if (unsigned AS = Ty->getPointerAddressSpace())
      OS << AS;
    return true;
  case Type::FixedVectorTyID:
  case Type::ScalableVectorTyID: {
    auto *VT = cast<VectorType>(Ty);
    OS << (isa<ScalableVectorType>(VT) ? 'S' : 'V')
       << VT->getElementCount().getKnownMinValue();
    return mangleType(VT->getElementType(), OS);
  }
  case Type::ArrayTyID:
    OS << 'A' << Ty->getArrayNumElements();
    return mangleType(Ty->getArrayElementType(), OS);
  case Type::StructTyID: {
    auto *ST = cast<StructType>(Ty);
    if (!ST->isLiteral())
      return false;
    OS << (ST->isPacked() ? 'P' : 's');
    for (Type *E : ST->elements())
      if (!mangleType(E, OS))
        return false;
    OS << '_';
    return true;
  }
  default:
    return false;
  }
}

/// The name of the trampoline for bodies of type BodyTy,
/// "__cp_region_tramp.<return>.<params>" (".z" if variadic), or "" when a
/// type has no module-independent spelling.
static std::string trampolineName(FunctionType *BodyTy) {
  std::string Name;
  raw_string_ostream OS(Name);
  OS << "__cp_region_tramp.";
  if (!mangleType(BodyTy->getReturnType(), OS))
    return "";
  OS << '.';
  for (Type *P : BodyTy->params())
    if (!mangleType(P, OS))
      return "";
  if (BodyTy->isVarArg())
    OS << ".z";
  return OS.str();
}

Function *cancelpoints::regionTrampoline(Module &M, FunctionType *BodyTy,
                                         Emitter &E) {
  Function *&T = E.Trampolines[BodyTy];
  if (T)
    return T;
  LLVMContext &C = M.getContext();
  Type *Ptr = PointerType::getUnqual(C);
  SmallVector<Type *, 4> Params{Ptr, Ptr};
  append_range(Params, BodyTy->params());
  auto *TTy = FunctionType::get(BodyTy->getReturnType(), Params, false);
  // One definition per linked program and signature: linkonce_odr, hidden,
  // in a comdat of its own name.  Its body depends on nothing of the module
  // (the site is an argument, no debug location): every module that emits
  // it emits the same function.
  std::string Name = trampolineName(BodyTy);
  if (!Name.empty())
    if (Function *Old = M.getFunction(Name)) {
      if (Old->getFunctionType() == TTy && !Old->isDeclaration())
        return T = Old;
      Name.clear();
    }
  if (Name.empty()) {
    T = Function::Create(TTy, GlobalValue::InternalLinkage, "__cp_region_tramp",
                         M);
  } else {
    T = Function::Create(TTy, GlobalValue::LinkOnceODRLinkage, Name, M);
    T->setVisibility(GlobalValue::HiddenVisibility);
    if (compat::targetTriple(M).supportsCOMDAT())
      T->setComdat(M.getOrInsertComdat(Name));
  }
  T->setUnnamedAddr(GlobalValue::UnnamedAddr::Local);
  T->addFnAttr(Attribute::NoInline);
  T->addFnAttr(Attribute::NoUnwind);
  BasicBlock *BB = BasicBlock::Create(C, "entry", T);
  IRBuilder<> B(BB);
  SmallVector<Value *, 4> Args; // the body's: after the body and the site
  for (unsigned I = 2; I < T->arg_size(); ++I)
    Args.push_back(T->getArg(I));
  CallInst *Call = B.CreateCall(BodyTy, T->getArg(0), Args);
  Call->setDoesNotThrow();
  ReturnInst *Ret = BodyTy->getReturnType()->isVoidTy() ? B.CreateRetVoid()
                                                        : B.CreateRet(Call);
  AllocaInst *Ctx = E.newResetContext(*T);
  CallInst *Arm = E.emitArm(Call, Ctx, DebugLoc());
  // The TLS address after the arm: recomputed on a replay, not demoted.
  E.tlsAddressAt(Call);
  E.emitPoll(Call, T->getArg(1), DebugLoc());
  E.emitDisarm(Ret, Ctx, DebugLoc());
  CallInst *Arms[] = {Arm};
  demoteAcrossArms(*T, Arms, E);
  return T;
}

/// Is Ty passed like a pointer, in one general-purpose register (an
/// integer no wider than a pointer, or a pointer of address space 0)?
static bool isWordLike(Type *Ty, const DataLayout &DL) {
  if (auto *PT = dyn_cast<PointerType>(Ty))
    return PT->getAddressSpace() == 0;
  if (auto *IT = dyn_cast<IntegerType>(Ty))
    return IT->getBitWidth() <= DL.getPointerSizeInBits(0);
  return false;
}

/// Gives the extracted Body, called once by Call, its canonical signature:
/// the parameters passed like pointers first, as ptr (an integer goes
/// through inttoptr at the call and ptrtoint in Body: no instruction on a
/// 64-bit target), then the others in their order.  Bodies that differ
/// only in the integer and pointer types of their parameters then share a
/// trampoline.  Returns the body to call and, in Args, its arguments (at
/// Call); Call is left for the caller to erase.
static Function *canonicalBody(Function *Body, CallInst *Call,
                               SmallVectorImpl<Value *> &Args) {
  Module &M = *Body->getParent();
  const DataLayout &DL = M.getDataLayout();
  Type *Ptr = PointerType::getUnqual(M.getContext());
  SmallVector<unsigned, 8> Order;
  for (unsigned I = 0; I < Body->arg_size(); ++I)
    if (isWordLike(Body->getArg(I)->getType(), DL))
      Order.push_back(I);
  for (unsigned I = 0; I < Body->arg_size(); ++I)
    if (!isWordLike(Body->getArg(I)->getType(), DL))
      Order.push_back(I);
  SmallVector<Type *, 8> Params;
  bool Same = true;
  for (unsigned K = 0; K < Order.size(); ++K) {
    Type *Ty = Body->getArg(Order[K])->getType();
    Type *NewTy = isWordLike(Ty, DL) ? Ptr : Ty;
    Params.push_back(NewTy);
    Same &= Order[K] == K && NewTy == Ty;
  }
  IRBuilder<> B(Call);
  if (Same) {
    append_range(Args, Call->args());
    return Body;
  }
  auto *Ty = FunctionType::get(Body->getReturnType(), Params, false);
  Function *New =
      Function::Create(Ty, Body->getLinkage(), Body->getAddressSpace(), "", &M);
  New->takeName(Body);
  New->copyMetadata(Body, 0);
  if (DISubprogram *SP = Body->getSubprogram()) {
    Body->setSubprogram(nullptr);
    New->setSubprogram(SP);
  }
  AttributeList AL = Body->getAttributes();
  SmallVector<AttributeSet, 8> ParamAttrs;
  for (unsigned K = 0; K < Order.size(); ++K)
    ParamAttrs.push_back(Params[K] == Body->getArg(Order[K])->getType()
                             ? AL.getParamAttrs(Order[K])
                             : AttributeSet());
  New->setAttributes(AttributeList::get(M.getContext(), AL.getFnAttrs(),
                                        AL.getRetAttrs(), ParamAttrs));
  New->setCallingConv(Body->getCallingConv());
  New->splice(New->end(), Body);
  IRBuilder<> EB(&*New->getEntryBlock().getFirstInsertionPt());
  for (unsigned K = 0; K < Order.size(); ++K) {
    Argument *Old = Body->getArg(Order[K]), *A = New->getArg(K);
    Value *Arg = Call->getArgOperand(Order[K]);
    Value *V = A;
    A->takeName(Old);
    if (A->getType() != Old->getType()) {
      V = EB.CreatePtrToInt(A, Old->getType(), A->getName() + ".int");
      Arg = B.CreateIntToPtr(Arg, Ptr, A->getName() + ".word");
    }
    Old->replaceAllUsesWith(V);
    Args.push_back(Arg);
  }
  return New;
}

/// CodeExtractor stores each output of the region where it is computed,
/// so an output computed in the loop is stored on every iteration.  An
/// output argument that is only stored to, once, right after its value in
/// the same block, by a value that dominates every return, gets its store
/// at the returns instead: the value there is the one last stored.
/// Only outputs: a pointer the region takes as an input (the address of a
/// slot of a local array, hoisted out of the loop) may have one store too,
/// but the region reads that slot back through another pointer.
static void sinkOutputStores(Function &Body,
                             const SmallBitVector &IsOutput) {
  DominatorTree DT(Body);
  SmallVector<ReturnInst *, 2> Rets;
  for (BasicBlock &BB : Body)
    if (auto *R = dyn_cast<ReturnInst>(BB.getTerminator()))
      Rets.push_back(R);
  for (Argument &A : Body.args()) {
    if (A.getArgNo() >= IsOutput.size() || !IsOutput[A.getArgNo()])
      continue;
    if (!A.getType()->isPointerTy() || !A.hasOneUse())
      continue;
    auto *S = dyn_cast<StoreInst>(A.user_back());
    if (!S || S->getPointerOperand() != &A || S->isVolatile())
      continue;
    auto *V = dyn_cast<Instruction>(S->getValueOperand());
    if (!V || V->getParent() != S->getParent() ||
        !all_of(Rets, [&](ReturnInst *R) { return DT.dominates(V, R); }))
      continue;
    for (ReturnInst *R : Rets)
      S->clone()->insertBefore(R);
    S->eraseFromParent();
  }
}

Function *cancelpoints::outlineRegion(Function &F,
                                      ArrayRef<BasicBlock *> Blocks,
                                      function_ref<GlobalVariable *()> Site,
                                      Emitter &E) {
  DominatorTree DT(F);
  CodeExtractor CE(Blocks, &DT, /*AggregateArgs=*/false, nullptr, nullptr,
                   nullptr, /*AllowVarArgs=*/false, /*AllowAlloca=*/false,
                   /*AllocationBlock=*/nullptr, "cp.region");
  if (!CE.isEligible())
    return nullptr;
  CodeExtractorAnalysisCache CEAC(F);
  // The outputs' slots are the allocas CodeExtractor adds to F.
  SmallPtrSet<const AllocaInst *, 16> OldAllocas;
  for (Instruction &I : instructions(F))
    if (auto *AI = dyn_cast<AllocaInst>(&I))
      OldAllocas.insert(AI);
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
  SmallBitVector IsOutput(Call->arg_size());
  for (unsigned K = 0; K < Call->arg_size(); ++K)
    if (auto *AI = dyn_cast<AllocaInst>(Call->getArgOperand(K)))
      IsOutput[K] = !OldAllocas.count(AI);
  sinkOutputStores(*Body, IsOutput);
  SmallVector<Value *, 8> BodyArgs;
  Function *Old = Body;
  Body = canonicalBody(Body, Call, BodyArgs);
  Function *T = regionTrampoline(*F.getParent(), Body->getFunctionType(), E);
  SmallVector<Value *, 8> Args{Body, Site()};
  append_range(Args, BodyArgs);
  IRBuilder<> B(Call);
  CallInst *New = B.CreateCall(T, Args);
  New->setDebugLoc(Call->getDebugLoc());
  New->setDoesNotThrow();
  Call->replaceAllUsesWith(New);
  Call->eraseFromParent();
  if (Old != Body)
    Old->eraseFromParent();
  return Body;
}

/// Parameter attributes that change how an argument is passed: a call
/// through the trampoline (which passes plain values) cannot honour them.
static bool hasPassingAttr(const Function &F) {
  static const Attribute::AttrKind Kinds[] = {
      Attribute::ByVal,     Attribute::InAlloca,   Attribute::Preallocated,
      Attribute::StructRet, Attribute::Nest,       Attribute::SwiftError,
      Attribute::SwiftSelf, Attribute::SwiftAsync, Attribute::ByRef};
  for (unsigned I = 0; I < F.arg_size(); ++I)
    for (Attribute::AttrKind K : Kinds)
      if (F.hasParamAttribute(I, K))
        return true;
  return false;
}

std::string cancelpoints::recursionRegionObstacle(ArrayRef<Function *> SCC) {
  SmallPtrSet<const Function *, 8> Members(SCC.begin(), SCC.end());
  for (Function *F : SCC) {
    if (hasPassingAttr(*F))
      return "'" + F->getName().str() +
             "' has a parameter passed in memory or a special register";
    for (BasicBlock &BB : *F)
      if (BB.hasAddressTaken())
        return "'" + F->getName().str() +
               "' has a block whose address is taken";
    for (Instruction &I : instructions(*F)) {
      if (I.getType()->isTokenTy())
        return "'" + F->getName().str() + "' has token values";
      for (const Use &U : I.operands()) {
        auto *G = dyn_cast<Function>(U.get()->stripPointerCasts());
        if (!G || !Members.count(G))
          continue;
        auto *CB = dyn_cast<CallBase>(&I);
        if (CB && CB->isCallee(&U) && isa<CallInst>(CB) && U.get() == G &&
            CB->getFunctionType() == G->getFunctionType() &&
            !CB->isMustTailCall())
          continue;
        if (!CB || CB->isCallee(&U))
          return "'" + F->getName().str() + "' calls '" + G->getName().str() +
                 "' in a way the region cannot redirect";
        // A member passed as an argument: it stays the wrapper.
      }
    }
  }
  return "";
}

SmallVector<Function *, 4> cancelpoints::makeRecursionRegion(
    ArrayRef<Function *> SCC, function_ref<GlobalVariable *(Function &)> Site,
    Emitter &E) {
  DenseMap<Function *, Function *> InnerOf;
  SmallVector<Function *, 4> Inners;
  // The sites first: they name the wrapper and the source line of its
  // subprogram, which moves to the inner function.
  SmallVector<GlobalVariable *, 4> Sites;
  for (Function *F : SCC)
    Sites.push_back(Site(*F));
  for (Function *F : SCC) {
    Module &M = *F->getParent();
    Function *In =
        Function::Create(F->getFunctionType(), GlobalValue::InternalLinkage,
                         F->getName() + ".cp.inner", M);
    In->copyAttributesFrom(F);
    In->setLinkage(GlobalValue::InternalLinkage);
    In->setDSOLocal(true);
    In->setCallingConv(CallingConv::C);
    if (F->hasComdat())
      In->setComdat(F->getComdat());
    // The trampoline passes plain values: the body must not rely on its
    // caller having extended them.
    for (unsigned I = 0; I < In->arg_size(); ++I) {
      In->removeParamAttr(I, Attribute::ZExt);
      In->removeParamAttr(I, Attribute::SExt);
      In->removeParamAttr(I, Attribute::InReg);
    }
    In->addFnAttr(Attribute::NoUnwind);
    In->splice(In->end(), F);
    for (unsigned I = 0; I < F->arg_size(); ++I) {
      Argument *A = F->getArg(I), *B = In->getArg(I);
      A->replaceAllUsesWith(B);
      B->setName(A->getName());
    }
    if (DISubprogram *SP = F->getSubprogram()) {
      In->setSubprogram(SP);
      F->setSubprogram(nullptr);
    }
    InnerOf[F] = In;
    Inners.push_back(In);
  }
  // Calls between members go to the inner functions, with no point.
  for (Function *In : Inners)
    for (Instruction &I : instructions(*In))
      if (auto *CB = dyn_cast<CallInst>(&I))
        if (auto *G = dyn_cast<Function>(CB->getCalledOperand()))
          if (Function *GI = InnerOf.lookup(G)) {
            CB->setCalledFunction(GI);
            CB->setCallingConv(CallingConv::C);
          }
  // Each member: enter the region, run its body there.
  for (size_t K = 0; K < SCC.size(); ++K) {
    Function *F = SCC[K];
    Function *In = Inners[K];
    Module &M = *F->getParent();
    // The wrapper writes the thread's armed context and may deliver.
    F->removeFnAttr(Attribute::Memory);
    F->removeFnAttr(Attribute::WillReturn);
    F->removeFnAttr(Attribute::NoSync);
    BasicBlock *BB = BasicBlock::Create(F->getContext(), "entry", F);
    IRBuilder<> B(BB);
    Function *T = regionTrampoline(M, F->getFunctionType(), E);
    SmallVector<Value *, 8> Args{In, Sites[K]};
    for (Argument &A : F->args())
      Args.push_back(&A);
    CallInst *Call = B.CreateCall(T, Args);
    Call->setDoesNotThrow();
    if (F->getReturnType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(Call);
  }
  return Inners;
}
