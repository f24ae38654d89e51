; On aarch64 Linux an effect-free loop runs out of line as on x86_64
; (Outline.h): extracted into @sum.cp.region and called through
; @__cp_region_tramp, whose record is aarch64's (23 words) and which alone
; calls the returns_twice __cp_arm.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -cancelpoints-region-peel=0 -S %s | FileCheck %s

target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

; CHECK: $[[T:__cp_region_tramp\.v\.ppp]] = comdat any
define i64 @sum(ptr %a, i64 %n) {
; CHECK-LABEL: define i64 @sum(
; CHECK-NOT:     __cp_arm
; CHECK:         call void @[[T]](ptr @sum.cp.region, ptr @{{.*}}, {{.*}}ptr %a{{.*}})
; CHECK-NOT:     __cp_arm
; CHECK:         ret i64
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

; CHECK-LABEL: define internal void @sum.cp.region(
; CHECK-NOT:     __cp_
; CHECK-NOT:     volatile
; CHECK:         ret void

; CHECK-LABEL: define linkonce_odr hidden void @__cp_region_tramp.v.ppp(
; CHECK:         %cp.ctx = alloca [23 x i64], align 16
; CHECK:         call i32 @__cp_arm(ptr %cp.ctx)
; CHECK:         call preserve_mostcc void @__cp_poll_slow_pm(
; CHECK:         %cp.prevp = getelementptr inbounds i8, ptr %cp.ctx, i64 168
; CHECK:         ret void
