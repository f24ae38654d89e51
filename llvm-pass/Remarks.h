//===- Remarks.h - what the pass says about one function ------------------===//
//
// The remarks of the function pass (-Rpass=cancelpoints: what was inserted
// and why; -Rpass-missed=cancelpoints: what was left out and why), and the
// debug locations the inserted code and the remarks carry.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_REMARKS_H
#define CANCELPOINTS_REMARKS_H

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/DebugLoc.h"

namespace cancelpoints {

class FunctionRemarks {
public:
  explicit FunctionRemarks(llvm::Function &F) : F(F), ORE(&F) {}

  /// A remark (something inserted) named Name at DL in BB.
  void remark(llvm::StringRef Name, const llvm::DebugLoc &DL,
              llvm::BasicBlock *BB, const llvm::Twine &Msg);
  /// A missed remark (something left out).
  void missed(llvm::StringRef Name, const llvm::DebugLoc &DL,
              llvm::BasicBlock *BB, const llvm::Twine &Msg);
  /// For remarks built piece by piece.
  llvm::OptimizationRemarkEmitter &emitter() { return ORE; }

  /// The location of a block of F: its first instruction with a line, else
  /// line 0 of F (so that inserted calls carry a location in a function
  /// with debug info).
  llvm::DebugLoc blockLoc(llvm::BasicBlock *BB) const;
  /// The line of F's own declaration.
  llvm::DebugLoc entryLoc() const { return declarationLoc(F); }
  /// The line where F is declared, if it has debug info.
  static llvm::DebugLoc declarationLoc(llvm::Function &F);

private:
  llvm::Function &F;
  llvm::OptimizationRemarkEmitter ORE;
};

} // namespace cancelpoints

#endif
