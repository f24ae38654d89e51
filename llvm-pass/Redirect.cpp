//===- Redirect.cpp - plain libc blocking calls to the runtime's ----------===//
//
// In instrumented code, plain calls to the libc functions that the runtime's
// cancellable blocking calls wrap are redirected to them and deliver like
// implicit points, so sleep(1000) or a blocked read() in unmodified code is
// cancelled too (README.md says which calls, for users).
//
// A call is redirected when its callee is a declaration (the module does not
// define its own `read`) named in CP_REDIRECTS (cancelpoints_abi.h, the one
// table of these calls, which the runtime expands too), and the call's
// function type is the row's shape, libc's prototype on a 64-bit target.
// The callee becomes CP_SYM_REDIRECT_PREFIX + name, same type; the call's
// attributes stay, but the ones that would promise the runtime's version
// never leaves by delivery (willreturn, memory effects, nofree, nosync,
// nocallback) are dropped.  Indirect calls are not seen.
//
// The same way, for the holds (docs/DESIGN.md, "Holds": requests wait while
// a thread holds a lock it took in instrumented code, and the like): the
// table's signal calls, whose runtime versions install the program's handler
// behind a trampoline that holds requests; and its callback calls, which run a
// callback of the program under a lock of libc's own or on the way out.
// A row with CP_EXTRA_DSO (atexit) gets one more argument, the module's
// __dso_handle, which libc's own atexit passes on.
//
// The table's lock and unlock calls are not redirected: recordLocks keeps
// libc's call and records the lock inline around it (Emitter.h,
// cancelpoints_abi.h), with its site (a cp_site of kind CP_SITE_LOCK: the
// 1 s notice names where a lock that holds a request was taken).  An
// uncontended lock and unlock then cost a few instructions more than plain
// (bench/locks); the runtime is called only when the one inline record does
// not do (nested locks, a failed trylock, a request held).
//
//===----------------------------------------------------------------------===//
#include "Redirect.h"
#include "Emitter.h"

#include "cancelpoints_abi.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;
using cancelpoints::Emitter;

#define DEBUG_TYPE "cancelpoints"

static cl::opt<bool> RedirectOpt(
    "cancelpoints-redirect",
    cl::desc("Redirect plain libc blocking calls (read, sleep, "
             "pthread_cond_wait...) of instrumented functions to the "
             "runtime's cancellable versions"),
    cl::init(true));

bool cancelpoints::redirectEnabled() { return RedirectOpt; }

namespace {
// A row of CP_REDIRECTS: the shape's letters are v void, i i32, l i64,
// p ptr, the return type first.
using Kind = cp_redirect_kind;
struct Blocking {
  StringLiteral Name;
  StringLiteral Proto;
  Kind K;
  cp_redirect_extra X;
};
} // namespace

static const Blocking Table[] = {
#define CP_ROW(Name, Kind, Extra, Shape, Ret, Params)                          \
  {#Name, Shape, Kind, Extra},
    CP_REDIRECTS(CP_ROW)
#undef CP_ROW
};

static const char *why(Kind K) {
  switch (K) {
  case CP_REDIRECT_BLOCKING:
    return "a cancellation point";
  case CP_REDIRECT_LOCK:
    return "requests are held while the lock is";
  case CP_REDIRECT_UNLOCK:
    return "the lock's hold ends";
  case CP_REDIRECT_SIGNAL:
    return "the handler runs with requests held";
  case CP_REDIRECT_CALLBACK:
    return "requests are held while libc runs the program's callbacks";
  }
  return "";
}

// The table's shapes are libc's prototypes on a 64-bit target.
static constexpr unsigned ShapeBits = 64;

static bool typeIs(Type *T, char C) {
  switch (C) {
  case 'v':
    return T->isVoidTy();
  case 'i':
    return T->isIntegerTy(32);
  case 'l':
    return T->isIntegerTy(64);
  case 'p':
    return T->isPointerTy();
  }
  return false;
}

static bool matches(FunctionType *FT, StringRef Proto) {
  if (FT->isVarArg() || FT->getNumParams() + 1 != Proto.size())
    return false;
  if (!typeIs(FT->getReturnType(), Proto[0]))
    return false;
  for (unsigned I = 0; I < FT->getNumParams(); ++I)
    if (!typeIs(FT->getParamType(I), Proto[I + 1]))
      return false;
  return true;
}

static const Blocking *lookup(StringRef Name) {
  for (const Blocking &B : Table)
    if (B.Name == Name)
      return &B;
  return nullptr;
}

// The extra last argument of B's runtime version (atexit's __dso_handle).
static Value *extraArg(CallInst *CI) {
  Module &M = *CI->getModule();
  auto *GV = dyn_cast<GlobalVariable>(
      M.getOrInsertGlobal("__dso_handle", Type::getInt8Ty(M.getContext())));
  if (GV && GV->isDeclaration())
    GV->setVisibility(GlobalValue::HiddenVisibility);
  return GV;
}

// CI, calling Callee (the runtime's version) with one more argument.
static CallInst *withExtra(CallInst *CI, FunctionCallee Callee, Value *X) {
  SmallVector<Value *, 6> Args(CI->args());
  Args.push_back(X);
  SmallVector<OperandBundleDef, 1> Bundles;
  CI->getOperandBundlesAsDefs(Bundles);
  IRBuilder<> B(CI);
  CallInst *N = B.CreateCall(Callee, Args, Bundles);
  AttributeList A = CI->getAttributes();
  SmallVector<AttributeSet, 6> PA;
  for (unsigned I = 0; I < CI->arg_size(); ++I)
    PA.push_back(A.getParamAttrs(I));
  PA.push_back(AttributeSet());
  N->setAttributes(AttributeList::get(CI->getContext(), A.getFnAttrs(),
                                      A.getRetAttrs(), PA));
  N->setCallingConv(CI->getCallingConv());
  N->copyMetadata(*CI);
  N->setDebugLoc(CI->getDebugLoc());
  if (!CI->getType()->isVoidTy())
    CI->replaceAllUsesWith(N);
  N->takeName(CI);
  CI->eraseFromParent();
  return N;
}

static bool isLockKind(Kind K) {
  return K == CP_REDIRECT_LOCK || K == CP_REDIRECT_UNLOCK;
}

using Calls = SmallVector<std::pair<CallInst *, const Blocking *>, 4>;

// The direct calls of F to a function of the table of one of the kinds
// Want(Kind) accepts, with the libc prototype (a missed remark for those
// without it).
template <typename Pred>
static Calls findCalls(Function &F, OptimizationRemarkEmitter &ORE, Pred Want) {
  Calls Work;
  if (F.getParent()->getDataLayout().getPointerSizeInBits() != ShapeBits)
    return Work;
  for (Instruction &I : instructions(F)) {
    auto *CI = dyn_cast<CallInst>(&I);
    if (!CI)
      continue;
    auto *Callee =
        dyn_cast<Function>(CI->getCalledOperand()->stripPointerCasts());
    if (!Callee || !Callee->isDeclaration() || Callee->isIntrinsic())
      continue;
    const Blocking *B = lookup(Callee->getName());
    if (!B || !Want(B->K))
      continue;
    if (!matches(CI->getFunctionType(), B->Proto) ||
        Callee->getFunctionType() != CI->getFunctionType()) {
      ORE.emit([&] {
        return OptimizationRemarkMissed(DEBUG_TYPE, "RedirectMismatch", CI)
               << "call to '" << Callee->getName() << "' not "
               << (isLockKind(B->K) ? "recorded" : "redirected")
               << ": it does not have the libc prototype";
      });
      continue;
    }
    if (CI->isMustTailCall())
      continue;
    Work.push_back({CI, B});
  }
  return Work;
}

unsigned cancelpoints::recordLocks(Function &F, Emitter &E) {
  OptimizationRemarkEmitter ORE(&F);
  Calls Work = findCalls(F, ORE, isLockKind);
  for (auto [CI, B] : Work) {
    Value *L = CI->getArgOperand(0);
    if (B->K == CP_REDIRECT_LOCK) {
      CI->setTailCallKind(CallInst::TCK_None); // code follows it now
      E.emitLockRecord(CI, L, E.site(F, CP_SITE_LOCK, CI->getDebugLoc()));
    } else {
      E.emitUnlockDrop(CI, L);
    }
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "RecordLock", CI)
             << "call to '" << B->Name << "' "
             << (B->K == CP_REDIRECT_LOCK ? "records its lock inline"
                                          : "drops its lock's record inline")
             << ": " << why(B->K);
    });
  }
  return Work.size();
}

unsigned cancelpoints::redirectBlockingCalls(Function &F,
                                             OptimizationRemarkEmitter &ORE,
                                             Emitter &E) {
  (void)E;
  Module &M = *F.getParent();
  Calls Work = findCalls(F, ORE, [](Kind K) { return !isLockKind(K); });
  unsigned N = 0;
  for (auto [CI, B] : Work) {
    std::string Target = (Twine(CP_SYM_REDIRECT_PREFIX) + B->Name).str();
    FunctionType *FT = CI->getFunctionType();
    if (B->X != CP_EXTRA_NONE) {
      SmallVector<Type *, 6> Params(FT->params());
      Params.push_back(PointerType::getUnqual(M.getContext()));
      FT = FunctionType::get(FT->getReturnType(), Params, false);
    }
    FunctionCallee FC = M.getOrInsertFunction(Target, FT);
    auto *TF = dyn_cast<Function>(FC.getCallee());
    if (!TF || TF->getFunctionType() != FT)
      continue; // the module uses the name for something else
    if (B->X != CP_EXTRA_NONE)
      CI = withExtra(CI, FC, extraArg(CI));
    else
      CI->setCalledFunction(FC);
    ++N;
    for (Attribute::AttrKind K :
         {Attribute::WillReturn, Attribute::NoFree, Attribute::NoSync,
          Attribute::NoCallback, Attribute::Memory})
      CI->removeFnAttr(K);
    if (CI->isTailCall())
      CI->setTailCallKind(CallInst::TCK_None);
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "Redirect", CI)
             << "call to '" << B->Name << "' redirected to '" << Target
             << "': " << why(B->K);
    });
  }
  return N;
}
