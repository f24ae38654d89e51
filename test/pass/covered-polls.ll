; A loop every iteration of which passes the header poll of a loop nested in
; it (that header dominates each of its latches) gets no poll of its own: it
; has a point on every iteration already.  Innermost loops decide first, so
; a triple nest keeps only the innermost poll.  An inner loop that some
; iterations skip, or that is unrolled for a poll on its back edge (a trip
; of one runs no poll), does not cover its parent.  An inner loop whose poll
; would only move to its back edge (it calls) polls at its header instead
; when that covers its parent: as many polls run, and the parent's code goes.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=4 -cancelpoints-verify -S %s | FileCheck %s --check-prefix=LATCH
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-covered-polls=false -S %s | FileCheck %s --check-prefix=OFF
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: no point at loop header: every iteration passes the point of a loop nested in it
; REMARK-NEXT: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)

declare i1 @more(i64)

; for (i ...) { for (j ...) a[j] = i; }: the inner header runs on every
; outer iteration.
define void @always_entered(ptr %a, i64 %n) {
; CHECK-LABEL: define void @always_entered(
; CHECK:       outer:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    br label %inner
; CHECK:       inner:
; CHECK-NEXT:    %j = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:       latch:
; CHECK-NOT:     volatile
; CHECK:         ret void
; LATCH-LABEL: define void @always_entered(
; LATCH:       outer:
; LATCH-NEXT:    %i = phi
; LATCH-NEXT:    br label %inner
; LATCH:       inner:
; LATCH-NEXT:    %j = phi
; LATCH-NEXT:    %cp.poll = load volatile i32
; LATCH-NOT:     cp.latchpoll
; LATCH:         ret void
; OFF-LABEL: define void @always_entered(
; OFF:       outer:
; OFF-NEXT:    %i = phi
; OFF-NEXT:    %cp.poll = load volatile i32
; OFF:       inner:
; OFF-NEXT:    %j = phi
; OFF-NEXT:    %cp.poll{{[0-9]+}} = load volatile i32
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  br label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %p = getelementptr i64, ptr %a, i64 %j
  store i64 %i, ptr %p
  %j.next = add i64 %j, 1
  %more.j = call i1 @more(i64 %j.next)
  br i1 %more.j, label %inner, label %latch
latch:
  %i.next = add i64 %i, 1
  %more.i = call i1 @more(i64 %i.next)
  br i1 %more.i, label %outer, label %exit
exit:
  ret void
}

; Some outer iterations skip the inner loop: the outer loop keeps its poll.
define void @guarded(ptr %a, i64 %n) {
; CHECK-LABEL: define void @guarded(
; CHECK:       outer:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:       inner:
; CHECK-NEXT:    %j = phi
; CHECK-NEXT:    %cp.poll{{[0-9]+}} = load volatile i32
entry:
  br label %outer
outer:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %skip = call i1 @more(i64 %i)
  br i1 %skip, label %latch, label %inner
inner:
  %j = phi i64 [ 0, %outer ], [ %j.next, %inner ]
  %p = getelementptr i64, ptr %a, i64 %j
  store i64 %i, ptr %p
  %j.next = add i64 %j, 1
  %more.j = call i1 @more(i64 %j.next)
  br i1 %more.j, label %inner, label %latch
latch:
  %i.next = add i64 %i, 1
  %more.i = call i1 @more(i64 %i.next)
  br i1 %more.i, label %outer, label %exit
exit:
  ret void
}

; Three loops, each entered on every iteration of its parent: only the
; innermost polls.
define void @triple(ptr %a, i64 %n) {
; CHECK-LABEL: define void @triple(
; CHECK:       l1:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    br label %l2
; CHECK:       l2:
; CHECK-NEXT:    %j = phi
; CHECK-NEXT:    br label %l3
; CHECK:       l3:
; CHECK-NEXT:    %k = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:       l2.latch:
; CHECK-NOT:     volatile
; CHECK:         ret void
entry:
  br label %l1
l1:
  %i = phi i64 [ 0, %entry ], [ %i.next, %l1.latch ]
  br label %l2
l2:
  %j = phi i64 [ 0, %l1 ], [ %j.next, %l2.latch ]
  br label %l3
l3:
  %k = phi i64 [ 0, %l2 ], [ %k.next, %l3 ]
  %p = getelementptr i64, ptr %a, i64 %k
  store i64 %j, ptr %p
  %k.next = add i64 %k, 1
  %more.k = call i1 @more(i64 %k.next)
  br i1 %more.k, label %l3, label %l2.latch
l2.latch:
  %j.next = add i64 %j, 1
  %more.j = call i1 @more(i64 %j.next)
  br i1 %more.j, label %l2, label %l1.latch
l1.latch:
  %i.next = add i64 %i, 1
  %more.i = call i1 @more(i64 %i.next)
  br i1 %more.i, label %l1, label %exit
exit:
  ret void
}

; A small inner loop whose poll moves to its back edge after copies of its
; body: a trip of one runs no poll, so the outer loop keeps its own.
define void @inner_back_edge(ptr %v, i32 %pivot, i64 %n) {
; LATCH-LABEL: define void @inner_back_edge(
; LATCH:       outer:
; LATCH-NEXT:    %j = phi
; LATCH-NEXT:    %cp.poll = load volatile i32
; LATCH:       scan:
; LATCH-NOT:     volatile
; LATCH:       scan.u1:
; LATCH:       cp.latchpoll:
; LATCH-NEXT:    %cp.poll{{[0-9]+}} = load volatile i32
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
