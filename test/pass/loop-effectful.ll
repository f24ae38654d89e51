; A loop with effects keeps a poll at its header: a volatile TLS load of the
; poll word, a branch weighted towards the loop, and an out-of-line cold call
; to the slow path; the loop's site (kind CP_SITE_LOOP = 0) is in the
; function's table, by the cold block's address.
; (-cancelpoints-latch-poll=0: a small loop would otherwise poll on its
; unrolled back edge, see latch-poll*.ll.)
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=0 -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -cancelpoints-latch-poll=0 -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@a = global [100 x i32] zeroinitializer

; REMARK: remark: <unknown>:0:0: poll at loop header: the loop has effects (store)

; CHECK: @__cp_tls = external dso_local thread_local(localexec) global [64 x i8], align 8
; CHECK: @[[NAME:.*]] = private unnamed_addr constant [5 x i8] c"fill\00"
; CHECK: @[[FILE:.*]] = private unnamed_addr constant [1 x i8] zeroinitializer
; CHECK: @[[SITE:__cp_site.*]] = private unnamed_addr constant { ptr, ptr, i32, i32 } { ptr @[[NAME]], ptr @[[FILE]], i32 0, i32 0 }
; CHECK: @__cp_sites.{{.*}} = private constant {{.*}}blockaddress({{.*}}ptr @[[SITE]] to i64){{.*}} section "__cp_sites"

define void @fill(i32 %n) {
; CHECK-LABEL: define void @fill(
; CHECK:       entry:
; CHECK-NEXT:    %cp.tls = call {{.*}}ptr @llvm.threadlocal.address.p0(ptr {{.*}}@__cp_tls)
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK-NEXT:    %i = phi i32 [ 0, %entry ], [ %i.next, %loop.cont ]
; CHECK-NEXT:    %cp.poll = load volatile i32, ptr %cp.tls, align 4
; CHECK-NEXT:    %cp.pending = icmp ne i32 %cp.poll, 0
; CHECK-NEXT:    br i1 %cp.pending, label %cp.slow, label %loop.cont, !prof ![[PROF:[0-9]+]]
; CHECK:       cp.slow:
; CHECK-NEXT:    call preserve_mostcc void @__cp_poll_slow_pm_at() #[[COLD:[0-9]+]]
; CHECK-NEXT:    br label %loop.cont
; CHECK:       loop.cont:
; CHECK-NEXT:    %p = getelementptr
; CHECK-NEXT:    store i32 %i, ptr %p
; CHECK-NOT:     __cp_
; CHECK:         ret void
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %p = getelementptr [100 x i32], ptr @a, i32 0, i32 %i
  store i32 %i, ptr %p
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; No loop, no recursion: nothing at all.
define i32 @straight(i32 %x) {
; CHECK-LABEL: define i32 @straight(
; CHECK-NEXT:    %y = add i32 %x, 1
; CHECK-NEXT:    ret i32 %y
  %y = add i32 %x, 1
  ret i32 %y
}

; The cold block calls a per-module preserve_most stub (one per linked DSO:
; linkonce_odr hidden, in a comdat) that passes its return address to the
; runtime's C slow path, which finds the site in the table (site-table.ll).
; CHECK: define linkonce_odr hidden preserve_mostcc void @__cp_poll_slow_pm_at() {{.*}}comdat
; CHECK-NEXT: entry:
; CHECK-NEXT:   %ra = call ptr @llvm.returnaddress(i32 0)
; CHECK-NEXT:   notail call void @__cp_poll_slow_at(ptr %ra)
; CHECK-NEXT:   ret void
; CHECK: declare void @__cp_poll_slow_at(ptr) #[[COLDDECL:[0-9]+]]
; CHECK: attributes #[[COLDDECL]] = { cold nounwind }
; CHECK-DAG: !{i32 7, !"cancelpoints.instrumented", i32 1}
; CHECK-DAG: ![[PROF]] = !{!"branch_weights", i32 1, i32 1048576}
