//===- Remarks.cpp - what the pass says about one function ----------------===//
#include "Remarks.h"

#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"

using namespace llvm;
using namespace cancelpoints;

#define DEBUG_TYPE "cancelpoints"

void FunctionRemarks::remark(StringRef Name, const DebugLoc &DL, BasicBlock *BB,
                             const Twine &Msg) {
  ORE.emit([&] {
    return OptimizationRemark(DEBUG_TYPE, Name, DL, BB) << Msg.str();
  });
}

void FunctionRemarks::missed(StringRef Name, const DebugLoc &DL, BasicBlock *BB,
                             const Twine &Msg) {
  ORE.emit([&] {
    return OptimizationRemarkMissed(DEBUG_TYPE, Name, DL, BB) << Msg.str();
  });
}

DebugLoc FunctionRemarks::blockLoc(BasicBlock *BB) const {
  for (Instruction &I : *BB)
    if (const DebugLoc &DL = I.getDebugLoc())
      if (DL.getLine())
        return DL;
  if (DISubprogram *SP = F.getSubprogram())
    return DILocation::get(F.getContext(), 0, 0, SP);
  return DebugLoc();
}

DebugLoc FunctionRemarks::declarationLoc(Function &F) {
  if (DISubprogram *SP = F.getSubprogram())
    return DILocation::get(F.getContext(), SP->getLine(), 0, SP);
  return DebugLoc();
}
