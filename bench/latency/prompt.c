/* prompt.c - a program at a prompt, for prompt.py: fgets on the terminal. */
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("bye\n"); }

int main(void) {
  char line[256];
  atexit(bye);
  fprintf(stderr, "PROMPT> ");
  while (fgets(line, sizeof line, stdin))
    printf("got %s", line);
  return 0;
}
