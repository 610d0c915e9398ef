#ifndef CGLIBCMALLOC_SHIM_H
#define CGLIBCMALLOC_SHIM_H
#if defined(__linux__)
#include <malloc.h>
#endif
#endif
