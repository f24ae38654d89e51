; Recursion on aarch64 Linux as on x86_64: an effect-free recursion runs in
; one region armed at the entry from outside (a wrapper with aarch64's
; 23-word record; the recursive calls have no point), and with
; -cancelpoints-recursion-regions=false every member polls at its entry
; (site kind CP_SITE_RECURSION = 2) through the preserve_most stub.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-recursion-regions=false -cancelpoints-outline=false -cancelpoints-verify -S %s | FileCheck %s --check-prefix=POLL
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: reset region armed at the entry of effect-free recursion: 'fib' runs '{{.*}}' in it

; POLL: @[[SITE:__cp_site[.0-9]*]] = private unnamed_addr constant { ptr, ptr, i32, i32 } { ptr @{{.*}}, ptr @{{.*}}, i32 0, i32 2 }
; POLL: @__cp_sites.{{.*}} = private constant {{.*}}blockaddress({{.*}}ptr @[[SITE]] to i64){{.*}} section "__cp_sites"

; CHECK-LABEL: define i32 @fib(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    call i32 @[[T:__cp_region_tramp[.a-z0-9]*]](ptr @fib.cp.inner, ptr @{{.*}}, i32 %n)
; CHECK-NEXT:    ret i32
; The body, in the region: no point at all.
; CHECK-LABEL: define internal i32 @fib.cp.inner(
; CHECK-NOT:     {{__cp_|volatile}}
; CHECK:         call i32 @fib.cp.inner(
; CHECK-NOT:     {{__cp_|volatile}}
; CHECK:         ret i32
; CHECK:       define linkonce_odr hidden i32 @[[T]](
; CHECK:         %cp.ctx = alloca [23 x i64], align 16
; CHECK:         call i32 @__cp_arm(ptr %cp.ctx)
; CHECK:         call preserve_mostcc void @__cp_poll_slow_pm(
; CHECK:         %cp.prevp = getelementptr inbounds i8, ptr %cp.ctx, i64 168
; POLL-LABEL: define i32 @fib(
; POLL-NEXT:  entry:
; POLL-NEXT:    %cp.tls = call {{.*}}@llvm.threadlocal.address.p0(
; POLL-NEXT:    %cp.poll = load volatile i32, ptr %cp.tls
; POLL-NEXT:    %cp.pending = icmp ne i32 %cp.poll, 0
; POLL-NEXT:    br i1 %cp.pending, label %cp.slow, label %entry.cont
; POLL:       cp.slow:
; POLL-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm_at()
; POLL-NOT:     __cp_arm
; POLL:         ret i32
define i32 @fib(i32 %n) {
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
