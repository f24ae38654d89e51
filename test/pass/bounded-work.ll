; An innermost loop whose constant trip bound is over -cancelpoints-bounded-
; trip but whose trip bound times its size (IR instructions, a call counting
; as 32, address arithmetic, casts, phis and branches as 0) is at most
; -cancelpoints-bounded-work=8192 gets no point: it ends within microseconds,
; and the loop around it polls.  A body with calls, or
; a loop with a loop inside, keeps its point; so does everything with the
; option at 0.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-bounded-work=0 -cancelpoints-strip-mine=0 -S %s | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: no point at loop header: its trip count is at most 128, about 640 instructions in all
; REMARK-NOT: no point at loop header: its trip count

; 128 iterations of a body of 5 instructions that count (its address
; arithmetic and branch count nothing): no point in the inner loop.
define void @rows128(ptr %a, i64 %n) {
; CHECK-LABEL: define void @rows128(
; CHECK:       outer:
; CHECK:         %cp.poll = load volatile i32
; CHECK:       inner:
; CHECK-NOT:     __cp_
; CHECK:         br i1 %ci, label %inner, label %latch
; OFF-LABEL: define void @rows128(
; OFF-COUNT-2:   load volatile i32
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %row = mul i64 %i, 128
  %k = add i64 %row, %j
  %p = getelementptr inbounds i32, ptr %a, i64 %k
  store i32 1, ptr %p
  %j.next = add nuw nsw i64 %j, 1
  %ci = icmp ult i64 %j.next, 128
  br i1 %ci, label %inner, label %latch
latch:
  %i.next = add i64 %i, 1
  %co = icmp slt i64 %i.next, %n
  br i1 %co, label %outer, label %exit
exit:
  ret void
}

declare void @touch(ptr)

; 256 iterations of a body that calls out: 256 * (32 + 5) > 8192, so the
; inner loop keeps its point (at its header, where it serves the outer loop
; too: covered-polls.ll).
define void @calls256(ptr %a, i64 %n) {
; CHECK-LABEL: define void @calls256(
; CHECK:       outer:
; CHECK-NOT:     volatile
; CHECK:       inner:
; CHECK:         load volatile i32
; CHECK:         ret void
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %p = getelementptr inbounds i32, ptr %a, i64 %j
  call void @touch(ptr %p)
  %j.next = add nuw nsw i64 %j, 1
  %ci = icmp ult i64 %j.next, 256
  br i1 %ci, label %inner, label %latch
latch:
  %i.next = add i64 %i, 1
  %co = icmp slt i64 %i.next, %n
  br i1 %co, label %outer, label %exit
exit:
  ret void
}

; 100 iterations of a loop that has a loop inside (of unknown trip count):
; not innermost, so the work rule does not apply; both loops are polled.
define void @outer100(ptr %a, i64 %m) {
; CHECK-LABEL: define void @outer100(
; CHECK:       outer:
; CHECK:         %cp.poll = load volatile i32
; CHECK:       inner:
; CHECK:         load volatile i32
; CHECK:         ret void
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %p = getelementptr inbounds i64, ptr %a, i64 %j
  store i64 %i, ptr %p
  %j.next = add i64 %j, 1
  %ci = icmp slt i64 %j.next, %m
  br i1 %ci, label %inner, label %latch
latch:
  %i.next = add nuw nsw i64 %i, 1
  %co = icmp ult i64 %i.next, 100
  br i1 %co, label %outer, label %exit
exit:
  ret void
}
