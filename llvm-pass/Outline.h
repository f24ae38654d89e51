//===- Outline.h - effect-free loops run out of line, armed by a trampoline
//===//
//
// Why: __cp_arm returns twice, and LLVM's register coalescer skips every
// function that calls a returns_twice function (MachineFunction::
// exposesReturnsTwice): all PHI and two-address copies stay, in every loop
// of the function, hot or not (bench/DIAGNOSIS.md, section 1: what that
// cost, in instructions and code).  So an effect-free reducible cycle is
// not armed in place: it is extracted (CodeExtractor) into an internal
// noinline function Body, and the call to Body becomes a call to a small
// trampoline
//
//     RetTy __cp_region_tramp.<sig>(ptr %body, ptr %site, <Body's params>) {
//       %ctx = alloca ...             ; the reset context
//       call @__cp_arm(%ctx)          ; returns_twice: only this function
//       poll(%site)                   ; the TLS address computed here
//       %r = call RetTy %body(<params>)
//       disarm(%ctx)
//       ret %r
//     }
//
// so neither the original function nor the loop's code calls a returns_twice
// function: both are coalesced and allocated as plain code.  The only values
// live across the arm are the trampoline's own arguments (demoted there,
// Demotion.h); the loop's inputs are Body's arguments, and its outputs go to
// slots in the caller's frame, passed by address, which the loop only
// writes (a replay writes them again).  A reset rewinds into the
// trampoline, which calls Body again from the top: exactly the replay the
// in-place region makes.  Cost per entry: the trampoline call, the arm, one
// indirect call; per iteration: nothing.  (CodeExtractor stores an output
// where it is defined, in the loop; an output whose value dominates every
// return has its store moved to the returns.)
//
// There is one trampoline per body signature <sig> (its return and parameter
// types, spelled short: "v.ppd" is void (ptr, ptr, double)), linkonce_odr,
// hidden, in a comdat of its own name: nothing in it depends on the module, so
// a linked program keeps one copy per signature.  Body's parameters are put in
// a canonical order and type first (the pointer-like ones first, all as ptr:
// inttoptr and ptrtoint cost no instruction), so that loops whose inputs
// differ only in integer widths share a trampoline.
//
// Recursion regions use the same trampoline.  A function on a call-graph
// cycle whose whole SCC is effect-free (a naive fib, a tree walk) needs no
// poll at every call: each member F of the SCC becomes a thin wrapper
//
//     RetTy F(<params>) { return __cp_region_tramp.<sig>(@F.cp.inner, @site,
//     <params>); }
//
// (<sig>: F's own signature) and its body moves to F.cp.inner (internal, C
// calling convention), whose calls to members of the SCC go to their inner
// functions directly.  The recursion is entered, armed and polled once per
// call from outside the SCC (external callers and address-taken uses still
// reach F) and runs to its end with no instruction of the pass in it: a reset
// rewinds to the trampoline, which runs the recursion again from its top.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_OUTLINE_H
#define CANCELPOINTS_OUTLINE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace llvm {
class BasicBlock;
class DebugLoc;
class Function;
class GlobalVariable;
class Module;
class FunctionType;
} // namespace llvm

namespace cancelpoints {

class Emitter;

/// Extracts the blocks (a reducible cycle with one header) of F into a new
/// function and calls it through the trampoline with Site.  Returns the
/// extracted function, or nullptr (F unchanged) when CodeExtractor cannot.
llvm::Function *outlineRegion(llvm::Function &F,
                              llvm::ArrayRef<llvm::BasicBlock *> Blocks,
                              llvm::function_ref<llvm::GlobalVariable *()> Site,
                              Emitter &E);

/// The trampoline for bodies of type BodyTy, made once per module and type:
/// linkonce_odr hidden __cp_region_tramp.<ret>.<params> in its own comdat
/// (internal "__cp_region_tramp" if a type has no module-independent
/// spelling, a named struct).
llvm::Function *regionTrampoline(llvm::Module &M, llvm::FunctionType *BodyTy,
                                 Emitter &E);

/// Why the (effect-free, instrumentable) functions of SCC cannot run as a
/// recursion region, or "": a parameter passed in memory or in a special
/// register (byval, sret, nest, ...), a block whose address is taken, a token
/// value, or a call between members that is not a direct call of the
/// member's own type.
std::string recursionRegionObstacle(llvm::ArrayRef<llvm::Function *> SCC);

/// Makes each member of SCC a wrapper that calls its body, moved to
/// <name>.cp.inner, through the trampoline with Site(member); calls between
/// members in the bodies go to the inner functions.  Returns the inner
/// functions, in the order of SCC.
llvm::SmallVector<llvm::Function *, 4> makeRecursionRegion(
    llvm::ArrayRef<llvm::Function *> SCC,
    llvm::function_ref<llvm::GlobalVariable *(llvm::Function &)> Site,
    Emitter &E);

} // namespace cancelpoints

#endif
