// nghttp2 (libnghttp2-dev) for the server's HTTP/2 sessions. The API is plain C with no macros
// Swift cannot call, so this header only includes it; adaptors would go here if one were needed.
#ifndef CNGHTTP2_SHIM_H
#define CNGHTTP2_SHIM_H
#include <nghttp2/nghttp2.h>
#endif
