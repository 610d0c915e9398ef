#ifndef CNUMBERPRINTING_H
#define CNUMBERPRINTING_H

/// While on (for the calling thread), snprintf's %f, %.Nf, %d, %ld, %u, %0*x, %04x and %010ld (the
/// numbers Cairo writes into a PDF) are printed by number_printing.c instead of glibc's printf. See there.
void ccr_print_numbers_fast(int on);

/// Tests: whether the fast printing of `value` with `precision` decimals (-1: "%f") gives glibc's bytes.
int ccr_fixed_matches_libc(double value, int precision);
/// Tests: whether the fast printing of `value` with "%d" (int) and "%ld" (long) gives glibc's bytes.
int ccr_integer_matches_libc(long value);

/// Tests: whether "%0*x" (width 0…32), "%04x" and "%04X" of `value` print glibc's bytes.
int ccr_hex_matches_libc(unsigned int value, int width);

#endif
