; A loop whose start is a phi of its preheader is bounded edge by edge into
; the preheader (Bounds.cpp, RangeFinder::byEntryEdge): on each edge the
; phis' values go into the count, and the edge's branch (with those on the
; one way leading to it) bounds the result.  This is the vectoriser's scalar
; loop: entered when the trip is shorter than a vector step (the first
; branch), or after the vector loop with what is left of a multiple of the
; step, when anything is (the middle block's test); fewer iterations either
; way than one vector step.  The IR is clang -O2's for the C below, with
; -fno-unroll-loops and the metadata dropped.
;
;   void slide(unsigned short *head, unsigned n, unsigned w)    // zlib's
;   { unsigned short *p = &head[n];
;     do { unsigned m = *--p; *p = m >= w ? m - w : 0; } while (--n); }
;   void scale(int *a, int n, int k)
;   { for (int i = 0; i < n; i++) a[i] = a[i] * k + 1; }
;   void add(int *d, const int *s, long n)          // an overlap check
;   { for (long i = 0; i < n; i++) d[i] += s[i]; }
;   void xor_from(unsigned char *restrict d, const unsigned char *restrict s,
;                 unsigned long from, unsigned long n)  // a vector epilogue
;   { for (unsigned long i = from; i < n; i++) d[i] ^= s[i]; }
;
; add's scalar loop is also entered from a failed overlap check, at the
; start with no bound: it keeps its poll.  So does scale's when the middle
; block enters it without testing that anything is left (a count of 0
; would wrap: the count is one less than what is left).
; RUN: %opt -passes='cancelpoints,verify' -S %s | FileCheck %s
; RUN: %opt -passes=cancelpoints -pass-remarks=cancelpoints -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes='cancelpoints,verify' -cancelpoints-check-bounds -S %s | FileCheck %s --check-prefix=TRAP

; REMARK: no point at loop header: its trip count is at most 7 (on each way in, by where it starts and the branch taken)
; REMARK: no point at loop header: its trip count is at most 3 (on each way in, by where it starts and the branch taken)
; REMARK: no point at loop header: its trip count is at most 15 (on each way in, by where it starts and the branch taken)
; REMARK-NOT: on each way in

; CHECK-LABEL: define dso_local void @slide(
; CHECK:       {{^}}do.body:
; CHECK-NOT:     load volatile
; CHECK:       {{^}}do.end:
; CHECK-LABEL: define dso_local void @scale(
; CHECK:       {{^}}for.body:
; CHECK-NOT:     load volatile
; CHECK-LABEL: define dso_local void @add(
; CHECK:       {{^}}for.body:
; CHECK:         load volatile
; CHECK-LABEL: define dso_local void @xor_from(
; CHECK:       {{^}}for.body:
; CHECK-NOT:     load volatile
; CHECK-LABEL: define dso_local void @scale_middle_untested(
; CHECK:       {{^}}for.body:
; CHECK:         load volatile

; TRAP-LABEL: define dso_local void @slide(
; TRAP:       {{^}}cp.bound.trap:
; TRAP-LABEL: define dso_local void @scale(
; TRAP:       {{^}}cp.bound.trap:
; TRAP-LABEL: define dso_local void @add(
; TRAP-NOT:   {{^}}cp.bound.trap:
; TRAP-LABEL: define dso_local void @xor_from(
; TRAP:       {{^}}cp.bound.trap:
; TRAP-LABEL: define dso_local void @scale_middle_untested(
; TRAP-NOT:   {{^}}cp.bound.trap:

define dso_local void @slide(ptr nocapture noundef %head, i32 noundef %n, i32 noundef %w) {
entry:
  %idxprom = zext i32 %n to i64
  %arrayidx = getelementptr inbounds i16, ptr %head, i64 %idxprom
  %0 = add i32 %n, -1
  %1 = zext i32 %0 to i64
  %2 = add nuw nsw i64 %1, 1
  %min.iters.check = icmp ult i32 %0, 7
  br i1 %min.iters.check, label %do.body.preheader, label %vector.ph
vector.ph:                                        ; preds = %entry
  %n.vec = and i64 %2, 8589934584
  %3 = mul nsw i64 %n.vec, -2
  %ind.end = getelementptr i8, ptr %arrayidx, i64 %3
  %.cast = trunc i64 %n.vec to i32
  %ind.end7 = sub i32 %n, %.cast
  %broadcast.splatinsert = insertelement <8 x i32> poison, i32 %w, i64 0
  %invariant.gep = getelementptr i8, ptr %arrayidx, i64 -16
  %4 = shufflevector <8 x i32> %broadcast.splatinsert, <8 x i32> poison, <8 x i32> zeroinitializer
  br label %vector.body
vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %offset.idx = mul i64 %index, -2
  %gep = getelementptr i8, ptr %invariant.gep, i64 %offset.idx
  %wide.load = load <8 x i16>, ptr %gep, align 2
  %5 = zext <8 x i16> %wide.load to <8 x i32>
  %6 = tail call <8 x i32> @llvm.usub.sat.v8i32(<8 x i32> %5, <8 x i32> %4)
  %reverse9 = trunc nuw <8 x i32> %6 to <8 x i16>
  store <8 x i16> %reverse9, ptr %gep, align 2
  %index.next = add nuw i64 %index, 8
  %7 = icmp eq i64 %index.next, %n.vec
  br i1 %7, label %middle.block, label %vector.body
middle.block:                                     ; preds = %vector.body
  %cmp.n = icmp eq i64 %2, %n.vec
  br i1 %cmp.n, label %do.end, label %do.body.preheader
do.body.preheader:                                ; preds = %middle.block, %entry
  %p.0.ph = phi ptr [ %arrayidx, %entry ], [ %ind.end, %middle.block ]
  %n.addr.0.ph = phi i32 [ %n, %entry ], [ %ind.end7, %middle.block ]
  br label %do.body
do.body:                                          ; preds = %do.body.preheader, %do.body
  %p.0 = phi ptr [ %incdec.ptr, %do.body ], [ %p.0.ph, %do.body.preheader ]
  %n.addr.0 = phi i32 [ %dec, %do.body ], [ %n.addr.0.ph, %do.body.preheader ]
  %incdec.ptr = getelementptr inbounds i8, ptr %p.0, i64 -2
  %8 = load i16, ptr %incdec.ptr, align 2
  %conv = zext i16 %8 to i32
  %cond = tail call i32 @llvm.usub.sat.i32(i32 %conv, i32 %w)
  %conv2 = trunc nuw i32 %cond to i16
  store i16 %conv2, ptr %incdec.ptr, align 2
  %dec = add i32 %n.addr.0, -1
  %tobool.not = icmp eq i32 %dec, 0
  br i1 %tobool.not, label %do.end, label %do.body
do.end:                                           ; preds = %do.body, %middle.block
  ret void
}
define dso_local void @scale(ptr nocapture noundef %a, i32 noundef %n, i32 noundef %k) {
entry:
  %cmp7 = icmp sgt i32 %n, 0
  br i1 %cmp7, label %for.body.preheader, label %for.cond.cleanup
for.body.preheader:                               ; preds = %entry
  %wide.trip.count = zext nneg i32 %n to i64
  %min.iters.check = icmp ult i32 %n, 4
  br i1 %min.iters.check, label %for.body.preheader10, label %vector.ph
for.body.preheader10:                             ; preds = %middle.block, %for.body.preheader
  %indvars.iv.ph = phi i64 [ 0, %for.body.preheader ], [ %n.vec, %middle.block ]
  br label %for.body
vector.ph:                                        ; preds = %for.body.preheader
  %n.vec = and i64 %wide.trip.count, 2147483644
  %broadcast.splatinsert = insertelement <4 x i32> poison, i32 %k, i64 0
  %broadcast.splat = shufflevector <4 x i32> %broadcast.splatinsert, <4 x i32> poison, <4 x i32> zeroinitializer
  br label %vector.body
vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %0 = getelementptr inbounds i32, ptr %a, i64 %index
  %wide.load = load <4 x i32>, ptr %0, align 4
  %1 = mul nsw <4 x i32> %wide.load, %broadcast.splat
  %2 = add nsw <4 x i32> %1, <i32 1, i32 1, i32 1, i32 1>
  store <4 x i32> %2, ptr %0, align 4
  %index.next = add nuw i64 %index, 4
  %3 = icmp eq i64 %index.next, %n.vec
  br i1 %3, label %middle.block, label %vector.body
middle.block:                                     ; preds = %vector.body
  %cmp.n = icmp eq i64 %n.vec, %wide.trip.count
  br i1 %cmp.n, label %for.cond.cleanup, label %for.body.preheader10
for.cond.cleanup:                                 ; preds = %for.body, %middle.block, %entry
  ret void
for.body:                                         ; preds = %for.body.preheader10, %for.body
  %indvars.iv = phi i64 [ %indvars.iv.next, %for.body ], [ %indvars.iv.ph, %for.body.preheader10 ]
  %arrayidx = getelementptr inbounds i32, ptr %a, i64 %indvars.iv
  %4 = load i32, ptr %arrayidx, align 4
  %mul = mul nsw i32 %4, %k
  %add = add nsw i32 %mul, 1
  store i32 %add, ptr %arrayidx, align 4
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, %wide.trip.count
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body
}
define dso_local void @add(ptr nocapture noundef %d, ptr nocapture noundef readonly %s, i64 noundef %n) {
entry:
  %cmp5 = icmp sgt i64 %n, 0
  br i1 %cmp5, label %for.body.preheader, label %for.cond.cleanup
for.body.preheader:                               ; preds = %entry
  %min.iters.check = icmp ult i64 %n, 8
  br i1 %min.iters.check, label %for.body.preheader9, label %vector.memcheck
for.body.preheader9:                              ; preds = %middle.block, %vector.memcheck, %for.body.preheader
  %i.06.ph = phi i64 [ 0, %vector.memcheck ], [ 0, %for.body.preheader ], [ %n.vec, %middle.block ]
  br label %for.body
vector.memcheck:                                  ; preds = %for.body.preheader
  %0 = shl i64 %n, 2
  %scevgep = getelementptr i8, ptr %d, i64 %0
  %scevgep7 = getelementptr i8, ptr %s, i64 %0
  %bound0 = icmp ugt ptr %scevgep7, %d
  %bound1 = icmp ugt ptr %scevgep, %s
  %found.conflict = and i1 %bound0, %bound1
  br i1 %found.conflict, label %for.body.preheader9, label %vector.ph
vector.ph:                                        ; preds = %vector.memcheck
  %n.vec = and i64 %n, 9223372036854775804
  br label %vector.body
vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %1 = getelementptr inbounds i32, ptr %s, i64 %index
  %wide.load = load <4 x i32>, ptr %1, align 4
  %2 = getelementptr inbounds i32, ptr %d, i64 %index
  %wide.load8 = load <4 x i32>, ptr %2, align 4
  %3 = add nsw <4 x i32> %wide.load8, %wide.load
  store <4 x i32> %3, ptr %2, align 4
  %index.next = add nuw i64 %index, 4
  %4 = icmp eq i64 %index.next, %n.vec
  br i1 %4, label %middle.block, label %vector.body
middle.block:                                     ; preds = %vector.body
  %cmp.n = icmp eq i64 %n.vec, %n
  br i1 %cmp.n, label %for.cond.cleanup, label %for.body.preheader9
for.cond.cleanup:                                 ; preds = %for.body, %middle.block, %entry
  ret void
for.body:                                         ; preds = %for.body.preheader9, %for.body
  %i.06 = phi i64 [ %inc, %for.body ], [ %i.06.ph, %for.body.preheader9 ]
  %arrayidx = getelementptr inbounds i32, ptr %s, i64 %i.06
  %5 = load i32, ptr %arrayidx, align 4
  %arrayidx1 = getelementptr inbounds i32, ptr %d, i64 %i.06
  %6 = load i32, ptr %arrayidx1, align 4
  %add = add nsw i32 %6, %5
  store i32 %add, ptr %arrayidx1, align 4
  %inc = add nuw nsw i64 %i.06, 1
  %exitcond.not = icmp eq i64 %inc, %n
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body
}
define dso_local void @xor_from(ptr noalias nocapture noundef %d, ptr noalias nocapture noundef readonly %s, i64 noundef %from, i64 noundef %n) {
entry:
  %cmp8 = icmp ult i64 %from, %n
  br i1 %cmp8, label %iter.check, label %for.cond.cleanup
iter.check:                                       ; preds = %entry
  %0 = sub i64 %n, %from
  %min.iters.check = icmp ult i64 %0, 8
  br i1 %min.iters.check, label %for.body.preheader, label %vector.main.loop.iter.check
vector.main.loop.iter.check:                      ; preds = %iter.check
  %min.iters.check10 = icmp ult i64 %0, 16
  br i1 %min.iters.check10, label %vec.epilog.ph, label %vector.ph
vector.ph:                                        ; preds = %vector.main.loop.iter.check
  %n.vec = and i64 %0, -16
  br label %vector.body
vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %offset.idx = add i64 %index, %from
  %1 = getelementptr inbounds i8, ptr %s, i64 %offset.idx
  %wide.load = load <16 x i8>, ptr %1, align 1
  %2 = getelementptr inbounds i8, ptr %d, i64 %offset.idx
  %wide.load11 = load <16 x i8>, ptr %2, align 1
  %3 = xor <16 x i8> %wide.load11, %wide.load
  store <16 x i8> %3, ptr %2, align 1
  %index.next = add nuw i64 %index, 16
  %4 = icmp eq i64 %index.next, %n.vec
  br i1 %4, label %middle.block, label %vector.body
middle.block:                                     ; preds = %vector.body
  %cmp.n = icmp eq i64 %0, %n.vec
  br i1 %cmp.n, label %for.cond.cleanup, label %vec.epilog.iter.check
vec.epilog.iter.check:                            ; preds = %middle.block
  %ind.end14 = add i64 %n.vec, %from
  %n.vec.remaining = and i64 %0, 8
  %min.epilog.iters.check.not.not = icmp eq i64 %n.vec.remaining, 0
  br i1 %min.epilog.iters.check.not.not, label %for.body.preheader, label %vec.epilog.ph
for.body.preheader:                               ; preds = %vec.epilog.middle.block, %iter.check, %vec.epilog.iter.check
  %i.09.ph = phi i64 [ %from, %iter.check ], [ %ind.end14, %vec.epilog.iter.check ], [ %ind.end, %vec.epilog.middle.block ]
  br label %for.body
vec.epilog.ph:                                    ; preds = %vector.main.loop.iter.check, %vec.epilog.iter.check
  %vec.epilog.resume.val = phi i64 [ %n.vec, %vec.epilog.iter.check ], [ 0, %vector.main.loop.iter.check ]
  %n.vec13 = and i64 %0, -8
  %ind.end = add i64 %n.vec13, %from
  br label %vec.epilog.vector.body
vec.epilog.vector.body:                           ; preds = %vec.epilog.vector.body, %vec.epilog.ph
  %index15 = phi i64 [ %vec.epilog.resume.val, %vec.epilog.ph ], [ %index.next19, %vec.epilog.vector.body ]
  %offset.idx16 = add i64 %index15, %from
  %5 = getelementptr inbounds i8, ptr %s, i64 %offset.idx16
  %wide.load17 = load <8 x i8>, ptr %5, align 1
  %6 = getelementptr inbounds i8, ptr %d, i64 %offset.idx16
  %wide.load18 = load <8 x i8>, ptr %6, align 1
  %7 = xor <8 x i8> %wide.load18, %wide.load17
  store <8 x i8> %7, ptr %6, align 1
  %index.next19 = add nuw i64 %index15, 8
  %8 = icmp eq i64 %index.next19, %n.vec13
  br i1 %8, label %vec.epilog.middle.block, label %vec.epilog.vector.body
vec.epilog.middle.block:                          ; preds = %vec.epilog.vector.body
  %cmp.n20 = icmp eq i64 %0, %n.vec13
  br i1 %cmp.n20, label %for.cond.cleanup, label %for.body.preheader
for.cond.cleanup:                                 ; preds = %for.body, %middle.block, %vec.epilog.middle.block, %entry
  ret void
for.body:                                         ; preds = %for.body.preheader, %for.body
  %i.09 = phi i64 [ %inc, %for.body ], [ %i.09.ph, %for.body.preheader ]
  %arrayidx = getelementptr inbounds i8, ptr %s, i64 %i.09
  %9 = load i8, ptr %arrayidx, align 1
  %arrayidx1 = getelementptr inbounds i8, ptr %d, i64 %i.09
  %10 = load i8, ptr %arrayidx1, align 1
  %xor7 = xor i8 %10, %9
  store i8 %xor7, ptr %arrayidx1, align 1
  %inc = add nuw i64 %i.09, 1
  %exitcond.not = icmp eq i64 %inc, %n
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body
}
declare i32 @llvm.usub.sat.i32(i32, i32)
declare <8 x i32> @llvm.usub.sat.v8i32(<8 x i32>, <8 x i32>)

define dso_local void @scale_middle_untested(ptr nocapture noundef %a, i32 noundef %n, i32 noundef %k) {
entry:
  %cmp7 = icmp sgt i32 %n, 0
  br i1 %cmp7, label %for.body.preheader, label %for.cond.cleanup
for.body.preheader:                               ; preds = %entry
  %wide.trip.count = zext nneg i32 %n to i64
  %min.iters.check = icmp ult i32 %n, 4
  br i1 %min.iters.check, label %for.body.preheader10, label %vector.ph
for.body.preheader10:                             ; preds = %middle.block, %for.body.preheader
  %indvars.iv.ph = phi i64 [ 0, %for.body.preheader ], [ %n.vec, %middle.block ]
  br label %for.body
vector.ph:                                        ; preds = %for.body.preheader
  %n.vec = and i64 %wide.trip.count, 2147483644
  %broadcast.splatinsert = insertelement <4 x i32> poison, i32 %k, i64 0
  %broadcast.splat = shufflevector <4 x i32> %broadcast.splatinsert, <4 x i32> poison, <4 x i32> zeroinitializer
  br label %vector.body
vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %0 = getelementptr inbounds i32, ptr %a, i64 %index
  %wide.load = load <4 x i32>, ptr %0, align 4
  %1 = mul nsw <4 x i32> %wide.load, %broadcast.splat
  %2 = add nsw <4 x i32> %1, <i32 1, i32 1, i32 1, i32 1>
  store <4 x i32> %2, ptr %0, align 4
  %index.next = add nuw i64 %index, 4
  %3 = icmp eq i64 %index.next, %n.vec
  br i1 %3, label %middle.block, label %vector.body
middle.block:                                     ; preds = %vector.body
  %cmp.n = icmp eq i64 %n.vec, %wide.trip.count
  br label %for.body.preheader10
for.cond.cleanup:                                 ; preds = %for.body, %middle.block, %entry
  ret void
for.body:                                         ; preds = %for.body.preheader10, %for.body
  %indvars.iv = phi i64 [ %indvars.iv.next, %for.body ], [ %indvars.iv.ph, %for.body.preheader10 ]
  %arrayidx = getelementptr inbounds i32, ptr %a, i64 %indvars.iv
  %4 = load i32, ptr %arrayidx, align 4
  %mul = mul nsw i32 %4, %k
  %add = add nsw i32 %mul, 1
  store i32 %add, ptr %arrayidx, align 4
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, %wide.trip.count
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body
}
