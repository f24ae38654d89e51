/* prompt.c - for prompt.py: a program at a prompt (fgets on the terminal),
 * or with "loop" a program computing in a loop of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bye(void) { printf("bye\n"); }

static unsigned long loop(void)
{
  unsigned long h = 1;
  for (unsigned long i = 0;; i++)
    h = h * 31 + (i ^ (h >> 7));
  return h;
}

int main(int argc, char **argv) {
  char line[256];
  atexit(bye);
  if (argc > 1 && !strcmp(argv[1], "loop")) {
    fprintf(stderr, "LOOPING\n");
    return (int)loop();
  }
  fprintf(stderr, "PROMPT> ");
  while (fgets(line, sizeof line, stdin))
    printf("got %s", line);
  return 0;
}
