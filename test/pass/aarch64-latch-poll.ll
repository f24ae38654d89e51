; On aarch64 Linux a small innermost loop polled at its header is unrolled
; and its one poll moves to the back edge from the last copy, as on x86_64
; (latch-poll.ll); the outer loop keeps its header poll.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=3 -cancelpoints-verify -S %s | FileCheck %s

target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

define void @partition(ptr %v, i64 %n, i32 %pivot) {
; CHECK-LABEL: define void @partition(
; CHECK:       outer:
; CHECK:         %cp.poll = load volatile i32
; CHECK:       scan:
; CHECK-NOT:     {{volatile|__cp_}}
; CHECK:       scan.u1:
; CHECK-NOT:     {{volatile|__cp_}}
; CHECK:       scan.u2:
; CHECK-NOT:     {{volatile|__cp_}}
; CHECK:         br i1 %lt.u2, label %cp.latchpoll, label %swap
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll{{[0-9]+}} = load volatile i32
; CHECK:         call preserve_mostcc void @__cp_poll_slow_pm_at(
; CHECK:       cp.latchpoll.cont:
; CHECK-NEXT:    br label %scan
entry:
  br label %outer
outer:
  %j = phi i64 [ 0, %entry ], [ %j.next, %swap ]
  br label %scan
scan:
  %i = phi i64 [ %j, %outer ], [ %i.next, %scan ]
  %p = getelementptr inbounds i32, ptr %v, i64 %i
  %x = load i32, ptr %p
  %lt = icmp slt i32 %x, %pivot
  %i.next = add nsw i64 %i, 1
  br i1 %lt, label %scan, label %swap
swap:
  store i32 %pivot, ptr %p
  %j.next = add nsw i64 %i, 1
  %done = icmp sge i64 %j.next, %n
  br i1 %done, label %exit, label %outer
exit:
  ret void
}
