//===- Redirect.cpp - plain libc blocking calls to the runtime's ----------===//
//
// DESIGN.md: "In instrumented code, plain calls to the libc functions they
// wrap are redirected to them and deliver like implicit points, so
// sleep(1000) or a blocked read() in unmodified code is cancelled too."
//
// A call is redirected when its callee is a declaration (the module does not
// define its own `read`) named in the table below, and the call's function
// type is the libc prototype on a 64-bit target (size_t, ssize_t, long,
// nfds_t: i64; int, pid_t, socklen_t, unsigned, useconds_t: i32; pointers).
// The callee becomes CP_SYM_REDIRECT_PREFIX + name, same type; the call's
// attributes stay, but the ones that would promise the runtime's version
// never leaves by delivery (willreturn, memory effects, nofree, nosync,
// nocallback) are dropped.  Indirect calls are not seen.
//
// The same way, for DESIGN.md's "requests are held while a thread holds a
// lock it took in instrumented code" and its siblings: sigaction and signal,
// whose runtime versions install the program's handler behind a trampoline
// that holds requests; and the libc calls that run a callback of the
// program under a lock of libc's own or on the way out (dl_iterate_phdr,
// pthread_once, call_once, exit, quick_exit, pthread_exit, fork, atexit,
// fopencookie).  atexit gets one more argument, the module's __dso_handle,
// which libc's own atexit passes on.
//
// The lock and unlock calls (pthread mutexes, rwlocks, spin locks, C11
// mtx_t, flockfile) are not redirected: recordLocks keeps libc's call and
// records the lock inline around it (Emitter.h, cancelpoints_abi.h), with
// its site (a cp_site of kind CP_SITE_LOCK: the 1 s notice names where a
// lock that holds a request was taken).  An uncontended lock and unlock
// then cost a few instructions more than plain (bench/locks); the runtime
// is called only when the one inline record does not do (nested locks, a
// failed trylock, a request held).
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
// Prototype letters: v void, i i32, l i64, p ptr.  First the return type.
// What the runtime's version does, for the remark; and what it takes
// beyond the libc prototype.
enum Kind { Point, Lock, Unlock, Handler, Held };
enum Extra { None, Dso };
struct Blocking {
  StringLiteral Name;
  StringLiteral Proto;
  Kind K = Point;
  Extra X = None;
};
} // namespace

static const Blocking Table[] = {
    {"read", "lipl"},         {"write", "lipl"},
    {"recv", "lipli"},        {"send", "lipli"},
    {"accept", "iipp"},       {"connect", "iipi"},
    {"poll", "ipli"},         {"select", "iipppp"},
    {"nanosleep", "ipp"},     {"sleep", "ii"},
    {"usleep", "ii"},         {"pthread_cond_wait", "ipp"},
    {"pthread_cond_timedwait", "ippp"},
    {"sem_wait", "ip"},       {"waitpid", "iipi"},
    // _FORTIFY_SOURCE (glibc >= 2.40 also with clang)
    {"__read_chk", "lipll"},  {"__recv_chk", "liplli"},
    {"__poll_chk", "iplil"},
    // locks: requests are held while they are held
    {"pthread_mutex_lock", "ip", Lock},
    {"pthread_mutex_trylock", "ip", Lock},
    {"pthread_mutex_timedlock", "ipp", Lock},
    {"pthread_mutex_clocklock", "ipip", Lock},
    {"pthread_mutex_unlock", "ip", Unlock},
    {"pthread_rwlock_rdlock", "ip", Lock},
    {"pthread_rwlock_wrlock", "ip", Lock},
    {"pthread_rwlock_tryrdlock", "ip", Lock},
    {"pthread_rwlock_trywrlock", "ip", Lock},
    {"pthread_rwlock_timedrdlock", "ipp", Lock},
    {"pthread_rwlock_timedwrlock", "ipp", Lock},
    {"pthread_rwlock_clockrdlock", "ipip", Lock},
    {"pthread_rwlock_clockwrlock", "ipip", Lock},
    {"pthread_rwlock_unlock", "ip", Unlock},
    {"pthread_spin_lock", "ip", Lock},
    {"pthread_spin_trylock", "ip", Lock},
    {"pthread_spin_unlock", "ip", Unlock},
    {"mtx_lock", "ip", Lock},
    {"mtx_trylock", "ip", Lock},
    {"mtx_timedlock", "ipp", Lock},
    {"mtx_unlock", "ip", Unlock},
    {"flockfile", "vp", Lock},
    {"ftrylockfile", "ip", Lock},
    {"funlockfile", "vp", Unlock},
    // signal handlers run with requests held
    {"sigaction", "iipp", Handler},
    {"signal", "pip", Handler},
    {"bsd_signal", "pip", Handler},
    {"sysv_signal", "pip", Handler},
    {"__sysv_signal", "pip", Handler},
    // callbacks libc runs under its own lock, or on the way out
    {"dl_iterate_phdr", "ipp", Held},
    {"pthread_once", "ipp", Held},
    {"call_once", "vpp", Held},
    {"exit", "vi", Held},
    {"quick_exit", "vi", Held},
    {"pthread_exit", "vp", Held},
    {"fork", "i", Held},
    {"atexit", "ip", Held, Dso},
    {"fopencookie", "pppp", Held},
};

static const char *why(Kind K) {
  switch (K) {
  case Point:
    return "a cancellation point";
  case Lock:
    return "requests are held while the lock is";
  case Unlock:
    return "the lock's hold ends";
  case Handler:
    return "the handler runs with requests held";
  case Held:
    return "requests are held while libc runs the program's callbacks";
  }
  return "";
}

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

using Calls = SmallVector<std::pair<CallInst *, const Blocking *>, 4>;

// The direct calls of F to a function of the table of one of the kinds
// Want(Kind) accepts, with the libc prototype (a missed remark for those
// without it).
template <typename Pred>
static Calls findCalls(Function &F, OptimizationRemarkEmitter &ORE,
                       Pred Want) {
  Calls Work;
  if (F.getParent()->getDataLayout().getPointerSizeInBits() != 64)
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
               << (B->K == Lock || B->K == Unlock ? "recorded" : "redirected")
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

static bool isLockKind(Kind K) { return K == Lock || K == Unlock; }

unsigned cancelpoints::recordLocks(Function &F, Emitter &E) {
  if (!RedirectOpt)
    return 0;
  OptimizationRemarkEmitter ORE(&F);
  Calls Work = findCalls(F, ORE, isLockKind);
  for (auto [CI, B] : Work) {
    Value *L = CI->getArgOperand(0);
    if (B->K == Lock) {
      CI->setTailCallKind(CallInst::TCK_None); // code follows it now
      E.emitLockRecord(CI, L, E.site(F, CP_SITE_LOCK, CI->getDebugLoc()));
    } else {
      E.emitUnlockDrop(CI, L);
    }
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "RecordLock", CI)
             << "call to '" << B->Name << "' "
             << (B->K == Lock ? "records its lock inline"
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
  if (!RedirectOpt)
    return 0;
  Module &M = *F.getParent();
  Calls Work = findCalls(F, ORE, [](Kind K) { return !isLockKind(K); });
  unsigned N = 0;
  for (auto [CI, B] : Work) {
    std::string Target = (Twine(CP_SYM_REDIRECT_PREFIX) + B->Name).str();
    FunctionType *FT = CI->getFunctionType();
    if (B->X != None) {
      SmallVector<Type *, 6> Params(FT->params());
      Params.push_back(PointerType::getUnqual(M.getContext()));
      FT = FunctionType::get(FT->getReturnType(), Params, false);
    }
    FunctionCallee FC = M.getOrInsertFunction(Target, FT);
    auto *TF = dyn_cast<Function>(FC.getCallee());
    if (!TF || TF->getFunctionType() != FT)
      continue; // the module uses the name for something else
    if (B->X != None)
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
