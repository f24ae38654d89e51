; An effect-free loop is a reset region: the context is armed on the edge
; into the loop (followed by a poll with site kind CP_SITE_REGION = 1) and
; disarmed on each edge out of it; the loop body gets nothing.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-outline=false -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 -cancelpoints-outline=false -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop
; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop
; REMARK: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)
; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop

; CHECK: @[[SITE:__cp_site.*]] = private unnamed_addr constant { ptr, ptr, i32, i32 } { ptr @{{.*}}, ptr @{{.*}}, i32 0, i32 1 }
; CHECK: @__cp_sites.{{.*}} = private constant {{.*}}blockaddress({{.*}}ptr @[[SITE]] to i64){{.*}} section "__cp_sites"

; A reduction: loads only.  Two exits (the loop test and an early break).
define i64 @sum(ptr %a, i64 %n) {
; CHECK-LABEL: define i64 @sum(
; CHECK:       entry:
; CHECK-NEXT:    %cp.tls.cp.slot = alloca ptr
; CHECK-NEXT:    %n.cp.slot = alloca i64
; CHECK-NEXT:    %a.cp.slot = alloca ptr
; CHECK-NEXT:    %cp.ctx = alloca [10 x i64], align 16
; CHECK-NEXT:    %cp.tls = call {{.*}}@llvm.threadlocal.address.p0(ptr {{.*}}@__cp_tls)
; CHECK-NEXT:    br label %cp.edge
; CHECK:       cp.edge:
; CHECK-NEXT:    store volatile ptr %a, ptr %a.cp.slot
; CHECK-NEXT:    store volatile i64 %n, ptr %n.cp.slot
; CHECK-NEXT:    store volatile ptr %cp.tls, ptr %cp.tls.cp.slot
; CHECK-NEXT:    call i32 @__cp_arm(ptr %cp.ctx) #[[ARMDECL:[0-9]+]]
; CHECK-NEXT:    %a.cp.reload = load volatile ptr, ptr %a.cp.slot
; CHECK-NEXT:    %n.cp.reload = load volatile i64, ptr %n.cp.slot
; CHECK-NEXT:    %cp.tls.cp.reload = load volatile ptr
; CHECK-NEXT:    %cp.poll = load volatile i32, ptr %cp.tls.cp.reload
; CHECK-NEXT:    %cp.pending = icmp ne i32 %cp.poll, 0
; CHECK-NEXT:    br i1 %cp.pending, label %cp.slow, label %cp.edge.cont
; CHECK:       cp.slow:
; CHECK-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm_at()
; CHECK:       cp.edge.cont:
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i64 [ 0, %cp.edge.cont ], [ %i.next, %body ]
; CHECK-NOT:     {{__cp_|volatile|fence|call}}
; CHECK:         br i1 %neg, label %[[X1:cp.edge[0-9]+]], label %body
; CHECK:       body:
; CHECK-NOT:     {{__cp_|volatile|fence|call}}
; CHECK:         br i1 %c, label %loop, label %[[X2:cp.edge[0-9]+]]
; CHECK:       [[X1]]:
; CHECK-NEXT:    %cp.prevp = getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK-NEXT:    %cp.prev = load volatile ptr, ptr %cp.prevp, align 8
; CHECK-NEXT:    %cp.armedp = getelementptr inbounds i8, ptr %cp.tls.cp.reload, i64 8
; CHECK-NEXT:    store volatile ptr %cp.prev, ptr %cp.armedp, align 8
; CHECK-NEXT:    fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    br label %exit
; CHECK:       [[X2]]:
; CHECK-NEXT:    getelementptr inbounds i8, ptr %cp.ctx, i64 64
; CHECK-NEXT:    load volatile ptr
; CHECK-NEXT:    getelementptr inbounds i8, ptr %cp.tls.cp.reload, i64 8
; CHECK-NEXT:    store volatile ptr
; CHECK-NEXT:    fence syncscope("singlethread") seq_cst
; CHECK-NEXT:    br label %exit
; CHECK:       exit:
; CHECK-NEXT:    %r = phi i64 [ %s, %[[X1]] ], [ %s.next, %[[X2]] ]
; CHECK-NEXT:    ret i64 %r
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
  %s = phi i64 [ 0, %entry ], [ %s.next, %body ]
  %p = getelementptr i64, ptr %a, i64 %i
  %v = load i64, ptr %p
  %neg = icmp slt i64 %v, 0
  br i1 %neg, label %exit, label %body
body:
  %s.next = add i64 %s, %v
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  %r = phi i64 [ %s, %loop ], [ %s.next, %body ]
  ret i64 %r
}

; A local scratch array written only inside the loop is fresh: still a region.
define i32 @scratch(i32 %n) {
; CHECK-LABEL: define i32 @scratch(
; CHECK:         call i32 @__cp_arm(
; CHECK:       loop:
; CHECK-NOT:     __cp_
; CHECK:       exit:
entry:
  %buf = alloca [4 x i32]
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi i32 [ 0, %entry ], [ %acc.next, %loop ]
  call void @llvm.lifetime.start.p0(i64 16, ptr %buf)
  store i32 %i, ptr %buf
  %q = getelementptr i32, ptr %buf, i32 1
  store i32 %acc, ptr %q
  %x = load i32, ptr %buf
  %acc.next = add i32 %acc, %x
  call void @llvm.lifetime.end.p0(i64 16, ptr %buf)
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i32 %acc.next
}

; The same array read after the loop is live memory: the loop has effects.
define i32 @scratch_escapes_loop(i32 %n) {
; CHECK-LABEL: define i32 @scratch_escapes_loop(
; CHECK-NOT:     __cp_arm
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     __cp_arm
; CHECK:         ret i32
entry:
  %buf = alloca [4 x i32]
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  store i32 %i, ptr %buf
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  %x = load i32, ptr %buf
  ret i32 %x
}

; An array whose every use is in the loop, but whose lifetime does not start
; there, carries values from one entry of the loop to the next (each entry
; reads what the last one left before overwriting it): a rewind would replay
; a run over its own partial writes.  Live memory: the loop has effects.
define i32 @carried(i32 %n) {
; CHECK-LABEL: define i32 @carried(
; CHECK-NOT:     __cp_arm
; CHECK:       loop:
; CHECK-NEXT:    %i = phi
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK-NOT:     __cp_arm
; CHECK:         ret i32
entry:
  %buf = alloca i32
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %old = load i32, ptr %buf
  %new = add i32 %old, %i
  store i32 %new, ptr %buf
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret i32 %new
}

; A loop that calls memory(read) nounwind functions and pure libm is
; effect-free too.
declare i64 @peek(ptr) nounwind memory(read)
declare double @sqrt(double)
define double @calls(ptr %a, i64 %n) {
; CHECK-LABEL: define double @calls(
; CHECK:         call i32 @__cp_arm(
; CHECK:       loop:
; CHECK-NOT:     __cp_
; CHECK:         ret double
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %s = phi double [ 0.0, %entry ], [ %s.next, %loop ]
  %v = call i64 @peek(ptr %a)
  %f = sitofp i64 %v to double
  %r = call double @sqrt(double %f)
  %s.next = fadd double %s, %r
  %i.next = add i64 %i, 1
  %c = icmp slt i64 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret double %s.next
}

declare void @llvm.lifetime.start.p0(i64, ptr)
declare void @llvm.lifetime.end.p0(i64, ptr)

; CHECK: declare i32 @__cp_arm(ptr) #[[ARMDECL]]
; CHECK: attributes #[[ARMDECL]] = { nounwind returns_twice }
