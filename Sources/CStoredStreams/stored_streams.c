// Cairo compresses each PDF page's content stream as it is drawn, at zlib's default level, and the
// tagged-PDF update (CairoCanvas/TaggedPDF.swift, `Artifacts`) then inflates every page's stream
// and compresses it again: Cairo's compression was a fifth of a long report's drawing, thrown away.
// Cairo 1.16 has no switch for it, so the program defines zlib's deflateInit_ itself (exported from
// the executable: the linker setting in Package.swift), and Cairo's calls land here. While the
// drawing thread has said so (CCR_STREAMS_STORED), a stream is stored (level 0: framed, not
// compressed), with the smallest window and hash (9 bits, memory level 1): storing looks nothing up,
// and zlib's default of 200 KB a stream, its 64 KB hash cleared, was 2 % of a page's drawing. The
// fonts, written as the PDF is finished (CCR_STREAMS_FASTEST), are compressed at zlib's fastest level:
// Cairo's default level took 8 % of a 10-page report's instructions for a file 7 % smaller. At any
// other time, and on every other thread, the level asked for is kept. If the symbol is not taken from
// here (another link), nothing changes but the time.
#include "stored_streams.h"
#include <zlib.h>

static __thread int store_streams = CCR_STREAMS_AS_ASKED;

void ccr_store_streams(int mode) { store_streams = mode; }

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size) {
    if (store_streams == CCR_STREAMS_STORED)
        return deflateInit2_(strm, Z_NO_COMPRESSION, Z_DEFLATED, 9, 1, Z_DEFAULT_STRATEGY, version, stream_size);
    if (store_streams == CCR_STREAMS_FASTEST) level = Z_BEST_SPEED;
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}
