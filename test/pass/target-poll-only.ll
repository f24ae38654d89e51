; On a target without a runtime port (Target.cpp: only x86_64 and aarch64
; Linux have resets) the pass uses polls only: an effect-free loop gets a
; header poll calling __cp_poll_slow directly, and a missed remark says why.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; The same for 32-bit x86 (-m32) and for aarch64 that is not Linux.
; RUN: %opt -mtriple=i686-unknown-linux-gnu -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -S %s | FileCheck %s
; RUN: %opt -mtriple=aarch64-unknown-freebsd -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -S %s | FileCheck %s

target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "riscv64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: reset regions are not available on target 'riscv64-unknown-linux-gnu': using polls only

; CHECK-NOT: __cp_arm
; CHECK-LABEL: define i64 @sum(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %s = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:         call void @__cp_poll_slow(
; CHECK-NOT: __cp_arm
; CHECK-NOT: __cp_poll_slow_pm
define i64 @sum(ptr %a, i64 %n) {
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
