// The markers go in after the clean-up of the front end's output (above
// -O0 at PipelineEarlySimplification; at -O0 at PipelineStart), so that
// SimplifyCFG, SROA and EarlyCSE see the IR they see without the plugin.
// Promoting to SSA before them let SimplifyCFG fold a scan's increment into
// the value both ways out of the loop share, `p + (bit == 0)` (pcre2's
// start-bit search), which no later pass undoes; plain clang increments on
// the back edge only, and so does the loop here.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -mllvm -print-pipeline-passes -c -o /dev/null %s | FileCheck %s --check-prefix=O2
// RUN: %clang --target=x86_64-unknown-linux-gnu -O0 -fpass-plugin=%plugin -mllvm -print-pipeline-passes -c -o /dev/null %s | FileCheck %s --check-prefix=O0
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

// O2-NOT:  mem2reg
// O2:      simplifycfg<{{[^>]*}}>,sroa<modify-cfg>,early-cse<>),{{[^(]*}}cancelpoints-mark,ipsccp,
// O0:      function(ee-instrument<>),cancelpoints-mark,always-inline,

// CHECK-LABEL: define {{.*}}ptr @scan(
// CHECK-NOT:     zext i1
// CHECK:         getelementptr inbounds {{(nuw )?}}i8, ptr %{{.*}}, i64 1
// CHECK:         {{^}}}
const unsigned char *scan(const unsigned char *p, const unsigned char *end,
                          const unsigned char *bits) {
  while (p < end) {
    unsigned c = *p;
    if (bits[c / 8] & (1u << (c & 7)))
      break;
    p++;
  }
  return p;
}
