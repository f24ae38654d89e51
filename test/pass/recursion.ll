; Functions on a call-graph cycle get a poll at entry (site kind
; CP_SITE_RECURSION = 2); others do not.  Calls through pointers do not make
; a cycle.  A recursive effect-free function (naive fib) stays effect-free
; for its callers: a loop calling it is a reset region.  By default an
; effect-free recursion runs in one region instead (recursion-region.ll);
; -cancelpoints-recursion-regions=false gives every member an entry poll.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-outline=false -cancelpoints-recursion-regions=false -cancelpoints-point-calls=false -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s --check-prefix=NOCALL
; RUN: %opt -passes=cancelpoints -cancelpoints-outline=false -cancelpoints-recursion-regions=false -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: poll at entry: function is recursive
; REMARK: remark: <unknown>:0:0: poll at entry: function is recursive
; REMARK: remark: <unknown>:0:0: poll at entry: function is recursive
; REMARK: remark: <unknown>:0:0: poll at entry: function is recursive
; REMARK: remark: <unknown>:0:0: no point at loop header: every iteration calls 'fib', which polls at its entry
; REMARK-NOT: remark

; CHECK: @[[NAME:.cp.str[.0-9]*]] = {{.*}} c"fib\00"
; CHECK: @[[SITE:__cp_site[.0-9]*]] = private unnamed_addr constant { ptr, ptr, i32, i32 } { ptr @[[NAME]], ptr @{{.*}}, i32 0, i32 2 }
; CHECK: @__cp_sites.{{.*}} = private constant {{.*}}blockaddress({{.*}}ptr @[[SITE]] to i64){{.*}} section "__cp_sites"

define i32 @fib(i32 %n) {
; CHECK-LABEL: define i32 @fib(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %cp.tls = call {{.*}}@llvm.threadlocal.address.p0(
; CHECK-NEXT:    %cp.poll = load volatile i32, ptr %cp.tls
; CHECK-NEXT:    %cp.pending = icmp ne i32 %cp.poll, 0
; CHECK-NEXT:    br i1 %cp.pending, label %cp.slow, label %entry.cont
; CHECK:       cp.slow:
; CHECK-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm_at()
; CHECK:       entry.cont:
; CHECK-NEXT:    %small = icmp slt i32 %n, 2
; CHECK-NOT:     __cp_
; CHECK:         ret i32
entry:
  %small = icmp slt i32 %n, 2
  br i1 %small, label %base, label %rec
base:
  ret i32 %n
rec:
  %n1 = sub i32 %n, 1
  %f1 = call i32 @fib(i32 %n1)
  %n2 = sub i32 %n, 2
  %f2 = call i32 @fib(i32 %n2)
  %s = add i32 %f1, %f2
  ret i32 %s
}

@out = global i32 0

; Mutual recursion, with effects.
define void @even(i32 %n) {
; CHECK-LABEL: define void @even(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %cp.tls = call
; CHECK-NEXT:    %cp.poll = load volatile i32
entry:
  store i32 0, ptr @out
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %more
more:
  %m = sub i32 %n, 1
  call void @odd(i32 %m)
  br label %done
done:
  ret void
}

define void @odd(i32 %n) {
; CHECK-LABEL: define void @odd(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %cp.tls = call
; CHECK-NEXT:    %cp.poll = load volatile i32
entry:
  store i32 1, ptr @out
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %more
more:
  %m = sub i32 %n, 1
  call void @even(i32 %m)
  br label %done
done:
  ret void
}

; Self-recursion through a tail call, effectful.
define void @countdown(i32 %n) {
; CHECK-LABEL: define void @countdown(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %cp.tls = call
; CHECK-NEXT:    %cp.poll = load volatile i32
entry:
  store i32 %n, ptr @out
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %more
more:
  %m = sub i32 %n, 1
  tail call void @countdown(i32 %m)
  br label %done
done:
  ret void
}

; Calls a recursive function but is not recursive: no entry poll.
define i32 @caller(i32 %n) {
; CHECK-LABEL: define i32 @caller(
; CHECK-NOT:     __cp_
; CHECK:         ret i32
  %r = call i32 @fib(i32 %n)
  call void @even(i32 %n)
  ret i32 %r
}

; Recursion only through a function pointer is not seen: no entry poll.
@fp = global ptr @via_pointer
define void @via_pointer(i32 %n) {
; CHECK-LABEL: define void @via_pointer(
; CHECK-NOT:     __cp_
; CHECK:         ret void
  %f = load ptr, ptr @fp
  call void %f(i32 %n)
  ret void
}

; fib is effect-free (optimistic fixed point), and it polls at its entry: a
; loop that calls it on every iteration passes a point on every iteration,
; so it gets nothing (with -cancelpoints-point-calls=false: a region).
define i32 @sum_fibs(i32 %n) {
; NOCALL-LABEL: define i32 @sum_fibs(
; NOCALL-NOT:     __cp_
; NOCALL:         ret i32
; CHECK-LABEL: define i32 @sum_fibs(
; CHECK:         call i32 @__cp_arm(
; CHECK:       loop:
; CHECK-NOT:     {{__cp_|volatile}}
; CHECK:         call i32 @fib(
; CHECK-NOT:     {{__cp_|volatile}}
; CHECK:         br i1 %c, label %loop, label %cp.edge
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi i32 [ 0, %entry ], [ %s.next, %loop ]
  %f = call i32 @fib(i32 %i)
  %s.next = add i32 %s, %f
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i32 %s.next
}
