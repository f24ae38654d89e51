; A program's own function whose name starts with "cp_" is the program's:
; it is instrumented like any other (only the runtime's "__cp_" names and
; the explicit points cp_check/cp_check_graceful are the runtime's).
; RUN: %opt -passes='cancelpoints,verify' -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=MISSED --allow-empty

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; MISSED-NOT: cp_copy_file

; A copy loop (stores): a poll at its header.
define void @cp_copy_file(ptr %dst, ptr %src, i64 %n) {
; CHECK-LABEL: define void @cp_copy_file(
; CHECK:       loop:
; CHECK:         %cp.poll = load volatile i32
; CHECK:         ret void
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = getelementptr i8, ptr %src, i64 %i
  %v = load volatile i8, ptr %s
  %d = getelementptr i8, ptr %dst, i64 %i
  store i8 %v, ptr %d
  %i.next = add i64 %i, 1
  %c = icmp ult i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
