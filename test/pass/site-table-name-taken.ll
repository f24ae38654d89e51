; A module that defines the return-address stub's name as something else
; keeps it: its polls pass their sites through the other stub, and there is
; no table.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i32 0

; CHECK-NOT: __cp_sites
; CHECK-LABEL: define void @__cp_poll_slow_pm_at(i32 %x)
; CHECK-NEXT:    store i32 %x, ptr @g
define void @__cp_poll_slow_pm_at(i32 %x) {
  store i32 %x, ptr @g
  ret void
}

; CHECK-LABEL: define void @fill(
; CHECK:       cp.slow:
; CHECK-NEXT:    %cp.site = load volatile ptr, ptr @__cp_site_ref
; CHECK-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm(ptr %cp.site)
; CHECK-NOT:     __cp_sites
define void @fill(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store volatile i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
