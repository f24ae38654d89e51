; A small effect-free loop has its first iterations peeled off before its
; reset region (RegionPeel.h): a trip that ends within them never arms.
; Up to -cancelpoints-region-peel iterations, as many as fit
; -cancelpoints-region-peel-size instructions; none for a loop that calls
; a function (an effect-free callee must run inside the region).
; The IR checks pin 2 iterations in 32 instructions, with every effect-free
; loop armed whatever its size (-cancelpoints-region-max-size=0); the
; defaults (6 in 32, and loops of more than 16 instructions polled, not
; armed: region-max-size.ll) are checked by their remarks.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-verify -cancelpoints-region-max-size=0 -cancelpoints-region-peel=2 -cancelpoints-region-peel-size=32 -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-region-max-size=0 -cancelpoints-region-peel=0 -S %s | FileCheck %s --check-prefix=OFF
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -cancelpoints-region-max-size=0 -cancelpoints-region-peel=2 -cancelpoints-region-peel-size=32 -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=DEFAULT

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%node = type { i64, i32 }

; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop (out of line in 'lookup.cp.region') after its first 2 iterations (peeled)
; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop (out of line in 'lookup_wide.cp.region') after its first 1 iterations (peeled)
; REMARK: remark: <unknown>:0:0: reset region armed before effect-free loop (out of line in 'lookup_call.cp.region'){{$}}
; DEFAULT: remark: <unknown>:0:0: reset region armed before effect-free loop (out of line in 'lookup.cp.region') after its first 3 iterations (peeled)
; DEFAULT: remark: <unknown>:0:0: poll on the back edge of the loop (no poll in a trip of one iteration): effect-free loop of 17 instructions, polled, not armed (-cancelpoints-region-max-size)
; DEFAULT: remark: <unknown>:0:0: reset region armed before effect-free loop (out of line in 'lookup_call.cp.region'){{$}}

; A hash chain walk, 7 instructions: two iterations peeled, each with both
; exits; the region is entered with the third node.
define ptr @lookup(ptr %n0, i64 %key) {
; CHECK-LABEL: define ptr @lookup(
; CHECK:       walk.peel:
; CHECK:         br i1 %hit.peel, label %found, label %step.peel
; CHECK:       step.peel:
; CHECK:         br i1 %end.peel, label %absent, label %walk.peel.next
; CHECK:       walk.peel3:
; CHECK:         %k.peel4 = load i64, ptr %next.peel
; CHECK:       step.peel6:
; CHECK:         %next.peel11 = getelementptr
; CHECK-NOT:     walk.peel{{[0-9]+}}:
; CHECK:         call i1 @__cp_region_tramp.{{.*}}(ptr @lookup.cp.region, ptr @__cp_site{{.*}}, ptr %next.peel11,
; OFF-LABEL: define ptr @lookup(
; OFF-NOT:     .peel
; OFF:         call i1 @__cp_region_tramp.{{.*}}(ptr @lookup.cp.region, ptr @__cp_site{{.*}}, ptr %n0,
entry:
  br label %walk
walk:
  %n = phi ptr [ %n0, %entry ], [ %next, %step ]
  %k = load i64, ptr %n
  %hit = icmp eq i64 %k, %key
  br i1 %hit, label %found, label %step
step:
  %op = getelementptr inbounds %node, ptr %n, i64 0, i32 1
  %off = load i32, ptr %op
  %end = icmp eq i32 %off, 0
  %offx = sext i32 %off to i64
  %next = getelementptr inbounds %node, ptr %n, i64 %offx
  br i1 %end, label %absent, label %walk
found:
  ret ptr %n
absent:
  ret ptr null
}

; 17 instructions: one iteration fits 32.
define ptr @lookup_wide(ptr %n0, i64 %key, i64 %mask) {
; CHECK-LABEL: define ptr @lookup_wide(
; CHECK:       walk.peel:
; CHECK-NOT:     walk.peel{{[0-9]+}}:
; CHECK:         call i1 @__cp_region_tramp.{{.*}}(ptr @lookup_wide.cp.region, ptr @__cp_site{{.*}}, ptr %next.peel,
entry:
  br label %walk
walk:
  %n = phi ptr [ %n0, %entry ], [ %next, %step ]
  %k = load i64, ptr %n
  %k0 = add i64 %k, 1
  %k1 = and i64 %k0, %mask
  %k2 = xor i64 %k1, %key
  %k3 = mul i64 %k2, 31
  %k4 = lshr i64 %k3, 7
  %k5 = add i64 %k4, %k2
  %k6 = and i64 %k5, 255
  %hit = icmp eq i64 %k6, 0
  br i1 %hit, label %found, label %step
step:
  %op = getelementptr inbounds %node, ptr %n, i64 0, i32 1
  %off = load i32, ptr %op
  %end = icmp eq i32 %off, 0
  %offx = sext i32 %off to i64
  %next = getelementptr inbounds %node, ptr %n, i64 %offx
  br i1 %end, label %absent, label %walk
found:
  ret ptr %n
absent:
  ret ptr null
}

declare i64 @hash(i64) readnone nounwind willreturn

; It calls an effect-free function: no iteration leaves the region.
define ptr @lookup_call(ptr %n0, i64 %key) {
; CHECK-LABEL: define ptr @lookup_call(
; CHECK-NOT:     .peel
; CHECK:         call i1 @__cp_region_tramp.{{.*}}(ptr @lookup_call.cp.region,
entry:
  br label %walk
walk:
  %n = phi ptr [ %n0, %entry ], [ %next, %step ]
  %k = load i64, ptr %n
  %h = call i64 @hash(i64 %k)
  %hit = icmp eq i64 %h, %key
  br i1 %hit, label %found, label %step
step:
  %op = getelementptr inbounds %node, ptr %n, i64 0, i32 1
  %off = load i32, ptr %op
  %end = icmp eq i32 %off, 0
  %offx = sext i32 %off to i64
  %next = getelementptr inbounds %node, ptr %n, i64 %offx
  br i1 %end, label %absent, label %walk
found:
  ret ptr %n
absent:
  ret ptr null
}
