; A call given nothing that reads nothing (glibc's __ctype_b_loc and
; __errno_location: nullary, memory(none), willreturn) has no input to run
; long on: it is not worth a reset region armed in place, which costs the
; function a returns_twice arm and a store and a load of every value live
; across it (gawk's do_sub, a loop over isalpha(): 48 values, its frame
; 200 -> 2088 bytes).  The loop keeps its plain poll.  The same call with an
; argument, or one that may not return, is still worth one.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare ptr @__ctype_b_loc() nounwind willreturn memory(none)
declare ptr @table_for(i32) nounwind willreturn memory(none)
declare ptr @may_spin() nounwind memory(none)

; REMARK:      remark: <unknown>:0:0: poll on the back edge of the loop (no poll in a trip of one iteration): the loop has effects (store)
; REMARK-NOT:  extends across call to '__ctype_b_loc'
; REMARK:      remark: <unknown>:0:0: reset region from the loop poll extends across call to 'table_for'
; REMARK:      remark: <unknown>:0:0: reset region from the loop poll extends across call to 'may_spin'

; for (...) out[i] = (*__ctype_b_loc())[s[i]] & 1024;
define void @classify(ptr %s, ptr %out, i64 %n) {
; CHECK-LABEL: define void @classify(
; CHECK-NOT:     __cp_arm
; CHECK-NOT:     store volatile
; CHECK:         call ptr @__ctype_b_loc()
; CHECK:         %cp.poll = load volatile i32
; CHECK-NOT:     __cp_arm
; CHECK:         ret void
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %t = call ptr @__ctype_b_loc()
  %tab = load ptr, ptr %t
  %cp = getelementptr i8, ptr %s, i64 %i
  %c = load i8, ptr %cp
  %ci = zext i8 %c to i64
  %ep = getelementptr i16, ptr %tab, i64 %ci
  %e = load i16, ptr %ep
  %m = and i16 %e, 1024
  %op = getelementptr i16, ptr %out, i64 %i
  store i16 %m, ptr %op
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

define void @with_argument(ptr %out, i64 %n) {
; CHECK-LABEL: define void @with_argument(
; CHECK:         call i32 @__cp_arm(
; CHECK:         call ptr @table_for(
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %k = trunc i64 %i to i32
  %t = call ptr @table_for(i32 %k)
  %op = getelementptr ptr, ptr %out, i64 %i
  store ptr %t, ptr %op
  %i.next = add i64 %i, 1
  %done = icmp slt i64 %i.next, %n
  br i1 %done, label %loop, label %exit
exit:
  ret void
}

define void @not_known_to_return(ptr %out, i64 %n) {
; CHECK-LABEL: define void @not_known_to_return(
; CHECK:         call i32 @__cp_arm(
; CHECK:         call ptr @may_spin(
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %t = call ptr @may_spin()
  %op = getelementptr ptr, ptr %out, i64 %i
  store ptr %t, ptr %op
  %i.next = add i64 %i, 1
  %done = icmp slt i64 %i.next, %n
  br i1 %done, label %loop, label %exit
exit:
  ret void
}
