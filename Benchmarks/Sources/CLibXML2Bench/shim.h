#ifndef CLIBXML2BENCH_SHIM_H
#define CLIBXML2BENCH_SHIM_H
#include <libxml/xmlversion.h>
/* Same ICU clash as the root package's shim (see ../shared/notes/toolchain.md P2). */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#endif
