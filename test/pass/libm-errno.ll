; A libm call (log) that may set errno (-fmath-errno, clang's default) is
; effect-free in a module that never reads errno: a rewound run leaves only
; errno values that the completed run sets again, and nothing in a region
; can read them.  In a module that reads errno (__errno_location), a region
; could read back what the rewound run left: there the call is an effect,
; and the loop polls.  A call marked as reading nothing stays effect-free.
; RUN: split-file %s %t
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %t/quiet.ll 2>&1 | FileCheck %s --check-prefix=QUIET
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %t/reads.ll 2>&1 | FileCheck %s --check-prefix=READS

; QUIET: remark: <unknown>:0:0: reset region armed before effect-free loop
; READS: remark: <unknown>:0:0: poll on the back edge of the loop (no poll in a trip of one iteration): the loop has effects (call to 'log')
; READS-NEXT: remark: <unknown>:0:0: reset region armed before effect-free loop

;--- quiet.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare double @log(double)

define double @sumlog(ptr %a, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %loop ]
  %p = getelementptr double, ptr %a, i64 %i
  %x = load double, ptr %p
  %l = call double @log(double %x)
  %s.next = fadd double %s, %l
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret double %s.next
}

;--- reads.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare double @log(double)
declare ptr @__errno_location() nounwind memory(none)

define i64 @first_bad(ptr %a, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %next ]
  %p = getelementptr double, ptr %a, i64 %i
  %x = load double, ptr %p
  %l = call double @log(double %x)
  %e = call ptr @__errno_location()
  %err = load i32, ptr %e
  %bad = icmp ne i32 %err, 0
  br i1 %bad, label %exit, label %next
next:
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  %r = phi i64 [ %i, %loop ], [ -1, %next ]
  ret i64 %r
}

; -fno-math-errno: the call reads nothing, so it stays effect-free.
define double @sumlog_noerrno(ptr %a, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %loop ]
  %p = getelementptr double, ptr %a, i64 %i
  %x = load double, ptr %p
  %l = call double @log(double %x) nounwind memory(none)
  %s.next = fadd double %s, %l
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret double %s.next
}
