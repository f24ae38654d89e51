; The region trampoline is linkonce_odr, hidden, in a comdat of its own
; name, and named after its body's signature, so that a linked program keeps
; one copy per signature however many modules emit it.  Two modules with a
; loop of the same signature, linked together: one trampoline survives.
; RUN: rm -rf %t && split-file %s %t
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -cancelpoints-region-peel=0 -S %t/a.ll | FileCheck %s
; RUN: %opt -passes=cancelpoints -cancelpoints-region-peel=0 %t/a.ll | llc -O2 -filetype=obj -o %t/a.o
; RUN: %opt -passes=cancelpoints -cancelpoints-region-peel=0 %t/b.ll | llc -O2 -filetype=obj -o %t/b.o
; RUN: llvm-nm %t/a.o | FileCheck %s --check-prefix=ONE
; RUN: llvm-nm %t/b.o | FileCheck %s --check-prefix=ONE
; RUN: %clang -r -nostdlib %t/a.o %t/b.o -o %t/ab.o
; RUN: llvm-nm %t/ab.o | FileCheck %s --check-prefixes=ONE,BOTH

; CHECK: $[[T:__cp_region_tramp\.v\.ppp]] = comdat any
; CHECK-NOT: define internal {{.*}}@__cp_region_tramp
; CHECK: call void @[[T]](ptr @sum_a.cp.region,
; CHECK: define linkonce_odr hidden void @[[T]](ptr %0, ptr %1, ptr %2, ptr %3, ptr %4) local_unnamed_addr #{{[0-9]+}} comdat {
; CHECK-NOT: define internal {{.*}}@__cp_region_tramp

; ONE:     W __cp_region_tramp.v.ppp
; ONE-NOT: __cp_region_tramp
; BOTH:    T sum_a
; BOTH:    T sum_b

;--- a.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i64 @sum_a(ptr %a, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %loop ]
  %p = getelementptr inbounds i64, ptr %a, i64 %i
  %v = load i64, ptr %p
  %s.next = add i64 %s, %v
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i64 %s.next
}

;--- b.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i64 @sum_b(ptr %a, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %loop ]
  %p = getelementptr inbounds i64, ptr %a, i64 %i
  %v = load i64, ptr %p
  %s.next = xor i64 %s, %v
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i64 %s.next
}
