//===- Demotion.h - no SSA value lives across an arm ----------------------===//
//
// __cp_arm returns twice, like setjmp: a reset resumes the thread just after
// the arm with the callee-saved registers, the stack pointer and the return
// address restored from the reset context, but with stack slots as the
// region left them.  By then the register allocator may have reused the
// spill slot of a value defined before the arm, or coalesced it with one the
// region changes (a loop's initial value with its induction variable), and
// the replayed region would read a stale value.
//
// So every SSA value V (argument or instruction, not a static alloca: those
// are frame addresses) that is defined before the arm and live after it is
// demoted across the arm:
//
//     store volatile V, %V.cp.slot          ; just before the arm
//     call @__cp_arm(...)
//     %V.cp.reload = load volatile %V.cp.slot
//
// and every use of V reachable from the arm is rewritten with SSAUpdater
// (PHIs where a use is reached both through the arm and around it).  A value
// live across several arms has one slot and one SSAUpdater for all of them,
// so the reloads and PHIs never need demoting in turn.  After this only
// frame addresses are live across an arm.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_DEMOTION_H
#define CANCELPOINTS_DEMOTION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace llvm {
class CallInst;
class Function;
class Instruction;
class DominatorTree;
class Value;
} // namespace llvm

namespace cancelpoints {

class Emitter;

/// Demotes the values live across the arms of F (all of them at once: one
/// slot and one SSAUpdater per value); returns how many values.  Splits a
/// block that holds several arms.
unsigned demoteAcrossArms(llvm::Function &F,
                          llvm::ArrayRef<llvm::CallInst *> Arms, Emitter &E);

/// The values (other than static allocas) live across Arm: defined before
/// it and used by it or after it.  Arm may also be the instruction an arm
/// would go before (what demoting for it would cost, before it is made).
void liveAcrossArm(llvm::Instruction &Arm, llvm::DominatorTree &DT,
                   llvm::SmallVectorImpl<llvm::Value *> &Out);

} // namespace cancelpoints

#endif
