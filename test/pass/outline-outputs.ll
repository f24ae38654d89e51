; An outlined loop's outputs are stored at its returns, not on every
; iteration: CodeExtractor stores each output where it is computed (here in
; the loop), and the pass moves a store whose value dominates every return
; there.  The caller reads the slots after the call, as before.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i64 @steps(i64 %lo, i64 %hi) {
; CHECK-LABEL: define i64 @steps(
; CHECK:         call void @__cp_region_tramp.
; CHECK:         %[[R:.*]] = load i64, ptr %
; CHECK:         ret i64 %[[R]]
; CHECK-LABEL: define internal void @steps.cp.region(
; CHECK:       latch:
; CHECK-NOT:     store
; CHECK:         br i1 %done, label %[[EXIT:.*]], label %outer
; CHECK:       [[EXIT]]:
; CHECK-NEXT:    store i64 %total.next, ptr
; CHECK-NEXT:    ret void
entry:
  br label %outer
outer:
  %n = phi i64 [ %lo, %entry ], [ %n.next, %latch ]
  %total = phi i64 [ 0, %entry ], [ %total.next, %latch ]
  br label %inner
inner:
  %x = phi i64 [ %n, %outer ], [ %x.next, %inner ]
  %k = phi i64 [ 0, %outer ], [ %k.next, %inner ]
  %half = lshr i64 %x, 1
  %x.next = add i64 %half, 1
  %k.next = add i64 %k, 1
  %c = icmp ugt i64 %x.next, 2
  br i1 %c, label %inner, label %latch
latch:
  %total.next = add i64 %total, %k.next
  %n.next = add i64 %n, 1
  %done = icmp eq i64 %n.next, %hi
  br i1 %done, label %exit, label %outer
exit:
  ret i64 %total.next
}
