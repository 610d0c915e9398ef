#if os(Linux)
    import CGlibcMalloc
#endif

/// Keeps up to 16 MiB of freed heap mapped, for the report command.
///
/// A report's PDF ends with Cairo subsetting the three CJK faces: each one's CFF table (3.6 to
/// 5.1 MB) is copied into a fresh buffer, used and freed, and glibc hands the freed top of the heap
/// back to the kernel, so the next buffer faults in its pages again. Keeping 16 MiB reuses them:
/// about 3,000 page faults (of 7,500) fewer for the 10-page report, at about 1.5 MiB more peak
/// memory. Only the report command asks for it: in the data commands, which allocate far more,
/// glibc's own adaptive thresholds (that this turns off) are left as they are.
enum HeapPadding {
    static let bytes: Int32 = 16 << 20

    static func keep() {
        #if os(Linux)
            _ = mallopt(M_TOP_PAD, bytes)
        #endif
    }
}
