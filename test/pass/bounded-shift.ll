; A loop that shifts a value by a constant each iteration and leaves at its
; latch on a comparison with a constant (xz's price loops) gets no point when
; every start the value's range allows leaves within a few iterations
; (Bounds.cpp, shiftTripBound): a byte plus 256 shifted right until it is 1
; (8 iterations), or shifted left until it reaches 0x10000 (8).  A start of
; 0 shifted left never leaves, and a full-range start is not enumerated:
; those loops keep their points (here reset regions: the loops are
; effect-free).
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-bound-ranges=0 -S %s | FileCheck %s --check-prefix=OFF

; REMARK-COUNT-2: remark: <unknown>:0:0: no point at loop header: its trip count is at most 8 (by running its shift recurrence from each start)
; REMARK-COUNT-2: remark: <unknown>:0:0: reset region armed

; CHECK-LABEL: define i32 @tree_price(
; CHECK-NOT:     __cp_
; CHECK:         ret i32
; CHECK-LABEL: define i32 @matched_price(
; CHECK-NOT:     __cp_
; CHECK:         ret i32
; CHECK-LABEL: define i32 @zero_start(
; CHECK:         call {{.*}}@__cp_region_tramp
; CHECK-LABEL: define i32 @any_start(
; CHECK:         call {{.*}}@__cp_region_tramp
; OFF-LABEL: define i32 @tree_price(
; OFF:           call {{.*}}@__cp_region_tramp
; OFF-LABEL: define i32 @matched_price(
; OFF:           call {{.*}}@__cp_region_tramp

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; do { price += probs[s >> 1]; s >>= 1; } while (s != 1), s = byte + 256
define i32 @tree_price(ptr %probs, i8 %byte) {
entry:
  %b = zext i8 %byte to i32
  %start = add nuw nsw i32 %b, 256
  br label %loop
loop:
  %s = phi i32 [ %start, %entry ], [ %s.next, %loop ]
  %price = phi i32 [ 0, %entry ], [ %price.next, %loop ]
  %s.next = lshr i32 %s, 1
  %i = zext i32 %s.next to i64
  %p = getelementptr inbounds i16, ptr %probs, i64 %i
  %v = load i16, ptr %p
  %w = zext i16 %v to i32
  %price.next = add i32 %price, %w
  %more = icmp ne i32 %s.next, 1
  br i1 %more, label %loop, label %exit
exit:
  ret i32 %price.next
}

; do { price += probs[s]; s <<= 1; } while (s < 0x10000), s = byte + 256
define i32 @matched_price(ptr %probs, i8 %byte) {
entry:
  %b = zext i8 %byte to i32
  %start = add nuw nsw i32 %b, 256
  br label %loop
loop:
  %s = phi i32 [ %start, %entry ], [ %s.next, %loop ]
  %price = phi i32 [ 0, %entry ], [ %price.next, %loop ]
  %i = zext i32 %s to i64
  %p = getelementptr inbounds i16, ptr %probs, i64 %i
  %v = load i16, ptr %p
  %w = zext i16 %v to i32
  %price.next = add i32 %price, %w
  %s.next = shl i32 %s, 1
  %more = icmp ult i32 %s.next, 65536
  br i1 %more, label %loop, label %exit
exit:
  ret i32 %price.next
}

; The same with s = byte: a zero byte stays 0 and never leaves.
define i32 @zero_start(ptr %probs, i8 %byte) {
entry:
  %start = zext i8 %byte to i32
  br label %loop
loop:
  %s = phi i32 [ %start, %entry ], [ %s.next, %loop ]
  %price = phi i32 [ 0, %entry ], [ %price.next, %loop ]
  %i = zext i32 %s to i64
  %p = getelementptr inbounds i16, ptr %probs, i64 %i
  %v = load i16, ptr %p
  %w = zext i16 %v to i32
  %price.next = add i32 %price, %w
  %s.next = shl i32 %s, 1
  %more = icmp ult i32 %s.next, 65536
  br i1 %more, label %loop, label %exit
exit:
  ret i32 %price.next
}

; A start of any i32: too many to run (and 1 would never leave).
define i32 @any_start(ptr %probs, i32 %start) {
entry:
  br label %loop
loop:
  %s = phi i32 [ %start, %entry ], [ %s.next, %loop ]
  %price = phi i32 [ 0, %entry ], [ %price.next, %loop ]
  %s.next = lshr i32 %s, 1
  %i = zext i32 %s.next to i64
  %p = getelementptr inbounds i16, ptr %probs, i64 %i
  %v = load i16, ptr %p
  %w = zext i16 %v to i32
  %price.next = add i32 %price, %w
  %more = icmp ne i32 %s.next, 1
  br i1 %more, label %loop, label %exit
exit:
  ret i32 %price.next
}
