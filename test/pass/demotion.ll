; Values live across an arm are demoted: stored (volatile) just before the
; arm and reloaded (volatile) just after it; every use reachable from the arm
; reads the reload, through a PHI where a use is reached both through the arm
; and around it.  Static allocas (frame addresses) are not demoted.  Values
; not used after the arm are left alone.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-outline=false -cancelpoints-verify -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @use(i64, ptr)

define void @demote(ptr %a, i64 %n, i1 %c) {
; CHECK-LABEL: define void @demote(
; CHECK:       entry:
; CHECK-DAG:     %v.cp.slot = alloca i64
; CHECK-DAG:     %buf = alloca [8 x i64]
; CHECK-NOT:     %buf.cp.slot
; CHECK-NOT:     %dead.cp.slot
; CHECK:         %v = add i64 %n, 7
; CHECK-NEXT:    %dead = mul i64 %n, 3
; CHECK-NEXT:    call void @use(i64 %dead, ptr %buf)
; CHECK-NEXT:    br i1 %c, label %cp.edge, label %skip
; CHECK:       cp.edge:
; CHECK:         store volatile i64 %v, ptr %v.cp.slot
; CHECK:         call i32 @__cp_arm(
; CHECK:         %v.cp.reload = load volatile i64, ptr %v.cp.slot
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i64 [ %v.cp.reload, %cp.edge.cont ], [ %i.next, %loop ]
; CHECK:       skip:
; CHECK-NEXT:    br label %join
; CHECK:       join:
; CHECK-NEXT:    %v.cp = phi i64 [ %v.cp.reload, %cp.edge{{[0-9]+}} ], [ %v, %skip ]
; CHECK-NEXT:    %r = phi i64
; CHECK-NEXT:    %t = add i64 %v.cp, %r
; CHECK-NEXT:    call void @use(i64 %t, ptr %buf)
entry:
  %buf = alloca [8 x i64]
  %v = add i64 %n, 7
  %dead = mul i64 %n, 3
  call void @use(i64 %dead, ptr %buf)
  br i1 %c, label %loop, label %skip
loop:
  ; the loop's initial value is %v: a reset must not see it coalesced with %i
  %i = phi i64 [ %v, %entry ], [ %i.next, %loop ]
  %p = getelementptr i64, ptr %a, i64 %i
  %x = load i64, ptr %p
  %i.next = add i64 %i, %x
  %done = icmp sge i64 %i.next, %n
  br i1 %done, label %join, label %loop
skip:
  br label %join
join:
  %r = phi i64 [ %i.next, %loop ], [ 0, %skip ]
  %t = add i64 %v, %r
  call void @use(i64 %t, ptr %buf)
  ret void
}
