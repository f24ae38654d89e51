; A cold loop gets the smallest point (FunctionPlan.cpp): no strip-mining
; and no copies for a back-edge poll.  Cold: entered less than once in 1024
; calls of its function by the static estimate (here __builtin_expect's
; weights, 1 in 2001), or any loop of a cold, -Os or -Oz function.  The
; same loops on the likely path are strip-mined and unrolled as usual.
; -cancelpoints-cold-smallest=0 treats every loop as hot.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-cold-smallest=0 -S %s | FileCheck %s --check-prefix=OFF
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK-LABEL: remark: <unknown>:0:0: cold loop (its nest is entered less than once in 1024 calls, by the static estimate): the smallest point
; REMARK-NEXT:  remark: <unknown>:0:0: poll on the back edge of the loop (no poll in a trip of one iteration): the loop has effects (store)
; REMARK-NEXT:  remark: <unknown>:0:0: poll once every 256 iterations of counted loop: the loop has effects (store)
; REMARK-NEXT:  remark: <unknown>:0:0: cold loop (its nest is entered less than once in 1024 calls, by the static estimate): the smallest point
; REMARK-NEXT:  remark: <unknown>:0:0: poll at loop header: the loop has effects (store)
; REMARK-NEXT:  remark: <unknown>:0:0: poll on the back edge of the loop (no poll in a trip of one iteration): effect-free loop nested in a loop with effects
; REMARK-NEXT:  remark: <unknown>:0:0: poll at loop header: the loop has effects (store)
; REMARK-NEXT:  remark: <unknown>:0:0: poll on the back edge of the loop unrolled 5 times (6 instructions; no poll in a trip of at most 5 iterations): effect-free loop nested in a loop with effects
; REMARK-NEXT:  remark: <unknown>:0:0: poll on the back edge of the loop (no poll in a trip of one iteration): the loop has effects (store)
; REMARK-NEXT:  remark: <unknown>:0:0: poll at loop header: the loop has effects (store)
; REMARK-NOT:   remark

; The same counted loop twice: on the unlikely path its poll on the back
; edge, on the likely one a poll per chunk of 256 iterations.
define void @fill(ptr %a, i64 %n, i1 %bad) {
; CHECK-LABEL: define void @fill(
; CHECK:       cold.loop:
; CHECK-NOT:     @llvm.umin
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     @llvm.umin
; CHECK:       cp.strip:
; CHECK:         @llvm.umin.i64(i64 %cp.left, i64 256)
; CHECK:       hot.loop:
; CHECK-NOT:     volatile
; CHECK:         icmp eq i64 %j.next, %cp.chunk.end
; OFF-LABEL:   define void @fill(
; OFF:           @llvm.umin.i64(i64 %cp.left, i64 256)
; OFF:         cold.loop:
; OFF:           @llvm.umin.i64(i64 %cp.left{{[0-9]+}}, i64 256)
; OFF:         hot.loop:
entry:
  %z = icmp eq i64 %n, 0
  br i1 %z, label %exit, label %check
check:
  br i1 %bad, label %cold.loop, label %hot.loop, !prof !0
cold.loop:
  %i = phi i64 [ 0, %check ], [ %i.next, %cold.loop ]
  %p = getelementptr i32, ptr %a, i64 %i
  store i32 0, ptr %p
  %i.next = add nuw i64 %i, 1
  %c = icmp eq i64 %i.next, %n
  br i1 %c, label %exit, label %cold.loop
hot.loop:
  %j = phi i64 [ 0, %check ], [ %j.next, %hot.loop ]
  %q = getelementptr i32, ptr %a, i64 %j
  %v = trunc i64 %j to i32
  store i32 %v, ptr %q
  %j.next = add nuw i64 %j, 1
  %d = icmp eq i64 %j.next, %n
  br i1 %d, label %exit, label %hot.loop
exit:
  ret void
}

; A small scan nested in a loop with effects: unrolled for its back-edge
; poll where it is hot, its poll only moved where it is cold.
define void @scan(ptr %v, i64 %n, i32 %key, i1 %bad) {
; CHECK-LABEL: define void @scan(
; CHECK:       cold.scan:
; CHECK-NOT:     .u1
; CHECK:       hot.outer:
; CHECK:       hot.scan.u1:
; OFF-LABEL:   define void @scan(
; OFF:         cold.scan.u1:
entry:
  br i1 %bad, label %cold.outer, label %hot.outer, !prof !0
cold.outer:
  %co = phi i64 [ 0, %entry ], [ %ci, %cold.next ]
  br label %cold.scan
cold.scan:
  %ci = phi i64 [ %co, %cold.outer ], [ %ci.next, %cold.scan ]
  %cp = getelementptr i32, ptr %v, i64 %ci
  %cx = load i32, ptr %cp
  %ci.next = add nsw i64 %ci, 1
  %clt = icmp slt i32 %cx, %key
  br i1 %clt, label %cold.scan, label %cold.next
cold.next:
  store i32 %key, ptr %cp
  %cdone = icmp sge i64 %ci, %n
  br i1 %cdone, label %exit, label %cold.outer
hot.outer:
  %ho = phi i64 [ 0, %entry ], [ %hi, %hot.next ]
  br label %hot.scan
hot.scan:
  %hi = phi i64 [ %ho, %hot.outer ], [ %hi.next, %hot.scan ]
  %hp = getelementptr i32, ptr %v, i64 %hi
  %hx = load i32, ptr %hp
  %hi.next = add nsw i64 %hi, 1
  %hlt = icmp slt i32 %hx, %key
  br i1 %hlt, label %hot.scan, label %hot.next
hot.next:
  store i32 %key, ptr %hp
  %hdone = icmp sge i64 %hi, %n
  br i1 %hdone, label %exit, label %hot.outer
exit:
  ret void
}

; Every loop of a cold function, and of a -Os one, is cold.
define void @fill_cold(ptr %a, i64 %n) cold {
; CHECK-LABEL: define void @fill_cold(
; CHECK-NOT:     @llvm.umin
; CHECK:         %cp.poll = load volatile i32
; CHECK-NOT:     @llvm.umin
; CHECK:       define void @fill_os(
; OFF-LABEL:   define void @fill_cold(
; OFF:           @llvm.umin
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %a, i64 %i
  store i32 0, ptr %p
  %i.next = add nuw i64 %i, 1
  %c = icmp eq i64 %i.next, %n
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

define void @fill_os(ptr %a, i64 %n) optsize {
; CHECK-NOT:     @llvm.umin
; CHECK:         %cp.poll = load volatile i32
; CHECK-NOT:     @llvm.umin
; CHECK:       }
; OFF-LABEL:   define void @fill_os(
; OFF:           @llvm.umin
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr i32, ptr %a, i64 %i
  store i32 0, ptr %p
  %i.next = add nuw i64 %i, 1
  %c = icmp eq i64 %i.next, %n
  br i1 %c, label %exit, label %loop
exit:
  ret void
}

!0 = !{!"branch_weights", i32 1, i32 2000}
