#include "png_writer.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#if defined(__x86_64__) && defined(__SSE2__)
#include <emmintrin.h>
#include <tmmintrin.h>
#endif

/* A PNG is a signature, an IHDR chunk, IDAT chunks holding one zlib stream of filtered rows, and
 * IEND. The rows are cut into bands compressed independently (pigz's method): every band but the
 * last ends on a byte boundary with a sync flush, so the raw deflate streams concatenate into one,
 * and the bands' Adler-32 sums combine into the stream's. */

enum { ROWS_PER_STEP = 16, MAX_BANDS = 16 };

struct band {
    const unsigned char *pixels;
    int width, stride, alpha, level, filter;
    int first_row, end_row, last;
    unsigned char *out;
    size_t out_length, out_capacity;
    uLong adler, raw_length;
    int failed;
};

/* Adler-32 as zlib computes it, 16 bytes a step with SSE2 where there is SSE2 (zlib 1.2's own is
 * bytewise, about a sixth of the encoder's time). Within a chunk of at most 5,552 bytes no sum can
 * overflow before the modulo. */
static uLong adler32_fast(uLong adler, const unsigned char *buffer, size_t length) {
#if defined(__x86_64__) && defined(__SSE2__)
    enum { BASE = 65521, NMAX = 5552 };
    uint64_t s1 = adler & 0xffff, s2 = (adler >> 16) & 0xffff;
    const __m128i zero = _mm_setzero_si128();
    const __m128i weight_low = _mm_setr_epi16(16, 15, 14, 13, 12, 11, 10, 9);
    const __m128i weight_high = _mm_setr_epi16(8, 7, 6, 5, 4, 3, 2, 1);
    while (length >= 16) {
        size_t blocks = length / 16;
        if (blocks > NMAX / 16) blocks = NMAX / 16;
        length -= blocks * 16;
        __m128i sum = zero, prefix = zero, weighted = zero;
        for (size_t k = 0; k < blocks; k++, buffer += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)buffer);
            prefix = _mm_add_epi32(prefix, sum);
            sum = _mm_add_epi32(sum, _mm_sad_epu8(v, zero));
            weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpacklo_epi8(v, zero), weight_low));
            weighted = _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpackhi_epi8(v, zero), weight_high));
        }
        uint32_t a[4], p[4], w[4];
        _mm_storeu_si128((__m128i *)a, sum);
        _mm_storeu_si128((__m128i *)p, prefix);
        _mm_storeu_si128((__m128i *)w, weighted);
        uint64_t block_sum = (uint64_t)a[0] + a[1] + a[2] + a[3];
        uint64_t prefix_sum = (uint64_t)p[0] + p[1] + p[2] + p[3];
        uint64_t weighted_sum = (uint64_t)w[0] + w[1] + w[2] + w[3];
        s2 = (s2 + s1 * blocks * 16 + prefix_sum * 16 + weighted_sum) % BASE;
        s1 = (s1 + block_sum) % BASE;
    }
    for (size_t i = 0; i < length; i++) { s1 += buffer[i]; s2 += s1; }
    return (uLong)(((s2 % BASE) << 16) | (s1 % BASE));
#else
    return adler32(adler, buffer, (uInt)length);
#endif
}

#if defined(__x86_64__) && defined(__SSE2__)
/* Opaque pixels to RGB, four at a time with SSSE3's byte shuffle; writes up to 4 bytes past the row. */
__attribute__((target("ssse3"))) static int convert_opaque_ssse3(const uint32_t *src, int width, unsigned char *dst) {
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    int x = 0;
    for (; x + 4 <= width; x += 4, dst += 12)
        _mm_storeu_si128((__m128i *)dst, _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(src + x)), order));
    return x;
}
#endif

static void convert_row(const unsigned char *pixels, int stride, int y, int width, int alpha, unsigned char *dst) {
    const uint32_t *src = (const uint32_t *)(pixels + (size_t)y * stride);
#if defined(__x86_64__) && defined(__SSE2__)
    if (!alpha && __builtin_cpu_supports("ssse3")) {
        int done = convert_opaque_ssse3(src, width, dst);
        src += done; dst += (size_t)done * 3; width -= done;
    }
#endif
    if (alpha) {
        for (int x = 0; x < width; x++) {
            uint32_t p = src[x];
            unsigned a = p >> 24, r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            if (a != 0 && a != 255) { r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a; }
            dst[0] = (unsigned char)r; dst[1] = (unsigned char)g; dst[2] = (unsigned char)b; dst[3] = (unsigned char)a;
            dst += 4;
        }
    } else {
        for (int x = 0; x < width; x++) {
            uint32_t p = src[x];
            dst[0] = (unsigned char)(p >> 16); dst[1] = (unsigned char)(p >> 8); dst[2] = (unsigned char)p;
            dst += 3;
        }
    }
}

static unsigned char paeth(unsigned char a, unsigned char b, unsigned char c) {
    int p = (int)a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
}

/* Writes filter byte + filtered row into out (1 + length bytes). prev is the unfiltered row above, or NULL. */
static void filter_row(const unsigned char *row, const unsigned char *prev, size_t length, int bpp, int filter,
                       unsigned char *out) {
    out[0] = (unsigned char)filter;
    unsigned char *o = out + 1;
    switch (filter) {
    case 1:
        for (size_t i = 0; i < length; i++) o[i] = (unsigned char)(row[i] - (i >= (size_t)bpp ? row[i - bpp] : 0));
        break;
    case 2:
        for (size_t i = 0; i < length; i++) o[i] = (unsigned char)(row[i] - (prev ? prev[i] : 0));
        break;
    case 4:
        for (size_t i = 0; i < length; i++) {
            unsigned char a = i >= (size_t)bpp ? row[i - bpp] : 0, b = prev ? prev[i] : 0,
                          c = (prev && i >= (size_t)bpp) ? prev[i - bpp] : 0;
            o[i] = (unsigned char)(row[i] - paeth(a, b, c));
        }
        break;
    default:
        memcpy(o, row, length);
    }
}

static int grow(struct band *b, size_t need) {
    if (b->out_capacity - b->out_length >= need) return 1;
    size_t capacity = b->out_capacity ? b->out_capacity : 1 << 16;
    while (capacity - b->out_length < need) capacity *= 2;
    unsigned char *p = realloc(b->out, capacity);
    if (!p) return 0;
    b->out = p; b->out_capacity = capacity;
    return 1;
}

static void *compress_band(void *argument) {
    struct band *b = argument;
    int bpp = b->alpha ? 4 : 3;
    size_t length = (size_t)b->width * bpp, line = length + 1;
    unsigned char *rows = malloc(2 * length + 16), *filtered = malloc(line * ROWS_PER_STEP);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (!rows || !filtered || deflateInit2(&z, b->level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(rows); free(filtered); b->failed = 1; return NULL;
    }
    unsigned char *current = rows, *previous = rows + length + 8;
    int have_previous = 0;
    if (b->filter == 2 || b->filter == 4) {
        if (b->first_row > 0) { convert_row(b->pixels, b->stride, b->first_row - 1, b->width, b->alpha, previous); have_previous = 1; }
    }
    b->adler = adler32(0L, Z_NULL, 0);
    for (int y = b->first_row; y < b->end_row && !b->failed; y += ROWS_PER_STEP) {
        int n = b->end_row - y < ROWS_PER_STEP ? b->end_row - y : ROWS_PER_STEP;
        for (int k = 0; k < n; k++) {
            convert_row(b->pixels, b->stride, y + k, b->width, b->alpha, current);
            filter_row(current, have_previous ? previous : NULL, length, bpp, b->filter, filtered + (size_t)k * line);
            unsigned char *t = previous; previous = current; current = t; have_previous = 1;
        }
        size_t in = (size_t)n * line;
        b->adler = adler32_fast(b->adler, filtered, in);
        b->raw_length += in;
        int final = y + n >= b->end_row;
        int flush = final ? (b->last ? Z_FINISH : Z_SYNC_FLUSH) : Z_NO_FLUSH;
        z.next_in = filtered; z.avail_in = (uInt)in;
        do {
            if (!grow(b, 1 << 15)) { b->failed = 1; break; }
            z.next_out = b->out + b->out_length;
            z.avail_out = (uInt)(b->out_capacity - b->out_length);
            int status = deflate(&z, flush);
            b->out_length = b->out_capacity - z.avail_out;
            if (status == Z_STREAM_ERROR) { b->failed = 1; break; }
            if (flush == Z_FINISH && status == Z_STREAM_END) break;
        } while (z.avail_in > 0 || z.avail_out == 0);
    }
    deflateEnd(&z);
    free(rows); free(filtered);
    return NULL;
}

static void put32(unsigned char *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = (unsigned char)v; }

static int chunk(ccr_png_write_fn write, void *context, const char *type, const unsigned char *data, uint32_t length) {
    unsigned char head[8];
    put32(head, length);
    memcpy(head + 4, type, 4);
    uLong crc = crc32(0L, (const Bytef *)type, 4);
    if (length) crc = crc32(crc, data, length);
    unsigned char tail[4];
    put32(tail, (uint32_t)crc);
    if (write(context, head, 8)) return 1;
    if (length && write(context, data, length)) return 1;
    return write(context, tail, 4);
}

int ccr_png_encode(const unsigned char *pixels, int width, int height, int stride, int alpha, int level, int filter,
                   int threads, ccr_png_write_fn write, void *context, char *error, size_t error_length) {
    if (width <= 0 || height <= 0 || level < 0 || level > 9 || !(filter == 0 || filter == 1 || filter == 2 || filter == 4)) {
        snprintf(error, error_length, "png: invalid arguments");
        return 1;
    }
    int bands = threads < 1 ? 1 : (threads > MAX_BANDS ? MAX_BANDS : threads);
    if (height / bands < 64) bands = height >= 128 ? height / 64 : 1;
    struct band band[MAX_BANDS];
    pthread_t thread[MAX_BANDS];
    int started[MAX_BANDS] = {0};
    for (int i = 0; i < bands; i++) {
        band[i] = (struct band){ pixels, width, stride, alpha, level, filter,
                                 (int)((long)height * i / bands), (int)((long)height * (i + 1) / bands), i == bands - 1,
                                 NULL, 0, 0, 0, 0, 0 };
    }
    for (int i = 1; i < bands; i++) started[i] = pthread_create(&thread[i], NULL, compress_band, &band[i]) == 0;
    compress_band(&band[0]);
    for (int i = 1; i < bands; i++) {
        if (started[i]) pthread_join(thread[i], NULL); else compress_band(&band[i]);
    }
    int failed = 0;
    size_t total = 2 + 4;
    uLong adler = 1;
    for (int i = 0; i < bands; i++) {
        failed |= band[i].failed;
        total += band[i].out_length;
        adler = i == 0 ? band[i].adler : adler32_combine(adler, band[i].adler, (z_off_t)band[i].raw_length);
    }
    int status = 0;
    if (failed || total > 0x7fffffffu) {
        snprintf(error, error_length, "png: out of memory");
        status = 1;
    } else {
        static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
        unsigned char ihdr[13];
        put32(ihdr, (uint32_t)width); put32(ihdr + 4, (uint32_t)height);
        ihdr[8] = 8; ihdr[9] = alpha ? 6 : 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
        /* zlib header: deflate, 32 KB window, level hint, check bits making it a multiple of 31. */
        unsigned char zhead[2] = { 0x78, level <= 1 ? 0x01 : (level < 6 ? 0x5e : (level == 6 ? 0x9c : 0xda)) };
        unsigned char ztail[4];
        put32(ztail, (uint32_t)adler);
        unsigned char idat_head[8];
        put32(idat_head, (uint32_t)total);
        memcpy(idat_head + 4, "IDAT", 4);
        uLong crc = crc32(0L, (const Bytef *)"IDAT", 4);
        crc = crc32(crc, zhead, 2);
        for (int i = 0; i < bands; i++) crc = crc32(crc, band[i].out, (uInt)band[i].out_length);
        crc = crc32(crc, ztail, 4);
        unsigned char idat_tail[4];
        put32(idat_tail, (uint32_t)crc);
        status = write(context, signature, 8) || chunk(write, context, "IHDR", ihdr, 13) ||
                 write(context, idat_head, 8) || write(context, zhead, 2);
        for (int i = 0; i < bands && !status; i++) status = write(context, band[i].out, band[i].out_length);
        status = status || write(context, ztail, 4) || write(context, idat_tail, 4) || chunk(write, context, "IEND", NULL, 0);
        if (status) snprintf(error, error_length, "png: write failed");
    }
    for (int i = 0; i < bands; i++) free(band[i].out);
    return status;
}
