; Lock and unlock calls stay libc's; around them the pass records the lock
; inline in __cp_tls (cancelpoints_abi.h: lock at 32, lock_site at 40).
; After a lock call: one test of (result | lock_site) - the lock failed or
; the one inline record is in use - sends it to __cp_lock_slow(lock, result,
; site), cold; else two stores record the lock and its site (a cp_site of
; kind 4, CP_SITE_LOCK, naming the function and line).  A void lock
; (flockfile) tests lock_site only.  Before an unlock: the lock is the
; record's (the lock first in the compare, so that x86 folds the load) and
; one store frees the record, else __cp_unlock_slow(lock).  atexit gets the
; module's __dso_handle; sigaction, signal and the calls that run callbacks
; under libc's locks keep their prototypes.  A call with another prototype
; is left alone, with a missed remark.
; RUN: %opt -passes='cancelpoints,verify' -S %s | FileCheck %s
; RUN: %opt -passes='cancelpoints' -pass-remarks=cancelpoints -pass-remarks-missed=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: @__dso_handle = external hidden global i8
; CHECK: @__cp_site = private unnamed_addr constant {{.*}} i32 7, i32 4 }
; CHECK: @__cp_tls = external dso_local thread_local(localexec) global [64 x i8]
; CHECK-LABEL: define i32 @update(
; CHECK: %cp.tls = call align 8 ptr @llvm.threadlocal.address.p0(ptr align 8 @__cp_tls)
; CHECK-NEXT: %r = call i32 @pthread_mutex_lock(ptr %m), !dbg
; CHECK-NEXT: %cp.lsitep = getelementptr inbounds i8, ptr %cp.tls, i64 40
; CHECK-NEXT: %cp.lsite = load volatile ptr, ptr %cp.lsitep, align 8
; CHECK-NEXT: %cp.lsitei = ptrtoint ptr %cp.lsite to i64
; CHECK-NEXT: %cp.lr = zext i32 %r to i64
; CHECK-NEXT: %cp.lbusy = or i64 %cp.lsitei, %cp.lr
; CHECK-NEXT: %cp.lslow = icmp ne i64 %cp.lbusy, 0
; CHECK-NEXT: br i1 %cp.lslow, label %cp.lock.slow, label %cp.lock.fast, !prof [[COLD:![0-9]+]]
; CHECK: cp.lock.slow:
; CHECK-NEXT: call void @__cp_lock_slow(ptr %m, i32 %r, ptr @__cp_site) [[SLOWATTR:#[0-9]+]], !dbg
; CHECK-NEXT: br label %cp.locked
; CHECK: cp.lock.fast:
; CHECK-NEXT: %cp.lockp = getelementptr inbounds i8, ptr %cp.tls, i64 32
; CHECK-NEXT: store volatile ptr %m, ptr %cp.lockp, align 8
; CHECK-NEXT: %cp.lsitep1 = getelementptr inbounds i8, ptr %cp.tls, i64 40
; CHECK-NEXT: store volatile ptr @__cp_site, ptr %cp.lsitep1, align 8
; CHECK-NEXT: br label %cp.locked
; CHECK: cp.locked:
; CHECK-NEXT: %w = call i32 @pthread_rwlock_wrlock(ptr %l)
; CHECK: call void @__cp_lock_slow(ptr %l, i32 %w, ptr @__cp_site
; CHECK: store volatile ptr %l, ptr
; CHECK: call void @flockfile(ptr %f)
; CHECK-NEXT: getelementptr inbounds i8, ptr %cp.tls, i64 40
; CHECK-NEXT: %[[FS:.*]] = load volatile ptr
; CHECK-NEXT: %[[FI:.*]] = ptrtoint ptr %[[FS]] to i64
; CHECK-NEXT: %[[FT:.*]] = icmp ne i64 %[[FI]], 0
; CHECK-NEXT: br i1 %[[FT]]
; CHECK: call void @__cp_lock_slow(ptr %f, i32 0, ptr @__cp_site
; CHECK: cp.locked{{[0-9]+}}:
; CHECK-NEXT: %cp.lockp{{[0-9]+}} = getelementptr inbounds i8, ptr %cp.tls, i64 32
; CHECK-NEXT: %cp.lock = load volatile ptr, ptr %cp.lockp{{[0-9]+}}, align 8
; CHECK-NEXT: %cp.mine = icmp eq ptr %f, %cp.lock
; CHECK-NEXT: br i1 %cp.mine, label %cp.unlock.fast, label %cp.unlock.slow, !prof [[LIKELY:![0-9]+]]
; CHECK: cp.unlock.fast:
; CHECK-NEXT: %cp.lsitep{{[0-9]+}} = getelementptr inbounds i8, ptr %cp.tls, i64 40
; CHECK-NEXT: store volatile ptr null, ptr %cp.lsitep{{[0-9]+}}, align 8
; CHECK-NEXT: br label %cp.unlock
; CHECK: cp.unlock.slow:
; CHECK-NEXT: call void @__cp_unlock_slow(ptr %f) [[SLOWATTR]]
; CHECK-NEXT: br label %cp.unlock
; CHECK: cp.unlock:
; CHECK-NEXT: call void @funlockfile(ptr %f)
; CHECK: icmp eq ptr %l,
; CHECK: call void @__cp_unlock_slow(ptr %l)
; CHECK: call i32 @pthread_rwlock_unlock(ptr %l)
; CHECK: icmp eq ptr %m,
; CHECK: call void @__cp_unlock_slow(ptr %m)
; CHECK: %v = call i32 @pthread_mutex_unlock(ptr %m), !dbg
; CHECK: call i32 @__cp_i_atexit(ptr @handler, ptr @__dso_handle)
; CHECK: call i32 @__cp_i_sigaction(i32 14, ptr null, ptr null)
; CHECK: call i32 @__cp_i_pthread_once(ptr %m, ptr @handler)
; CHECK: %b = call i32 @pthread_spin_lock(i64 %x)
; CHECK: ret i32 %r
; CHECK: declare void @__cp_lock_slow(ptr, i32, ptr) [[SLOWATTR]]
; CHECK: declare void @__cp_unlock_slow(ptr) [[SLOWATTR]]
; CHECK: attributes [[SLOWATTR]] = { cold nounwind }
; CHECK: [[COLD]] = !{!"branch_weights", i32 1, i32 1048576}
; CHECK: [[LIKELY]] = !{!"branch_weights", i32 1048576, i32 1}
; REMARK: remark: {{.*}}call to 'sigaction' redirected to '__cp_i_sigaction': the handler runs with requests held
; REMARK: remark: {{.*}}call to 'pthread_once' redirected to '__cp_i_pthread_once': requests are held while libc runs the program's callbacks
; REMARK: remark: {{.*}}call to 'pthread_spin_lock' not recorded: it does not have the libc prototype
; REMARK: remark: lk.c:7:3: call to 'pthread_mutex_lock' records its lock inline: requests are held while the lock is
; REMARK: remark: lk.c:8:3: call to 'pthread_mutex_unlock' drops its lock's record inline: the lock's hold ends

declare i32 @pthread_mutex_lock(ptr)
declare i32 @pthread_mutex_unlock(ptr)
declare i32 @pthread_rwlock_wrlock(ptr)
declare i32 @pthread_rwlock_unlock(ptr)
declare void @flockfile(ptr)
declare void @funlockfile(ptr)
declare i32 @atexit(ptr)
declare i32 @sigaction(i32, ptr, ptr)
declare i32 @pthread_once(ptr, ptr)
declare i32 @pthread_spin_lock(i64)

define void @handler() {
  ret void
}

define i32 @update(ptr %m, ptr %l, ptr %f, i64 %x) !dbg !5 {
entry:
  %r = call i32 @pthread_mutex_lock(ptr %m), !dbg !8
  %w = call i32 @pthread_rwlock_wrlock(ptr %l)
  call void @flockfile(ptr %f)
  call void @funlockfile(ptr %f)
  %u = call i32 @pthread_rwlock_unlock(ptr %l)
  %v = call i32 @pthread_mutex_unlock(ptr %m), !dbg !9
  %a = call i32 @atexit(ptr @handler)
  %s = call i32 @sigaction(i32 14, ptr null, ptr null)
  %o = call i32 @pthread_once(ptr %m, ptr @handler)
  %b = call i32 @pthread_spin_lock(i64 %x)
  ret i32 %r
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "clang", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "lk.c", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 7, !"Dwarf Version", i32 5}
!5 = distinct !DISubprogram(name: "update", scope: !1, file: !1, line: 5, type: !6, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!6 = !DISubroutineType(types: !7)
!7 = !{null}
!8 = !DILocation(line: 7, column: 3, scope: !5)
!9 = !DILocation(line: 8, column: 3, scope: !5)
