; A chain walk `do { ... } while ((cur = prev[cur]) > limit && --n != 0)`
; keeps the decrement of n behind a select on the first test (it only runs
; when that holds), and the header phi takes the select: the counter hides.
; On the back edge the first test is true, so the phi takes the decrement
; itself, and the loop is strip-mined (zlib's longest_match, once its
; marker kept LLVM from folding the select: 1.06 -> 1.17 of plain's
; instructions in zlib compress until then).  The select, now unused, goes,
; so n is a pure counter: each chunk counts it down to 0, and the exit test
; stays a compare with 0 that the decrement's flags give (with the select
; left, the test compared n with the chunk's end: one more instruction an
; iteration in longest_match, 4% of zlib compress).  The first test may be
; an equality test too (`prev[cur] != 0`, a limit of 0 propagated into the
; walk): the counter's test is the side whose operand counts.
; RUN: %opt -passes='cancelpoints,verify' -pass-remarks=cancelpoints -S %s 2> %t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.err

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@best = global i32 0

; REMARK: remark: <unknown>:0:0: poll once every 256 iterations of counted loop: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: poll once every 256 iterations of counted loop: the loop has effects (store)

; CHECK-LABEL: define void @walk(
; CHECK:       cp.chunk.next:
; CHECK-NEXT:    load volatile i32
; CHECK:       loop:
; CHECK-NEXT:    %cur = phi
; CHECK-NEXT:    %n = phi i32 [ %cp.count, %cp.strip{{.*}} ], [ %n.dec, %loop ]
; CHECK-NOT:     load volatile
; CHECK-NOT:     %n.sel =
; CHECK:         %left = icmp ne i32 %n.dec, 0
; CHECK:         ret void
define void @walk(ptr %prev, i32 %start, i32 %limit, i32 %chain) {
entry:
  br label %loop
loop:
  %cur = phi i32 [ %start, %entry ], [ %next, %loop ]
  %n = phi i32 [ %chain, %entry ], [ %n.sel, %loop ]
  store i32 %cur, ptr @best
  %idx = zext i32 %cur to i64
  %p = getelementptr i16, ptr %prev, i64 %idx
  %v = load i16, ptr %p
  %next = zext i16 %v to i32
  %more = icmp ugt i32 %next, %limit
  %n.dec = add i32 %n, -1
  %left = icmp ne i32 %n.dec, 0
  %n.sel = select i1 %more, i32 %n.dec, i32 %n
  %go = select i1 %more, i1 %left, i1 false
  br i1 %go, label %loop, label %exit
exit:
  ret void
}

; CHECK-LABEL: define void @walk_to_zero(
; CHECK:       cp.chunk.next:
; CHECK-NEXT:    load volatile i32
; CHECK:       loop:
; CHECK-NEXT:    %cur = phi
; CHECK-NEXT:    %n = phi i32 [ %cp.count, %cp.strip{{.*}} ], [ %n.dec, %loop ]
; CHECK-NOT:     load volatile
; CHECK:         %left = icmp ne i32 %n.dec, 0
; CHECK:         ret void
define void @walk_to_zero(ptr %prev, i32 %start, i32 %chain) {
entry:
  br label %loop
loop:
  %cur = phi i32 [ %start, %entry ], [ %next, %loop ]
  %n = phi i32 [ %chain, %entry ], [ %n.sel, %loop ]
  store i32 %cur, ptr @best
  %idx = zext i32 %cur to i64
  %p = getelementptr i16, ptr %prev, i64 %idx
  %v = load i16, ptr %p
  %next = zext i16 %v to i32
  %more = icmp ne i16 %v, 0
  %n.dec = add i32 %n, -1
  %left = icmp ne i32 %n.dec, 0
  %n.sel = select i1 %more, i32 %n.dec, i32 %n
  %go = select i1 %more, i1 %left, i1 false
  br i1 %go, label %loop, label %exit
exit:
  ret void
}
