#ifndef CSTOREDSTREAMS_H
#define CSTOREDSTREAMS_H

/// How the calling thread's zlib streams begun with deflateInit() compress (see stored_streams.c).
enum ccr_stream_mode {
    /// At the level asked for.
    CCR_STREAMS_AS_ASKED = 0,
    /// Stored, not compressed (level 0): a PDF's pages while they are drawn.
    CCR_STREAMS_STORED = 1,
    /// At zlib's fastest level whatever the level asked for: a PDF's fonts as Cairo writes them.
    CCR_STREAMS_FASTEST = 2,
};

void ccr_store_streams(int mode);

#endif
