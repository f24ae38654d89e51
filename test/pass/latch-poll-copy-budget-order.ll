; Among loops of one size, the copy budget (latch-poll-copy-budget.ll) goes
; to the first in the module, function by function and loop by loop in each:
; a compile gives the same object every time, whatever addresses its blocks
; were given.  Six loops of 6 instructions in one function, each unrolled 5
; times (24 instructions added); a floor of 72 grants the first three.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-copy-budget=1 -cancelpoints-copy-budget-floor=72 -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @six(ptr %a) {
; CHECK-LABEL: define void @six(
; CHECK:       l1.u4:
; CHECK-NOT:   l1.u5:
; CHECK:       l2.u4:
; CHECK-NOT:   l2.u5:
; CHECK:       l3.u4:
; CHECK-NOT:   l3.u5:
; CHECK-NOT:   l4.u1:
; CHECK-NOT:   l5.u1:
; CHECK-NOT:   l6.u1:
; CHECK:       ret void
entry:
  br label %l1
l1:
  %p1 = phi ptr [ %a, %entry ], [ %n1, %l1 ]
  %v1 = load i8, ptr %p1
  store i8 0, ptr %p1
  %n1 = getelementptr i8, ptr %p1, i64 1
  %z1 = icmp eq i8 %v1, 0
  br i1 %z1, label %x1, label %l1
x1:
  br label %l2
l2:
  %p2 = phi ptr [ %a, %x1 ], [ %n2, %l2 ]
  %v2 = load i8, ptr %p2
  store i8 0, ptr %p2
  %n2 = getelementptr i8, ptr %p2, i64 1
  %z2 = icmp eq i8 %v2, 0
  br i1 %z2, label %x2, label %l2
x2:
  br label %l3
l3:
  %p3 = phi ptr [ %a, %x2 ], [ %n3, %l3 ]
  %v3 = load i8, ptr %p3
  store i8 0, ptr %p3
  %n3 = getelementptr i8, ptr %p3, i64 1
  %z3 = icmp eq i8 %v3, 0
  br i1 %z3, label %x3, label %l3
x3:
  br label %l4
l4:
  %p4 = phi ptr [ %a, %x3 ], [ %n4, %l4 ]
  %v4 = load i8, ptr %p4
  store i8 0, ptr %p4
  %n4 = getelementptr i8, ptr %p4, i64 1
  %z4 = icmp eq i8 %v4, 0
  br i1 %z4, label %x4, label %l4
x4:
  br label %l5
l5:
  %p5 = phi ptr [ %a, %x4 ], [ %n5, %l5 ]
  %v5 = load i8, ptr %p5
  store i8 0, ptr %p5
  %n5 = getelementptr i8, ptr %p5, i64 1
  %z5 = icmp eq i8 %v5, 0
  br i1 %z5, label %x5, label %l5
x5:
  br label %l6
l6:
  %p6 = phi ptr [ %a, %x5 ], [ %n6, %l6 ]
  %v6 = load i8, ptr %p6
  store i8 0, ptr %p6
  %n6 = getelementptr i8, ptr %p6, i64 1
  %z6 = icmp eq i8 %v6, 0
  br i1 %z6, label %x6, label %l6
x6:
  ret void
}
