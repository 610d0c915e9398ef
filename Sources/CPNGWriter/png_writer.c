#include "png_writer.h"
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sink { ccr_png_write_fn write; void *context; int failed; };

static void on_write(png_structp png, png_bytep data, png_size_t length) {
    struct sink *s = (struct sink *)png_get_io_ptr(png);
    if (!s->failed && s->write(s->context, data, length) != 0) { s->failed = 1; png_error(png, "write failed"); }
}

static void on_flush(png_structp png) { (void)png; }

static void on_error(png_structp png, png_const_charp message) {
    char *buffer = (char *)png_get_error_ptr(png);
    if (buffer) snprintf(buffer, 256, "%s", message);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

int ccr_png_encode(const unsigned char *pixels, int width, int height, int stride, int alpha, int level, int filter,
                   ccr_png_write_fn write, void *context, char *error, size_t error_length) {
    char message[256] = "";
    struct sink s = { write, context, 0 };
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, message, on_error, on_warning);
    if (!png) { snprintf(error, error_length, "libpng: out of memory"); return 1; }
    png_infop info = png_create_info_struct(png);
    int channels = alpha ? 4 : 3;
    unsigned char *row = malloc((size_t)width * channels);
    if (!info || !row) { free(row); png_destroy_write_struct(&png, &info); snprintf(error, error_length, "libpng: out of memory"); return 1; }
    if (setjmp(png_jmpbuf(png))) {
        free(row);
        png_destroy_write_struct(&png, &info);
        snprintf(error, error_length, "libpng: %s", message[0] ? message : "error");
        return 1;
    }
    png_set_write_fn(png, &s, on_write, on_flush);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, level);
    switch (filter) {
    case 0: png_set_filter(png, 0, PNG_FILTER_NONE); break;
    case 1: png_set_filter(png, 0, PNG_FILTER_SUB); break;
    case 2: png_set_filter(png, 0, PNG_FILTER_UP); break;
    case 5: png_set_filter(png, 0, PNG_FILTER_PAETH); break;
    default: break;
    }
    png_write_info(png, info);
    for (int y = 0; y < height; y++) {
        const uint32_t *src = (const uint32_t *)(pixels + (size_t)y * stride);
        unsigned char *dst = row;
        for (int x = 0; x < width; x++) {
            uint32_t p = src[x];
            unsigned a = p >> 24, r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            if (alpha) {
                if (a != 0 && a != 255) { r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a; }
                dst[0] = r; dst[1] = g; dst[2] = b; dst[3] = a; dst += 4;
            } else {
                dst[0] = r; dst[1] = g; dst[2] = b; dst += 3;
            }
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    free(row);
    png_destroy_write_struct(&png, &info);
    return 0;
}
