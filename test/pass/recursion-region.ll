; A recursion whose whole SCC is effect-free runs in one reset region: each
; member becomes a wrapper that arms (through __cp_region_tramp, the only
; caller of __cp_arm) and polls once, then runs the member's body, moved to
; <name>.cp.inner, whose calls within the SCC go to the inner functions with
; no point.  An SCC with effects keeps its entry polls.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-recursion-regions=false -S %s | FileCheck %s --check-prefix=OFF
; Two trampolines (one per body type) are the only callers of __cp_arm:
; RUN: %opt -passes=cancelpoints -S %s | grep -c 'call i32 @__cp_arm(' | FileCheck %s --check-prefix=ARMS
; ARMS: {{^}}2{{$}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; REMARK-DAG: remark: <unknown>:0:0: reset region armed at the entry of effect-free recursion: 'fib' runs 'fib.cp.inner' in it; calls within the recursion (1 function) have no point
; REMARK-DAG: remark: <unknown>:0:0: reset region armed at the entry of effect-free recursion: 'walk_l' runs 'walk_l.cp.inner' in it; calls within the recursion (2 functions) have no point
; REMARK-DAG: remark: <unknown>:0:0: reset region armed at the entry of effect-free recursion: 'walk_r' runs 'walk_r.cp.inner' in it; calls within the recursion (2 functions) have no point
; REMARK-DAG: remark: <unknown>:0:0: poll at entry: function is recursive
; REMARK-DAG: remark: <unknown>:0:0: effect-free recursion through 'byval_rec' polls at every entry: 'byval_rec' has a parameter passed in memory or a special register

; CHECK: @[[NAME:.cp.str[.0-9]*]] = {{.*}} c"fib\00"
; CHECK: @[[SITE:__cp_site[.0-9]*]] = private unnamed_addr constant { ptr, ptr, i32, i32 } { ptr @[[NAME]], ptr @{{.*}}, i32 0, i32 2 }

; The wrapper keeps fib's name, linkage and calling convention, for callers
; and for address-taken uses; it enters the region.
; CHECK-LABEL: define internal fastcc i32 @fib(i32 %n)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %[[R:.*]] = call i32 @__cp_region_tramp.i32.i32(ptr @fib.cp.inner, ptr @[[SITE]], i32 %n)
; CHECK-NEXT:    ret i32 %[[R]]
; CHECK-NEXT:  }
; OFF-LABEL: define internal fastcc i32 @fib(
; OFF-NEXT:  entry:
; OFF-NEXT:    %cp.tls = call
; OFF-NEXT:    %cp.poll = load volatile i32
define internal fastcc i32 @fib(i32 %n) #0 {
entry:
  %small = icmp slt i32 %n, 2
  br i1 %small, label %base, label %rec
base:
  ret i32 %n
rec:
  %n1 = sub i32 %n, 1
  %f1 = call fastcc i32 @fib(i32 %n1)
  %n2 = sub i32 %n, 2
  %f2 = call fastcc i32 @fib(i32 %n2)
  %s = add i32 %f1, %f2
  ret i32 %s
}

; A caller outside the SCC keeps calling the wrapper.
; CHECK-LABEL: define i32 @top(
; CHECK-NEXT:    call fastcc i32 @fib(i32 %n)
; CHECK-NEXT:    store ptr @fib, ptr @fp
define i32 @top(i32 %n) {
  %r = call fastcc i32 @fib(i32 %n)
  store ptr @fib, ptr @fp
  ret i32 %r
}
@fp = global ptr null

; Mutual recursion, effect-free (a tree walk alternating two functions).
; CHECK-LABEL: define i64 @walk_l(ptr %t, i64 %d)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    call i64 @__cp_region_tramp.i64.pi64(ptr @walk_l.cp.inner, ptr @{{.*}}, ptr %t, i64 %d)
; CHECK-NEXT:    ret i64
define i64 @walk_l(ptr %t, i64 %d) #0 {
entry:
  %z = icmp eq ptr %t, null
  br i1 %z, label %leaf, label %node
leaf:
  ret i64 %d
node:
  %k = load i64, ptr %t
  %lp = getelementptr i8, ptr %t, i64 8
  %l = load ptr, ptr %lp
  %d1 = add i64 %d, 1
  %x = call i64 @walk_r(ptr %l, i64 %d1)
  %s = add i64 %x, %k
  ret i64 %s
}

; CHECK-LABEL: define i64 @walk_r(ptr %t, i64 %d)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    call i64 @__cp_region_tramp.i64.pi64(ptr @walk_r.cp.inner, ptr @{{.*}}, ptr %t, i64 %d)
; CHECK-NEXT:    ret i64
define i64 @walk_r(ptr %t, i64 %d) #0 {
entry:
  %z = icmp eq ptr %t, null
  br i1 %z, label %leaf, label %node
leaf:
  ret i64 %d
node:
  %k = load i64, ptr %t
  %rp = getelementptr i8, ptr %t, i64 16
  %r = load ptr, ptr %rp
  %d1 = add i64 %d, 2
  %x = call i64 @walk_l(ptr %r, i64 %d1)
  %s = mul i64 %x, %k
  ret i64 %s
}

; An SCC with effects (a store to a global) keeps its entry poll.
@out = global i32 0
; CHECK-LABEL: define void @count(i32 %n)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %cp.tls = call
; CHECK-NEXT:    %cp.poll = load volatile i32
; CHECK:         call preserve_mostcc void @__cp_poll_slow_pm_at(
; CHECK:         call void @count(
define void @count(i32 %n) {
entry:
  store i32 %n, ptr @out
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %more
more:
  %m = sub i32 %n, 1
  call void @count(i32 %m)
  br label %done
done:
  ret void
}

; A byval parameter cannot pass through the trampoline: entry poll, and a
; missed remark.
%big = type { [8 x i64] }
; CHECK-LABEL: define i64 @byval_rec(ptr byval(%big) %p, i64 %n)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %cp.tls = call
; CHECK-NEXT:    %cp.poll = load volatile i32
define i64 @byval_rec(ptr byval(%big) %p, i64 %n) #0 {
entry:
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %more
more:
  %m = sub i64 %n, 1
  %r = call i64 @byval_rec(ptr byval(%big) %p, i64 %m)
  %v = load i64, ptr %p
  %s = add i64 %r, %v
  ret i64 %s
done:
  ret i64 0
}

; The inner bodies: no point, and calls within the SCC go to the inner
; functions (C calling convention: the trampoline calls them so).
; CHECK-LABEL: define internal i32 @fib.cp.inner(i32 %n)
; CHECK-NOT:     __cp_
; CHECK:         %f1 = call i32 @fib.cp.inner(i32 %n1)
; CHECK-NOT:     __cp_
; CHECK:         %f2 = call i32 @fib.cp.inner(i32 %n2)
; CHECK-NOT:     __cp_
; CHECK:       }
; The trampoline is the only caller of __cp_arm.
; CHECK-NOT:     call i32 @__cp_arm(
; CHECK-LABEL: define linkonce_odr hidden i32 @__cp_region_tramp.i32.i32(ptr %0, ptr %1, i32 %2) local_unnamed_addr #{{[0-9]+}} comdat {
; CHECK:         call i32 @__cp_arm(
; CHECK:         %cp.poll = load volatile i32
; CHECK:         call i32 %{{.*}}(i32
; CHECK:         store volatile ptr %cp.prev
; CHECK:         ret i32
; CHECK-LABEL: define internal i64 @walk_r.cp.inner(
; CHECK-NOT:     __cp_
; CHECK:         call i64 @walk_l.cp.inner(
; CHECK-NOT:     __cp_
; CHECK:       }
; CHECK-LABEL: define internal i64 @walk_l.cp.inner(
; CHECK-NOT:     __cp_
; CHECK:         call i64 @walk_r.cp.inner(
; CHECK-NOT:     __cp_
; CHECK:       }

attributes #0 = { nounwind }
