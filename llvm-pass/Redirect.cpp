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
// The same way, and for DESIGN.md's "requests are held while a thread holds
// a lock it took in instrumented code": the lock and unlock calls (pthread
// mutexes, rwlocks, spin locks, C11 mtx_t, flockfile), whose runtime
// versions record the lock; sigaction and signal, whose runtime versions
// install the program's handler behind a trampoline that holds requests;
// and the libc calls that run a callback of the program under a lock of
// libc's own or on the way out (dl_iterate_phdr, pthread_once, call_once,
// exit, quick_exit, pthread_exit, fork, atexit, fopencookie).  A lock call
// gets one more argument, its site (a cp_site of kind CP_SITE_LOCK: the 1 s
// notice names where a lock that holds a request was taken); atexit gets
// the module's __dso_handle, which libc's own atexit passes on.
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
enum Extra { None, Site, Dso };
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
    {"pthread_mutex_lock", "ip", Lock, Site},
    {"pthread_mutex_trylock", "ip", Lock, Site},
    {"pthread_mutex_timedlock", "ipp", Lock, Site},
    {"pthread_mutex_clocklock", "ipip", Lock, Site},
    {"pthread_mutex_unlock", "ip", Unlock},
    {"pthread_rwlock_rdlock", "ip", Lock, Site},
    {"pthread_rwlock_wrlock", "ip", Lock, Site},
    {"pthread_rwlock_tryrdlock", "ip", Lock, Site},
    {"pthread_rwlock_trywrlock", "ip", Lock, Site},
    {"pthread_rwlock_timedrdlock", "ipp", Lock, Site},
    {"pthread_rwlock_timedwrlock", "ipp", Lock, Site},
    {"pthread_rwlock_clockrdlock", "ipip", Lock, Site},
    {"pthread_rwlock_clockwrlock", "ipip", Lock, Site},
    {"pthread_rwlock_unlock", "ip", Unlock},
    {"pthread_spin_lock", "ip", Lock, Site},
    {"pthread_spin_trylock", "ip", Lock, Site},
    {"pthread_spin_unlock", "ip", Unlock},
    {"mtx_lock", "ip", Lock, Site},
    {"mtx_trylock", "ip", Lock, Site},
    {"mtx_timedlock", "ipp", Lock, Site},
    {"mtx_unlock", "ip", Unlock},
    {"flockfile", "vp", Lock, Site},
    {"ftrylockfile", "ip", Lock, Site},
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

// The extra last argument of B's runtime version, for the call CI.
static Value *extraArg(const Blocking &B, CallInst *CI, Emitter &E) {
  Function &F = *CI->getFunction();
  Module &M = *F.getParent();
  if (B.X == Site)
    return E.site(F, CP_SITE_LOCK, CI->getDebugLoc());
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

unsigned cancelpoints::redirectBlockingCalls(Function &F,
                                             OptimizationRemarkEmitter &ORE,
                                             Emitter &E) {
  if (!RedirectOpt)
    return 0;
  Module &M = *F.getParent();
  if (M.getDataLayout().getPointerSizeInBits() != 64)
    return 0;
  SmallVector<std::pair<CallInst *, const Blocking *>, 4> Work;
  for (Instruction &I : instructions(F)) {
    auto *CI = dyn_cast<CallInst>(&I);
    if (!CI)
      continue;
    auto *Callee =
        dyn_cast<Function>(CI->getCalledOperand()->stripPointerCasts());
    if (!Callee || !Callee->isDeclaration() || Callee->isIntrinsic())
      continue;
    const Blocking *B = lookup(Callee->getName());
    if (!B)
      continue;
    if (!matches(CI->getFunctionType(), B->Proto) ||
        Callee->getFunctionType() != CI->getFunctionType()) {
      ORE.emit([&] {
        return OptimizationRemarkMissed(DEBUG_TYPE, "RedirectMismatch", CI)
               << "call to '" << Callee->getName()
               << "' not redirected: it does not have the libc prototype";
      });
      continue;
    }
    if (CI->isMustTailCall())
      continue;
    Work.push_back({CI, B});
  }
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
      CI = withExtra(CI, FC, extraArg(*B, CI, E));
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
