// In LTO bitcode (-flto, -flto=thin) a poll's cold block passes its site
// and there is no table: a function whose block address a global holds is
// never inlined, and the link-time optimiser still inlines.  clang marks
// such bitcode before its optimiser runs (module flags ThinLTO,
// EnableSplitLTOUnit).
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -flto -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=LTO
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -flto=thin -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=LTO
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=TABLE

// LTO-NOT: __cp_sites
// LTO-NOT: blockaddress
// LTO: load volatile ptr, ptr @__cp_site_ref
// LTO-NEXT: call preserve_mostcc void @__cp_poll_slow_pm(ptr %{{[0-9]+}})
// LTO-NOT: __cp_sites
// LTO-NOT: blockaddress

// TABLE: @__cp_sites.fill = private constant {{.*}}blockaddress(@fill, %{{[0-9]+}}){{.*}} section "__cp_sites"
// TABLE: call preserve_mostcc void @__cp_poll_slow_pm_at()

volatile int sink;

void fill(int n) {
  for (int i = 0; i < n; i++)
    sink = i;
}
