; A do-while loop entered with its variable at the end (iv == end) runs
; through the variable's whole range before its exit test holds: 2^64
; iterations of an i64, forever in practice.  Its first chunk must still
; end after K steps, so where that entry is possible the chunk length is
; K*|s| when the distance left is 0.  Not where it is impossible: a nsw or
; nuw step (the whole range would wrap it: poison, and a branch on poison
; is undefined) or an entry guarded by iv != end.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-verify -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; do { a[i & 1023] = 1; } while (++i != e);  with i == e possible.
define void @wraps(ptr %a, i64 %b, i64 %e) {
; CHECK-LABEL: define void @wraps(
; CHECK:       cp.strip:
; CHECK:         %cp.left = sub i64 %e, %i.strip
; CHECK-NEXT:    %cp.chunk1 = call i64 @llvm.umin.i64(i64 %cp.left, i64 256)
; CHECK-NEXT:    %cp.at.end = icmp eq i64 %cp.left, 0
; CHECK-NEXT:    %cp.chunk.len = select i1 %cp.at.end, i64 256, i64 %cp.chunk1
; CHECK-NEXT:    %cp.chunk.end = add i64 %i.strip, %cp.chunk.len
; CHECK:         %c = icmp eq i64 %i.next, %cp.chunk.end
entry:
  br label %loop
loop:
  %i = phi i64 [ %b, %entry ], [ %i.next, %loop ]
  %m = and i64 %i, 1023
  %p = getelementptr i8, ptr %a, i64 %m
  store i8 1, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp eq i64 %i.next, %e
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

; The step is nuw: no select.
define void @nuw(ptr %a, i64 %b, i64 %e) {
; CHECK-LABEL: define void @nuw(
; CHECK:         %cp.chunk1 = call i64 @llvm.umin.i64(i64 %cp.left, i64 256)
; CHECK-NEXT:    %cp.chunk.end = add i64 %i.strip, %cp.chunk1
; CHECK-NOT:     select
; CHECK:         ret void
entry:
  br label %loop
loop:
  %i = phi i64 [ %b, %entry ], [ %i.next, %loop ]
  %m = and i64 %i, 1023
  %p = getelementptr i8, ptr %a, i64 %m
  store i8 1, ptr %p
  %i.next = add nuw i64 %i, 1
  %c = icmp eq i64 %i.next, %e
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

; Entered only when b != e: no select.
define void @guarded(ptr %a, i64 %b, i64 %e) {
; CHECK-LABEL: define void @guarded(
; CHECK:         %cp.chunk1 = call i64 @llvm.umin.i64(i64 %cp.left, i64 256)
; CHECK-NEXT:    %cp.chunk.end = add i64 %i.strip, %cp.chunk1
; CHECK-NOT:     select
; CHECK:         ret void
entry:
  %z = icmp eq i64 %b, %e
  br i1 %z, label %exit, label %loop
loop:
  %i = phi i64 [ %b, %entry ], [ %i.next, %loop ]
  %m = and i64 %i, 1023
  %p = getelementptr i8, ptr %a, i64 %m
  store i8 1, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp eq i64 %i.next, %e
  br i1 %c, label %exit, label %loop
exit:
  ret void
}
