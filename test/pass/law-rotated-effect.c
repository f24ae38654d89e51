// The law, a rotated loop whose exit test has an effect: the source header
// is `n = read(...)`; loop rotation puts the IR loop's header after it, so a
// poll there would drop bytes that read() took.  The poll goes where the
// source header was: after `got += n` is stored, before the next read.  The
// same for getc and for the program's own effectful helper.
// RUN: %clang --target=x86_64-unknown-linux-gnu -O1 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -O3 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %clang --target=x86_64-unknown-linux-gnu -Os -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

long read(int, void *, unsigned long);
int getc(void *);
long got, chars, lines, served;
__attribute__((noinline)) int next_request(void) { return ++served < 1000000 ? (int)served : 0; }

// CHECK-LABEL: define {{.*}}void @drain(
// CHECK:         call i64 @__cp_i_read(
// CHECK:         store i64 {{%.*}}, ptr @got
// CHECK-NEXT:    load volatile i32
// CHECK:         call i64 @__cp_i_read(
// CHECK:         ret void
void drain(int fd) {
  char buf[64];
  long n;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    got += n;
}

// CHECK-LABEL: define {{.*}}void @count(
// CHECK:         call i32 @getc(
// CHECK:         store i64 {{%.*}}, ptr @chars
// CHECK:         load volatile i32
// CHECK-NOT:     store
// CHECK:         call i32 @getc(
// CHECK:         ret void
void count(void *f) {
  int c;
  while ((c = getc(f)) != -1) {
    chars++;
    if (c == '\n')
      lines++;
  }
}

// CHECK-LABEL: define {{.*}}void @serve(
// CHECK:         call {{.*}}i32 @next_request()
// CHECK:         store i64 {{%.*}}, ptr @got
// CHECK-NEXT:    load volatile i32
// CHECK:         call {{.*}}i32 @next_request()
// CHECK:         ret void
void serve(void) {
  int r;
  while ((r = next_request()) != 0)
    got += r;
}
