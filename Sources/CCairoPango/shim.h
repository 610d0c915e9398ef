#ifndef CCAIROPANGO_SHIM_H
#define CCAIROPANGO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>

/* GObject cast macros do not import into Swift; these wrap the ones we use. */
static inline PangoFcFontMap *ccp_fc_font_map(PangoFontMap *map) { return PANGO_FC_FONT_MAP(map); }
static inline void ccp_unref(void *object) { g_object_unref(object); }
#endif
