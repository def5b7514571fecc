#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its headers clash with Foundation's
   _FoundationICU module. Only two trailing fields of xmlCharEncodingHandler
   depend on this, and Swift never allocates that struct. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* xmlFree is a global function-pointer variable, which Swift 6 refuses to
   read (shared mutable state); call it through this function instead. */
static inline void clibxml2_free(void *p) { xmlFree(p); }
#endif
