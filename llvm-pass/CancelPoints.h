//===- CancelPoints.h - the cancelpoints module pass ----------------------===//
#ifndef CANCELPOINTS_CANCELPOINTS_H
#define CANCELPOINTS_CANCELPOINTS_H

#include "llvm/IR/PassManager.h"

namespace cancelpoints {

/// What the pass inserts (-cancelpoints-mode, $CANCELPOINTS_PASS_MODE):
/// nothing; a poll at every cycle header and recursive entry (the naive
/// baseline); or polls, reset regions and call regions (the default).
enum class PassMode { Off, Poll, Full };

/// Lowers the markers of Markers.h to cancellation points and reset regions
/// (the policy is in CancelPoints.cpp); marks first a module that has none.
class CancelPointsPass : public llvm::PassInfoMixin<CancelPointsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  /// Runs at -O0 (optnone functions) too: cancellation is not an optimisation.
  static bool isRequired() { return true; }
};

/// False when -cancelpoints-mode or CANCELPOINTS_PASS_MODE says off.
bool cancelpointsEnabled();

} // namespace cancelpoints

#endif
