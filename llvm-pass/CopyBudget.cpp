//===- CopyBudget.cpp - the module's budget for back-edge polls' copies ---===//
#include "CopyBudget.h"
#include "FunctionPlan.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"

#include <algorithm>

using namespace llvm;
using namespace cancelpoints;

static cl::opt<unsigned> CopyBudgetOpt(
    "cancelpoints-copy-budget",
    cl::desc("The copies made for back-edge polls may add at most N percent "
             "of the module's instructions, smallest loops first (0: no "
             "budget)"),
    cl::init(5));

static cl::opt<unsigned> CopyBudgetFloorOpt(
    "cancelpoints-copy-budget-floor",
    cl::desc("The copies made for back-edge polls may always add N "
             "instructions to a module, whatever its size"),
    cl::init(256));

namespace {
/// A loop the plan could unroll: its size and the instructions its copies
/// would add.
struct CopyCost {
  unsigned Size;
  unsigned Added;
  const BasicBlock *Header;
};
} // namespace

CopyBudget::CopyBudget(Module &M, FunctionAnalysisManager &FAM,
                       ProfileSummaryInfo *PSI) {
  if (!CopyBudgetOpt)
    return;
  uint64_t Total = 0;
  SmallVector<CopyCost, 64> Costs;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    Total += F.getInstructionCount();
    if (!mayHaveCopies(F))
      continue;
    LoopInfo &LI = FAM.getResult<LoopAnalysis>(F);
    forEachCopiesCandidate(
        F, LI, PSI,
        [&](BasicBlock *H, const LatchPollCandidate &C, unsigned K) {
          if (K > 1)
            Costs.push_back({C.Size, (K - 1) * C.Size, H});
        });
  }
  stable_sort(Costs, [](const CopyCost &A, const CopyCost &B) {
    return A.Size < B.Size;
  });
  uint64_t Budget =
      std::max<uint64_t>(CopyBudgetFloorOpt, Total * CopyBudgetOpt / 100);
  uint64_t Used = 0;
  On = true;
  for (const CopyCost &C : Costs) {
    if (Used + C.Added > Budget)
      break;
    Used += C.Added;
    Granted.insert(C.Header);
  }
}
