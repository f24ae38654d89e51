/* redirect.h - the runtime's side of CP_REDIRECTS (cancelpoints_abi.h): the
 * prototype of each __cp_i_<name> the pass calls, declared from the table's
 * row, so that its definition (blocking_redirect.c, signal_hold.c,
 * callbacks.c) is compiled against it; and CP_I, how a definition is
 * spelled.  Lock and unlock rows have no runtime version. */
#ifndef CP_REDIRECT_H
#define CP_REDIRECT_H
#include "internal.h"
#include <link.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

/* A runtime version: exported, and kept out of line.  (One that returns a
 * pointer spells it out: the attributes would go to the pointer type.) */
#define CP_I(name) CP_EXPORT __attribute__((noinline)) __cp_i_##name

/* CP_I_IF(kind, ...): the rest for the kinds that have a runtime version. */
#define CP_I_IF(kind, ...)                CP_I_IF_##kind(__VA_ARGS__)
#define CP_I_IF_CP_REDIRECT_BLOCKING(...) __VA_ARGS__
#define CP_I_IF_CP_REDIRECT_SIGNAL(...)   __VA_ARGS__
#define CP_I_IF_CP_REDIRECT_CALLBACK(...) __VA_ARGS__
#define CP_I_IF_CP_REDIRECT_LOCK(...)
#define CP_I_IF_CP_REDIRECT_UNLOCK(...)

#define CP_I_DECLARE(name, kind, extra, shape, ret, params) CP_I_IF(kind, ret __cp_i_##name params;)
CP_REDIRECTS(CP_I_DECLARE)
#undef CP_I_DECLARE

#endif
