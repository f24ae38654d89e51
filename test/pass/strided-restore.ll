; The second phase gives a fill or copy loop that stayed a loop its marker
; back at the header (StridedStores.h), for each loop that still carries the
; first phase's tag and writes only by stores to addresses that advance
; every iteration: a vectorised body (two stores a iteration) and its
; remainder both poll.  A tagged loop that writes otherwise (the same
; address every iteration, a call) gets no point and a missed remark.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-strip-mine=0 -cancelpoints-latch-poll=0 -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -cancelpoints-strip-mine=0 -cancelpoints-latch-poll=0 -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @llvm.cancelpoints.point(i32)
declare void @g()

; REMARK-NOT: remark: {{.*}} no point in this loop
; REMARK: remark: <unknown>:0:0: no point in this loop: no place in it where memory is as the source wrote it
; REMARK: remark: <unknown>:0:0: no point in this loop: no place in it where memory is as the source wrote it
; REMARK-NOT: remark: {{.*}} no point in this loop

; CHECK-LABEL: define void @vectorised(
; CHECK-NOT:     @llvm.cancelpoints.point
; CHECK:       body:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll{{[0-9]*}} = load volatile i32
; CHECK:       rest:
; CHECK-NEXT:    %j = phi
; CHECK-NEXT:    %cp.poll{{[0-9]*}} = load volatile i32
; CHECK-NOT:     @llvm.cancelpoints.point
define void @vectorised(ptr %p, i64 %n, i64 %m) "cancelpoints-marked" {
entry:
  call void @llvm.cancelpoints.point(i32 0)
  br label %body
body:
  %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
  %a = getelementptr i32, ptr %p, i64 %i
  store <4 x i32> <i32 7, i32 7, i32 7, i32 7>, ptr %a
  %a2 = getelementptr i32, ptr %a, i64 4
  store <4 x i32> <i32 7, i32 7, i32 7, i32 7>, ptr %a2
  %i.next = add nuw nsw i64 %i, 8
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %body, label %middle, !llvm.loop !0
middle:
  br label %rest
rest:
  %j = phi i64 [ %i.next, %middle ], [ %j.next, %rest ]
  %b = getelementptr i32, ptr %p, i64 %j
  store i32 7, ptr %b
  %j.next = add nuw nsw i64 %j, 1
  %d = icmp slt i64 %j.next, %m
  br i1 %d, label %rest, label %exit, !llvm.loop !2
exit:
  ret void
}

; CHECK-LABEL: define void @same_place(
; CHECK-NOT:     load volatile
; CHECK:         ret void
define void @same_place(ptr %p, i64 %n) "cancelpoints-marked" {
entry:
  call void @llvm.cancelpoints.point(i32 0)
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  store i64 %i, ptr %p
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit, !llvm.loop !3
exit:
  ret void
}

; CHECK-LABEL: define void @with_call(
; CHECK-NOT:     load volatile
; CHECK:         ret void
define void @with_call(ptr %p, i64 %n) "cancelpoints-marked" {
entry:
  call void @llvm.cancelpoints.point(i32 0)
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %a = getelementptr i8, ptr %p, i64 %i
  store i8 0, ptr %a
  call void @g()
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit, !llvm.loop !4
exit:
  ret void
}

!0 = distinct !{!0, !1}
!1 = !{!"cancelpoints.strided", i32 0}
!2 = distinct !{!2, !1}
!3 = distinct !{!3, !1}
!4 = distinct !{!4, !1}
