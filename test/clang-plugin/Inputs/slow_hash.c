/* A library function built with plain clang (no plugin, no points): pure,
 * and slow - a few seconds for one call.  e2e-reset-safe.c declares it
 * reset_safe. */
unsigned slow_hash(unsigned x)
{
  for (unsigned long i = 0; i < 6000000000UL; i++)
    x = x * 2654435761u + (unsigned)i;
  return x;
}
