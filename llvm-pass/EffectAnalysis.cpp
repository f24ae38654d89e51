//===- EffectAnalysis.cpp - which instructions are effects ----------------===//
//
// See EffectAnalysis.h for the policy.
//
//===----------------------------------------------------------------------===//
#include "EffectAnalysis.h"
#include "Eligibility.h"
#include "Markers.h"
#include "cancelpoints_abi.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace cancelpoints;

//===----------------------------------------------------------------------===//
// Well-known pure library functions
//===----------------------------------------------------------------------===//

namespace {
enum class Proto {
  None,
  FP1,  // T f(T), T the function's floating-point type
  FP2,  // T f(T, T)
  Abs,  // int abs(int)
  LAbs, // long labs(long), long long llabs(long long)
  Len,  // size_t f(const char *)
  LenN, // size_t f(const char *, size_t)
  Cmp,  // int f(const char *, const char *)
  CmpN, // int f(const void *, const void *, size_t)
  Chr,  // char *f(const char *, int)
  ChrN, // void *memchr(const void *, int, size_t)
  Str,  // char *strstr(const char *, const char *)
  Span, // size_t f(const char *, const char *)
};
} // namespace

static Proto libmProto(StringRef Base) {
  static const StringLiteral FP1[] = {
      "sin",  "cos",  "tan",  "asin",  "acos", "atan",  "sinh",  "cosh",
      "tanh", "exp",  "exp2", "expm1", "log",  "log2",  "log10", "log1p",
      "sqrt", "cbrt", "fabs", "floor", "ceil", "round", "trunc"};
  static const StringLiteral FP2[] = {"atan2", "pow",  "hypot",   "fmod",
                                      "fmin",  "fmax", "copysign"};
  if (is_contained(FP1, Base))
    return Proto::FP1;
  if (is_contained(FP2, Base))
    return Proto::FP2;
  return Proto::None;
}

static Proto libcProto(StringRef Name) {
  static const std::pair<StringLiteral, Proto> Table[] = {
      {"abs", Proto::Abs},      {"labs", Proto::LAbs},
      {"llabs", Proto::LAbs},   {"strlen", Proto::Len},
      {"strnlen", Proto::LenN}, {"strcmp", Proto::Cmp},
      {"strncmp", Proto::CmpN}, {"memcmp", Proto::CmpN},
      {"bcmp", Proto::CmpN}, // memcmp(...) == 0, as LLVM rewrites it
      {"memchr", Proto::ChrN},  {"strchr", Proto::Chr},
      {"strrchr", Proto::Chr},  {"strstr", Proto::Str},
      {"strspn", Proto::Span},  {"strcspn", Proto::Span},
  };
  for (const auto &[N, P] : Table)
    if (Name == N)
      return P;
  return Proto::None;
}

/// Does FT match the C prototype P (size_t and long are 64-bit: the ABI
/// header insists on 64-bit targets)?
static bool matchesProto(FunctionType *FT, Proto P, Type *FPTy) {
  if (FT->isVarArg())
    return false;
  Type *R = FT->getReturnType();
  auto Params = FT->params();
  auto IsI = [](Type *T, unsigned W) { return T->isIntegerTy(W); };
  auto IsP = [](Type *T) { return T->isPointerTy(); };
  switch (P) {
  case Proto::None:
    return false;
  case Proto::FP1:
    return R == FPTy && Params.size() == 1 && Params[0] == FPTy;
  case Proto::FP2:
    return R == FPTy && Params.size() == 2 && Params[0] == FPTy &&
           Params[1] == FPTy;
  case Proto::Abs:
    return IsI(R, 32) && Params.size() == 1 && IsI(Params[0], 32);
  case Proto::LAbs:
    return IsI(R, 64) && Params.size() == 1 && IsI(Params[0], 64);
  case Proto::Len:
    return IsI(R, 64) && Params.size() == 1 && IsP(Params[0]);
  case Proto::LenN:
    return IsI(R, 64) && Params.size() == 2 && IsP(Params[0]) &&
           IsI(Params[1], 64);
  case Proto::Cmp:
    return IsI(R, 32) && Params.size() == 2 && IsP(Params[0]) && IsP(Params[1]);
  case Proto::CmpN:
    return IsI(R, 32) && Params.size() == 3 && IsP(Params[0]) &&
           IsP(Params[1]) && IsI(Params[2], 64);
  case Proto::Chr:
    return IsP(R) && Params.size() == 2 && IsP(Params[0]) && IsI(Params[1], 32);
  case Proto::ChrN:
    return IsP(R) && Params.size() == 3 && IsP(Params[0]) &&
           IsI(Params[1], 32) && IsI(Params[2], 64);
  case Proto::Str:
    return IsP(R) && Params.size() == 2 && IsP(Params[0]) && IsP(Params[1]);
  case Proto::Span:
    return IsI(R, 64) && Params.size() == 2 && IsP(Params[0]) && IsP(Params[1]);
  }
  return false;
}

/// Which well-known library function a call is (by name and prototype):
/// the string functions of libc write nothing; libm's may write errno
/// (-fmath-errno, the default on Linux), which a reset region tolerates only
/// where nothing can read errno back inside the region.
enum class LibCall { None, Libc, Libm };
static LibCall knownLibCall(const CallBase &CB, const Function &F) {
  if (CB.isNoBuiltin() || !F.isDeclaration())
    return LibCall::None;
  StringRef Name = F.getName();
  FunctionType *FT = CB.getFunctionType();
  LLVMContext &Ctx = F.getContext();
  auto Is = [](bool Match, LibCall K) { return Match ? K : LibCall::None; };
  if (Proto P = libcProto(Name); P != Proto::None)
    return Is(matchesProto(FT, P, nullptr), LibCall::Libc);
  if (Proto P = libmProto(Name); P != Proto::None)
    return Is(matchesProto(FT, P, Type::getDoubleTy(Ctx)), LibCall::Libm);
  if (Name.size() > 1 && (Name.back() == 'f' || Name.back() == 'l')) {
    Proto P = libmProto(Name.drop_back());
    if (P == Proto::None)
      return LibCall::None;
    if (Name.back() == 'f')
      return Is(matchesProto(FT, P, Type::getFloatTy(Ctx)), LibCall::Libm);
    // long double: x86_fp80, fp128 or double depending on the target.
    Type *R = FT->getReturnType();
    return Is(R->isFloatingPointTy() && matchesProto(FT, P, R), LibCall::Libm);
  }
  return LibCall::None;
}

/// Does M read errno anywhere (glibc's __errno_location, or the __errno /
/// ___errno of other C libraries)?
static bool readsErrno(const Module &M) {
  for (const char *N : {"__errno_location", "__errno", "___errno"})
    if (const Function *F = M.getFunction(N))
      if (!F->use_empty())
        return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Effect
//===----------------------------------------------------------------------===//

std::string Effect::describe() const {
  auto Named = [&](const char *What) {
    std::string S = What;
    if (Callee)
      S += " '" + Callee->getName().str() + "'";
    return S;
  };
  switch (Kind) {
  case EffectKind::None:
    return "none";
  case EffectKind::Store:
    return "store";
  case EffectKind::Volatile:
    return "volatile access";
  case EffectKind::Atomic:
    return "atomic access";
  case EffectKind::Fence:
    return "fence";
  case EffectKind::InlineAsm:
    return "inline asm";
  case EffectKind::DynamicAlloca:
    return "dynamic alloca";
  case EffectKind::VarArg:
    return "va_arg";
  case EffectKind::ExceptionHandling:
    return "exception handling";
  case EffectKind::IndirectBranch:
    return "indirect branch";
  case EffectKind::MustTail:
    return "musttail call";
  case EffectKind::IndirectCall:
    return "indirect call";
  case EffectKind::ReturnsTwice:
    return Named("call to returns_twice function");
  case EffectKind::RuntimeCall:
    return Named("call to runtime entry point");
  case EffectKind::Call:
    return Named("call to");
  }
  return "effect";
}

//===----------------------------------------------------------------------===//
// AllocaInfo
//===----------------------------------------------------------------------===//

/// Collects the users of a static alloca (through GEPs and casts); false if
/// the address escapes.
static bool collectAllocaUsers(const AllocaInst *AI,
                               SmallVectorImpl<const Instruction *> &Out) {
  SmallVector<const Value *, 8> Work{AI};
  SmallPtrSet<const Value *, 8> Seen{AI};
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const Use &U : V->uses()) {
      const auto *UI = dyn_cast<Instruction>(U.getUser());
      if (!UI)
        return false;
      if (isa<GetElementPtrInst>(UI) || isa<BitCastInst>(UI) ||
          isa<AddrSpaceCastInst>(UI)) {
        Out.push_back(UI);
        if (Seen.insert(UI).second)
          Work.push_back(UI);
        continue;
      }
      if (isa<LoadInst>(UI)) {
        Out.push_back(UI);
        continue;
      }
      if (const auto *SI = dyn_cast<StoreInst>(UI)) {
        if (U.getOperandNo() != SI->getPointerOperandIndex())
          return false; // the address itself is stored
        Out.push_back(UI);
        continue;
      }
      if (const auto *MI = dyn_cast<MemIntrinsic>(UI)) {
        if (U.get() == MI->getLength())
          return false;
        Out.push_back(UI);
        continue;
      }
      if (const auto *II = dyn_cast<IntrinsicInst>(UI)) {
        if (II->isLifetimeStartOrEnd() || isa<DbgInfoIntrinsic>(II) ||
            II->isDroppable()) {
          Out.push_back(UI);
          continue;
        }
      }
      return false;
    }
  }
  return true;
}

AllocaInfo::AllocaInfo(const Function &F) {
  if (F.isDeclaration())
    return;
  for (const Instruction &I : F.getEntryBlock()) {
    const auto *AI = dyn_cast<AllocaInst>(&I);
    if (!AI || !AI->isStaticAlloca())
      continue;
    SmallVector<const Instruction *, 8> U;
    if (collectAllocaUsers(AI, U))
      Users[AI] = std::move(U);
  }
}

bool AllocaInfo::isFreshIn(
    const AllocaInst *AI,
    const SmallPtrSetImpl<const BasicBlock *> &Blocks) const {
  auto It = Users.find(AI);
  if (It == Users.end())
    return false;
  bool Starts = false;
  for (const Instruction *U : It->second) {
    // An address computed outside (LICM hoists a GEP of a local array out of
    // the loop) touches no memory; what uses it is in the list too.
    if (isa<GetElementPtrInst>(U) || isa<BitCastInst>(U) ||
        isa<AddrSpaceCastInst>(U))
      continue;
    if (!Blocks.count(U->getParent()))
      return false;
    if (const auto *II = dyn_cast<IntrinsicInst>(U))
      Starts |= II->getIntrinsicID() == Intrinsic::lifetime_start;
  }
  return Starts;
}

//===----------------------------------------------------------------------===//
// EffectAnalysis
//===----------------------------------------------------------------------===//

/// The runtime's own entry points: its internal "__cp_" names and the two
/// explicit points.  Not every "cp_" name: a program's own cp_copy_file is
/// the program's (the public API's other functions are declarations with no
/// memory attributes, so calls to them are effects anyway).
bool EffectAnalysis::isRuntimeName(StringRef Name) {
  return Name.starts_with("__cp_") || Name == CP_SYM_CHECK ||
         Name == CP_SYM_CHECK_GRACEFUL;
}

std::string EffectAnalysis::calleeName(const CallBase &CB) {
  if (const Function *C = directCallee(CB))
    return C->getName().str();
  return "?";
}

const Function *EffectAnalysis::directCallee(const CallBase &CB) {
  const auto *F =
      dyn_cast<Function>(CB.getCalledOperand()->stripPointerCasts());
  if (!F || F->getFunctionType() != CB.getFunctionType())
    return nullptr;
  return F;
}

/// Does a write to Ptr hit a fresh alloca?
static bool writesFresh(const Value *Ptr, FreshPredicate IsFresh) {
  const auto *AI = dyn_cast<AllocaInst>(getUnderlyingObject(Ptr));
  return AI && IsFresh(AI);
}

static bool isBookkeepingIntrinsic(Intrinsic::ID ID) {
  switch (ID) {
  case Intrinsic::lifetime_start:
  case Intrinsic::lifetime_end:
  case Intrinsic::assume:
  case Intrinsic::experimental_noalias_scope_decl:
  case Intrinsic::threadlocal_address:
  case Intrinsic::expect:
  case Intrinsic::expect_with_probability:
  case Intrinsic::donothing:
  case Intrinsic::pseudoprobe:
  case Intrinsic::var_annotation:
  case Intrinsic::ptr_annotation:
  case Intrinsic::annotation:
  case Intrinsic::prefetch:
  case Intrinsic::invariant_start:
  case Intrinsic::invariant_end:
  case Intrinsic::launder_invariant_group:
  case Intrinsic::strip_invariant_group:
  case Intrinsic::objectsize:
  case Intrinsic::is_constant:
    return true;
  default:
    return false;
  }
}

Effect EffectAnalysis::classifyCall(const CallBase &CB,
                                    FreshPredicate IsFresh) const {
  if (CB.isInlineAsm())
    return {EffectKind::InlineAsm};
  if (isa<InvokeInst>(CB))
    return {EffectKind::ExceptionHandling};
  if (isa<CallBrInst>(CB))
    return {EffectKind::IndirectBranch};
  if (CB.isMustTailCall())
    return {EffectKind::MustTail};
  const Function *F = directCallee(CB);
  if (!F)
    return {EffectKind::IndirectCall};
  if (isMarkerName(F->getName()) || // a marker (Markers.h), an intrinsic
      F->getName() == CP_SYM_ESCAPE) // by its name
    return {};

  if (const auto *II = dyn_cast<IntrinsicInst>(&CB)) {
    if (isa<DbgInfoIntrinsic>(II) ||
        isBookkeepingIntrinsic(II->getIntrinsicID()))
      return {};
    if (isa<AnyMemIntrinsic>(II) && !isa<MemIntrinsic>(II))
      return {EffectKind::Atomic}; // element-wise atomic memcpy & co.
    if (const auto *MI = dyn_cast<MemIntrinsic>(II)) {
      if (MI->isVolatile())
        return {EffectKind::Volatile};
      if (writesFresh(MI->getRawDest(), IsFresh))
        return {};
      return {EffectKind::Store};
    }
    switch (II->getIntrinsicID()) {
    case Intrinsic::vastart:
    case Intrinsic::vaend:
    case Intrinsic::vacopy:
      return {EffectKind::VarArg};
    default:
      break;
    }
    if (CB.onlyReadsMemory() && CB.doesNotThrow())
      return {};
    return {EffectKind::Call, F};
  }

  if (CB.hasFnAttr(Attribute::ReturnsTwice) ||
      F->hasFnAttribute(Attribute::ReturnsTwice))
    return {EffectKind::ReturnsTwice, F};
  if (isRuntimeName(F->getName()))
    return {EffectKind::RuntimeCall, F};
  if (!F->isDeclaration() && !F->isInterposable())
    return EffectFree.count(F) ? Effect{} : Effect{EffectKind::Call, F};
  if (ResetSafe.count(F) || (CB.onlyReadsMemory() && CB.doesNotThrow()))
    return {};
  // A libm call that may set errno is effect-free only in a module that
  // never reads errno: then no region can read back what a run that was
  // rewound left there, and the run that completes sets the same errno.
  if (LibCall K = knownLibCall(CB, *F);
      K == LibCall::Libc || (K == LibCall::Libm && !ModuleReadsErrno))
    return {};
  return {EffectKind::Call, F};
}

Effect EffectAnalysis::classify(const Instruction &I,
                                FreshPredicate IsFresh) const {
  switch (I.getOpcode()) {
  case Instruction::Load: {
    const auto &LI = cast<LoadInst>(I);
    if (LI.isVolatile())
      return {EffectKind::Volatile};
    if (LI.isAtomic())
      return {EffectKind::Atomic};
    return {};
  }
  case Instruction::Store: {
    const auto &SI = cast<StoreInst>(I);
    if (SI.isVolatile())
      return {EffectKind::Volatile};
    if (SI.isAtomic())
      return {EffectKind::Atomic};
    if (writesFresh(SI.getPointerOperand(), IsFresh))
      return {};
    return {EffectKind::Store};
  }
  case Instruction::AtomicRMW:
  case Instruction::AtomicCmpXchg:
    return {EffectKind::Atomic};
  case Instruction::Fence:
    return {EffectKind::Fence};
  case Instruction::Alloca:
    return cast<AllocaInst>(I).isStaticAlloca()
               ? Effect{}
               : Effect{EffectKind::DynamicAlloca};
  case Instruction::VAArg:
    return {EffectKind::VarArg};
  case Instruction::LandingPad:
  case Instruction::Resume:
  case Instruction::CatchPad:
  case Instruction::CleanupPad:
  case Instruction::CatchSwitch:
  case Instruction::CatchRet:
  case Instruction::CleanupRet:
    return {EffectKind::ExceptionHandling};
  case Instruction::IndirectBr:
    return {EffectKind::IndirectBranch};
  case Instruction::Call:
  case Instruction::Invoke:
  case Instruction::CallBr:
    return classifyCall(cast<CallBase>(I), IsFresh);
  default:
    return {};
  }
}

bool EffectAnalysis::isWorthwhileCall(const CallBase &CB) const {
  if (isa<IntrinsicInst>(CB))
    return false;
  const Function *F = directCallee(CB);
  if (!F)
    return false;
  if (!F->isDeclaration() && !F->isInterposable())
    return false; // defined here: instrumented itself
  // Given nothing and reading nothing, it has no input to run long on
  // (glibc's __ctype_b_loc, __errno_location: a thread-local address).
  if (CB.arg_empty() && CB.doesNotAccessMemory() && CB.willReturn())
    return false;
  // A well-known libc or libm function runs for a time its input bounds
  // (test/pass/short-libcalls.ll): not worth a region of its own.
  return knownLibCall(CB, *F) == LibCall::None;
}

const Instruction *EffectAnalysis::firstEffect(const Function &F) const {
  AllocaInfo Allocas(F);
  auto IsFresh = [&](const AllocaInst *AI) {
    return AI->getFunction() == &F && Allocas.isNonEscaping(AI);
  };
  for (const Instruction &I : instructions(F))
    if (classify(I, IsFresh))
      return &I;
  return nullptr;
}

EffectAnalysis::EffectAnalysis(Module &M)
    : ModuleReadsErrno(readsErrno(M)),
      ResetSafe(findAnnotated(M, CP_ANNOTATE_RESET_SAFE)) {
  // Optimistic start: every defined, non-interposable function is
  // effect-free; then remove those with a local effect and, transitively,
  // their callers.
  SmallVector<Function *, 64> Defined;
  for (Function &F : M)
    if (!F.isDeclaration() && !F.isInterposable()) {
      EffectFree.insert(&F);
      Defined.push_back(&F);
    }

  DenseMap<const Function *, SmallVector<const Function *, 4>> Callers;
  SmallVector<const Function *, 64> Work;
  for (Function *F : Defined) {
    AllocaInfo Allocas(*F);
    auto IsFresh = [&](const AllocaInst *AI) {
      return AI->getFunction() == F && Allocas.isNonEscaping(AI);
    };
    bool Local = false;
    for (Instruction &I : instructions(*F)) {
      if (const auto *CB = dyn_cast<CallBase>(&I))
        if (const Function *G = directCallee(*CB))
          if (EffectFree.count(G))
            Callers[G].push_back(F);
      if (classify(I, IsFresh)) {
        Local = true;
        break;
      }
    }
    if (Local)
      Work.push_back(F);
  }
  for (const Function *F : Work)
    EffectFree.erase(F);
  while (!Work.empty()) {
    const Function *F = Work.pop_back_val();
    auto It = Callers.find(F);
    if (It == Callers.end())
      continue;
    for (const Function *C : It->second)
      if (EffectFree.erase(C))
        Work.push_back(C);
  }
}
