// libFuzzer entry for the program's font streams (Sources/CFontStreams/font_streams.c): a font file's
// bytes, damaged, are searched for their glyph programs, then opened by FreeType on the stream (the
// program's FT_New_Face) and read as a report reads a font: every glyph loaded, tables loaded whole.
// scripts/fuzz.sh font 300
#define _GNU_SOURCE
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "font_streams.h"

static FT_Library library;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    unsigned long start, end;
    if (ccr_font_glyph_programs(data, size, &start, &end) && (start >= end || end > size)) abort();
    if (!library && FT_Init_FreeType(&library)) return 0;
    int fd = memfd_create("font", 0);
    if (fd < 0) return 0;
    if (write(fd, data, size) != (ssize_t)size) { close(fd); return 0; }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    FT_Face face;
    if (FT_New_Face(library, path, 0, &face) == 0) {
        FT_Set_Char_Size(face, 12 * 64, 0, 72, 72);
        for (long g = 0; g < face->num_glyphs && g < 64; g++) FT_Load_Glyph(face, (FT_UInt)g, FT_LOAD_NO_HINTING);
        for (long g = 0; g < face->num_glyphs && g < 64; g++) FT_Load_Glyph(face, (FT_UInt)g, FT_LOAD_NO_HINTING);
        FT_ULong length = 0;
        if (FT_Load_Sfnt_Table(face, FT_MAKE_TAG('c', 'm', 'a', 'p'), 0, NULL, &length) == 0 && length < (1 << 24)) {
            unsigned char *table = malloc(length ? length : 1);
            if (table) FT_Load_Sfnt_Table(face, FT_MAKE_TAG('c', 'm', 'a', 'p'), 0, table, &length);
            free(table);
        }
        FT_Done_Face(face);
    }
    close(fd);
    return 0;
}
