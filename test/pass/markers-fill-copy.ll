; The first phase marks a loop that only fills or copies arrays (up to four
; stores a iteration, to addresses that advance by their size, of values
; the loop does not change or loads) before it, as an effect-free loop,
; and tags the loop (StridedStores.h), so that LoopIdiomRecognize can make
; it a memset or memcpy call.  Every other loop with effects keeps its
; marker at its header, as does every loop with
; -cancelpoints-strided-stores=0.
; RUN: %opt -passes=cancelpoints-mark -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints-mark -cancelpoints-strided-stores=0 -S %s | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define void @fill(
; CHECK:       entry:
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK-NOT:     @llvm.cancelpoints.point
; CHECK:         br i1 %c, label %loop, label %exit, !llvm.loop ![[TAG1:[0-9]+]]
; OFF-LABEL:   define void @fill(
; OFF:         loop:
; OFF-NEXT:      %i = phi
; OFF-NEXT:      call void @llvm.cancelpoints.point(i32 0)
; OFF-NOT:       !llvm.loop
define void @fill(ptr %p, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %a = getelementptr i8, ptr %p, i64 %i
  store i8 7, ptr %a
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; CHECK-LABEL: define void @copy(
; CHECK:       entry:
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
; CHECK:       loop:
; CHECK-NOT:     @llvm.cancelpoints.point
; CHECK:         br i1 %c, label %loop, label %exit, !llvm.loop ![[TAG2:[0-9]+]]
define void @copy(ptr %d, ptr %s, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %from = getelementptr i32, ptr %s, i64 %i
  %v = load i32, ptr %from
  %to = getelementptr i32, ptr %d, i64 %i
  store i32 %v, ptr %to
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A value the loop computes: no idiom, the marker stays at the header.
; CHECK-LABEL: define void @computed(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
define void @computed(ptr %p, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %a = getelementptr i64, ptr %p, i64 %i
  store i64 %i, ptr %a
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; The same address every iteration: a store LICM may keep in a register.
; CHECK-LABEL: define void @same_place(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
define void @same_place(ptr %p, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  store i64 7, ptr %p
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A store not made on every iteration.
; CHECK-LABEL: define void @some(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
define void @some(ptr %p, i64 %n, i1 %w) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  br i1 %w, label %write, label %latch
write:
  %a = getelementptr i8, ptr %p, i64 %i
  store i8 0, ptr %a
  br label %latch
latch:
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; Two fills in one loop (an unrolled fill: lz4's `{ *op++ = 255; *op++ =
; 255; }`): marked before it.
; CHECK-LABEL: define void @two(
; CHECK:       entry:
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
; CHECK:       loop:
; CHECK-NOT:     @llvm.cancelpoints.point
; CHECK:         br i1 %c, label %loop, label %exit, !llvm.loop ![[TAG3:[0-9]+]]
define void @two(ptr %p, ptr %q, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %a = getelementptr i8, ptr %p, i64 %i
  store i8 0, ptr %a
  %b = getelementptr i8, ptr %q, i64 %i
  store i8 1, ptr %b
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; Five stores, or a call: not a fill.
; CHECK-LABEL: define void @five(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
define void @five(ptr %p, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %a = getelementptr i64, ptr %p, i64 %i
  store i8 0, ptr %a
  %a1 = getelementptr i8, ptr %a, i64 1
  store i8 0, ptr %a1
  %a2 = getelementptr i8, ptr %a, i64 2
  store i8 0, ptr %a2
  %a3 = getelementptr i8, ptr %a, i64 3
  store i8 0, ptr %a3
  %a4 = getelementptr i8, ptr %a, i64 4
  store i8 0, ptr %a4
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

declare void @g()

; CHECK-LABEL: define void @with_call(
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    call void @llvm.cancelpoints.point(i32 0)
define void @with_call(ptr %p, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %a = getelementptr i8, ptr %p, i64 %i
  store i8 0, ptr %a
  call void @g()
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; CHECK-DAG: ![[TAG1]] = distinct !{![[TAG1]], ![[STRIDED:[0-9]+]]}
; CHECK-DAG: ![[TAG2]] = distinct !{![[TAG2]], ![[STRIDED]]}
; CHECK-DAG: ![[TAG3]] = distinct !{![[TAG3]], ![[STRIDED]]}
; CHECK-DAG: ![[STRIDED]] = !{!"cancelpoints.strided", i32 0}
