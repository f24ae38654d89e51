; Computed-goto loops (interpreters) are instrumented: a poll at the header
; needs no edge split.  An effect-free loop whose entering or exiting edge is
; an indirectbr cannot be armed (the edge cannot be split): it gets a poll,
; with a missed remark.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i32 0

; REMARK: remark: <unknown>:0:0: poll at loop header: the loop is effect-free, but an edge into or out of it cannot be split to arm a reset region

define void @interp(i32 %n) {
; CHECK-LABEL: define void @interp(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:         indirectbr ptr %t, [label %loop, label %exit]
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  %t = select i1 %c, ptr blockaddress(@interp, %loop), ptr blockaddress(@interp, %exit)
  indirectbr ptr %t, [label %loop, label %exit]
exit:
  ret void
}

define i32 @pure_indirect_entry(i32 %n, ptr %target) {
; CHECK-LABEL: define i32 @pure_indirect_entry(
; CHECK-NOT:     __cp_arm
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     __cp_arm
; CHECK:         ret i32
entry:
  indirectbr ptr %target, [label %loop, label %exit]
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  %r = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  ret i32 %r
}
