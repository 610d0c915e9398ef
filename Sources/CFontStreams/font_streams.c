// FreeType opens a font file by mapping all of it into memory. A report draws a thousand or so of a
// CJK font's 16,000 glyphs, scattered over the file, and Cairo copies each font's whole glyph table
// when it subsets it; with the kernel mapping a file's pages 64 KiB (or a whole large folio) around
// each page touched, every page of the three bundled fonts (12.6 MB) ended up resident: a fifth of a
// 10-page report's peak memory. So the program defines FreeType's FT_New_Face itself (exported from
// the executable: the linker setting in Package.swift), and Cairo's and fontconfig's calls land here.
// The face is opened on a stream of our own, which maps nothing and reads with pread:
//   - a glyph's program (in the data of the CFF CharStrings INDEX, or in the 'glyf' table) from the
//     file, once, keeping the bytes (a few hundred) for the next time the glyph is loaded at another
//     size;
//   - a read of 64 KiB or more (a whole table, copied by Cairo's subsetter) straight into the
//     caller's buffer;
//   - everything else (table directory, CFF dictionaries and offsets, cmap, metrics, layout tables:
//     small, and read again and again) through 16 KiB blocks read once and kept.
// FreeType gets the file's bytes in every case. A file that cannot be opened goes to FreeType's own
// FT_Open_Face by path. If the symbol is not taken from here (another link), nothing changes but the
// memory.
#include "font_streams.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { WHOLE_TABLE = 64 * 1024, ARENA_CHUNK = 64 * 1024, BLOCK = 16 * 1024 };

// ---- the bytes of a font: in memory (tests) or in a file -----------------------------------------

typedef struct {
    const unsigned char *memory;  // or NULL: read from fd
    int fd;
    unsigned long size;
} Bytes;

/// `count` bytes at `offset` into `out`; 0 if they are not all there.
static int get(const Bytes *b, unsigned long offset, unsigned long count, unsigned char *out) {
    if (offset > b->size || count > b->size - offset) return 0;
    if (b->memory) {
        memcpy(out, b->memory + offset, count);
        return 1;
    }
    unsigned long done = 0;
    while (done < count) {
        ssize_t r = pread(b->fd, out + done, count - done, (off_t)(offset + done));
        if (r <= 0) return 0;
        done += (unsigned long)r;
    }
    return 1;
}

/// The big-endian number of `n` (1–4) bytes at `offset`, or `fallback` if they are not there.
static unsigned long number(const Bytes *b, unsigned long offset, int n, unsigned long fallback) {
    unsigned char p[4];
    if (n < 1 || n > 4 || !get(b, offset, (unsigned long)n, p)) return fallback;
    unsigned long v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

// ---- where a font's glyph programs are ------------------------------------------------------------

/// The INDEX at `at` (count, offSize, offsets, data) within [0, end): where its data starts and ends.
/// Returns 0 if it does not fit.
static int cff_index(const Bytes *b, unsigned long at, unsigned long end, unsigned long *dataStart,
                     unsigned long *dataEnd) {
    if (at + 2 > end) return 0;
    unsigned long count = number(b, at, 2, 0);
    if (count == 0) {
        *dataStart = *dataEnd = at + 2;
        return 1;
    }
    if (at + 3 > end) return 0;
    int offSize = (int)number(b, at + 2, 1, 0);
    if (offSize < 1 || offSize > 4) return 0;
    unsigned long offsets = at + 3, afterOffsets = offsets + (count + 1) * (unsigned long)offSize;
    if (afterOffsets > end) return 0;
    unsigned long first = number(b, offsets, offSize, 0), last = number(b, offsets + count * offSize, offSize, 0);
    if (first != 1 || last < first || afterOffsets - 1 + last > end) return 0;
    *dataStart = afterOffsets;  // offsets count from the byte before the data, starting at 1
    *dataEnd = afterOffsets - 1 + last;
    return 1;
}

/// The CharStrings offset (operator 17) of the Top DICT in [p, end), or 0.
static unsigned long top_dict_charstrings(const unsigned char *p, const unsigned char *end) {
    long operands[48];
    int n = 0;
    while (p < end) {
        int b0 = *p++;
        if (b0 >= 32 && b0 <= 246) {
            if (n < 48) operands[n++] = b0 - 139;
        } else if (b0 >= 247 && b0 <= 254) {
            if (p >= end) return 0;
            long v = b0 <= 250 ? (b0 - 247) * 256 + *p + 108 : -(b0 - 251) * 256 - *p - 108;
            p++;
            if (n < 48) operands[n++] = v;
        } else if (b0 == 28 || b0 == 29) {
            int len = b0 == 28 ? 2 : 4;
            if (end - p < len) return 0;
            long v = 0;
            for (int i = 0; i < len; i++) v = v << 8 | p[i];
            if (len == 2 && v >= 0x8000) v -= 0x10000;
            if (len == 4 && v >= 0x80000000L) v -= 0x100000000L;
            p += len;
            if (n < 48) operands[n++] = v;
        } else if (b0 == 30) {  // a real: nibbles up to 0xf
            while (p < end && (*p & 0x0f) != 0x0f && (*p >> 4) != 0x0f) p++;
            if (p < end) p++;
            if (n < 48) operands[n++] = 0;
        } else {  // an operator
            if (b0 == 12) {
                if (p >= end) return 0;
                p++;
            } else if (b0 == 17 && n >= 1) {
                return operands[n - 1] > 0 ? (unsigned long)operands[n - 1] : 0;
            }
            n = 0;
        }
    }
    return 0;
}

/// The data of the CharStrings INDEX of the 'CFF ' table at [t, t + len).
static int cff_glyphs(const Bytes *b, unsigned long t, unsigned long len, unsigned long *start, unsigned long *end) {
    if (len < 4) return 0;
    unsigned long tableEnd = t + len, nameStart, nameEnd, topStart, topEnd, csStart, csEnd;
    unsigned long headerSize = number(b, t + 2, 1, 0);  // the Name INDEX follows the header
    if (headerSize < 4 || !cff_index(b, t + headerSize, tableEnd, &nameStart, &nameEnd)) return 0;
    if (!cff_index(b, nameEnd, tableEnd, &topStart, &topEnd) || topEnd <= topStart) return 0;
    // The first Top DICT ends where the second begins: the INDEX's second offset.
    int offSize = (int)number(b, nameEnd + 2, 1, 0);
    unsigned long firstEnd = topStart - 1 + number(b, nameEnd + 3 + offSize, offSize, 0);
    if (firstEnd > topEnd || firstEnd <= topStart || firstEnd - topStart > 4096) return 0;
    unsigned char dict[4096];
    if (!get(b, topStart, firstEnd - topStart, dict)) return 0;
    unsigned long cs = top_dict_charstrings(dict, dict + (firstEnd - topStart));
    if (cs == 0 || cs >= len || !cff_index(b, t + cs, tableEnd, &csStart, &csEnd) || csEnd <= csStart) return 0;
    *start = csStart;
    *end = csEnd;
    return 1;
}

static int glyph_programs(const Bytes *b, unsigned long *start, unsigned long *end) {
    *start = *end = 0;
    unsigned long version = number(b, 0, 4, 0), tables = number(b, 4, 2, 0);
    int truetype = version == 0x00010000UL || version == 0x74727565UL;  // 1.0 or 'true'
    if (!truetype && version != 0x4F54544FUL) return 0;                 // 'OTTO'
    for (unsigned long i = 0; i < tables; i++) {
        unsigned char r[16];
        if (!get(b, 12 + i * 16, 16, r)) return 0;
        unsigned long tag = (unsigned long)r[0] << 24 | r[1] << 16 | r[2] << 8 | r[3];
        unsigned long t = (unsigned long)r[8] << 24 | r[9] << 16 | r[10] << 8 | r[11];
        unsigned long len = (unsigned long)r[12] << 24 | r[13] << 16 | r[14] << 8 | r[15];
        if (tag != (truetype ? 0x676C7966UL : 0x43464620UL)) continue;  // 'glyf' or 'CFF '
        if (t > b->size || len > b->size - t || len == 0) return 0;
        if (!truetype) return cff_glyphs(b, t, len, start, end);
        *start = t;  // TrueType outlines: the 'glyf' table is the glyphs' data, found through 'loca'
        *end = t + len;
        return 1;
    }
    return 0;
}

int ccr_font_glyph_programs(const unsigned char *bytes, unsigned long size, unsigned long *start, unsigned long *end) {
    Bytes b = {.memory = bytes, .fd = -1, .size = bytes ? size : 0};
    return glyph_programs(&b, start, end);
}

// ---- a font file read through the stream ----------------------------------------------------------

typedef struct {
    unsigned long offset, count;
    unsigned char *bytes;  // NULL: an empty slot
} GlyphRead;

typedef struct ArenaChunk {
    struct ArenaChunk *next;
    size_t used;
    unsigned char bytes[ARENA_CHUNK];
} ArenaChunk;

typedef struct FontSource {
    FT_StreamRec stream;  // first: FreeType's stream is the source
    Bytes file;
    unsigned long glyphsStart, glyphsEnd;  // the glyph programs, [start, end)
    unsigned char **blocks;                // the rest of the file, BLOCK bytes each, read when first needed
    GlyphRead *reads;                      // open addressing by offset
    size_t capacity, used;
    ArenaChunk *arena;
} FontSource;

static atomic_long glyph_reads, glyph_repeats, table_reads, faces_open, bytes_held;

static unsigned char *arena_copy(FontSource *s, const unsigned char *bytes, size_t count) {
    if (count > ARENA_CHUNK) return NULL;
    if (!s->arena || s->arena->used + count > ARENA_CHUNK) {
        ArenaChunk *c = malloc(sizeof *c);
        if (!c) return NULL;
        atomic_fetch_add_explicit(&bytes_held, (long)sizeof *c, memory_order_relaxed);
        c->next = s->arena;
        c->used = 0;
        s->arena = c;
    }
    unsigned char *out = s->arena->bytes + s->arena->used;
    memcpy(out, bytes, count);
    s->arena->used += count;
    return out;
}

static GlyphRead *slot(GlyphRead *reads, size_t capacity, unsigned long offset, unsigned long count) {
    size_t i = (size_t)((offset * 0x9E3779B97F4A7C15ULL) >> 20) & (capacity - 1);
    while (reads[i].bytes && !(reads[i].offset == offset && reads[i].count == count)) i = (i + 1) & (capacity - 1);
    return &reads[i];
}

static int grow(FontSource *s) {
    size_t capacity = s->capacity ? s->capacity * 2 : 1024;
    GlyphRead *reads = calloc(capacity, sizeof *reads);
    if (!reads) return 0;
    for (size_t i = 0; i < s->capacity; i++) {
        if (s->reads[i].bytes) *slot(reads, capacity, s->reads[i].offset, s->reads[i].count) = s->reads[i];
    }
    free(s->reads);
    s->reads = reads;
    s->capacity = capacity;
    return 1;
}

static unsigned long read_glyph(FontSource *s, unsigned long offset, unsigned char *buffer, unsigned long count) {
    if ((s->used + 1) * 2 > s->capacity && !grow(s)) return get(&s->file, offset, count, buffer) ? count : 0;
    GlyphRead *r = slot(s->reads, s->capacity, offset, count);
    if (r->bytes) {
        atomic_fetch_add_explicit(&glyph_repeats, 1, memory_order_relaxed);
        memcpy(buffer, r->bytes, count);
        return count;
    }
    atomic_fetch_add_explicit(&glyph_reads, 1, memory_order_relaxed);
    if (!get(&s->file, offset, count, buffer)) return 0;
    if ((r->bytes = arena_copy(s, buffer, count))) {
        r->offset = offset;
        r->count = count;
        s->used++;
    }
    return count;
}

/// `count` bytes at `offset` through the kept blocks, each read from the file the first time.
static unsigned long read_blocks(FontSource *s, unsigned long offset, unsigned char *buffer, unsigned long count) {
    unsigned long done = 0;
    while (done < count) {
        unsigned long at = offset + done, k = at / BLOCK, within = at % BLOCK;
        if (!s->blocks[k]) {
            unsigned long start = k * BLOCK, n = s->file.size - start < BLOCK ? s->file.size - start : BLOCK;
            unsigned char *block = malloc(BLOCK);
            if (!block || !get(&s->file, start, n, block)) {
                free(block);
                return get(&s->file, at, count - done, buffer + done) ? count : done;
            }
            s->blocks[k] = block;
            atomic_fetch_add_explicit(&bytes_held, BLOCK, memory_order_relaxed);
        }
        unsigned long n = BLOCK - within < count - done ? BLOCK - within : count - done;
        memcpy(buffer + done, s->blocks[k] + within, n);
        done += n;
    }
    return done;
}

static unsigned long source_read(FT_Stream stream, unsigned long offset, unsigned char *buffer, unsigned long count) {
    FontSource *s = (FontSource *)stream;
    if (count == 0) return offset > stream->size ? 1 : 0;  // a seek: 0 is success
    if (offset >= stream->size) return 0;
    if (count > stream->size - offset) count = stream->size - offset;
    if (count >= WHOLE_TABLE) {
        atomic_fetch_add_explicit(&table_reads, 1, memory_order_relaxed);
        return get(&s->file, offset, count, buffer) ? count : 0;
    }
    if (offset >= s->glyphsStart && offset < s->glyphsEnd) return read_glyph(s, offset, buffer, count);
    return read_blocks(s, offset, buffer, count);
}

static void source_close(FT_Stream stream) {
    FontSource *s = (FontSource *)stream;
    close(s->file.fd);
    for (unsigned long k = 0; k < (s->file.size + BLOCK - 1) / BLOCK; k++) {
        if (s->blocks[k]) atomic_fetch_sub_explicit(&bytes_held, BLOCK, memory_order_relaxed);
        free(s->blocks[k]);
    }
    free(s->blocks);
    free(s->reads);
    while (s->arena) {
        ArenaChunk *next = s->arena->next;
        atomic_fetch_sub_explicit(&bytes_held, (long)sizeof *s->arena, memory_order_relaxed);
        free(s->arena);
        s->arena = next;
    }
    atomic_fetch_sub_explicit(&faces_open, 1, memory_order_relaxed);
    free(s);
}

static FontSource *source_open(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    FontSource *s = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || !(s = calloc(1, sizeof *s)) ||
        !(s->blocks = calloc(((unsigned long)st.st_size + BLOCK - 1) / BLOCK, sizeof *s->blocks)))
    {
        free(s);
        close(fd);
        return NULL;
    }
    s->file = (Bytes){.memory = NULL, .fd = fd, .size = (unsigned long)st.st_size};
    s->stream.size = (unsigned long)st.st_size;
    s->stream.read = source_read;
    s->stream.close = source_close;
    glyph_programs(&s->file, &s->glyphsStart, &s->glyphsEnd);
    atomic_fetch_add_explicit(&faces_open, 1, memory_order_relaxed);
    return s;
}

FT_Error FT_New_Face(FT_Library library, const char *path, FT_Long face_index, FT_Face *aface) {
    if (!path) return FT_Err_Invalid_Argument;
    FontSource *s = source_open(path);
    FT_Open_Args args;
    memset(&args, 0, sizeof args);
    if (s) {
        args.flags = FT_OPEN_STREAM;
        args.stream = &s->stream;
    } else {
        args.flags = FT_OPEN_PATHNAME;
        args.pathname = (char *)path;
    }
    return FT_Open_Face(library, &args, face_index, aface);  // on failure FreeType closes the stream
}

ccr_font_stream_stats ccr_font_streams_stats(void) {
    ccr_font_stream_stats st = {
        .glyphReads = atomic_load(&glyph_reads),
        .glyphRepeats = atomic_load(&glyph_repeats),
        .tableReads = atomic_load(&table_reads),
        .faces = atomic_load(&faces_open),
        .bytesHeld = atomic_load(&bytes_held),
    };
    return st;
}
