; LLVM's runtime unroller leaves two induction variables in a loop: the
; index the body addresses with and a count the exit test uses, equal on
; every iteration (same start, same step).  Strip-mining restarts each
; chunk from phis of the strip header, after which loop strength reduction
; cannot tell them equal and keeps both (one more instruction per
; iteration); so the pass folds the index into the count first.  A phi
; with another start or step is a second variable: such a loop is not
; strip-mined (-cancelpoints-strip-mine-ivs=1, StripMine.h), or with both
; variables restarted per chunk when two are allowed.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -cancelpoints-strip-mine-ivs=2 -S %s | FileCheck %s --check-prefix=IVS2

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define void @twins(ptr %a, i64 %n) {
; CHECK-LABEL: define void @twins(
; CHECK:       cp.strip:
; CHECK-NEXT:    %niter.strip = phi i64
; CHECK-NOT:     %i.strip
; CHECK:       loop:
; CHECK-NEXT:    %niter = phi i64 [ %niter.strip, %cp.strip ], [ %niter.next, %loop ]
; CHECK-NOT:     phi
; CHECK:         %p = getelementptr i8, ptr %a, i64 %niter
; CHECK:         %i.next = add nuw i64 %niter, 2
; CHECK:         %c = icmp eq i64 %niter.next, %cp.chunk.end
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %niter = phi i64 [ 0, %entry ], [ %niter.next, %loop ]
  %p = getelementptr i8, ptr %a, i64 %i
  store i8 1, ptr %p
  %q = getelementptr i8, ptr %p, i64 1
  store i8 2, ptr %q
  %i.next = add nuw i64 %i, 2
  %niter.next = add i64 %niter, 2
  %c = icmp eq i64 %niter.next, %n
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

; The index starts at 1: not a twin, a second variable.
define void @offset(ptr %a, i64 %n) {
; CHECK-LABEL: define void @offset(
; CHECK-NOT:     cp.strip
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i64 [ 1, %entry ]
; CHECK-NEXT:    %niter = phi i64 [ 0, %entry ]
; CHECK-NOT:     cp.strip
; CHECK:       cp.latchpoll:
; IVS2-LABEL: define void @offset(
; IVS2:       loop:
; IVS2-NEXT:    %i = phi i64 [ %i.strip, %cp.strip ], [ %i.next, %loop ]
; IVS2-NEXT:    %niter = phi i64 [ %cp.count, %cp.strip ], [ %niter.next, %loop ]
entry:
  br label %loop
loop:
  %i = phi i64 [ 1, %entry ], [ %i.next, %loop ]
  %niter = phi i64 [ 0, %entry ], [ %niter.next, %loop ]
  %p = getelementptr i8, ptr %a, i64 %i
  store i8 1, ptr %p
  %i.next = add i64 %i, 2
  %niter.next = add i64 %niter, 2
  %c = icmp eq i64 %niter.next, %n
  br i1 %c, label %exit, label %loop
exit:
  ret void
}
