; A loop with two exits (a hash table probe: an empty slot, a hit) keeps
; both exit tests in every copy; the exits' phis get an entry from each
; copy, a value used after the loop gets a phi where the copies meet (here
; %h, in both exit blocks) and the address stored to after the loop is
; computed again from it.  The poll is on the one back edge only.
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-latch-poll=2 -cancelpoints-verify -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i64 @lookup(ptr %t, ptr %keys, i64 %n) {
; CHECK-LABEL: define i64 @lookup(
; CHECK:       outer:
; CHECK:         %cp.poll = load volatile i32
; CHECK:       probe:
; CHECK-NEXT:    %h = phi i64 [ %h0, %outer.cont ], [ %h.next.u1, %cp.latchpoll.cont ]
; CHECK-NOT:     {{volatile|__cp_}}
; CHECK:         br i1 %empty, label %miss, label %cmp
; CHECK:       cmp:
; CHECK:         br i1 %hit, label %found, label %step
; CHECK:       step:
; CHECK-NOT:     {{volatile|__cp_}}
; CHECK:         br label %probe.u1
; CHECK:       probe.u1:
; CHECK-NOT:     {{phi|volatile|__cp_}}
; CHECK:         br i1 %empty.u1, label %miss, label %cmp.u1
; CHECK:       cmp.u1:
; CHECK:         br i1 %hit.u1, label %found, label %step.u1
; CHECK:       step.u1:
; CHECK-NOT:     {{volatile|__cp_}}
; CHECK:         br label %cp.latchpoll
; CHECK:       cp.latchpoll:
; CHECK-NEXT:    load volatile i32
; CHECK:       cp.latchpoll.cont:
; CHECK-NEXT:    br label %probe
; CHECK:       found:
; CHECK-NEXT:    %hf = phi i64 [ %h, %cmp ], [ %h.next, %cmp.u1 ]
; CHECK:       miss:
; CHECK-NEXT:    %[[H:[a-z0-9.]+]] = phi i64 [ %h.next, %probe.u1 ], [ %h, %probe ]
; CHECK-NEXT:    %[[SP:[a-z0-9.]+]] = getelementptr inbounds i64, ptr %t, i64 %[[H]]
; CHECK-NEXT:    store i64 %key, ptr %[[SP]]
; CHECK-NOT:     volatile
; CHECK:       }
entry:
  br label %outer
outer:
  %k = phi i64 [ 0, %entry ], [ %k.next, %next ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %next ]
  %kp = getelementptr inbounds i64, ptr %keys, i64 %k
  %key = load i64, ptr %kp
  %h0 = and i64 %key, 1023
  br label %probe
probe:
  %h = phi i64 [ %h0, %outer ], [ %h.next, %step ]
  %sp = getelementptr inbounds i64, ptr %t, i64 %h
  %s = load i64, ptr %sp
  %empty = icmp eq i64 %s, 0
  br i1 %empty, label %miss, label %cmp
cmp:
  %hit = icmp eq i64 %s, %key
  br i1 %hit, label %found, label %step
step:
  %h1 = add i64 %h, 1
  %h.next = and i64 %h1, 1023
  br label %probe
found:
  %hf = phi i64 [ %h, %cmp ]
  %f = add i64 %acc, %hf
  br label %next
miss:
  store i64 %key, ptr %sp
  br label %next
next:
  %acc.next = phi i64 [ %f, %found ], [ %acc, %miss ]
  %k.next = add i64 %k, 1
  %done = icmp eq i64 %k.next, %n
  br i1 %done, label %exit, label %outer
exit:
  ret i64 %acc.next
}
