; A loop is unrolled for its back-edge poll no more than twice the trip
; count its latch's branch weights estimate (a profile's, or
; __builtin_expect's; an estimate is a mean, and twice it covers most
; trips), and not at all for an estimate of one iteration: copies well
; beyond a typical trip are bytes it never runs.  The same 6-instruction
; loop, unrolled 5 times without weights: with weights that estimate a trip
; of 2, 4 times; of 1, not at all (its poll still on the back edge); of
; 1001, 5 times as without.
; -cancelpoints-latch-poll-estimates=0 ignores the weights.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll-estimates=0 -S %s | FileCheck %s --check-prefix=OFF
; RUN: %opt -passes='cancelpoints' -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK-DAG: remark: {{.*}}poll on the back edge of the loop unrolled 5 times (6 instructions; no poll in a trip of at most 5 iterations)
; REMARK-DAG: remark: {{.*}}poll on the back edge of the loop unrolled 4 times (6 instructions; its branch weights estimate a trip of 2; no poll in a trip of at most 4 iterations)
; REMARK-DAG: remark: {{.*}}poll on the back edge of the loop (its branch weights estimate a trip of 1; no poll in a trip of one iteration)

define void @unweighted(ptr %a) {
; CHECK-LABEL: define void @unweighted(
; CHECK:       loop.u4:
; CHECK-NOT:   loop.u5:
; CHECK:       cp.latchpoll:
entry:
  br label %loop
loop:
  %p = phi ptr [ %a, %entry ], [ %p.next, %loop ]
  %v = load i8, ptr %p
  store i8 0, ptr %p
  %p.next = getelementptr i8, ptr %p, i64 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop
exit:
  ret void
}

define void @two(ptr %a) {
; CHECK-LABEL: define void @two(
; CHECK:       loop.u3:
; CHECK-NOT:   loop.u4:
; CHECK:       cp.latchpoll:
; OFF-LABEL:   define void @two(
; OFF:         loop.u4:
; OFF:         cp.latchpoll:
entry:
  br label %loop
loop:
  %p = phi ptr [ %a, %entry ], [ %p.next, %loop ]
  %v = load i8, ptr %p
  store i8 0, ptr %p
  %p.next = getelementptr i8, ptr %p, i64 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop, !prof !0
exit:
  ret void
}

define void @once(ptr %a) {
; CHECK-LABEL: define void @once(
; CHECK:       loop:
; CHECK-NEXT:    %p = phi
; CHECK-NOT:     volatile
; CHECK-NOT:   .u1:
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:   .u1:
; CHECK:       }
entry:
  br label %loop
loop:
  %p = phi ptr [ %a, %entry ], [ %p.next, %loop ]
  %v = load i8, ptr %p
  store i8 0, ptr %p
  %p.next = getelementptr i8, ptr %p, i64 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop, !prof !1
exit:
  ret void
}

define void @long(ptr %a) {
; CHECK-LABEL: define void @long(
; CHECK:       loop.u4:
; CHECK-NOT:   loop.u5:
; CHECK:       cp.latchpoll:
entry:
  br label %loop
loop:
  %p = phi ptr [ %a, %entry ], [ %p.next, %loop ]
  %v = load i8, ptr %p
  store i8 0, ptr %p
  %p.next = getelementptr i8, ptr %p, i64 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop, !prof !2
exit:
  ret void
}

; Taken to the exit as often as back: a trip of 2.  Exit 1000 to 1: 1.
; Exit 1 to 1000: 1001.
!0 = !{!"branch_weights", i32 1, i32 1}
!1 = !{!"branch_weights", i32 1000, i32 1}
!2 = !{!"branch_weights", i32 1, i32 1000}
