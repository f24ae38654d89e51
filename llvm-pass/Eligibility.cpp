//===- Eligibility.cpp - which functions the pass instruments -------------===//
#include "Eligibility.h"
#include "EffectAnalysis.h"

#include "cancelpoints_abi.h"

#include "llvm/ADT/SCCIterator.h"
#include "llvm/Analysis/CallGraph.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace cancelpoints;

/// The SCCs of the call graph (direct calls) that are cycles.
std::vector<std::vector<Function *>>
cancelpoints::findRecursiveSCCs(Module &M) {
  std::vector<std::vector<Function *>> Out;
  CallGraph CG(M);
  for (auto I = scc_begin(&CG); !I.isAtEnd(); ++I) {
    const std::vector<CallGraphNode *> &SCC = *I;
    if (SCC.size() == 1 && !I.hasCycle())
      continue;
    std::vector<Function *> Fs;
    for (CallGraphNode *N : SCC)
      if (Function *F = N->getFunction())
        Fs.push_back(F);
    if (!Fs.empty())
      Out.push_back(std::move(Fs));
  }
  return Out;
}

DenseSet<const Function *> cancelpoints::findAnnotated(const Module &M,
                                                       StringRef Annotation) {
  DenseSet<const Function *> Out;
  const GlobalVariable *GA = M.getNamedGlobal("llvm.global.annotations");
  if (!GA || !GA->hasInitializer())
    return Out;
  auto *Arr = dyn_cast<ConstantArray>(GA->getInitializer());
  if (!Arr)
    return Out;
  for (const Use &Op : Arr->operands()) {
    auto *CS = dyn_cast<ConstantStruct>(Op.get());
    if (!CS || CS->getNumOperands() < 2)
      continue;
    auto *F = dyn_cast<Function>(CS->getOperand(0)->stripPointerCasts());
    auto *Str =
        dyn_cast<GlobalVariable>(CS->getOperand(1)->stripPointerCasts());
    if (!F || !Str || !Str->hasInitializer())
      continue;
    auto *Data = dyn_cast<ConstantDataSequential>(Str->getInitializer());
    if (Data && Data->isCString() && Data->getAsCString() == Annotation)
      Out.insert(F);
  }
  return Out;
}

DenseSet<const Function *> cancelpoints::findNoCancelAnnotated(Module &M) {
  return findAnnotated(M, CP_ANNOTATE_NOCANCEL);
}

static bool isSetjmpLikeName(StringRef N) {
  static const StringLiteral Names[] = {
      "setjmp",  "_setjmp", "__setjmp",   "sigsetjmp",       "__sigsetjmp",
      "savectx", "vfork",   "getcontext", "__builtin_setjmp"};
  return is_contained(Names, N);
}

/// Why F must be left alone, or an empty string.
std::string
cancelpoints::whyLeftAlone(const Function &F,
                           const DenseSet<const Function *> &Annotated) {
  if (EffectAnalysis::isRuntimeName(F.getName()))
    return "it is a cancelpoints runtime entry point";
  if (F.hasFnAttribute(Attribute::Naked))
    return "it is naked";
  if (F.hasFnAttribute(CP_ATTR_NOCANCEL))
    return "it is marked " CP_ATTR_NOCANCEL;
  if (Annotated.count(&F))
    return "it is annotated " CP_ANNOTATE_NOCANCEL;
  if (F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation))
    return "it disables instrumentation";
  if (F.isVarArg())
    return "it is variadic";
  // C++: a try/catch, or destructors to run when an exception passes
  // through (invoke, landingpad, resume).  A non-local exit would skip them.
  static const char EH[] =
      "it has exception handling (C++: a try/catch, or destructors to run "
      "when an exception passes); no point in it or its loops";
  if (F.hasPersonalityFn())
    return EH;
  for (const Instruction &I : instructions(F)) {
    if (I.isEHPad() || isa<InvokeInst>(I) || isa<ResumeInst>(I))
      return EH;
    const auto *CB = dyn_cast<CallBase>(&I);
    if (!CB)
      continue;
    if (CB->isInlineAsm() || isa<CallBrInst>(CB))
      return "it contains inline asm";
    const Function *Callee = EffectAnalysis::directCallee(*CB);
    if (CB->hasFnAttr(Attribute::ReturnsTwice) ||
        (Callee && isSetjmpLikeName(Callee->getName())))
      return "it calls returns_twice function '" +
             (Callee ? Callee->getName().str() : std::string("?")) + "'";
  }
  return "";
}
