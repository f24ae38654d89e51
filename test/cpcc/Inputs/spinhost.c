/* cpcc tests: runs spin() from a shared library built with cpcc -shared,
 * linked in (no argument) or dlopen'ed (argument: the library's path). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

unsigned long spin(unsigned long, unsigned long);

static void bye(void) { printf("atexit handler ran\n"); }

int main(int argc, char **argv) {
  unsigned long (*f)(unsigned long, unsigned long) = 0;
  atexit(bye);
#ifdef USE_DLOPEN
  void *h = dlopen(argv[1], RTLD_NOW);
  if (!h) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  f = (unsigned long (*)(unsigned long, unsigned long))dlsym(h, "spin");
#else
  f = spin;
#endif
  printf("READY\n");
  fflush(stdout);
  printf("spin %lu\n", f((unsigned long)argc, ~0UL));
  return 0;
}
