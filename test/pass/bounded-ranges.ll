; A loop whose bound SCEV leaves symbolic gets no point when the values that
; bound is made of have small ranges (Bounds.cpp, RangeFinder): here the
; first loop runs at most n = 1 << umin(log, 4) = 16 times (SCEV's constant
; is -1, its range of a variable shift being [0,256)), and the second runs
; over what the first counted, so at most 16 times too (SCEV: 2^32).  With
; an unbounded shift both loops keep their polls; with the option off too.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-bound-ranges=0 -S %s | FileCheck %s --check-prefix=OFF

; REMARK-COUNT-2: remark: <unknown>:0:0: no point at loop header: its trip count is at most 16 (by the ranges of its bound's values)
; REMARK-COUNT-2: remark: <unknown>:0:0: poll on the back edge of the loop

; CHECK-LABEL: define void @best_of_row(
; CHECK-NOT:     __cp_
; CHECK-LABEL: define void @best_of_any(
; CHECK-COUNT-2: %cp.poll{{[0-9]*}} = load volatile i32
; CHECK:         ret void
; OFF-LABEL: define void @best_of_row(
; OFF-COUNT-2:   load volatile i32
; OFF:           ret void
; OFF-LABEL: define void @best_of_any(

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @best_of_row(ptr %row, ptr %best, i32 %log, i32 %low) {
entry:
  %tries = alloca [64 x i32]
  %cap = call i32 @llvm.umin.i32(i32 %log, i32 4)
  %n = shl nuw nsw i32 1, %cap
  br label %fill
fill:
  %left = phi i32 [ %n, %entry ], [ %left.next, %keep ]
  %cnt = phi i64 [ 0, %entry ], [ %cnt.next, %keep ]
  %at = getelementptr inbounds i32, ptr %row, i64 %cnt
  %v = load i32, ptr %at
  %old = icmp ult i32 %v, %low
  br i1 %old, label %filled, label %keep
keep:
  %slot = getelementptr inbounds [64 x i32], ptr %tries, i64 0, i64 %cnt
  store i32 %v, ptr %slot
  %cnt.next = add nuw nsw i64 %cnt, 1
  %left.next = add nsw i32 %left, -1
  %more = icmp ne i32 %left.next, 0
  br i1 %more, label %fill, label %filled
filled:
  %found = phi i64 [ %cnt, %fill ], [ %cnt.next, %keep ]
  %none = icmp eq i64 %found, 0
  br i1 %none, label %done, label %scan
scan:
  %i = phi i64 [ 0, %filled ], [ %i.next, %next ]
  %tp = getelementptr inbounds [64 x i32], ptr %tries, i64 0, i64 %i
  %t = load i32, ptr %tp
  %b = load i32, ptr %best
  %better = icmp ugt i32 %t, %b
  br i1 %better, label %take, label %next
take:
  store i32 %t, ptr %best
  br label %next
next:
  %i.next = add nuw nsw i64 %i, 1
  %again = icmp ult i64 %i.next, %found
  br i1 %again, label %scan, label %done
done:
  ret void
}

define void @best_of_any(ptr %row, ptr %best, i32 %log, i32 %low) {
entry:
  %tries = alloca [64 x i32]
  %n = shl nuw nsw i32 1, %log
  br label %fill
fill:
  %left = phi i32 [ %n, %entry ], [ %left.next, %keep ]
  %cnt = phi i64 [ 0, %entry ], [ %cnt.next, %keep ]
  %at = getelementptr inbounds i32, ptr %row, i64 %cnt
  %v = load i32, ptr %at
  %old = icmp ult i32 %v, %low
  br i1 %old, label %filled, label %keep
keep:
  %slot = getelementptr inbounds [64 x i32], ptr %tries, i64 0, i64 %cnt
  store i32 %v, ptr %slot
  %cnt.next = add nuw nsw i64 %cnt, 1
  %left.next = add nsw i32 %left, -1
  %more = icmp ne i32 %left.next, 0
  br i1 %more, label %fill, label %filled
filled:
  %found = phi i64 [ %cnt, %fill ], [ %cnt.next, %keep ]
  %none = icmp eq i64 %found, 0
  br i1 %none, label %done, label %scan
scan:
  %i = phi i64 [ 0, %filled ], [ %i.next, %next ]
  %tp = getelementptr inbounds [64 x i32], ptr %tries, i64 0, i64 %i
  %t = load i32, ptr %tp
  %b = load i32, ptr %best
  %better = icmp ugt i32 %t, %b
  br i1 %better, label %take, label %next
take:
  store i32 %t, ptr %best
  br label %next
next:
  %i.next = add nuw nsw i64 %i, 1
  %again = icmp ult i64 %i.next, %found
  br i1 %again, label %scan, label %done
done:
  ret void
}

declare i32 @llvm.umin.i32(i32, i32)
