//===- SourceWords.h - the clang plugin's words, as the pass reads them ---===//
//
// The clang plugin (clang-plugin/Attributes.cpp) gives the source four words;
// they reach the IR as annotations (cancelpoints_abi.h, CP_ANNOTATE_*):
//
//  * nocancel on a function: left alone (Eligibility.h), as before.
//  * nocancel on a loop: a call of llvm.annotation(0, "cp_nocancel_loop")
//    first in its body.  The first phase finds the innermost cycle around
//    each, places no marker for that cycle (its nested cycles keep theirs),
//    puts "cancelpoints.nocancel" in the loop's llvm.loop metadata and
//    removes the call; the second phase gives a cycle with that metadata no
//    point and no reset region of its own (FunctionPlan.cpp).
//  * point on a function: its entry is a point, as a recursive function's.
//  * shield on a function: the first phase calls cp_hold at its entry and
//    cp_resume before each return (whether or not it is instrumented), so
//    requests are held while it runs and land at the first point after it.
//    A longjmp out of it skips the cp_resume: the hold stays.
//  * reset_safe on a function: a call to its declaration is effect-free
//    (EffectAnalysis.h).  A definition in the module is judged by its body;
//    if that has an effect, checkResetSafeClaims warns (a warning through
//    the LLVM diagnostic handler: clang prints it as one), naming the
//    instruction, and the claim is not used.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_SOURCEWORDS_H
#define CANCELPOINTS_SOURCEWORDS_H

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/CycleAnalysis.h"

namespace llvm {
class BasicBlock;
class Function;
class Module;
} // namespace llvm

namespace cancelpoints {

class EffectAnalysis;

/// The metadata name a nocancel loop carries in its llvm.loop node.
constexpr const char *NoCancelLoopMD = "cancelpoints.nocancel";

/// Removes F's nocancel-loop annotations, tags their loops' llvm.loop
/// metadata, and returns the headers of the cycles they name.
llvm::SmallPtrSet<const llvm::BasicBlock *, 4>
takeNoCancelLoops(llvm::Function &F);

/// Does cycle C carry the nocancel tag on one of its back edges?
bool isNoCancelCycle(const llvm::CycleInfo::CycleT &C);

/// Brackets F (defined, annotated shield) with cp_hold/cp_resume, once.
void shieldFunction(llvm::Function &F);

/// Warns for each function of M annotated reset_safe whose definition here
/// has an effect (unless -cancelpoints-warn-reset-safe=0).
void checkResetSafeClaims(llvm::Module &M, const EffectAnalysis &EA);

/// -cancelpoints-warn-uncancellable (the clang plugin's opt-in
/// -Wcancelpoints-uncancellable): a warning for each loop left without a
/// point, at the loop's source location (the llvm.loop start location, else
/// the header's), saying why.
bool warnUncancellableEnabled();
void warnUncancellable(const llvm::CycleInfo::CycleT &C,
                       const llvm::Twine &Why);
/// The same for every loop of F, a function left alone.
void warnUncancellableFunction(llvm::Function &F, const llvm::Twine &Why);
/// The same for the loops of F whose headers are in Headers.
void warnUncancellableLoops(
    llvm::Function &F,
    const llvm::SmallPtrSetImpl<const llvm::BasicBlock *> &Headers,
    const llvm::Twine &Why);

} // namespace cancelpoints

#endif
