; A loop whose latch is an indirectbr keeps its poll at its header, also
; when it is too big or calling to unroll (K = 1): an indirectbr goes where
; its address says (blockaddress of the header), so an edge of its list
; moved to a back-edge block would never be taken, and the loop would run
; without a point.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @work(i32)

define void @interp(i32 %n) {
; CHECK-LABEL: define void @interp(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:         indirectbr ptr %t, [label %loop, label %exit]
; CHECK-NOT:   cp.latchpoll
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  call void @work(i32 %i)
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  %t = select i1 %c, ptr blockaddress(@interp, %loop), ptr blockaddress(@interp, %exit)
  indirectbr ptr %t, [label %loop, label %exit]
exit:
  ret void
}
