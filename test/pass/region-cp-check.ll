; Regions started by an explicit point, cp_check(): the context is armed
; just before the call, so that a reset during heavy() rewinds to cp_check,
; which then reports the request.  The region ends before the first effect
; (each kind below: a store to live memory, a volatile load, an atomic op, a
; call to an unknown function) and at returns.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @cp_check()
declare i32 @cp_check_graceful()
declare double @heavy(double) nounwind memory(none)
declare void @unknown()

@g = global double 0.0
@flag = global i32 0

; REMARK: reset region from cp_check extends across call to 'heavy'

; double f(double y) { if (cp_check()) return -1; return heavy(y) + y; }
define double @f(double %y) {
; CHECK-LABEL: define double @f(
; CHECK:         %cp.tls = call
; CHECK-NEXT:    store volatile double %y, ptr %y.cp.slot
; CHECK-NEXT:    store volatile ptr %cp.tls, ptr %cp.tls.cp.slot
; CHECK-NEXT:    call i32 @__cp_arm(ptr %cp.ctx)
; CHECK-NEXT:    %y.cp.reload = load volatile double, ptr %y.cp.slot
; CHECK-NEXT:    %cp.tls.cp.reload = load volatile ptr, ptr %cp.tls.cp.slot
; CHECK-NEXT:    %r = call i32 @cp_check()
; CHECK:       ok:
; CHECK-NEXT:    %h = call double @heavy(double %y.cp.reload)
; CHECK-NEXT:    %s = fadd double %h, %y.cp.reload
; CHECK-NEXT:    br label %done
; CHECK:       done:
; CHECK-NEXT:    %v = phi double
; CHECK-NEXT:    %cp.prevp = getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK-NEXT:    %cp.prev = load volatile ptr, ptr %cp.prevp
; CHECK-NEXT:    %cp.armedp = getelementptr inbounds i8, ptr %cp.tls.cp.reload, i64 8
; CHECK-NEXT:    store volatile ptr %cp.prev, ptr %cp.armedp
; CHECK-NEXT:    fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    ret double %v
entry:
  %r = call i32 @cp_check()
  %fail = icmp ne i32 %r, 0
  br i1 %fail, label %done, label %ok
ok:
  %h = call double @heavy(double %y)
  %s = fadd double %h, %y
  br label %done
done:
  %v = phi double [ -1.0, %entry ], [ %s, %ok ]
  ret double %v
}

; A defined effect-free helper does not end the region.
define double @helper(double %x) {
  %m = fmul double %x, %x
  ret double %m
}
define void @via_defined(double %y) {
; CHECK-LABEL: define void @via_defined(
; CHECK:         call i32 @__cp_arm(
; CHECK-NEXT:    load volatile double
; CHECK-NEXT:    load volatile ptr
; CHECK-NEXT:    call i32 @cp_check_graceful()
; CHECK-NEXT:    %a = call double @helper(
; CHECK-NEXT:    %b = call double @heavy(double %a)
; CHECK-NEXT:    getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    store double %b, ptr @g
  %r = call i32 @cp_check_graceful()
  %a = call double @helper(double %y)
  %b = call double @heavy(double %a)
  store double %b, ptr @g
  ret void
}

; ... but is not worth a region by itself.
define void @only_defined(double %y) {
; CHECK-LABEL: define void @only_defined(
; CHECK-NOT:     __cp_
; CHECK:         ret void
  %r = call i32 @cp_check()
  %a = call double @helper(double %y)
  store double %a, ptr @g
  ret void
}

define void @stop_store(double %y) {
; CHECK-LABEL: define void @stop_store(
; CHECK:         call i32 @__cp_arm(
; CHECK:         %h = call double @heavy(
; CHECK-NEXT:    getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK-NEXT:    load volatile ptr
; CHECK-NEXT:    getelementptr inbounds i8
; CHECK-NEXT:    store volatile ptr
; CHECK-NEXT:    fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    store double %h, ptr @g
; CHECK-NOT:     __cp_
; CHECK:         ret void
  %r = call i32 @cp_check()
  %h = call double @heavy(double %y)
  store double %h, ptr @g
  ret void
}

define i32 @stop_volatile(double %y) {
; CHECK-LABEL: define i32 @stop_volatile(
; CHECK:         call i32 @__cp_arm(
; CHECK:         %h = call double @heavy(
; CHECK-NEXT:    getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    %v = load volatile i32, ptr @flag
; CHECK-NOT:     __cp_
; CHECK:         ret i32
  %r = call i32 @cp_check()
  %h = call double @heavy(double %y)
  %v = load volatile i32, ptr @flag
  ret i32 %v
}

define i32 @stop_atomic(double %y) {
; CHECK-LABEL: define i32 @stop_atomic(
; CHECK:         call i32 @__cp_arm(
; CHECK:         %h = call double @heavy(
; CHECK-NEXT:    getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    %v = atomicrmw add ptr @flag, i32 1 seq_cst
; CHECK-NOT:     __cp_
; CHECK:         ret i32
  %r = call i32 @cp_check()
  %h = call double @heavy(double %y)
  %v = atomicrmw add ptr @flag, i32 1 seq_cst
  ret i32 %v
}

define i32 @stop_atomic_load(double %y) {
; CHECK-LABEL: define i32 @stop_atomic_load(
; CHECK:         %h = call double @heavy(
; CHECK-NEXT:    getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    %v = load atomic i32, ptr @flag monotonic
  %r = call i32 @cp_check()
  %h = call double @heavy(double %y)
  %v = load atomic i32, ptr @flag monotonic, align 4
  ret i32 %v
}

define void @stop_unknown_call(double %y) {
; CHECK-LABEL: define void @stop_unknown_call(
; CHECK:         call i32 @__cp_arm(
; CHECK:         %h = call double @heavy(
; CHECK-NEXT:    getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    call void @unknown()
; CHECK-NOT:     __cp_
; CHECK:         ret void
  %r = call i32 @cp_check()
  %h = call double @heavy(double %y)
  call void @unknown()
  ret void
}

; Two explicit points in a row: the first region is disarmed before the
; second is armed, both just before the second cp_check.
define void @two_checks(double %y) {
; CHECK-LABEL: define void @two_checks(
; CHECK:         call i32 @__cp_arm(ptr %[[C1:cp.ctx[0-9]*]])
; CHECK:         %r1 = call i32 @cp_check()
; CHECK-NEXT:    %h1 = call double @heavy(
; CHECK-NEXT:    getelementptr inbounds i8, ptr %[[C1]], i64 64
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK:         call i32 @__cp_arm(ptr %[[C2:cp.ctx[0-9]*]])
; CHECK:         %r2 = call i32 @cp_check()
; CHECK-NEXT:    %h2 = call double @heavy(
; CHECK-NEXT:    getelementptr inbounds i8, ptr %[[C2]], i64 64
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    store double %h2, ptr @g
  %r1 = call i32 @cp_check()
  %h1 = call double @heavy(double %y)
  %r2 = call i32 @cp_check()
  %h2 = call double @heavy(double %h1)
  store double %h2, ptr @g
  ret void
}
