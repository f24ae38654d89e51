/* sites.h - what the generated loops (gen_sites.py) and latency.c share. */
#ifndef SITES_H
#define SITES_H

void site_slow(void);               /* a site's slow path: notes a request */
extern volatile int poll_word;      /* the baseline's poll word */
long poll_loop(long n);             /* the baseline: a loop that polls it */
extern long (*const loops[])(long); /* the loops with patchable sites */
extern const int nloops;

#endif
