; A small innermost loop that would be polled at its header (here an
; effect-free scan nested in a loop with effects, as qsort's partition) is
; unrolled with every exit test kept, and its one poll moves to the back
; edge from the last copy to the header (LatchPoll.h): a trip of at most K
; iterations runs no poll; the outer loop keeps its header poll.  With the
; header poll kept, the outer loop needs none: it runs the scan's on every
; iteration.  A value
; used after the loop gets a phi of the copies; an address used after it is
; computed again there.  -cancelpoints-latch-poll=0 keeps the header poll.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=3 -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -S %s | FileCheck %s --check-prefix=OFF
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; The default: up to 8 copies, at most 32 instructions in all (a loop of 6
; instructions is unrolled 5 times).
; REMARK: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)
; REMARK-NEXT: remark: <unknown>:0:0: poll on the back edge of the loop unrolled 5 times (6 instructions; no poll in a trip of at most 5 iterations): effect-free loop nested in a polled loop

define void @partition(ptr %v, i64 %n, i32 %pivot) {
; CHECK-LABEL: define void @partition(
; CHECK:       outer:
; CHECK:         %cp.poll = load volatile i32
; CHECK:       scan:
; CHECK-NEXT:    %i = phi i64 [ %j, %outer.cont ], [ %i.next.u2, %cp.latchpoll.cont ]
; CHECK-NOT:     {{volatile|__cp_}}
; CHECK:         br i1 %lt, label %scan.u1, label %swap
; CHECK:       scan.u1:
; CHECK-NOT:     {{phi|volatile|__cp_}}
; CHECK:         %x.u1 = load i32, ptr %p.u1
; CHECK:         %i.next.u1 = add nsw i64 %i.next, 1
; CHECK-NEXT:    br i1 %lt.u1, label %scan.u2, label %swap
; CHECK:       scan.u2:
; CHECK-NOT:     {{phi|volatile|__cp_}}
; CHECK:         br i1 %lt.u2, label %cp.latchpoll, label %swap
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll{{[0-9]+}} = load volatile i32
; CHECK-NEXT:    %cp.pending{{[0-9]+}} = icmp ne i32
; CHECK-NEXT:    br i1 %cp.pending{{[0-9]+}}, label %[[SLOW:cp.slow[0-9]*]], label %cp.latchpoll.cont
; CHECK:       [[SLOW]]:
; CHECK-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm_at()
; CHECK:       cp.latchpoll.cont:
; CHECK-NEXT:    br label %scan
; CHECK:       swap:
; CHECK-NEXT:    %[[I:[a-z0-9.]+]] = phi i64 [ %i.next.u1, %scan.u2 ], [ %i.next, %scan.u1 ], [ %i, %scan ]
; CHECK-NEXT:    %[[P:[a-z0-9.]+]] = getelementptr inbounds i32, ptr %v, i64 %[[I]]
; CHECK-NEXT:    store i32 %pivot, ptr %[[P]]
; CHECK-NEXT:    %j.next = add nsw i64 %[[I]], 1
; CHECK-NOT:     volatile
; CHECK:       }
; OFF-LABEL: define void @partition(
; OFF:       scan:
; OFF-NEXT:    %i = phi
; OFF-NEXT:    %cp.poll = load volatile i32
; OFF-NOT:     .u1:
; OFF-NOT:     cp.latchpoll
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
