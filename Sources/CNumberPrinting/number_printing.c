// Cairo writes every coordinate, width and object number of a PDF with snprintf (its _cairo_dtostr
// prints a double with "%f", "%.*f" or "%.18f"; its own printf prints integers with "%d", "%ld"…), and
// glibc's printf of a double is exact multi-precision arithmetic: it was a sixth of a long report's
// drawing. The program defines the fortified __snprintf_chk that Cairo (built with _FORTIFY_SOURCE)
// calls, and prints those few formats itself, giving the same bytes as glibc: a double's exact
// binary value times 10^precision in 128-bit integers, rounded half to even as glibc rounds.
// Only while the drawing thread has said so (ccr_print_numbers_fast), only for those formats, only
// in the C locale's decimal point and for finite values below 2^63; anything else is glibc's.
// Tests compare the two on millions of values (Tests/CairoCanvasTests/NumberPrintingTests.swift).
#include "number_printing.h"
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, va_list ap);

static __thread int fast = 0;
/// Whether the locale's decimal point was "." when this thread turned fast printing on (the locale is
/// not changed while a PDF is drawn; asking localeconv at every number was 3 % of the printing).
static __thread int dot = 0;

static int decimal_point_is_dot(void) {
    const char *p = localeconv()->decimal_point;
    return p[0] == '.' && p[1] == 0;
}

void ccr_print_numbers_fast(int on) {
    fast = on;
    dot = on && decimal_point_is_dot();
}

/// `text` (length `n`) into `s` as snprintf would: truncated to maxlen - 1, NUL-terminated; returns n.
static int put(char *s, size_t maxlen, const char *text, int n) {
    if (maxlen > 0) {
        size_t k = (size_t)n < maxlen - 1 ? (size_t)n : maxlen - 1;
        memcpy(s, text, k);
        s[k] = 0;
    }
    return n;
}

/// Digits of `v` (at most 39) into the end of `out`; returns where they start. Below 2^64 (nearly
/// every number of a page) in 64-bit arithmetic, whose division by 10 is a multiplication.
static char *digits(unsigned __int128 v, char *end) {
    if (v <= UINT64_MAX) {
        uint64_t w = (uint64_t)v;
        do {
            *--end = (char)('0' + (int)(w % 10));
            w /= 10;
        } while (w > 0);
        return end;
    }
    do {
        *--end = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v > 0);
    return end;
}

/// "%.*f" of `d` with `precision` (0…18) into `text`; its length, or -1 when glibc must print it.
static int fixed(char *text, double d, int precision) {
    if (!isfinite(d) || precision < 0 || precision > 18 || fabs(d) >= 9223372036854775808.0) return -1;
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    int negative = (int)(bits >> 63);
    int exponent = (int)((bits >> 52) & 0x7FF);
    uint64_t mantissa = bits & ((1ULL << 52) - 1);
    if (exponent == 0) exponent = 1; else mantissa |= 1ULL << 52;
    int e = exponent - 1075;   // d = ±mantissa × 2^e
    static const uint64_t powers[19] = {
        1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL, 1000000000ULL,
        10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
        1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL, 1000000000000000000ULL};
    unsigned __int128 scale = powers[precision];
    unsigned __int128 n;
    if (e >= 0) {
        n = ((unsigned __int128)mantissa << e) * scale;   // below 2^63 × 10^18 < 2^123
    } else if (e >= -127) {
        unsigned __int128 product = (unsigned __int128)mantissa * scale;   // below 2^113
        int shift = -e;
        n = product >> shift;
        unsigned __int128 rest = product - (n << shift), half = (unsigned __int128)1 << (shift - 1);
        if (rest > half || (rest == half && (n & 1))) n += 1;
    } else {
        n = 0;   // below 2^-74 × 10^18: rounds to 0, never a tie
    }
    char buffer[64];
    char *end = buffer + sizeof buffer;
    char *p = digits(n, end);
    int have = (int)(end - p);
    // At least one digit before the point: pad with zeros to precision + 1 digits.
    while (have < precision + 1) { *--p = '0'; have++; }
    char *t = text;
    if (negative) *t++ = '-';
    int whole = have - precision;
    memcpy(t, p, (size_t)whole);
    t += whole;
    if (precision > 0) {
        *t++ = '.';
        memcpy(t, p + whole, (size_t)precision);
        t += precision;
    }
    return (int)(t - text);
}

/// `v` in hexadecimal (lower or upper case), zero-padded to `width` (0…32) digits.
static int hex(char *text, unsigned int v, int width, int upper) {
    const char *symbols = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buffer[48];
    char *end = buffer + sizeof buffer, *p = end;
    do {
        *--p = symbols[v & 0xF];
        v >>= 4;
    } while (v > 0);
    while (end - p < width) *--p = '0';
    memcpy(text, p, (size_t)(end - p));
    return (int)(end - p);
}

static int integer(char *text, long v) {
    char buffer[32];
    char *end = buffer + sizeof buffer;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    char *p = digits(u, end);
    if (v < 0) *--p = '-';
    memcpy(text, p, (size_t)(end - p));
    return (int)(end - p);
}

/// A non-negative `v` zero-padded to `width` digits.
static int padded(char *text, long v, int width) {
    char buffer[32];
    int k = integer(buffer, v);
    int pad = k < width ? width - k : 0;
    memset(text, '0', (size_t)pad);
    memcpy(text + pad, buffer, (size_t)k);
    return pad + k;
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int result = -1;
    if (fast && maxlen <= slen && format[0] == '%') {
        char text[64];
        int n = -1;
        if (strcmp(format, "%f") == 0) {
            if (dot) n = fixed(text, va_arg(ap, double), 6);
        } else if (strcmp(format, "%.*f") == 0) {
            va_list copy;
            va_copy(copy, ap);
            int precision = va_arg(copy, int);
            double d = va_arg(copy, double);
            va_end(copy);
            if (dot) n = fixed(text, d, precision);
        } else if (strcmp(format, "%.18f") == 0) {
            if (dot) n = fixed(text, va_arg(ap, double), 18);
        } else if (strcmp(format, "%d") == 0) {
            n = integer(text, va_arg(ap, int));
        } else if (strcmp(format, "%ld") == 0) {
            n = integer(text, va_arg(ap, long));
        } else if (strcmp(format, "%u") == 0) {
            n = integer(text, (long)va_arg(ap, unsigned int));
        } else if (strcmp(format, "%0*x") == 0) {   // a glyph's code in a text string
            int width = va_arg(ap, int);
            unsigned int v = va_arg(ap, unsigned int);
            if (width >= 0 && width <= 32) n = hex(text, v, width, 0);
        } else if (strcmp(format, "%04x") == 0 || strcmp(format, "%04X") == 0) {   // ToUnicode maps
            n = hex(text, va_arg(ap, unsigned int), 4, format[3] == 'X');
        } else if (strcmp(format, "%010ld") == 0) {   // cross-reference offsets
            long v = va_arg(ap, long);
            if (v >= 0) n = padded(text, v, 10);
        }
        if (n >= 0) result = put(s, maxlen, text, n);
        if (n < 0) {   // not printed here: glibc, from the start of the arguments
            va_end(ap);
            va_start(ap, format);
        }
    }
    if (result < 0) result = __vsnprintf_chk(s, maxlen, flag, slen, format, ap);
    va_end(ap);
    return result;
}

static int libc_print(char *s, size_t size, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(s, size, format, ap);
    va_end(ap);
    return n;
}

int ccr_fixed_matches_libc(double value, int precision) {
    char mine[64], theirs[128];
    int n = fixed(mine, value, precision < 0 ? 6 : precision);
    if (n < 0) return 1;   // glibc prints it: nothing to compare
    int m = precision < 0 ? libc_print(theirs, sizeof theirs, "%f", value)
                          : libc_print(theirs, sizeof theirs, "%.*f", precision, value);
    return n == m && memcmp(mine, theirs, (size_t)n) == 0;
}

int ccr_hex_matches_libc(unsigned int value, int width) {
    char mine[48], theirs[48];
    int ok = 1;
    if (width >= 0 && width <= 32) {
        int n = hex(mine, value, width, 0), m = libc_print(theirs, sizeof theirs, "%0*x", width, value);
        ok = n == m && memcmp(mine, theirs, (size_t)n) == 0;
    }
    int n = hex(mine, value, 4, 0), m = libc_print(theirs, sizeof theirs, "%04x", value);
    ok = ok && n == m && memcmp(mine, theirs, (size_t)n) == 0;
    n = hex(mine, value, 4, 1);
    m = libc_print(theirs, sizeof theirs, "%04X", value);
    return ok && n == m && memcmp(mine, theirs, (size_t)n) == 0;
}

int ccr_integer_matches_libc(long value) {
    char mine[32], a[32], b[32];
    int n = integer(mine, value);
    int m = libc_print(b, sizeof b, "%ld", value);
    int ok = n == m && memcmp(mine, b, (size_t)n) == 0;
    if (value >= 0) {
        n = padded(mine, value, 10);
        m = libc_print(b, sizeof b, "%010ld", value);
        ok = ok && n == m && memcmp(mine, b, (size_t)n) == 0;
    }
    if (value >= -2147483647L - 1 && value <= 2147483647L) {
        int k = integer(mine, (int)value);
        int j = libc_print(a, sizeof a, "%d", (int)value);
        ok = ok && k == j && memcmp(mine, a, (size_t)k) == 0;
    }
    return ok;
}
