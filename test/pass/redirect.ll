; Plain libc blocking calls of instrumented functions go to the runtime's
; cancellable versions (CP_SYM_REDIRECT_PREFIX "__cp_i_"), only with the
; libc prototype, never in functions left alone, not with the option off.
; RUN: %opt -passes='cancelpoints,verify' -pass-remarks=cancelpoints -pass-remarks-missed=cancelpoints -S %s 2>%t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=REMARK < %t.err
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-mode=poll -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-redirect=false -S %s | FileCheck %s --check-prefix=OFF
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-mode=off -S %s | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; OFF-NOT: @__cp_i_

declare i64 @read(i32, ptr, i64)
declare i64 @write(i32, ptr, i64)
declare i64 @recv(i32, ptr, i64, i32)
declare i64 @send(i32, ptr, i64, i32)
declare i32 @accept(i32, ptr, ptr)
declare i32 @connect(i32, ptr, i32)
declare i32 @poll(ptr, i64, i32)
declare i32 @select(i32, ptr, ptr, ptr, ptr)
declare i32 @nanosleep(ptr, ptr)
declare i32 @sleep(i32)
declare i32 @usleep(i32)
declare i32 @pthread_cond_wait(ptr, ptr)
declare i32 @pthread_cond_timedwait(ptr, ptr, ptr)
declare i32 @sem_wait(ptr)
declare i32 @waitpid(i32, ptr, i32)
declare i64 @__read_chk(i32, ptr, i64, i64)
declare i64 @__recv_chk(i32, ptr, i64, i64, i32)
declare i32 @__poll_chk(ptr, i64, i32, i64)

; CHECK-LABEL: define i64 @all(
; CHECK: call i64 @__cp_i_read(i32 %fd, ptr %p, i64 %n)
; CHECK: call i64 @__cp_i_write(i32 %fd, ptr %p, i64 %n)
; CHECK: call i64 @__cp_i_recv(i32 %fd, ptr %p, i64 %n, i32 0)
; CHECK: call i64 @__cp_i_send(i32 %fd, ptr %p, i64 %n, i32 0)
; CHECK: call i32 @__cp_i_accept(
; CHECK: call i32 @__cp_i_connect(
; CHECK: call i32 @__cp_i_poll(
; CHECK: call i32 @__cp_i_select(
; CHECK: call i32 @__cp_i_nanosleep(
; CHECK: call i32 @__cp_i_sleep(i32 1000)
; CHECK: call i32 @__cp_i_usleep(
; CHECK: call i32 @__cp_i_pthread_cond_wait(ptr %p, ptr %q)
; CHECK: call i32 @__cp_i_pthread_cond_timedwait(
; CHECK: call i32 @__cp_i_sem_wait(ptr %p)
; CHECK: call i32 @__cp_i_waitpid(
; CHECK: call i64 @__cp_i___read_chk(
; CHECK: call i64 @__cp_i___recv_chk(
; CHECK: call i32 @__cp_i___poll_chk(
; CHECK-NOT: call {{.*}} @read(
; CHECK: ret i64
; REMARK: remark: <unknown>:0:0: call to 'read' redirected to '__cp_i_read': a cancellation point
; REMARK: remark: <unknown>:0:0: call to 'sleep' redirected to '__cp_i_sleep': a cancellation point
; OFF-LABEL: define i64 @all(
; OFF: call i64 @read(
; OFF: call i32 @sleep(
define i64 @all(i32 %fd, ptr %p, ptr %q, i64 %n) {
entry:
  %r0 = call i64 @read(i32 %fd, ptr %p, i64 %n)
  %r1 = call i64 @write(i32 %fd, ptr %p, i64 %n)
  %r2 = call i64 @recv(i32 %fd, ptr %p, i64 %n, i32 0)
  %r3 = call i64 @send(i32 %fd, ptr %p, i64 %n, i32 0)
  %r4 = call i32 @accept(i32 %fd, ptr %p, ptr %q)
  %r5 = call i32 @connect(i32 %fd, ptr %p, i32 16)
  %r6 = call i32 @poll(ptr %p, i64 1, i32 -1)
  %r7 = call i32 @select(i32 %fd, ptr %p, ptr null, ptr null, ptr null)
  %r8 = call i32 @nanosleep(ptr %p, ptr %q)
  %r9 = call i32 @sleep(i32 1000)
  %r10 = call i32 @usleep(i32 5)
  %r11 = call i32 @pthread_cond_wait(ptr %p, ptr %q)
  %r12 = call i32 @pthread_cond_timedwait(ptr %p, ptr %q, ptr null)
  %r13 = call i32 @sem_wait(ptr %p)
  %r14 = call i32 @waitpid(i32 %fd, ptr %p, i32 0)
  %r15 = call i64 @__read_chk(i32 %fd, ptr %p, i64 %n, i64 64)
  %r16 = call i64 @__recv_chk(i32 %fd, ptr %p, i64 %n, i64 64, i32 0)
  %r17 = call i32 @__poll_chk(ptr %p, i64 1, i32 0, i64 8)
  ret i64 %r0
}

; A call whose type is not the libc prototype (an old-style declaration, a
; program's own idea of "sleep") stays, with a missed remark.
; CHECK-LABEL: define i32 @mismatch(
; CHECK: call i32 @read(i32 %fd)
; CHECK: call i64 @sleep(i64 5)
; CHECK-NOT: @__cp_i_
; CHECK: ret i32
; REMARK: remark: <unknown>:0:0: call to 'read' not redirected: it does not have the libc prototype
define i32 @mismatch(i32 %fd) {
entry:
  %a = call i32 @read(i32 %fd)
  %b = call i64 @sleep(i64 5)
  ret i32 %a
}

; A function left alone (cp_nocancel) keeps its calls.
; CHECK-LABEL: define i64 @alone(
; CHECK: call i64 @read(
; CHECK-NOT: @__cp_i_
; CHECK: ret i64
define i64 @alone(i32 %fd, ptr %p) "cancelpoints-nocancel" {
entry:
  %r = call i64 @read(i32 %fd, ptr %p, i64 1)
  ret i64 %r
}
