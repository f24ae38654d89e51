/* cpcc tests: main, which reaches scramble through the other object. */
#include "siteinline.h"

int main(int argc, char **) {
  std::printf("small %lu\n", scramble((unsigned long)argc, 3));
  std::printf("READY\n");
  std::fflush(stdout);
  std::printf("big %lu\n", other((unsigned long)argc));
  return 0;
}
