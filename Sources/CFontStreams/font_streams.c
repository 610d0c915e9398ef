// FreeType opens a font file by mapping all of it, and the kernel maps a file's pages 64 KiB at a
// time around each one touched. A report draws a thousand or so of a CJK font's 16,000 glyphs,
// scattered over the file, and Cairo copies each font's whole 'CFF ' table when it subsets it: every
// page of the three bundled fonts (12.6 MB) ended up resident, a fifth of a 10-page report's peak
// memory. So the program defines FreeType's FT_New_Face itself (exported from the executable: the
// linker setting in Package.swift), and Cairo's and fontconfig's calls land here. The face is opened
// on a stream of our own that reads
//   - a glyph's program (the data of the CFF CharStrings INDEX) from the file, once, and keeps the
//     bytes (a few hundred each) for the next time the glyph is loaded at another size;
//   - a read of 64 KiB or more (a whole table) from the file straight into the caller's buffer;
//   - everything else (table directory, CFF dictionaries and offsets, cmap, metrics, layout tables:
//     small, and read again and again) from a private mapping of the file, as FreeType would.
// The bytes FreeType gets are the file's bytes in every case. A file that cannot be opened or mapped
// goes to FreeType's own FT_Open_Face by path. If the symbol is not taken from here (another link),
// nothing changes but the memory.
#include "font_streams.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum { WHOLE_TABLE = 64 * 1024, ARENA_CHUNK = 64 * 1024 };

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
    int fd;
    const unsigned char *map;
    unsigned long glyphsStart, glyphsEnd;  // the CharStrings INDEX's data, [start, end)
    GlyphRead *reads;                      // open addressing by offset
    size_t capacity, used;
    ArenaChunk *arena;
} FontSource;

static atomic_long glyph_reads, glyph_repeats, table_reads, faces_open;

// ---- where a CFF font's glyph programs are --------------------------------------------------------

static unsigned long be(const unsigned char *p, int n) {
    unsigned long v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

/// The INDEX at `at` (count, offSize, offsets, data) within [0, end): where its data starts and ends,
/// and where the next structure begins. Returns 0 if it does not fit.
static int cff_index(const unsigned char *f, unsigned long at, unsigned long end, unsigned long *dataStart,
                     unsigned long *dataEnd) {
    if (at + 2 > end) return 0;
    unsigned long count = be(f + at, 2);
    if (count == 0) {
        *dataStart = *dataEnd = at + 2;
        return 1;
    }
    if (at + 3 > end) return 0;
    int offSize = f[at + 2];
    if (offSize < 1 || offSize > 4) return 0;
    unsigned long offsets = at + 3, afterOffsets = offsets + (count + 1) * (unsigned long)offSize;
    if (afterOffsets > end) return 0;
    unsigned long first = be(f + offsets, offSize), last = be(f + offsets + count * offSize, offSize);
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
            long v = (long)be(p, len);
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

int ccr_font_glyph_programs(const unsigned char *f, unsigned long size, unsigned long *start, unsigned long *end) {
    *start = *end = 0;
    if (size < 12 || be(f, 4) != 0x4F54544FUL) return 0;  // 'OTTO'
    unsigned long tables = be(f + 4, 2);
    if (12 + tables * 16 > size) return 0;
    for (unsigned long i = 0; i < tables; i++) {
        const unsigned char *r = f + 12 + i * 16;
        if (be(r, 4) != 0x43464620UL) continue;  // 'CFF '
        unsigned long t = be(r + 8, 4), len = be(r + 12, 4);
        if (t > size || len > size - t || len < 4) return 0;
        unsigned long tableEnd = t + len, nameStart, nameEnd, topStart, topEnd, csStart, csEnd;
        if (!cff_index(f, t + f[t + 2], tableEnd, &nameStart, &nameEnd)) return 0;
        if (!cff_index(f, nameEnd, tableEnd, &topStart, &topEnd) || topEnd <= topStart) return 0;
        // The first Top DICT ends where the second begins: the INDEX's second offset.
        int offSize = f[nameEnd + 2];
        unsigned long firstEnd = topStart - 1 + be(f + nameEnd + 3 + offSize, offSize);
        if (firstEnd > topEnd || firstEnd < topStart) return 0;
        unsigned long cs = top_dict_charstrings(f + topStart, f + firstEnd);
        if (cs == 0 || cs >= len || !cff_index(f, t + cs, tableEnd, &csStart, &csEnd)) return 0;
        *start = csStart;
        *end = csEnd;
        return csEnd > csStart;
    }
    return 0;
}

// ---- the glyph programs read, kept ---------------------------------------------------------------

static unsigned char *arena_copy(FontSource *s, const unsigned char *bytes, size_t count) {
    if (count > ARENA_CHUNK) return NULL;
    if (!s->arena || s->arena->used + count > ARENA_CHUNK) {
        ArenaChunk *c = malloc(sizeof *c);
        if (!c) return NULL;
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

static unsigned long read_file(FontSource *s, unsigned long offset, unsigned char *buffer, unsigned long count) {
    unsigned long done = 0;
    while (done < count) {
        ssize_t r = pread(s->fd, buffer + done, count - done, (off_t)(offset + done));
        if (r <= 0) break;
        done += (unsigned long)r;
    }
    return done;
}

static unsigned long read_glyph(FontSource *s, unsigned long offset, unsigned char *buffer, unsigned long count) {
    if ((s->used + 1) * 2 > s->capacity && !grow(s)) return read_file(s, offset, buffer, count);
    GlyphRead *r = slot(s->reads, s->capacity, offset, count);
    if (r->bytes) {
        atomic_fetch_add_explicit(&glyph_repeats, 1, memory_order_relaxed);
        memcpy(buffer, r->bytes, count);
        return count;
    }
    unsigned long got = read_file(s, offset, buffer, count);
    atomic_fetch_add_explicit(&glyph_reads, 1, memory_order_relaxed);
    if (got == count && (r->bytes = arena_copy(s, buffer, count))) {
        r->offset = offset;
        r->count = count;
        s->used++;
    }
    return got;
}

// ---- the stream ----------------------------------------------------------------------------------

static unsigned long source_read(FT_Stream stream, unsigned long offset, unsigned char *buffer, unsigned long count) {
    FontSource *s = (FontSource *)stream;
    if (count == 0) return offset > stream->size ? 1 : 0;  // a seek: 0 is success
    if (offset >= stream->size) return 0;
    if (count > stream->size - offset) count = stream->size - offset;
    if (count >= WHOLE_TABLE) {
        atomic_fetch_add_explicit(&table_reads, 1, memory_order_relaxed);
        return read_file(s, offset, buffer, count);
    }
    if (offset >= s->glyphsStart && offset < s->glyphsEnd) return read_glyph(s, offset, buffer, count);
    memcpy(buffer, s->map + offset, count);
    return count;
}

static void source_close(FT_Stream stream) {
    FontSource *s = (FontSource *)stream;
    munmap((void *)s->map, stream->size);
    close(s->fd);
    free(s->reads);
    while (s->arena) {
        ArenaChunk *next = s->arena->next;
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
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        close(fd);
        return NULL;
    }
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    FontSource *s = map == MAP_FAILED ? NULL : calloc(1, sizeof *s);
    if (!s) {
        if (map != MAP_FAILED) munmap(map, (size_t)st.st_size);
        close(fd);
        return NULL;
    }
    s->fd = fd;
    s->map = map;
    s->stream.size = (unsigned long)st.st_size;
    s->stream.read = source_read;
    s->stream.close = source_close;
    ccr_font_glyph_programs(s->map, s->stream.size, &s->glyphsStart, &s->glyphsEnd);
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
    };
    return st;
}
