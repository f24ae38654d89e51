; -cancelpoints-check-bounds (for testing the bounds on real programs): a
; loop given no point for its trip bound counts its header runs and traps
; on the run past the bound.  Here both loops of bounded-ranges.ll's
; best_of_row, each bounded at 16 by value ranges, and no poll.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-check-bounds -S %s | FileCheck %s

; CHECK-LABEL: define void @best_of_row(
; CHECK:       fill:
; CHECK-NEXT:    %cp.runs = phi i64 [ %cp.runs.next, %keep ], [ 0, %entry ]
; CHECK:         %cp.runs.next = add i64 %cp.runs, 1
; CHECK-NEXT:    %cp.past.bound = icmp ugt i64 %cp.runs.next, 16
; CHECK-NEXT:    br i1 %cp.past.bound, label %cp.bound.trap, label %fill.in.bound
; CHECK:       cp.bound.trap:
; CHECK-NEXT:    call void @llvm.trap()
; CHECK:       scan:
; CHECK-NEXT:    %cp.runs{{[0-9]+}} = phi i64 [ %cp.runs.next{{[0-9]+}}, %next ], [ 0, %filled ]
; CHECK:         icmp ugt i64 %cp.runs.next{{[0-9]+}}, 16
; CHECK:         call void @llvm.trap()
; CHECK-NOT:     load volatile
; CHECK:         ret void

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

declare i32 @llvm.umin.i32(i32, i32)
