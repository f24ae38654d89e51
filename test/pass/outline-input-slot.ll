; Found by make fuzz (pure flavour): an outlined region takes the address of
; a slot of a local array as an input when LICM has hoisted that GEP out of
; the loop.  Such an argument has one use, a store, like an output's; the
; pass moved that store to the region's returns, as it does an output's, so
; the loop read the slot back (through the array's base) before anything was
; stored into it: stale values, a wrong result at -O1 and above.  Only the
; outputs CodeExtractor made (their slots are allocas it adds) are sunk: the
; loop keeps its stores to the slots, and the output is stored at the return.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -cancelpoints-latch-poll=0 -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i64 @work(i64 %n) {
; CHECK-LABEL: define i64 @work(
; CHECK:         call void @__cp_region_tramp.
; CHECK-LABEL: define internal void @work.cp.region(
; CHECK:       loop:
; CHECK:         store i64 %x, ptr %t,
; CHECK-NEXT:    store i64 %i, ptr %slot1,
; CHECK-NEXT:    %y = mul i64 %a, 7
; CHECK-NEXT:    store i64 %y, ptr %slot2,
; CHECK:         %v = load i64, ptr %p,
; CHECK:         br i1 %done, label %[[EXIT:.*]], label %loop
; CHECK:       [[EXIT]]:
; CHECK-NEXT:    store i64 %a.next, ptr
; CHECK-NEXT:    ret void
entry:
  %t = alloca [4 x i64], align 16
  %slot1 = getelementptr inbounds i8, ptr %t, i64 8
  %slot2 = getelementptr inbounds i8, ptr %t, i64 16
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %a = phi i64 [ 37036, %entry ], [ %a.next, %loop ]
  %x = add i64 %a, 12345
  call void @llvm.lifetime.start.p0(i64 32, ptr %t)
  store i64 %x, ptr %t, align 16
  store i64 %i, ptr %slot1, align 8
  %y = mul i64 %a, 7
  store i64 %y, ptr %slot2, align 16
  %k = and i64 %x, 3
  %p = getelementptr inbounds [4 x i64], ptr %t, i64 0, i64 %k
  %v = load i64, ptr %p, align 8
  %a.next = xor i64 %v, %a
  call void @llvm.lifetime.end.p0(i64 32, ptr %t)
  %i.next = add nuw i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i64 %a.next
}

declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)
