; Irreducible cycles keep their header polls: LatchPoll only unrolls natural
; innermost loops, and a natural loop with an irreducible cycle inside (one
; innermost loop for LoopInfo, a child cycle for CycleInfo) is left alone
; too: its copies would hold copies of the inner cycle without its point.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

; REMARK-NOT: back edge

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; An irreducible cycle (entered at %x and at %y) with effects.
define void @irreducible(ptr %a, i1 %c) {
; CHECK-LABEL: define void @irreducible(
; CHECK-NOT:   cp.latchpoll
; CHECK:       {{^}}y:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:   .u1:
; CHECK-NOT:   cp.latchpoll
; CHECK:       }
entry:
  br i1 %c, label %x, label %y
x:
  store i32 1, ptr %a
  %vx = load i32, ptr %a
  %cx = icmp eq i32 %vx, 0
  br i1 %cx, label %y, label %exit
y:
  store i32 2, ptr %a
  %vy = load i32, ptr %a
  %cy = icmp eq i32 %vy, 0
  br i1 %cy, label %x, label %exit
exit:
  ret void
}

; A natural loop with an irreducible cycle inside: LoopInfo sees one
; innermost loop, CycleInfo a child cycle.
define void @irreducible_inside(ptr %a, i64 %n) {
; CHECK-LABEL: define void @irreducible_inside(
; CHECK-NOT:   cp.latchpoll
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:       {{^}}y:
; CHECK-NEXT:    %cp.poll{{[0-9]+}} = load volatile i32
; CHECK-NOT:   .u1:
; CHECK-NOT:   cp.latchpoll
; CHECK:       }
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %v = load i32, ptr %a
  %c = icmp eq i32 %v, 0
  br i1 %c, label %x, label %y
x:
  store i32 1, ptr %a
  %vx = load i32, ptr %a
  %cx = icmp eq i32 %vx, 0
  br i1 %cx, label %y, label %latch
y:
  store i32 2, ptr %a
  %vy = load i32, ptr %a
  %cy = icmp eq i32 %vy, 0
  br i1 %cy, label %x, label %latch
latch:
  %i.next = add i64 %i, 1
  %d = icmp ult i64 %i.next, %n
  br i1 %d, label %loop, label %exit
exit:
  ret void
}
