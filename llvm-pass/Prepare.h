//===- Prepare.h - effect-free loops run out of line, before planning -----===//
//
// Step 2 of FunctionPlan.h, the one that changes the function before the
// plan is complete: each effect-free reducible loop that classifyCycles made
// a reset region runs out of line, armed by a trampoline (Outline.h), after
// its first iterations are peeled off if it is small (RegionPeel.h; not at
// -Os, -Oz).  Regions that stay in place (irreducible ones, those the code
// extractor refuses, all of them with -cancelpoints-outline=false) keep
// their entry and exit edges, taken again from the changed function.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_PREPARE_H
#define CANCELPOINTS_PREPARE_H

namespace cancelpoints {

struct CyclePlan;
struct FunctionContext;

struct Prepared {
  bool Changed = false;  ///< the function changed (outlined or peeled)
  unsigned Outlined = 0; ///< regions now run out of line
};

/// Runs the regions of Cycles out of line where it can, and leaves in
/// Cycles.Regions those armed in place.
Prepared prepareFunction(FunctionContext &Cx, CyclePlan &Cycles);

} // namespace cancelpoints

#endif
