; On aarch64 Linux a small counted innermost loop with effects is polled
; once per chunk of -cancelpoints-strip-mine iterations, as on x86_64
; (strip-mine.ll): the poll runs between chunks, the loop has none.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-verify -S %s | FileCheck %s

target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

define void @fill(ptr %a, i64 %n) {
; CHECK-LABEL: define void @fill(
; CHECK:       cp.chunk.next:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:         call preserve_mostcc void @__cp_poll_slow_pm_at(
; CHECK:       cp.strip:
; CHECK-NEXT:    %i.strip = phi i64 [ 0, %entry ], [ %i.next, %cp.chunk.next.cont ]
; CHECK:         %cp.chunk.end = add i64 %i.strip, %cp.chunk1
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i64 [ %i.strip, %cp.strip ], [ %i.next, %loop ]
; CHECK-NOT:     __cp_
; CHECK-NOT:     volatile
; CHECK:         %c = icmp eq i64 %i.next, %cp.chunk.end
entry:
  %z = icmp eq i64 %n, 0
  br i1 %z, label %exit, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %a, i64 %i
  %t = trunc i64 %i to i32
  store i32 %t, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp eq i64 %i.next, %n
  br i1 %c, label %exit, label %loop
exit:
  ret void
}
