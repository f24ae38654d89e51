; Nested loops.  An effectful outer loop keeps its poll; an effect-free inner
; loop is armed on its own entry, once per outer iteration, and disarmed on
; its exit.  An effect-free nest is armed once, outside the outer loop, with
; nothing inside.  In an effectful nest the inner loop's poll serves both.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-outline=false -cancelpoints-verify -cancelpoints-nested-regions=true -S %s | FileCheck %s
; With -cancelpoints-nested-regions=false the inner effect-free loop of an
; effectful loop gets a header poll instead, which the outer loop runs on
; every iteration, so the outer loop needs none of its own; a whole
; effect-free nest is still armed once.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-outline=false -cancelpoints-verify -cancelpoints-nested-regions=false -S %s | FileCheck %s --check-prefix=NOREG

; NOREG-LABEL: define void @outer_effects(
; NOREG-NOT:     {{__cp_arm|volatile}}
; NOREG:       inner:
; NOREG-NEXT:    %j = phi
; NOREG-NEXT:    %s = phi
; NOREG-NEXT:    %cp.poll = load volatile i32
; NOREG-NOT:     __cp_arm
; NOREG-LABEL: define i64 @nest_pure(
; NOREG:         call i32 @__cp_arm(

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; for i: { s = 0; for j: s += a[j]*j; out[i] = s; }
define void @outer_effects(ptr %a, ptr %out, i64 %n, i64 %m) {
; CHECK-LABEL: define void @outer_effects(
; CHECK:       outer:
; CHECK:         %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:         br i1 %cp.pending, label %cp.slow, label %outer.cont
; CHECK:       outer.cont:
; CHECK-NEXT:    br label %cp.edge
; CHECK:       cp.edge:
; CHECK:         call i32 @__cp_arm(ptr %cp.ctx)
; CHECK:         load volatile i32
; CHECK:         br label %inner
; CHECK:       inner:
; CHECK-NOT:     {{__cp_|volatile|fence|call}}
; CHECK:         br i1 %c.j, label %inner, label %[[X:cp.edge[0-9]+]]
; CHECK:       [[X]]:
; CHECK-NEXT:    getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK-NEXT:    load volatile ptr
; CHECK-NEXT:    getelementptr inbounds i8, ptr {{.*}}, i64 8
; CHECK-NEXT:    store volatile ptr
; CHECK-NEXT:    fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    br label %latch
; CHECK:       latch:
; CHECK-NOT:     __cp_
; CHECK:         store i64 %s.next
; CHECK-NOT:     __cp_
; CHECK:         ret void
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %s = phi i64 [ 0, %outer ], [ %s.next, %inner ]
  %p = getelementptr i64, ptr %a, i64 %j
  %v = load i64, ptr %p
  %s.next = add i64 %s, %v
  %j.next = add i64 %j, 1
  %c.j = icmp slt i64 %j.next, %m
  br i1 %c.j, label %inner, label %latch
latch:
  %q = getelementptr i64, ptr %out, i64 %i
  store i64 %s.next, ptr %q
  %i.next = add i64 %i, 1
  %c.i = icmp slt i64 %i.next, %n
  br i1 %c.i, label %outer, label %exit
exit:
  ret void
}

; An effect-free nest: one arm before the outer loop, nothing inside.
define i64 @nest_pure(ptr %a, i64 %n, i64 %m) {
; CHECK-LABEL: define i64 @nest_pure(
; CHECK:       cp.edge:
; CHECK:         call i32 @__cp_arm(
; CHECK:         load volatile i32
; CHECK:       outer:
; CHECK-NOT:     {{__cp_|volatile|fence|call}}
; CHECK:       cp.edge{{[0-9]+}}:
; CHECK-NEXT:    getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    br label %exit
; CHECK:       exit:
; CHECK-NOT:     __cp_
; CHECK:         ret i64
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %t = phi i64 [ 0, %entry ], [ %s.next, %latch ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %s = phi i64 [ %t, %outer ], [ %s.next, %inner ]
  %k = mul i64 %i, %m
  %idx = add i64 %k, %j
  %p = getelementptr i64, ptr %a, i64 %idx
  %v = load i64, ptr %p
  %s.next = add i64 %s, %v
  %j.next = add i64 %j, 1
  %c.j = icmp slt i64 %j.next, %m
  br i1 %c.j, label %inner, label %latch
latch:
  %i.next = add i64 %i, 1
  %c.i = icmp slt i64 %i.next, %n
  br i1 %c.i, label %outer, label %exit
exit:
  ret i64 %s.next
}

; Both loops store: a poll, no arm.  The inner loop's header poll runs on
; every iteration of the outer loop, which needs none of its own
; (covered-polls.ll).
define void @nest_effects(ptr %a, i64 %n, i64 %m) {
; CHECK-LABEL: define void @nest_effects(
; CHECK-NOT:     __cp_arm
; CHECK:       outer:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    br label %inner
; CHECK:       inner:
; CHECK-NEXT:    %j = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     __cp_arm
; CHECK:         ret void
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %p = getelementptr i64, ptr %a, i64 %j
  store i64 %i, ptr %p
  %j.next = add i64 %j, 1
  %c.j = icmp slt i64 %j.next, %m
  br i1 %c.j, label %inner, label %latch
latch:
  %i.next = add i64 %i, 1
  %c.i = icmp slt i64 %i.next, %n
  br i1 %c.i, label %outer, label %exit
exit:
  ret void
}
