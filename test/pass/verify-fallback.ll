; The pass verifies every function it instrumented (-cancelpoints-verify, on
; by default): one it broke is left as it was before the pass, with a missed
; remark, and the compile goes on; with CANCELPOINTS_PASS_VERIFY=fatal (the
; test suite's setting) or -cancelpoints-verify-fatal it stops instead.  A
; hidden option breaks a function on purpose to show both.
; RUN: env -u CANCELPOINTS_PASS_VERIFY %opt -passes='cancelpoints,verify' -cancelpoints-break-for-test=broken -pass-remarks-missed=cancelpoints -S %s 2> %t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.err
; RUN: not %opt -passes=cancelpoints -cancelpoints-break-for-test=broken -disable-output %s 2>&1 | FileCheck %s --check-prefix=FATAL
; RUN: env -u CANCELPOINTS_PASS_VERIFY not %opt -passes=cancelpoints -cancelpoints-verify-fatal -cancelpoints-break-for-test=broken -disable-output %s 2>&1 | FileCheck %s --check-prefix=FATAL
; A value other than fatal is an error, once, and the default applies.
; RUN: env CANCELPOINTS_PASS_VERIFY=yes %opt -passes=cancelpoints -cancelpoints-break-for-test=broken -disable-output %s 2>&1 | FileCheck %s --check-prefix=BADENV
; BADENV: cancelpoints: error: CANCELPOINTS_PASS_VERIFY='yes' is not 'fatal' (or empty); a function that fails verification is left uninstrumented
; BADENV-NOT: LLVM ERROR

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i64 0

; REMARK: remark: <unknown>:0:0: function 'broken' not instrumented: the pass produced invalid code for it (the verifier says: Basic Block in function 'broken' does not have terminator!
; FATAL: cancelpoints: in 'broken': the verifier says: Basic Block in function 'broken' does not have terminator!
; FATAL: LLVM ERROR: cancelpoints: produced invalid IR in function 'broken'

; CHECK-LABEL: define void @fine(
; CHECK:         load volatile i32
define void @fine(i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  store i64 %i, ptr @g
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; As it came in: no poll, no broken block, and its callers call it.
; CHECK-LABEL: define void @broken(
; CHECK-NOT:     volatile
; CHECK-NOT:     cp.broken
; CHECK:         ret void
; CHECK-NEXT:  }
define void @broken(i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  store i64 %i, ptr @g
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; CHECK-LABEL: define void @caller(
; CHECK:         call void @broken(i64 3)
define void @caller() {
  call void @broken(i64 3)
  ret void
}
