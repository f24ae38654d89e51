//===- StripMine.h - a poll every K iterations of a counted loop ----------===//
//
// A loop with effects keeps a point, but for a small counted innermost loop
// the header poll is a measurable part of each iteration (histogram: the
// poll, or 12 bytes of nops in its place, cost ~10% of the run time; with
// it removed the loop runs as fast as plain).  Such a loop is
// strip-mined into a nest, with no new instruction per iteration: its exit
// test `iv.next == end` compares against a chunk end, invariant in the (now
// inner) loop,
//
//     outer:  iv0 = phi [start, pre], [iv.next, next]    ; one per header phi
//             ce = iv0 + umin(end - iv0, K*s)            ; s < 0 mirrors
//     header: iv = phi [iv0, outer], [iv.next, latch]
//     latch:  br (iv.next == ce), chunk, header
//     chunk:  br (iv.next == end), exit, next            ; the original test
//     next:   <poll>
//             br outer
//
// so the loop exits exactly when it did before (the chunk block repeats the
// original test), and passes a point at least every K iterations (modular
// arithmetic: a chunk end is either reached after K steps or is `end`).
// A trip of at most K iterations runs no poll, as a back-edge poll's
// (LatchPoll.h).  A loop whose point the loop around it relies on (every
// iteration of that loop passes it: FunctionPlan.h) polls in the outer
// header instead, as each chunk begins, the first included; so does one
// whose back edge is not a legal place to leave.  What it gains:
// bench/DIAGNOSIS.md, sections 2 and 36.
//
// Only innermost loops with one entering block whose single latch ends with an
// equality test of a constant-step induction variable against a loop
// invariant, with no call but to intrinsics other than memory ones (no
// unbounded callee between points), a body of at most a few dozen
// instructions (K iterations stay microseconds), and no second induction
// variable (-cancelpoints-strip-mine-ivs): each chunk restarts every
// variable from a phi of the outer header, and with two of them loop
// strength reduction rewrites both as bases plus a per-chunk index, which
// costs more than the header poll it replaces in a loop of a few iterations
// an entry (zlib's insert-string loop: bench/DIAGNOSIS.md, section 6).
//
// A do-while loop entered at its end (iv == end) runs through its
// variable's whole range; its first chunk must still end after K steps.
// Unless the step is nsw or nuw (such a trip would be poison) or the entry
// is guarded by iv != end (scalar evolution), the chunk end takes K steps
// when the distance left is 0.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_STRIPMINE_H
#define CANCELPOINTS_STRIPMINE_H

#include "llvm/ADT/DenseMap.h"

namespace llvm {
class BasicBlock;
class BranchInst;
class ConstantInt;
class DominatorTree;
class ICmpInst;
class Instruction;
class LoopInfo;
class PHINode;
class ScalarEvolution;
class Value;
} // namespace llvm

namespace cancelpoints {

/// A loop that can be strip-mined, found before the function changes.
struct StripCandidate {
  llvm::BasicBlock *Header = nullptr, *Latch = nullptr;
  llvm::BranchInst *Br = nullptr;
  llvm::ICmpInst *Cmp = nullptr;
  llvm::Value *Other = nullptr; ///< an exit condition or'ed with Cmp's test
  llvm::PHINode *IV = nullptr;
  llvm::Value *Next = nullptr, *End = nullptr;
  llvm::ConstantInt *Step = nullptr;
  bool MayStartAtEnd = true; ///< not known to be entered with IV != End
  unsigned MaxK = 0;         ///< a loop nest's chunk bound (0: innermost, none)
  /// Poll as each chunk begins, the first included, not only between
  /// chunks: a loop whose point the loop around it relies on, or whose back
  /// edge is not a legal place to leave.
  bool PollOnEntry = false;
};

/// The strip-minable loops of LI by header (analysis; the one change it makes
/// is to let a header phi take, from a latch whose branch is `a && ...` or
/// `a || ...`, the arm of a select on `a` that the back edge implies: the
/// same value, which shows the counter behind it): innermost loops
/// of at most MaxBody instructions, and loop nests whose nested loops have
/// constant trip bounds of at most MaxTrip (they get no point) and whose
/// iteration is small enough for two iterations' work to fit K of MaxBody;
/// with at most MaxIVs induction variables.
llvm::DenseMap<llvm::BasicBlock *, StripCandidate>
findStripCandidates(const llvm::LoopInfo &LI, llvm::ScalarEvolution &SE,
                    const llvm::DominatorTree &DT, unsigned MaxBody,
                    unsigned MaxIVs, unsigned K, unsigned MaxTrip);

/// Strip-mines C with chunks of K iterations, fewer if K steps do not fit
/// the induction variable's type (K is updated to what was used).  Returns
/// the instruction before which the loop's poll goes (in a new block on the
/// edge from one chunk to the next, or, for C.PollOnEntry, in the outer
/// header), or nullptr (nothing changed) if the CFG around C is no longer
/// as found or not even two steps fit the type.
llvm::Instruction *stripMine(const StripCandidate &C, unsigned &K);

} // namespace cancelpoints

#endif
