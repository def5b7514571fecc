#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>
/* inflateInit2 is a macro; Swift cannot call macros. */
static inline int czlib_inflate_init2(z_stream *s, int windowBits) {
  return inflateInit2(s, windowBits);
}
#endif
