; mode=poll, the naive baseline: a poll at every cycle header (at every
; depth, effect-free or not) and at recursive entries; no arm, no region.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-mode=poll -S %s | FileCheck %s
; The environment variable selects the mode when the option is absent.
; RUN: env CANCELPOINTS_PASS_MODE=poll %opt -passes='cancelpoints,verify' -S %s | FileCheck %s
; The option wins over the environment.
; RUN: env CANCELPOINTS_PASS_MODE=full %opt -passes='cancelpoints,verify' -cancelpoints-mode=poll -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -cancelpoints-mode=poll -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: poll at loop header (mode=poll)
; REMARK: poll at loop header (mode=poll)
; REMARK: poll at entry: function is recursive

; CHECK-NOT: __cp_arm

declare i32 @cp_check()
declare double @heavy(double) nounwind memory(none)

define i64 @nest_pure(ptr %a, i64 %n, i64 %m) {
; CHECK-LABEL: define i64 @nest_pure(
; CHECK:       outer:
; CHECK:         %cp.poll = load volatile i32
; CHECK:       inner:
; CHECK:         %cp.poll{{[0-9]+}} = load volatile i32
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %t = phi i64 [ 0, %entry ], [ %s.next, %latch ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %s = phi i64 [ %t, %outer ], [ %s.next, %inner ]
  %p = getelementptr i64, ptr %a, i64 %j
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

define i32 @fib(i32 %n) {
; CHECK-LABEL: define i32 @fib(
; CHECK:         %cp.poll = load volatile i32
entry:
  %small = icmp slt i32 %n, 2
  br i1 %small, label %base, label %rec
base:
  ret i32 %n
rec:
  %n1 = sub i32 %n, 1
  %f1 = call i32 @fib(i32 %n1)
  %n2 = sub i32 %n, 2
  %f2 = call i32 @fib(i32 %n2)
  %s = add i32 %f1, %f2
  ret i32 %s
}

; No call region in poll mode.
define double @f(double %y) {
; CHECK-LABEL: define double @f(
; CHECK-NOT:     __cp_
; CHECK:         ret double
  %r = call i32 @cp_check()
  %h = call double @heavy(double %y)
  ret double %h
}
