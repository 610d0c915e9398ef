#if canImport(Glibc)
    import Glibc
#endif

/// Every limit on the size of an input or an output, in one place (README, "Limits"). Each keeps a
/// hostile or careless input from crashing the process, hanging it or eating the machine's memory;
/// each is refused with an error that names the limit and how to raise it.
public struct Limits: Sendable {
    /// The most pixels a PNG may have (width × height × scale²), checked before the picture is
    /// allocated (4 bytes a pixel: 400 MB). `chart --max-pixels N` raises it.
    public var pixels: Int = 100_000_000
    /// The decimals a value label may be given (a spec's `decimals:`, `chart --decimals`).
    public var decimals: ClosedRange<Int> = 0...6
    /// The largest chart spec, report definition or extraction mapping, in bytes.
    public var specBytes: Int = 4 << 20
    /// The most YAML nodes a spec may hold once its aliases are expanded (a "billion laughs" spec
    /// expands 600 bytes into billions of nodes).
    public var yamlNodes: Int = 200_000
    /// The most significant digits a number may have and be kept exactly.
    public var significantDigits: Int = 38
    /// The errors, and the warnings, a check (conflicting figures, negative counts …) or a file's rows as
    /// they load list in full; the rest are counted, and the last of each severity listed says how many more
    /// there are. A file whose every row conflicts with another (3.5 million in 90 MB) held a message per
    /// row: 1.7 GB.
    public var problemsListed: Int = 1000
    /// The least room a category of a chart needs along its axis, in multiples of the theme's label
    /// size: columns (their labels wrap, then rotate) and the rows of an `hbar` (one line each, so that
    /// no two labels overlap). A chart with more categories than fit is refused, saying how many fit.
    public var categoryBand: Double = 0.5
    public var horizontalCategoryBand: Double = 1.2
    /// The most characters a chart's title, subtitle, source note, series name or category label may
    /// have: more cannot be laid out in any chart (a 58,000-character title overflowed Pango's units and
    /// was drawn from mid-chart), and a text this long is a mistake, refused naming its key.
    public var chartTextCharacters: Int = 1000
    /// The characters of a sentence quoted with each extracted figure (its offsets are always given).
    public var sentenceExcerpt: Int = 200
    /// The most characters a unit may have (the longest known, 万元/平方公里 and such, have under 12): a longer
    /// text is no unit, refused without being read as magnitudes, rates and units one by one.
    public var unitCharacters: Int = 32
    /// What reading an input holds in memory for each byte of the file, by how it is read: an input is
    /// read only when its size times this fits in the memory the process may use (README, "Limits").
    /// A text for `extract` (or a report's) is read in blocks and a `chart --data` table row by row, so
    /// neither holds a multiple of the file; a dataset holds its observations (`check`'s whole process, measured:
    /// 1.04× a long CSV of 20-byte rows, 0.61× one of the bench's 120-byte rows, 1.2× JSON, 1.3–1.4× a wide
    /// table); a spec or a workload is read whole.
    public var memoryPerInputByte: [InputReading: Double] = [.blocks: 0, .rows: 0, .dataset: 1.5, .whole: 1.5]

    public init() {}

    /// How an input file is read, which decides what it costs in memory (`memoryPerInputByte`).
    public enum InputReading: Sendable, Hashable {
        /// A text read in blocks, twice (`extract`, a report's mapped text): a few blocks at a time.
        case blocks
        /// A table whose rows are read and dropped (`chart --data`): a window at a time.
        case rows
        /// A data file loaded into a dataset (`check`, `metrics`, a report's or a spec's data).
        case dataset
        /// A file read whole (a spec, a mapping, a definition, a chart workload).
        case whole
    }

    /// The limits every command uses unless told otherwise.
    public static let standard = Limits()

    /// The memory this process may use: the smaller of its address-space limit and the machine's memory.
    public static func usableMemory() -> Int {
        var physical = Int.max
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        if pages > 0, size > 0 {
            physical = pages.multipliedReportingOverflow(by: size).overflow ? Int.max : pages * size
        }
        var rl = rlimit()
        if getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &rl) == 0, rl.rlim_cur < UInt(Int.max) {
            physical = min(physical, Int(rl.rlim_cur))
        }
        return physical
    }

    /// Megabytes, for messages (`7.2 GB`, `512 MB`).
    public static func bytesText(_ n: Int) -> String {
        n >= 1 << 30 ? "\(Double(n / (1 << 20) * 10 / 1024) / 10) GB" : "\(max(1, n >> 20)) MB"
    }
}
