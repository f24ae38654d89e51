//===- CopyBudget.h - the module's budget for back-edge polls' copies -----===//
//
// Unrolling a small loop for its back-edge poll (LatchPoll.h) saves the poll
// on K - 1 of every K iterations for K - 1 copies of its body.  Without a
// profile the pass cannot tell which loops are hot, and over a module whose
// small loops inlining has multiplied the copies are most of the code it
// adds (bench/DIAGNOSIS.md, sections 9 and 35).  So the copies of a module
// may add at most -cancelpoints-copy-budget percent of its instructions,
// and always -cancelpoints-copy-budget-floor (a small module, a kernel of
// one hot loop, keeps its copies).  They are granted smallest loop first:
// the poll is the largest share of a small loop's iteration, and its copies
// cost the fewest bytes; among loops of one size, the module's first (its
// functions in order, each one's loops in order), so that a compile gives
// the same object every time.  A loop past the budget polls its back edge
// with no copies, and its remark says why.
//
// The budget is planned before any function changes, over every loop the
// plan could unroll (FunctionPlan.h, forEachCopiesCandidate); some turn out
// to need no poll, and the budget they took is not given to others.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_COPYBUDGET_H
#define CANCELPOINTS_COPYBUDGET_H

#include "llvm/ADT/DenseSet.h"
#include "llvm/IR/PassManager.h"

namespace llvm {
class BasicBlock;
class Module;
class ProfileSummaryInfo;
} // namespace llvm

namespace cancelpoints {

class CopyBudget {
public:
  /// No budget: every loop may have its copies.
  CopyBudget() = default;
  /// The budget of M, planned on its functions as they are now.
  CopyBudget(llvm::Module &M, llvm::FunctionAnalysisManager &FAM,
             llvm::ProfileSummaryInfo *PSI);

  /// May the loop headed by H be unrolled for its back-edge poll?
  bool grants(const llvm::BasicBlock *H) const {
    return !On || Granted.count(H);
  }

private:
  bool On = false;
  llvm::DenseSet<const llvm::BasicBlock *> Granted;
};

} // namespace cancelpoints

#endif
