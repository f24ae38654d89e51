; Well-known pure libc functions (memcmp, bcmp - LLVM's rewrite of
; memcmp(...) == 0 -, strlen) run for a time bounded by their input: a call
; to one is not worth a reset region armed in place (an arm in a function
; costs it its register coalescing: duktape's enumerator grew 17 KB over a
; bcmp).  The loop keeps its plain poll (on its back edge: LatchPoll.h).
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @bcmp(ptr, ptr, i64) nounwind memory(argmem: read)
declare i32 @memcmp(ptr, ptr, i64) nounwind memory(argmem: read)
declare i64 @strlen(ptr) nounwind memory(argmem: read)

; REMARK: remark: <unknown>:0:0: poll on the back edge of the loop (no poll in a trip of one iteration): the loop has effects (store)
; REMARK-NOT: extends across

define void @count_eq(ptr %a, ptr %b, ptr %out, i64 %n) {
; CHECK-LABEL: define void @count_eq(
; CHECK-NOT:     __cp_arm
; CHECK:       loop:
; CHECK-NOT:     __cp_arm
; CHECK:         call i32 @bcmp(
; CHECK:         call i32 @memcmp(
; CHECK:         call i64 @strlen(
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     __cp_arm
; CHECK:         ret void
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %e = call i32 @bcmp(ptr %a, ptr %b, i64 %i)
  %m = call i32 @memcmp(ptr %a, ptr %b, i64 %i)
  %l = call i64 @strlen(ptr %a)
  %s = add i32 %e, %m
  %l32 = trunc i64 %l to i32
  %t = add i32 %s, %l32
  %p = getelementptr i32, ptr %out, i64 %i
  store i32 %t, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
