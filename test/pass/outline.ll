; An effect-free reducible loop runs out of line (Outline.h): the loop is
; extracted into @sum.cp.region and called through @__cp_region_tramp, which
; alone calls the returns_twice __cp_arm (so the register coalescer still
; works on @sum and on the loop).  The loop itself gets nothing.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -cancelpoints-region-peel=0 -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -cancelpoints-region-peel=0 -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop (out of line in 'sum.cp.region')

; The trampoline is shared by the modules of a program (tramp-shared.ll).
; CHECK: $[[T:__cp_region_tramp\.v\.ppp]] = comdat any
; CHECK: @[[SITE:__cp_site.*]] = private unnamed_addr constant { ptr, ptr, i32, i32 } { ptr @{{.*}}, ptr @{{.*}}, i32 0, i32 1 }

define i64 @sum(ptr %a, i64 %n) {
; CHECK-LABEL: define i64 @sum(
; CHECK-NOT:     __cp_arm
; CHECK-NOT:     load volatile
; CHECK:         call void @[[T]](ptr @sum.cp.region, ptr @[[SITE]], {{.*}}ptr %a{{.*}})
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

; The loop, out of line: no poll, no arm, no volatile access.
; CHECK-LABEL: define internal void @sum.cp.region(
; CHECK-NOT:     __cp_
; CHECK-NOT:     volatile
; CHECK:         ret void

; The trampoline: arm, poll with the caller's site, the body, disarm; its own
; arguments are the only values live across the arm (demoted).
; CHECK-LABEL: define linkonce_odr hidden void @__cp_region_tramp.v.ppp(ptr %0, ptr %1,
; CHECK:         %cp.ctx = alloca [10 x i64], align 16
; CHECK-NOT:     threadlocal.address
; CHECK:         store volatile ptr %0
; CHECK-NOT:     threadlocal.address
; CHECK:         call i32 @__cp_arm(ptr %cp.ctx) #[[RT:[0-9]+]]
; CHECK:         load volatile ptr
; The TLS address is computed after the arm, so it is not demoted.
; CHECK:         %cp.tls = call {{.*}}@llvm.threadlocal.address
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:         call preserve_mostcc void @__cp_poll_slow_pm(
; CHECK:         call void %{{.*}}(
; CHECK:         %cp.prev = load volatile ptr
; CHECK:         store volatile ptr %cp.prev
; CHECK:         ret void
; CHECK: attributes #[[RT]] = { nounwind returns_twice }
