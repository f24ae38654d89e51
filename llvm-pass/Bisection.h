//===- Bisection.h - loops that halve an interval: a binary search --------===//
//
// A binary search runs at most as many iterations as its index has bits,
// but SCEV sees no trip count in it: its bounds move by a data-dependent
// choice.  sqlite3's b-tree search (`sqlite3BtreeTableMoveto`, 13.5 million
// of the sqlite3 workload's 94 million polls) is one.  Bounds.h asks this
// file for such a bound.  The loop must have one latch and two header phis
// lo and hi whose values on the back edge are, on every path to it, either
//
//     lo' = mid + 1, hi' = hi       or       lo' = lo, hi' = mid - 1
//
// (or lo' = lo, hi' = mid where the latch goes on only while lo' < hi'),
// with lo' <= hi' known on that path: the latch's own test of lo' <= hi',
// or the branch into the latch testing mid < hi, or lo < mid.  mid is the
// floor of the midpoint (a wrap would be poison, a branch on it undefined):
// `(lo + hi) >> 1` with a nsw add and ashr or `/ 2` for signed values (lshr
// if lo is never negative), a nuw add and lshr for unsigned ones, or
// `lo + ((hi - lo) >> 1)`, of either
//
//   - lo and hi themselves (mid computed in the loop), or
//   - a third header phi, whose back-edge value is the midpoint of lo'
//     and hi', or that is halved at the top and takes lo' + hi' (sqlite3's
//     forms: the first mid is any value).
//
// Then hi - lo + 1 is at least halved by every iteration after the first,
// and the loop leaves when it would reach 0: at most bits + 2 iterations.
//
//===----------------------------------------------------------------------===//
#ifndef CANCELPOINTS_BISECTION_H
#define CANCELPOINTS_BISECTION_H

namespace llvm {
class Loop;
} // namespace llvm

namespace cancelpoints {

/// The most iterations L runs if it is a binary search as above; 0 if not.
unsigned bisectionTripBound(const llvm::Loop &L);

} // namespace cancelpoints

#endif
