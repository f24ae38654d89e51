; A reset region across an effect-free call is armed only if few values
; are live across its arm (-cancelpoints-call-region-max-live, default 16):
; each is stored before the arm and loaded after it on every entry, and the
; returns_twice arm keeps them out of registers.  Here 24 are (22
; arguments, the index and x): the loop keeps its plain poll (on its back
; edge, as without the call), and a missed remark says why.  With a
; limit of 32 the region is armed.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-call-region-max-live=32 -S %s | FileCheck %s --check-prefix=ARMED
; RUN: %opt -passes=cancelpoints -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare double @heavy(double) nounwind memory(none)

; REMARK: remark: <unknown>:0:0: no reset region across call to 'heavy': 24 values live across its arm (more than 16)

define void @many_live(ptr %out, i64 %n, i64 %a0, i64 %a1, i64 %a2, i64 %a3, i64 %a4, i64 %a5, i64 %a6, i64 %a7, i64 %a8, i64 %a9, i64 %a10, i64 %a11, i64 %a12, i64 %a13, i64 %a14, i64 %a15, i64 %a16, i64 %a17, i64 %a18, i64 %a19) {
; CHECK-LABEL: define void @many_live(
; CHECK-NOT:     __cp_arm
; CHECK-NOT:     store volatile
; CHECK:         call double @heavy(
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     __cp_arm
; CHECK:         ret void
; ARMED-LABEL: define void @many_live(
; ARMED:         call i32 @__cp_arm(
; ARMED:         call double @heavy(
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %x = phi double [ 1.0, %entry ], [ %x.next, %loop ]
  %x.next = call double @heavy(double %x)
  %x.next.i = fptosi double %x.next to i64
  %s0 = add i64 %x.next.i, %a0
  %s1 = add i64 %s0, %a1
  %s2 = add i64 %s1, %a2
  %s3 = add i64 %s2, %a3
  %s4 = add i64 %s3, %a4
  %s5 = add i64 %s4, %a5
  %s6 = add i64 %s5, %a6
  %s7 = add i64 %s6, %a7
  %s8 = add i64 %s7, %a8
  %s9 = add i64 %s8, %a9
  %s10 = add i64 %s9, %a10
  %s11 = add i64 %s10, %a11
  %s12 = add i64 %s11, %a12
  %s13 = add i64 %s12, %a13
  %s14 = add i64 %s13, %a14
  %s15 = add i64 %s14, %a15
  %s16 = add i64 %s15, %a16
  %s17 = add i64 %s16, %a17
  %s18 = add i64 %s17, %a18
  %s19 = add i64 %s18, %a19
  %p = getelementptr i64, ptr %out, i64 %i
  store i64 %s19, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
