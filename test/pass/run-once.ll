; The pass runs once per module: it sets the module flag
; "cancelpoints.instrumented" and skips a module that has it (so OptimizerLast
; followed by FullLTO, or the pass named twice, instruments once).
; RUN: %opt -passes='cancelpoints,cancelpoints,verify' -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -S %s | %opt -passes=cancelpoints -S | FileCheck %s
; RUN: sed -e 's/^;FLAG: //' %s | %opt -passes=cancelpoints -S | FileCheck %s --check-prefix=FLAGGED

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i32 0

; CHECK-LABEL: define void @fill(
; CHECK:         call preserve_mostcc void @__cp_poll_slow_pm_at(
; CHECK-NOT:     call preserve_mostcc void @__cp_poll_slow_pm_at(
; CHECK:       !{i32 7, !"cancelpoints.instrumented", i32 1}

; FLAGGED-NOT: __cp_

define void @fill(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

;FLAG: !llvm.module.flags = !{!0}
;FLAG: !0 = !{i32 7, !"cancelpoints.instrumented", i32 1}
