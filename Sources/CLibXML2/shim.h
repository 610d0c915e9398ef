#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
/* libxml2 is built with ICU and its encoding.h then includes the system's ICU headers, which clash with
   the copy Foundation carries. Nothing here uses ICU converters: leave them out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#endif
