/* redirects.c - every runtime version CP_REDIRECTS names exists: each
 * __cp_i_<name> of the table is referenced here, so the runtime does not
 * link without all of them (the pass would emit calls to a missing one). */
#include "redirect.h"

#define CP_I_ADDR(name, kind, extra, shape, ret, params)                                           \
  CP_I_IF(kind, (void (*)(void))__cp_i_##name, )

static void (*const cp_redirect_targets[])(void) __attribute__((used)) = {CP_REDIRECTS(CP_I_ADDR)};
