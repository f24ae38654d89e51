//===- RegionPeel.h - short trips of an effect-free loop run unarmed ------===//
//
// An effect-free loop runs as a reset region: armed on entry, ~40-50
// instructions (the trampoline, __cp_arm, the disarm), nothing per
// iteration.  For a small loop entered millions of times that runs one or
// two iterations an entry - Lua's hash lookups walk a chain of one or two
// nodes (luaH_getshortstr, 1.4 M entries in bench/real's Lua script), an
// SQLite page cache lookup the same - the arm is most of the loop's cost.
// So the first P iterations of such a loop are peeled off
// (llvm::peelLoop, every exit kept): a trip that ends within them never
// arms, and a longer one arms once on entering what is left.  The peeled
// copies need no point: they are straight-line code, bounded like any
// other between the points around them.
//
// Only an innermost loop of a reducible region with no call but to
// intrinsics (an effect-free callee must stay inside the region, or a long
// call would run unarmed) and no lifetime marker, of at most Budget / P
// instructions; P is at most MaxPeel (-cancelpoints-region-peel) and
// Budget is -cancelpoints-region-peel-size.  Not at -Os or -Oz.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_REGIONPEEL_H
#define CANCELPOINTS_REGIONPEEL_H

namespace llvm {
class Function;
} // namespace llvm

namespace cancelpoints {

struct CycleRegion;

/// Peels up to MaxPeel iterations off the loop of R, as many as fit Budget
/// instructions, and updates R's blocks and edges to the loop left.
/// Returns the number of iterations peeled (0: R is unchanged).
unsigned peelBeforeRegion(llvm::Function &F, CycleRegion &R, unsigned MaxPeel,
                          unsigned Budget);

} // namespace cancelpoints

#endif
