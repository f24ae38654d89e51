; aarch64 Linux has resets (Target.cpp): an effect-free loop is a reset
; region as on x86_64, with aarch64's record (CP_RESET_AARCH64_NREGS = 21
; registers, then prev at byte 168 and chaos_resets: 23 words), and polls
; call the preserve_most stub.  The loop body gets nothing.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-outline=false -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 -cancelpoints-outline=false -pass-remarks=cancelpoints -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

; REMARK-NOT:  not available
; REMARK:      remark: <unknown>:0:0: reset region armed before effect-free loop
; REMARK-NOT:  not available

define i64 @sum(ptr %a, i64 %n) {
; CHECK-LABEL: define i64 @sum(
; CHECK:       entry:
; CHECK:         %cp.ctx = alloca [23 x i64], align 16
; CHECK:       cp.edge:
; CHECK:         call i32 @__cp_arm(ptr %cp.ctx)
; CHECK:         %cp.poll = load volatile i32
; CHECK:       cp.slow:
; CHECK-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm_at()
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NOT:     {{__cp_|volatile|fence|call}}
; CHECK:         br i1 %c, label %loop, label %[[X:cp.edge[0-9]+]]
; CHECK:       [[X]]:
; CHECK-NEXT:    %cp.prevp = getelementptr inbounds i8, ptr %cp.ctx, i64 168
; CHECK-NEXT:    %cp.prev = load volatile ptr, ptr %cp.prevp, align 8
; CHECK-NEXT:    %cp.armedp = getelementptr inbounds i8, ptr %{{.*}}, i64 8
; CHECK-NEXT:    store volatile ptr %cp.prev, ptr %cp.armedp, align 8
; CHECK-NEXT:    fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    br label %exit
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %loop ]
  %p = getelementptr i64, ptr %a, i64 %i
  %v = load i64, ptr %p
  %s.next = add i64 %s, %v
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i64 %s.next
}

; A loop with effects keeps its header poll, through the stub.
@g = global i64 0
define void @fill(i64 %n) {
; CHECK-LABEL: define void @fill(
; CHECK-NOT:     __cp_arm
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:         call preserve_mostcc void @__cp_poll_slow_pm_at(
; CHECK-NOT:     __cp_arm
; CHECK:         ret void
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  store volatile i64 %i, ptr @g
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; CHECK-LABEL: define linkonce_odr hidden preserve_mostcc void @__cp_poll_slow_pm_at(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %ra = call ptr @llvm.returnaddress(i32 0)
; CHECK-NEXT:    call void @__cp_poll_slow_at(ptr %ra)
