//===- Bounds.cpp - loops that end soon enough to need no point -----------===//
#include "Bounds.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/IR/IntrinsicInst.h"
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

/// The size of a loop's body in IR instructions, a call to anything but an
/// intrinsic counting as 32: a rough measure of one iteration's time.
/// Address arithmetic, casts, phis and branches count nothing: they fold
/// into the instructions that use them, and before the optimiser (the first
/// phase) there are many more of them than the loop will keep.
static uint64_t loopWork(const Loop &L) {
  uint64_t W = 0;
  for (const BasicBlock *BB : L.blocks())
    for (const Instruction &I : BB->instructionsWithoutDebug()) {
      if (isa<GetElementPtrInst>(I) || isa<CastInst>(I) || isa<PHINode>(I) ||
          isa<BranchInst>(I))
        continue;
      const auto *CB = dyn_cast<CallBase>(&I);
      W += CB && !isa<IntrinsicInst>(CB) ? 32 : 1;
    }
  return W;
}

std::string cancelpoints::boundedReason(const Loop &L, ScalarEvolution &SE) {
  unsigned N = SE.getSmallConstantMaxTripCount(&L);
  if (!N)
    return "";
  if (N <= BoundedTripOpt)
    return "its trip count is at most " + std::to_string(N);
  uint64_t Work =
      BoundedWorkOpt && L.isInnermost() ? uint64_t(N) * loopWork(L) : 0;
  if (Work && Work <= BoundedWorkOpt)
    return "its trip count is at most " + std::to_string(N) + ", about " +
           std::to_string(Work) + " instructions in all";
  return "";
}
