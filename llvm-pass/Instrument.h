//===- Instrument.h - one function instrumented, step by step -------------===//
//
// Runs the steps of FunctionPlan.h on one function: classify its cycles,
// prepare it (Prepare.h), plan the rest on the prepared IR, and apply the
// plan: polls at entries, headers, chunk headers (StripMine.h), back edges
// (LatchPoll.h) or markers (Markers.h); arms and disarms of the reset
// regions armed in place and of the call regions; then no SSA value live
// across an arm (Demotion.h).  Every instruction through the Emitter.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_INSTRUMENT_H
#define CANCELPOINTS_INSTRUMENT_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace llvm {
class CallInst;
} // namespace llvm

namespace cancelpoints {

struct FunctionContext;

struct InstrumentResult {
  bool Changed = false; ///< the function changed
  bool Applied = false; ///< it had a plan to apply (not only preparation)
  llvm::SmallVector<llvm::CallInst *, 8> Arms; ///< the arms inserted
};

/// Instruments Cx.F as the policy of CancelPoints.cpp says.  BeforeChange
/// runs once, just before the first change to Cx.F, if there is one.
InstrumentResult instrumentFunction(FunctionContext &Cx,
                                    llvm::function_ref<void()> BeforeChange);

} // namespace cancelpoints

#endif
