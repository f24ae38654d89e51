; A module that defines its own `sleep`: its calls are not redirected (the
; callee must be a declaration).
; RUN: %opt -passes='cancelpoints,verify' -S %s | FileCheck %s
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-NOT: @__cp_i_
; CHECK-LABEL: define i32 @caller(
; CHECK: call i32 @sleep(i32 %x)
define i32 @sleep(i32 %x) {
  ret i32 %x
}
define i32 @caller(i32 %x) {
entry:
  %r = call i32 @sleep(i32 %x)
  ret i32 %r
}
