#ifndef CCR_PNG_WRITER_H
#define CCR_PNG_WRITER_H
#include <stddef.h>

/// Receives encoded bytes; returns 0 on success.
typedef int (*ccr_png_write_fn)(void *context, const unsigned char *data, size_t length);

/// Encodes a Cairo ARGB32 image (premultiplied, native-endian 32-bit pixels) as an 8-bit PNG:
/// RGB when `alpha` is 0, RGBA (un-premultiplied) otherwise. `level` is zlib's 0–9; `filter` is
/// the PNG row filter for every row: 0 none, 1 sub, 2 up, 4 paeth. `threads` bands of rows are
/// compressed at once (fewer for small images). Returns 0 on success, else writes a message into `error`.
int ccr_png_encode(const unsigned char *pixels, int width, int height, int stride, int alpha, int level, int filter,
                   int threads, ccr_png_write_fn write, void *context, char *error, size_t error_length);
#endif
