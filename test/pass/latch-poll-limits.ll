; What is not unrolled: a loop that calls a function (the callee may run
; long, and is not worth copying) and a loop too large for the size budget
; (-cancelpoints-latch-poll-size: a loop of S instructions is unrolled
; min(-cancelpoints-latch-poll, budget / S) times) still move their poll to
; their one back edge (K = 1: a trip of one iteration skips it); a loop in
; a function optimised for size (-Os, -Oz) or not at all (-O0), and every
; loop in mode=poll (the naive baseline), keep their header polls.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll-size=11 -S %s | FileCheck %s --check-prefix=SMALL
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll-size=12 -S %s | FileCheck %s --check-prefix=TWO
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-mode=poll -S %s | FileCheck %s --check-prefix=POLL

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @ext(i64)

define void @calls(i64 %n) {
; CHECK-LABEL: define void @calls(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NOT:     volatile
; CHECK-NOT:   .u1:
; CHECK:         br i1 %c, label %cp.latchpoll, label %exit
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:   .u1:
; CHECK:       }
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  call void @ext(i64 %i)
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; 6 instructions: unrolled 5 times by default, twice with a budget of 12,
; not at all with 11 (its poll still on the back edge).
define void @clear(ptr %a) {
; CHECK-LABEL: define void @clear(
; CHECK:       loop.u4:
; CHECK-NOT:   loop.u5:
; CHECK:       cp.latchpoll:
; SMALL-LABEL: define void @clear(
; SMALL:       loop:
; SMALL-NEXT:    %p = phi
; SMALL-NOT:     volatile
; SMALL-NOT:   .u1:
; SMALL:       cp.latchpoll:
; SMALL-NEXT:    %cp.poll = load volatile i32
; SMALL:       }
; TWO-LABEL:   define void @clear(
; TWO:         loop:
; TWO-NOT:       volatile
; TWO:         loop.u1:
; TWO-NOT:     loop.u2:
; TWO:         cp.latchpoll:
; TWO-NEXT:      load volatile i32
; POLL-LABEL:  define void @clear(
; POLL:        loop:
; POLL-NEXT:     %p = phi
; POLL-NEXT:     %cp.poll = load volatile i32
; POLL-NOT:    .u1:
; POLL-NOT:    cp.latchpoll
; POLL:        }
entry:
  br label %loop
loop:
  %p = phi ptr [ %a, %entry ], [ %p.next, %loop ]
  %v = load i8, ptr %p
  store i8 0, ptr %p
  %p.next = getelementptr i8, ptr %p, i64 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop
exit:
  ret void
}

; The same loop, optsize and optnone: header polls.
define void @clear_small(ptr %a) optsize {
; CHECK-LABEL: define void @clear_small(
; CHECK:       loop:
; CHECK-NEXT:    %p = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:   .u1:
; CHECK-NOT:   cp.latchpoll
; CHECK:       }
entry:
  br label %loop
loop:
  %p = phi ptr [ %a, %entry ], [ %p.next, %loop ]
  %v = load i8, ptr %p
  store i8 0, ptr %p
  %p.next = getelementptr i8, ptr %p, i64 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop
exit:
  ret void
}

define void @clear_O0(ptr %a) noinline optnone {
; CHECK-LABEL: define void @clear_O0(
; CHECK:       loop:
; CHECK-NEXT:    %p = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:   .u1:
; CHECK-NOT:   cp.latchpoll
; CHECK:       }
entry:
  br label %loop
loop:
  %p = phi ptr [ %a, %entry ], [ %p.next, %loop ]
  %v = load i8, ptr %p
  store i8 0, ptr %p
  %p.next = getelementptr i8, ptr %p, i64 1
  %z = icmp eq i8 %v, 0
  br i1 %z, label %exit, label %loop
exit:
  ret void
}
