//===- Emitter.cpp - the IR the pass emits, spelled through the ABI -------===//
#include "Emitter.h"
#include "Compat.h"
#include "SiteTable.h"
#include "Target.h"

#include "cancelpoints_abi.h"

#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;
using namespace cancelpoints;

// The site constant the pass emits is {ptr, ptr, i32, i32}: pin the C layout.
static_assert(sizeof(struct cp_site) == 24, "cp_site layout");
static_assert(offsetof(struct cp_site, line) == 16, "cp_site.line");
static_assert(offsetof(struct cp_site, kind) == 20, "cp_site.kind");

/// Alignments of what the pass reads and writes (cancelpoints_abi.h, 64-bit
/// targets only): the poll word (uint32_t), the pointer-sized fields of
/// cp_tls and cp_reset_ctx and the cp_site constant, and the reset context
/// (an array of words aligned to 16).
static constexpr uint64_t PollWordAlign = 4;
static constexpr uint64_t WordAlign = 8;
static constexpr uint64_t ResetCtxAlign = 16;

/// Odds of the poll's slow path: a request is pending about never.
static constexpr uint32_t PollTakenWeight = 1;
static constexpr uint32_t PollNotTakenWeight = 1u << 20;

static cl::opt<bool> TLSLocalExecOpt(
    "cancelpoints-tls-local-exec",
    cl::desc("In a module for an executable (PIE or not PIC), the poll word "
             "is the executable's own thread-local (cpcc and pkg-config link "
             "the runtime into every executable): a poll is one compare "
             "with a %fs-relative operand, no register, no GOT load"),
    cl::init(true));

Emitter::Emitter(Module &M)
    : M(M), Ctx(M.getContext()), Target(resetTarget(compat::targetTriple(M))) {
  I32 = Type::getInt32Ty(Ctx);
  I64 = Type::getInt64Ty(Ctx);
  Ptr = PointerType::getUnqual(Ctx);
  SiteTy = StructType::get(Ctx, {Ptr, Ptr, I32, I32});
  SiteTables = siteTablesUsable(M);
}

FunctionCallee Emitter::armCallee() {
  if (!Arm) {
    Arm =
        M.getOrInsertFunction(CP_SYM_ARM, FunctionType::get(I32, {Ptr}, false));
    if (auto *F = dyn_cast<Function>(Arm.getCallee())) {
      F->addFnAttr(Attribute::ReturnsTwice);
      F->addFnAttr(Attribute::NoUnwind);
    }
  }
  return Arm;
}

static cl::opt<bool> SlowStubOpt(
    "cancelpoints-slow-stub",
    cl::desc("Polls call the slow path through a per-module preserve_most "
             "stub (x86_64, aarch64: Target.cpp), so a poll site saves no "
             "caller-saved register"),
    cl::init(true));

FunctionCallee Emitter::pollSlowCallee() {
  if (!PollSlow) {
    PollSlow = M.getOrInsertFunction(
        CP_SYM_POLL_SLOW,
        FunctionType::get(Type::getVoidTy(Ctx), {Ptr}, false));
    if (auto *F = dyn_cast<Function>(PollSlow.getCallee())) {
      F->addFnAttr(Attribute::Cold);
      F->addFnAttr(Attribute::NoUnwind);
    }
  }
  return PollSlow;
}

/// The callee of a poll's cold block.  On x86_64 and aarch64: a stub made once
/// per module (linkonce_odr hidden, in its own comdat, so one per linked DSO),
///
///     preserve_mostcc void @__cp_poll_slow_pm(ptr %site) cold noinline {
///       call void @__cp_poll_slow(ptr %site)   ; C convention
///       ret void
///     }
///
/// whose prologue saves the registers the C convention lets the runtime
/// clobber and preserve_most does not (rax rcx rdx rsi rdi r8-r10): the
/// poll sites, many, then keep their values in registers across the call;
/// the stub, one, pays.  Vector registers stay caller-saved.  A direct call
/// to a hidden symbol: no PLT, so lazy binding cannot clobber anything.
/// With AtReturn, the stub of a poll whose site is in the table
/// (SiteTable.h) takes no argument and passes its return address:
///
///     preserve_mostcc void @__cp_poll_slow_pm_at() cold noinline {
///       %ra = call ptr @llvm.returnaddress(i32 0)
///       call void @__cp_poll_slow_at(ptr %ra)
///       ret void
///     }
Function *Emitter::pollStub(bool AtReturn) {
  Function *&Stub = AtReturn ? PollStubAt : PollStub;
  if (Stub)
    return Stub;
  const char *Name =
      AtReturn ? CP_SYM_POLL_SLOW_AT_STUB : CP_SYM_POLL_SLOW_STUB;
  FunctionType *Ty = FunctionType::get(
      Type::getVoidTy(Ctx), AtReturn ? ArrayRef<Type *>() : Ptr, false);
  if (Function *F = M.getFunction(Name)) {
    if (F->getFunctionType() == Ty &&
        F->getCallingConv() == CallingConv::PreserveMost)
      Stub = F;
    return Stub;
  }
  Function *F = Function::Create(Ty, GlobalValue::LinkOnceODRLinkage, Name, M);
  F->setVisibility(GlobalValue::HiddenVisibility);
  F->setCallingConv(CallingConv::PreserveMost);
  if (compat::targetTriple(M).supportsCOMDAT())
    F->setComdat(M.getOrInsertComdat(Name));
  F->addFnAttr(Attribute::Cold);
  F->addFnAttr(Attribute::NoUnwind);
  F->addFnAttr(Attribute::NoInline);
  F->setUnnamedAddr(GlobalValue::UnnamedAddr::Local);
  BasicBlock *BB = BasicBlock::Create(Ctx, "entry", F);
  IRBuilder<> B(BB);
  CallInst *C;
  if (AtReturn) {
    Value *RA = B.CreateIntrinsic(Intrinsic::returnaddress, {}, {B.getInt32(0)},
                                  nullptr, "ra");
    FunctionCallee At = coldCallee(CP_SYM_POLL_SLOW_AT, {Ptr});
    C = B.CreateCall(At, {RA});
  } else {
    C = B.CreateCall(pollSlowCallee(), {F->getArg(0)});
  }
  C->addFnAttr(Attribute::Cold);
  C->addFnAttr(Attribute::NoUnwind);
  C->setTailCallKind(CallInst::TCK_NoTail);
  B.CreateRetVoid();
  Stub = F;
  return Stub;
}

/// Code for an executable, not for a shared library: the runtime, with the
/// thread-local it defines, is linked into every executable.
static bool forExecutable(const Module &M) {
  return M.getPICLevel() == PICLevel::NotPIC ||
         M.getPIELevel() != PIELevel::Default;
}

bool Emitter::tlsUsable() const {
  const GlobalValue *GV = M.getNamedValue(CP_SYM_TLS);
  if (!GV)
    return true;
  const auto *Var = dyn_cast<GlobalVariable>(GV);
  return Var && Var->isThreadLocal();
}

Value *Emitter::tlsAddress(Function &F) {
  if (Value *V = TLSAddr.lookup(&F))
    return V;
  BasicBlock &Entry = F.getEntryBlock();
  BasicBlock::iterator It = Entry.getFirstInsertionPt();
  while (It != Entry.end() && isa<AllocaInst>(*It))
    ++It;
  return tlsAddressAt(&*It);
}

Value *Emitter::tlsAddressAt(Instruction *InsertBefore) {
  Function &F = *InsertBefore->getFunction();
  assert(!TLSAddr.count(&F) && "the TLS address of F is already computed");
  if (!TLS) {
    TLS = M.getNamedGlobal(CP_SYM_TLS);
    if (!TLS) {
      auto *Ty = ArrayType::get(Type::getInt8Ty(Ctx), sizeof(struct cp_tls));
      TLS = new GlobalVariable(
          M, Ty, /*isConstant=*/false, GlobalValue::ExternalLinkage, nullptr,
          CP_SYM_TLS, nullptr, GlobalValue::InitialExecTLSModel);
      TLS->setAlignment(Align(alignof(struct cp_tls)));
    }
    if (TLS->isDeclaration() && TLSLocalExecOpt && forExecutable(M)) {
      TLS->setThreadLocalMode(GlobalValue::LocalExecTLSModel);
      TLS->setDSOLocal(true);
    }
  }
  IRBuilder<> B(InsertBefore);
  Value *V = B.CreateThreadLocalAddress(TLS);
  V->setName("cp.tls");
  TLSAddr[&F] = V;
  return V;
}

AllocaInst *Emitter::newSlot(Function &F, Type *Ty, const Twine &Name) {
  BasicBlock &Entry = F.getEntryBlock();
  IRBuilder<> B(&Entry, Entry.getFirstInsertionPt());
  return B.CreateAlloca(Ty, nullptr, Name);
}

AllocaInst *Emitter::newResetContext(Function &F) {
  AllocaInst *AI = newSlot(F, ArrayType::get(I64, Target.CtxWords), "cp.ctx");
  AI->setAlignment(Align(ResetCtxAlign));
  return AI;
}

CallInst *Emitter::emitArm(Instruction *InsertBefore, Value *CtxV,
                           const DebugLoc &DL) {
  IRBuilder<> B(InsertBefore);
  B.SetCurrentDebugLocation(DL);
  CallInst *C = B.CreateCall(armCallee(), {CtxV});
  C->addFnAttr(Attribute::ReturnsTwice);
  C->addFnAttr(Attribute::NoUnwind);
  return C;
}

void Emitter::emitDisarm(Instruction *InsertBefore, Value *CtxV,
                         const DebugLoc &DL) {
  Value *TLSV = tlsAddress(*InsertBefore->getFunction());
  IRBuilder<> B(InsertBefore);
  B.SetCurrentDebugLocation(DL);
  Value *PrevP = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), CtxV,
                                              Target.CtxPrevOff, "cp.prevp");
  LoadInst *Prev = B.CreateAlignedLoad(Ptr, PrevP, Align(WordAlign),
                                       /*isVolatile=*/true, "cp.prev");
  Value *ArmedP = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), TLSV,
                                               CP_TLS_ARMED_OFF, "cp.armedp");
  B.CreateAlignedStore(Prev, ArmedP, Align(WordAlign), /*isVolatile=*/true);
  B.CreateFence(AtomicOrdering::SequentiallyConsistent,
                SyncScope::SingleThread);
}

Instruction *Emitter::emitPoll(Instruction *InsertBefore, Value *Site,
                               const DebugLoc &DL) {
  Value *TLSV = tlsAddress(*InsertBefore->getFunction());
  IRBuilder<> B(InsertBefore);
  B.SetCurrentDebugLocation(DL);
  Value *PollP = TLSV;
  if (CP_TLS_POLL_OFF != 0)
    PollP = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), TLSV, CP_TLS_POLL_OFF,
                                         "cp.pollp");
  LoadInst *W = B.CreateAlignedLoad(I32, PollP, Align(PollWordAlign),
                                    /*isVolatile=*/true, "cp.poll");
  Value *Pending = B.CreateICmpNE(W, ConstantInt::get(I32, 0), "cp.pending");
  MDNode *Weights =
      MDBuilder(Ctx).createBranchWeights(PollTakenWeight, PollNotTakenWeight);
  Instruction *ThenTerm = SplitBlockAndInsertIfThen(
      Pending, InsertBefore, /*Unreachable=*/false, Weights);
  BasicBlock *Head = ThenTerm->getParent()->getSinglePredecessor();
  BasicBlock *Tail = ThenTerm->getSuccessor(0);
  if (Head && Head->hasName())
    Tail->setName(Head->getName() + ".cont");
  ThenTerm->getParent()->setName("cp.slow");
  ThenTerm->setDebugLoc(DL);
  IRBuilder<> TB(ThenTerm);
  TB.SetCurrentDebugLocation(DL);
  bool UseStub = SlowStubOpt && Target.PreserveMostStub;
  auto *SiteGV = dyn_cast<GlobalVariable>(Site);
  Function *AtStub =
      UseStub && SiteGV && SiteTables ? pollStub(/*AtReturn=*/true) : nullptr;
  Function *Stub = UseStub && !AtStub ? pollStub(/*AtReturn=*/false) : nullptr;
  CallInst *Slow;
  if (AtStub) {
    Slow = TB.CreateCall(AtStub, {});
    attachSite(Slow, SiteGV);
  } else if (Stub) {
    if (SiteGV)
      Site = TB.CreateAlignedLoad(Ptr, siteRef(SiteGV), Align(WordAlign),
                                  /*isVolatile=*/true, "cp.site");
    Slow = TB.CreateCall(Stub, {Site});
  } else {
    Slow = TB.CreateCall(pollSlowCallee(), {Site});
  }
  if (AtStub || Stub)
    Slow->setCallingConv(CallingConv::PreserveMost);
  Slow->addFnAttr(Attribute::Cold);
  Slow->addFnAttr(Attribute::NoUnwind);
  return W;
}

/// A private constant holding Site's address, read in a poll's cold block
/// (Emitter.h: the address is not hoisted into a register).
GlobalVariable *Emitter::siteRef(GlobalVariable *Site) {
  GlobalVariable *&Ref = SiteRefs[Site];
  if (!Ref)
    Ref =
        new GlobalVariable(M, Ptr, /*isConstant=*/true,
                           GlobalValue::PrivateLinkage, Site, "__cp_site_ref");
  return Ref;
}

FunctionCallee Emitter::coldCallee(const char *Name, ArrayRef<Type *> Params) {
  FunctionCallee C = M.getOrInsertFunction(
      Name, FunctionType::get(Type::getVoidTy(Ctx), Params, false));
  if (auto *F = dyn_cast<Function>(C.getCallee())) {
    F->addFnAttr(Attribute::Cold);
    F->addFnAttr(Attribute::NoUnwind);
  }
  return C;
}

Value *Emitter::tlsField(IRBuilder<> &B, Function &F, unsigned Off,
                         const Twine &Name) {
  return B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), tlsAddress(F), Off, Name);
}

/// Splits before InsertBefore on Cond; returns {then, else} terminators.
static std::pair<Instruction *, Instruction *>
splitOn(Value *Cond, Instruction *InsertBefore, bool ThenLikely,
        LLVMContext &Ctx) {
  MDNode *Weights = ThenLikely ? MDBuilder(Ctx).createBranchWeights(
                                     PollNotTakenWeight, PollTakenWeight)
                               : MDBuilder(Ctx).createBranchWeights(
                                     PollTakenWeight, PollNotTakenWeight);
  Instruction *Then = nullptr, *Else = nullptr;
  SplitBlockAndInsertIfThenElse(Cond, InsertBefore, &Then, &Else, Weights);
  return {Then, Else};
}

void Emitter::emitLockRecord(CallInst *LockCall, Value *Lock, Value *Site) {
  Function &F = *LockCall->getFunction();
  Instruction *Next = LockCall->getNextNode();
  const DebugLoc &DL = LockCall->getDebugLoc();
  tlsAddress(F); // before the split, in the entry block
  IRBuilder<> B(Next);
  B.SetCurrentDebugLocation(DL);
  Value *R = LockCall->getType()->isVoidTy() ? ConstantInt::get(I32, 0)
                                             : static_cast<Value *>(LockCall);
  LoadInst *Cur = B.CreateAlignedLoad(
      Ptr, tlsField(B, F, CP_TLS_LOCK_SITE_OFF, "cp.lsitep"), Align(WordAlign),
      /*isVolatile=*/true, "cp.lsite");
  // One test for both, as integers: x86 then or-s the record into the
  // result and branches once.
  Value *Busy = B.CreatePtrToInt(Cur, I64, "cp.lsitei");
  if (!isa<Constant>(R))
    Busy = B.CreateOr(Busy, B.CreateZExt(R, I64, "cp.lr"), "cp.lbusy");
  Busy = B.CreateIsNotNull(Busy, "cp.lslow");
  auto [Slow, Fast] = splitOn(Busy, Next, /*ThenLikely=*/false, Ctx);
  Slow->getParent()->setName("cp.lock.slow");
  Fast->getParent()->setName("cp.lock.fast");
  Fast->getSuccessor(0)->setName("cp.locked");
  IRBuilder<> SB(Slow);
  SB.SetCurrentDebugLocation(DL);
  CallInst *C = SB.CreateCall(coldCallee(CP_SYM_LOCK_SLOW, {Ptr, I32, Ptr}),
                              {Lock, R, Site});
  C->addFnAttr(Attribute::Cold);
  C->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> FB(Fast);
  FB.SetCurrentDebugLocation(DL);
  FB.CreateAlignedStore(Lock, tlsField(FB, F, CP_TLS_LOCK_OFF, "cp.lockp"),
                        Align(WordAlign), /*isVolatile=*/true);
  FB.CreateAlignedStore(Site,
                        tlsField(FB, F, CP_TLS_LOCK_SITE_OFF, "cp.lsitep"),
                        Align(WordAlign), /*isVolatile=*/true);
}

void Emitter::emitUnlockDrop(CallInst *UnlockCall, Value *Lock) {
  Function &F = *UnlockCall->getFunction();
  const DebugLoc &DL = UnlockCall->getDebugLoc();
  tlsAddress(F);
  IRBuilder<> B(UnlockCall);
  B.SetCurrentDebugLocation(DL);
  LoadInst *Top =
      B.CreateAlignedLoad(Ptr, tlsField(B, F, CP_TLS_LOCK_OFF, "cp.lockp"),
                          Align(WordAlign), /*isVolatile=*/true, "cp.lock");
  // The lock first: x86 folds the record's load into the compare.
  Value *Mine = B.CreateICmpEQ(Lock, Top, "cp.mine");
  auto [Fast, Slow] = splitOn(Mine, UnlockCall, /*ThenLikely=*/true, Ctx);
  Fast->getParent()->setName("cp.unlock.fast");
  Slow->getParent()->setName("cp.unlock.slow");
  Fast->getSuccessor(0)->setName("cp.unlock");
  IRBuilder<> FB(Fast);
  FB.SetCurrentDebugLocation(DL);
  FB.CreateAlignedStore(ConstantPointerNull::get(cast<PointerType>(Ptr)),
                        tlsField(FB, F, CP_TLS_LOCK_SITE_OFF, "cp.lsitep"),
                        Align(WordAlign), /*isVolatile=*/true);
  IRBuilder<> SB(Slow);
  SB.SetCurrentDebugLocation(DL);
  CallInst *C = SB.CreateCall(coldCallee(CP_SYM_UNLOCK_SLOW, {Ptr}), {Lock});
  C->addFnAttr(Attribute::Cold);
  C->addFnAttr(Attribute::NoUnwind);
}

Constant *Emitter::stringConstant(StringRef S) {
  auto It = Strings.find(S);
  if (It != Strings.end())
    return It->second;
  Constant *Init = ConstantDataArray::getString(Ctx, S, /*AddNull=*/true);
  auto *GV = new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                                GlobalValue::PrivateLinkage, Init, ".cp.str");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  Strings[S] = GV;
  return GV;
}

GlobalVariable *Emitter::site(Function &F, unsigned Kind, const DebugLoc &DL) {
  unsigned Line = DL ? DL.getLine() : 0;
  auto Key = std::make_tuple(&F, Kind, Line);
  auto It = Sites.find(Key);
  if (It != Sites.end())
    return It->second;
  StringRef File;
  if (DL)
    File = cast<DILocation>(DL.get())->getFilename();
  else if (DISubprogram *SP = F.getSubprogram())
    File = SP->getFilename();
  Constant *Init = ConstantStruct::get(
      SiteTy, {stringConstant(F.getName()), stringConstant(File),
               ConstantInt::get(I32, Line), ConstantInt::get(I32, Kind)});
  auto *GV = new GlobalVariable(M, SiteTy, /*isConstant=*/true,
                                GlobalValue::PrivateLinkage, Init, "__cp_site");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(WordAlign));
  Sites[Key] = GV;
  return GV;
}
