#ifndef CFONTSTREAMS_H
#define CFONTSTREAMS_H

/// What the program's font streams have done since the process started (see font_streams.c).
typedef struct {
    /// Glyph programs read from a font file (each once) and served again from memory.
    long glyphReads, glyphRepeats;
    /// Whole tables (64 KiB or more) read from a file into the caller's buffer, not through the mapping.
    long tableReads;
    /// Faces open on the streams now, and the bytes of their files they hold in memory (the blocks read
    /// and the glyph programs kept).
    long faces, bytesHeld;
} ccr_font_stream_stats;

ccr_font_stream_stats ccr_font_streams_stats(void);

/// Where the glyph programs of the OpenType font in `bytes[0..<size]` are, [*start, *end): the data of
/// the CFF CharStrings INDEX, or the 'glyf' table of TrueType outlines. Returns 0, and an empty range,
/// for any other file.
int ccr_font_glyph_programs(const unsigned char *bytes, unsigned long size, unsigned long *start, unsigned long *end);

#endif
