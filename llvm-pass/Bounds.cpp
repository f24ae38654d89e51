//===- Bounds.cpp - loops that end soon enough to need no point -----------===//
#include "Bounds.h"
#include "LoopSize.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;
using namespace cancelpoints;

static cl::opt<unsigned> BoundedTripOpt(
    "cancelpoints-bounded-trip",
    cl::desc("A loop whose trip count has a constant bound of at most N "
             "(SCEV) gets no point of its own (0: off)"),
    cl::init(64));

static cl::opt<unsigned> BoundedWorkOpt(
    "cancelpoints-bounded-work",
    cl::desc("An innermost loop whose constant trip bound (SCEV) times its "
             "size in IR instructions (a call counts as 32) is at most N "
             "gets no point of its own (0: off)"),
    cl::init(8192));

bool cancelpoints::boundsEnabled() { return BoundedTripOpt || BoundedWorkOpt; }

unsigned cancelpoints::boundedTripLimit() { return BoundedTripOpt; }

/// The trip bound times the loop's weighted size (LoopSize::Work) is what is
/// bounded for an innermost loop.
std::string cancelpoints::boundedReason(const Loop &L, ScalarEvolution &SE) {
  unsigned N = SE.getSmallConstantMaxTripCount(&L);
  if (!N)
    return "";
  if (N <= BoundedTripOpt)
    return "its trip count is at most " + std::to_string(N);
  uint64_t Work =
      BoundedWorkOpt && L.isInnermost() ? uint64_t(N) * measureLoop(L).Work : 0;
  if (Work && Work <= BoundedWorkOpt)
    return "its trip count is at most " + std::to_string(N) + ", about " +
           std::to_string(Work) + " instructions in all";
  return "";
}
