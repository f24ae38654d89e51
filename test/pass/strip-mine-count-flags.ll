; Found by make fuzz (pure flavour, at -O2 -flto): a strip-mined loop whose
; variable only counts iterations counts each chunk from -chunk up to 0
; (cp.count), but kept its step's nuw: the last step, -1 + 1, wraps as
; unsigned, so the exit test branched on poison, and LTO's optimiser, which
; runs again over the lowered IR, made the loop endless.  The count's step
; has no wrap flags.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,instcombine,simplifycfg' -cancelpoints-latch-poll=0 -S %s | FileCheck %s --check-prefix=OPT

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i64 0

define void @bump(i64 %n) {
; CHECK-LABEL: define void @bump(
; CHECK:       cp.strip:
; CHECK:         %cp.count = sub i64 %i.strip, %cp.chunk.end
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i64 [ %cp.count, %cp.strip ], [ %i.next, %loop ]
; CHECK:         %i.next = add i64 %i, 1
; CHECK-NEXT:    %c = icmp eq i64 %i.next, 0
; CHECK-NEXT:    br i1 %c, label %cp.chunk, label %loop
; OPT-LABEL: define void @bump(
; OPT:           br i1 %{{.*}}, label %cp.chunk, label %loop
; OPT:           ret void
entry:
  %z = icmp eq i64 %n, 0
  br i1 %z, label %exit, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %v = load i64, ptr @g, align 8
  %w = add i64 %v, 3
  store i64 %w, ptr @g, align 8
  %i.next = add nuw nsw i64 %i, 1
  %c = icmp eq i64 %i.next, %n
  br i1 %c, label %exit, label %loop
exit:
  ret void
}
