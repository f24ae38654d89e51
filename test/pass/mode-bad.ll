; A bad mode is a clear error: the option is rejected by the command line
; parser; the environment variable is reported (naming the variable and the
; valid values) and the default, full, is used.
; RUN: not %opt -passes=cancelpoints -cancelpoints-mode=bogus -disable-output %s 2>&1 | FileCheck %s --check-prefix=OPT
; RUN: env CANCELPOINTS_PASS_MODE=bogus %opt -passes=cancelpoints -S %s 2>&1 | FileCheck %s --check-prefix=ENV

; OPT: for the --cancelpoints-mode option: Cannot find option named 'bogus'!

; ENV: cancelpoints: warning: CANCELPOINTS_PASS_MODE='bogus' is not one of off, poll, full; using full
; ENV: call i32 @__cp_arm(

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

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
