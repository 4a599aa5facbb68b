#ifndef BITEXT_CCMARK_SHIM_H
#define BITEXT_CCMARK_SHIM_H
// The CommonMark reference parser (Debian libcmark-dev), with source positions.
#include <cmark.h>

static inline int bx_cmark_opt_sourcepos(void) { return CMARK_OPT_SOURCEPOS; }
#endif
