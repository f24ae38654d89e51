; Shapes the pass leaves alone, each with a missed remark saying why:
; setjmp (returns_twice), inline asm, naked, variadic, landing pads, the
; cancelpoints-nocancel attribute, annotate("cp_nocancel"), and the
; runtime's own entry points.  Each has a loop with effects that would
; otherwise get a poll.
; RUN: %opt -passes='cancelpoints,verify' -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i32 0
@.str = private unnamed_addr constant [12 x i8] c"cp_nocancel\00", section "llvm.metadata"
@.file = private unnamed_addr constant [4 x i8] c"a.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { ptr, ptr, ptr, i32, ptr }] [{ ptr, ptr, ptr, i32, ptr } { ptr @annotated, ptr @.str, ptr @.file, i32 1, ptr null }], section "llvm.metadata"

declare i32 @setjmp(ptr) returns_twice
declare i32 @_setjmp(ptr)
declare void @may_throw()
declare i32 @__gxx_personality_v0(...)

; REMARK-DAG: remark: <unknown>:0:0: function 'uses_setjmp' not instrumented: it calls returns_twice function 'setjmp'
; REMARK-DAG: remark: <unknown>:0:0: function 'uses__setjmp' not instrumented: it calls returns_twice function '_setjmp'
; REMARK-DAG: remark: <unknown>:0:0: function 'asm' not instrumented: it contains inline asm
; REMARK-DAG: remark: <unknown>:0:0: function 'naked' not instrumented: it is naked
; REMARK-DAG: remark: <unknown>:0:0: function 'variadic' not instrumented: it is variadic
; REMARK-DAG: remark: <unknown>:0:0: function 'eh' not instrumented: it has exception handling
; REMARK-DAG: remark: <unknown>:0:0: function 'nocancel' not instrumented: it is marked cancelpoints-nocancel
; REMARK-DAG: remark: <unknown>:0:0: function 'annotated' not instrumented: it is annotated cp_nocancel
; REMARK-DAG: remark: <unknown>:0:0: function 'cp_check_graceful' not instrumented: it is a cancelpoints runtime entry point
; REMARK-DAG: remark: <unknown>:0:0: function '__cp_internal' not instrumented: it is a cancelpoints runtime entry point

; CHECK-NOT: call {{.*}}@__cp_
; CHECK-NOT: load volatile i32

define void @uses_setjmp(ptr %buf, i32 %n) {
entry:
  %r = call i32 @setjmp(ptr %buf)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; _setjmp without the attribute is recognised by name.
define void @uses__setjmp(ptr %buf, i32 %n) {
entry:
  %r = call i32 @_setjmp(ptr %buf)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define void @asm(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  call void asm sideeffect "nop", ""()
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define void @naked() naked {
entry:
  %n = load i32, ptr @g
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define void @variadic(i32 %n, ...) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define void @eh(i32 %n) personality ptr @__gxx_personality_v0 {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %cont ]
  invoke void @may_throw() to label %cont unwind label %lpad
cont:
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
exit:
  ret void
}

define void @nocancel(i32 %n) "cancelpoints-nocancel" {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define void @annotated(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define void @cp_check_graceful(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

define void @__cp_internal(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr @g
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
