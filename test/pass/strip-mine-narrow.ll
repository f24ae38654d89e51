; Strip-mining a loop whose induction variable is narrow: the chunk span
; (steps * |step|) must fit the variable's type, or the chunk end lands
; where the variable never does (256 steps of an i8 wrap to a span of 0: the
; loop ran past its end and never left).  The chunk shrinks to the largest
; number of steps that fits; with fewer than two, the loop keeps a header
; poll.  (-cancelpoints-bounded-work=0: these loops are small enough to need
; no point at all otherwise.)
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-bounded-work=0 -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 -cancelpoints-bounded-work=0 -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: poll once every 255 iterations of counted loop: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: poll once every 51 iterations of counted loop: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: poll once every 218 iterations of counted loop: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)

; i8, step 1: 255 steps.
define void @i8step1(ptr %a, i8 %b, i8 %e) {
; CHECK-LABEL: define void @i8step1(
; CHECK:         %cp.chunk1 = call i8 @llvm.umin.i8(i8 %cp.left, i8 -1)
entry:
  br label %loop
loop:
  %i = phi i8 [ %b, %entry ], [ %i.next, %loop ]
  %p = getelementptr i8, ptr %a, i8 %i
  store i8 %i, ptr %p
  %i.next = add i8 %i, 1
  %c = icmp eq i8 %i.next, %e
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

; i8, step 5: 51 steps, a span of 255.
define void @i8step5(ptr %a, i8 %b, i8 %e) {
; CHECK-LABEL: define void @i8step5(
; CHECK:         %cp.chunk1 = call i8 @llvm.umin.i8(i8 %cp.left, i8 -1)
entry:
  br label %loop
loop:
  %i = phi i8 [ %b, %entry ], [ %i.next, %loop ]
  %p = getelementptr i8, ptr %a, i8 %i
  store i8 %i, ptr %p
  %i.next = add i8 %i, 5
  %c = icmp eq i8 %i.next, %e
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

; i16, step -300: 218 steps, a span of 65400.
define void @i16down300(ptr %a, i16 %b, i16 %e) {
; CHECK-LABEL: define void @i16down300(
; CHECK:         %cp.left = sub i16 %i.strip, %e
; CHECK-NEXT:    %cp.chunk1 = call i16 @llvm.umin.i16(i16 %cp.left, i16 -136)
; CHECK-NEXT:    %cp.at.end = icmp eq i16 %cp.left, 0
; CHECK-NEXT:    %cp.chunk.len = select i1 %cp.at.end, i16 -136, i16 %cp.chunk1
; CHECK-NEXT:    %cp.chunk.end = sub i16 %i.strip, %cp.chunk.len
entry:
  br label %loop
loop:
  %i = phi i16 [ %b, %entry ], [ %i.next, %loop ]
  %p = getelementptr i8, ptr %a, i16 %i
  store i8 1, ptr %p
  %i.next = add i16 %i, -300
  %c = icmp eq i16 %i.next, %e
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

; i8, step -128: not two steps fit; a poll at the header.
define void @i8step128(ptr %a, i8 %b, i8 %e) {
; CHECK-LABEL: define void @i8step128(
; CHECK-NOT:     cp.strip
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     cp.strip
; CHECK:         ret void
entry:
  br label %loop
loop:
  %i = phi i8 [ %b, %entry ], [ %i.next, %loop ]
  %p = getelementptr i8, ptr %a, i8 %i
  store i8 %i, ptr %p
  %i.next = add i8 %i, -128
  %c = icmp eq i8 %i.next, %e
  br i1 %c, label %exit, label %loop
exit:
  ret void
}
