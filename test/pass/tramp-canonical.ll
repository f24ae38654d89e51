; An outlined loop's body gets a canonical signature: the parameters passed
; like pointers (pointers, integers up to 64 bits) first, all as ptr, then
; the others in their order.  Bodies that differ only in those types share a
; trampoline; an integer goes through inttoptr at the call and ptrtoint in
; the body (no instruction on x86_64).  (Small loops of constant trip count
; would need no point at all: -cancelpoints-bounded-work=0 keeps them here.)
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -cancelpoints-bounded-work=0 -cancelpoints-region-peel=0 -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-DAG: $__cp_region_tramp.v.ppp = comdat any
; CHECK-DAG: $__cp_region_tramp.v.ppd = comdat any
; CHECK-NOT: comdat any

; i32 bound: the same trampoline as an i64 bound.
; CHECK-LABEL: define i32 @count32(
; CHECK:         %[[W:.*]] = inttoptr i32 %n to ptr
; CHECK:         call void @__cp_region_tramp.v.ppp(ptr @count32.cp.region, ptr @{{.*}}, ptr %a, ptr %[[W]], ptr %{{.*}})
define i32 @count32(ptr %a, i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i32 [ 0, %entry ], [ %s.next, %loop ]
  %p = getelementptr inbounds i32, ptr %a, i32 %i
  %v = load i32, ptr %p
  %s.next = add i32 %s, %v
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i32 %s.next
}

; CHECK-LABEL: define i64 @count64(
; CHECK:         %[[W:.*]] = inttoptr i64 %n to ptr
; CHECK:         call void @__cp_region_tramp.v.ppp(ptr @count64.cp.region, ptr @{{.*}}, ptr %a, ptr %[[W]], ptr %{{.*}})
define i64 @count64(ptr %a, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %loop ]
  %p = getelementptr inbounds i64, ptr %a, i64 %i
  %v = load i64, ptr %p
  %s.next = add i64 %s, %v
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i64 %s.next
}

; A double stays a double, after the pointer-like parameters.
; CHECK-LABEL: define double @scale(
; CHECK-NOT:     inttoptr
; CHECK:         call void @__cp_region_tramp.v.ppd(ptr @scale.cp.region, ptr @{{.*}}, ptr %a, ptr %{{.*}}, double %k)
define double @scale(double %k, ptr %a) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %loop ]
  %p = getelementptr inbounds double, ptr %a, i64 %i
  %v = load double, ptr %p
  %m = fmul double %v, %k
  %s.next = fadd double %s, %m
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, 100
  br i1 %c, label %loop, label %exit
exit:
  ret double %s.next
}

; The bodies take the canonical parameters and convert them back; one
; trampoline per canonical signature.
; CHECK-LABEL: define internal void @count32.cp.region(ptr %a, ptr %n, ptr
; CHECK-NEXT:  {{.*}}:
; CHECK-NEXT:    %n.int = ptrtoint ptr %n to i32
; CHECK:         icmp slt i32 %{{.*}}, %n.int
; CHECK:       define linkonce_odr hidden void @__cp_region_tramp.v.ppp(ptr %0, ptr %1, ptr %2, ptr %3, ptr %4)
; CHECK-LABEL: define internal void @count64.cp.region(ptr %a, ptr %n, ptr
; CHECK-NEXT:  {{.*}}:
; CHECK-NEXT:    %n.int = ptrtoint ptr %n to i64
; CHECK-NOT:   define {{.*}}@__cp_region_tramp.v.ppp
; CHECK-LABEL: define internal void @scale.cp.region(ptr %a, ptr {{.*}}, double %k)
; CHECK-NOT:     ptrtoint
; CHECK:       define linkonce_odr hidden void @__cp_region_tramp.v.ppd(ptr %0, ptr %1, ptr %2, ptr %3, double %4)
