// Cairo compresses each PDF page's content stream as it is drawn, at zlib's default level, and the
// tagged-PDF update (CairoCanvas/TaggedPDF.swift, `Artifacts`) then inflates every page's stream
// and compresses it again: Cairo's compression was a fifth of a long report's drawing, thrown away.
// Cairo 1.16 has no switch for it, so the program defines zlib's deflateInit_ itself (exported from
// the executable: the linker setting in Package.swift), and Cairo's calls land here. While the
// drawing thread has said so, a stream is stored (level 0: framed, not compressed); at any other
// time, and on every other thread, the level asked for is kept. Fonts, written when the PDF is
// finished, are compressed as before. If the symbol is not taken from here (another link), nothing
// changes but the time. A stored stream is given the smallest window and hash (9 bits, memory level 1):
// storing looks nothing up, and zlib's default of 200 KB a stream, its 64 KB hash cleared, was 2 % of a
// page's drawing. Its bytes are framed the same; only the window noted in its header differs.
#include "stored_streams.h"
#include <zlib.h>

static __thread int store_streams = 0;

void ccr_store_streams(int on) { store_streams = on; }

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size) {
    if (store_streams)
        return deflateInit2_(strm, Z_NO_COMPRESSION, Z_DEFLATED, 9, 1, Z_DEFAULT_STRATEGY, version, stream_size);
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}
