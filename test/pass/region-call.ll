; Regions from a point across effect-free calls.  A call to an uninstrumented
; effect-free declaration (memory(none)/memory(read) and nounwind) is worth a
; reset region: the context is armed just before the point (a header poll,
; whose site gets kind CP_SITE_CALL = 3) and disarmed before the first
; effect.  Calls to defined effect-free functions do not end the region, but
; are not worth one by themselves (they are instrumented on their own).
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare double @heavy(double) nounwind memory(none)
declare double @scan(ptr) nounwind memory(argmem: read)
declare double @may_throw(double) memory(none)

; REMARK: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: reset region from the loop poll extends across call to 'heavy'
; REMARK: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: reset region from the loop poll extends across call to 'scan'
; REMARK: remark: <unknown>:0:0: poll at entry: function is recursive
; REMARK: remark: <unknown>:0:0: reset region from the entry poll extends across call to 'heavy'

; CHECK: @[[CALLSITE:__cp_site[.0-9]*]] = {{.*}} { ptr @{{.*}}, ptr @{{.*}}, i32 0, i32 3 }
; CHECK: @__cp_sites.{{.*}} = private constant {{.*}}blockaddress({{.*}}ptr @[[CALLSITE]] to i64){{.*}} section "__cp_sites"

; for (...) { x = heavy(x); out[i] = x; }
define void @loop_heavy(ptr %out, i64 %n) {
; CHECK-LABEL: define void @loop_heavy(
; CHECK:       loop:
; CHECK:         %x = phi double
; CHECK:         store volatile
; CHECK:         call i32 @__cp_arm(ptr %cp.ctx)
; CHECK:         load volatile
; CHECK:         %cp.poll = load volatile i32
; CHECK:         br i1 %cp.pending, label %cp.slow, label %loop.cont
; CHECK:       cp.slow:
; CHECK-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm_at()
; CHECK:       loop.cont:
; CHECK-NEXT:    %x.next = call double @heavy(double %x.cp.reload)
; CHECK-NEXT:    %p = getelementptr double, ptr %out.cp.reload, i64 %i.cp.reload
; CHECK-NEXT:    %cp.prevp = getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK-NEXT:    %cp.prev = load volatile ptr, ptr %cp.prevp
; CHECK-NEXT:    %cp.armedp = getelementptr inbounds i8, ptr {{.*}}, i64 8
; CHECK-NEXT:    store volatile ptr %cp.prev, ptr %cp.armedp
; CHECK-NEXT:    fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    store double %x.next, ptr %p
; CHECK-NOT:     __cp_
; CHECK:         ret void
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %x = phi double [ 1.0, %entry ], [ %x.next, %loop ]
  %x.next = call double @heavy(double %x)
  %p = getelementptr double, ptr %out, i64 %i
  store double %x.next, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; memory(argmem: read) nounwind is effect-free too.
define void @loop_scan(ptr %in, ptr %out, i64 %n) {
; CHECK-LABEL: define void @loop_scan(
; CHECK:         call i32 @__cp_arm(
; CHECK:       loop.cont:
; CHECK-NEXT:    %x = call double @scan(
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    store double %x
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %x = call double @scan(ptr %in)
  %p = getelementptr double, ptr %out, i64 %i
  store double %x, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; Not nounwind: an effect, so no region (the poll stays).
define void @loop_may_throw(ptr %out, i64 %n) {
; CHECK-LABEL: define void @loop_may_throw(
; CHECK-NOT:     __cp_arm
; CHECK:         %cp.poll = load volatile i32
; CHECK-NOT:     __cp_arm
; CHECK:         ret void
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %x = call double @may_throw(double 1.0)
  %p = getelementptr double, ptr %out, i64 %i
  store double %x, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; The effect comes before the call: the region is empty, no arm.
define void @store_first(ptr %out, i64 %n) {
; CHECK-LABEL: define void @store_first(
; CHECK-NOT:     __cp_arm
; CHECK:         ret void
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr double, ptr %out, i64 %i
  store double 0.0, ptr %p
  %x = call double @heavy(double 2.0)
  store double %x, ptr %p
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; The entry poll of a recursive function starts a region too; the region
; ends before the recursive call (an effect: it stores) and at the return.
@sink = global double 0.0
define double @rec(double %x, i32 %d) {
; CHECK-LABEL: define double @rec(
; CHECK:       entry:
; CHECK:         %cp.tls = call
; CHECK:         call i32 @__cp_arm(ptr %cp.ctx)
; CHECK:         %cp.poll = load volatile i32
; CHECK:       entry.cont:
; CHECK-NEXT:    %y = call double @heavy(
; CHECK-NEXT:    %z = icmp eq i32 %d.cp.reload, 0
; CHECK-NEXT:    br i1 %z, label %base, label %more
; CHECK:       base:
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    ret double %y
; CHECK:       more:
; CHECK-NEXT:    %d1 = sub i32
; CHECK:         fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    store double %y, ptr @sink
entry:
  %y = call double @heavy(double %x)
  %z = icmp eq i32 %d, 0
  br i1 %z, label %base, label %more
base:
  ret double %y
more:
  %d1 = sub i32 %d, 1
  store double %y, ptr @sink
  %r = call double @rec(double %y, i32 %d1)
  ret double %r
}
