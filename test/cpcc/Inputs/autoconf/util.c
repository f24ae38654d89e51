/* A second translation unit, so that the link step has object inputs only. */
unsigned long mix(unsigned long x) { return x * 6364136223846793005UL + 1442695040888963407UL; }
