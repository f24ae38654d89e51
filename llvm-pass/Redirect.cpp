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
//===----------------------------------------------------------------------===//
#include "Redirect.h"

#include "cancelpoints_abi.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

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
struct Blocking {
  StringLiteral Name;
  StringLiteral Proto;
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
};

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

unsigned cancelpoints::redirectBlockingCalls(Function &F,
                                             OptimizationRemarkEmitter &ORE) {
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
  for (auto &[CI, B] : Work) {
    std::string Target = (Twine(CP_SYM_REDIRECT_PREFIX) + B->Name).str();
    FunctionCallee FC = M.getOrInsertFunction(Target, CI->getFunctionType());
    auto *TF = dyn_cast<Function>(FC.getCallee());
    if (!TF || TF->getFunctionType() != CI->getFunctionType())
      continue; // the module uses the name for something else
    CI->setCalledFunction(FC);
    for (Attribute::AttrKind K :
         {Attribute::WillReturn, Attribute::NoFree, Attribute::NoSync,
          Attribute::NoCallback, Attribute::Memory})
      CI->removeFnAttr(K);
    if (CI->isTailCall())
      CI->setTailCallKind(CallInst::TCK_None);
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "Redirect", CI)
             << "call to '" << B->Name << "' redirected to '" << Target
             << "': a cancellation point";
    });
  }
  return Work.size();
}
