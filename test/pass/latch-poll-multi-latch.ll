; A loop with two latches: they are merged into a block of their own
; (loop.cp.latch, a phi of the two induction values) before the loop is
; unrolled, so that each copy has one edge to the next and the last one
; edge back, through the poll.  The exit phi gets an entry from each
; exiting block of each copy.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=2 -cancelpoints-verify -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i64 @skip(ptr %a, i64 %n) {
; CHECK-LABEL: define i64 @skip(
; CHECK:       loop.cp.latch:
; CHECK-NEXT:    %i.cp.latch = phi i64 [ %i2, %two ], [ %i1, %one ]
; CHECK-NEXT:    br label %loop.u1
; CHECK:       loop.u1:
; CHECK-NOT:     {{phi|volatile|__cp_}}
; CHECK:         br i1 %odd.u1, label %two.u1, label %one.u1
; CHECK:       one.u1:
; CHECK:         br i1 %m1.u1, label %loop.cp.latch.u1, label %exit
; CHECK:       two.u1:
; CHECK:         br i1 %m2.u1, label %loop.cp.latch.u1, label %exit
; CHECK:       loop.cp.latch.u1:
; CHECK-NEXT:    %i.cp.latch.u1 = phi i64 [ %i2.u1, %two.u1 ], [ %i1.u1, %one.u1 ]
; CHECK-NEXT:    br label %cp.latchpoll
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    load volatile i32
; CHECK:       cp.latchpoll.cont:
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i64 [ 0, %entry ], [ %i.cp.latch.u1, %cp.latchpoll.cont ]
; CHECK-NOT:     {{volatile|__cp_}}
; CHECK:         br i1 %m1, label %loop.cp.latch, label %exit
; CHECK-NOT:     {{volatile|__cp_}}
; CHECK:         br i1 %m2, label %loop.cp.latch, label %exit
; CHECK:       exit:
; CHECK-NEXT:    %r = phi i64 [ %i1, %one ], [ %i2, %two ], [ %i1.u1, %one.u1 ], [ %i2.u1, %two.u1 ]
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %one ], [ %i2, %two ]
  %p = getelementptr inbounds i8, ptr %a, i64 %i
  %c = load i8, ptr %p
  store i8 0, ptr %p
  %odd = trunc i8 %c to i1
  br i1 %odd, label %two, label %one
one:
  %i1 = add i64 %i, 1
  %m1 = icmp ult i64 %i1, %n
  br i1 %m1, label %loop, label %exit
two:
  %i2 = add i64 %i, 2
  %m2 = icmp ult i64 %i2, %n
  br i1 %m2, label %loop, label %exit
exit:
  %r = phi i64 [ %i1, %one ], [ %i2, %two ]
  ret i64 %r
}
