import CCairoPango
import CFontStreams
import Foundation
import Synchronization

/// The bundled CJK fonts, registered with a private fontconfig configuration for this process.
///
/// Two families: ``sansFamily`` (Regular and Bold), which every family name but
/// ``serifFamily`` resolves to, and ``serifFamily`` (Regular only) for body text.
/// The configuration is made current before any Pango call, so nothing on the machine —
/// neither its fonts nor its fontconfig files — changes the output. Immutable after
/// creation; fontconfig is thread-safe, so one library serves every renderer.
public final class FontLibrary: @unchecked Sendable {
    let config: OpaquePointer
    /// The font files loaded, in order.
    public let files: [String]
    /// Each loaded face's family and character set.
    private let charsets: [(family: String, charset: OpaquePointer)]

    /// The file names the bundle must hold. The sans comes first: fontconfig picks the first of
    /// equally good faces, so a family name it does not know gets the sans.
    public static let fontFileNames = [
        "NotoSansSC-Subset-Regular.ttf", "NotoSansSC-Subset-Bold.ttf", "NotoSerifSC-Subset-Regular.ttf",
    ]
    /// The sans-serif (黑体-like) family: charts and headings; Regular and Bold.
    public static let sansFamily = "Noto Sans CJK SC"
    /// The serif (宋体-like) family: report body text; Regular only (bold asks get the Regular).
    public static let serifFamily = "Noto Serif CJK SC"

    private static let shared = Mutex<FontLibrary?>(nil)

    /// The process-wide library of the bundled fonts, loaded once: from `folder` when it holds them
    /// (a program passes its settings' fonts folder, `COUNTYREPORT_FONTS`), else from the first of
    /// `<bin>/../share/countyreport/Fonts`, a `Fonts/` folder beside or above the binary, or the source
    /// tree. The first call decides; later calls get the same library.
    public static func bundled(preferring folder: String? = nil) throws -> FontLibrary {
        try shared.withLock { cached in
            if let lib = cached { return lib }
            let lib = try FontLibrary(directory: try locateFontDirectory(preferring: folder))
            cached = lib
            return lib
        }
    }

    /// The paths of the bundled font files `bundled(preferring:)` would load, found without loading them
    /// (a report run hashes them while the fonts load on another thread).
    public static func bundledFiles(preferring folder: String? = nil) throws -> [String] {
        if let lib = shared.withLock({ $0 }) { return lib.files }
        let dir = try locateFontDirectory(preferring: folder)
        return fontFileNames.map { (dir as NSString).appendingPathComponent($0) }
    }

    /// Loads every bundled font from `directory` into a new configuration and makes it current.
    public init(directory: String) throws {
        guard let cfg = FcConfigCreate() else { throw RenderError.fontNotLoaded(path: directory) }
        var loaded: [String] = []
        for name in Self.fontFileNames {
            let path = (directory as NSString).appendingPathComponent(name)
            let ok = path.withCString { cpath in
                cpath.withMemoryRebound(to: FcChar8.self, capacity: path.utf8.count + 1) {
                    FcConfigAppFontAddFile(cfg, $0)
                }
            }
            guard ok != 0 else {
                FcConfigDestroy(cfg)
                throw RenderError.fontNotLoaded(path: path)
            }
            loaded.append(path)
        }
        FcConfigSetCurrent(cfg)
        config = cfg
        files = loaded
        var sets: [(family: String, charset: OpaquePointer)] = []
        if let fontSet = FcConfigGetFonts(cfg, FcSetApplication) {
            for i in 0..<Int(fontSet.pointee.nfont) {
                var cs: OpaquePointer? = nil
                var family: UnsafeMutablePointer<FcChar8>? = nil
                if let pattern = fontSet.pointee.fonts[i],
                    FcPatternGetCharSet(pattern, FC_CHARSET, 0, &cs) == FcResultMatch, let cs,
                    FcPatternGetString(pattern, FC_FAMILY, 0, &family) == FcResultMatch, let family
                {
                    sets.append((String(cString: family), cs))
                }
            }
        }
        charsets = sets
    }

    deinit { FcConfigDestroy(config) }

    /// The characters of `text` that no bundled font can draw, each once, in order of appearance.
    /// White space and control characters are not drawn and never count as missing.
    public func missingCharacters(in text: String) -> [Character] {
        missingCharacters(in: text, covered: charsets.map(\.charset))
    }

    /// The characters of `text` that no face of the bundled `family` (e.g. ``serifFamily``) has:
    /// Pango would draw them in another family's face.
    public func missingCharacters(in text: String, family: String) -> [Character] {
        missingCharacters(in: text, covered: charsets.filter { $0.family == family }.map(\.charset))
    }

    private func missingCharacters(in text: String, covered charsets: [OpaquePointer]) -> [Character] {
        // Nearly every text is wholly covered: one pass over its scalars shows it, without
        // grouping characters or looking up their properties.
        if text.unicodeScalars.allSatisfy({ s in charsets.contains { FcCharSetHasChar($0, s.value) != 0 } }) {
            return []
        }
        var seen = Set<Character>()
        var out: [Character] = []
        for ch in text where !seen.contains(ch) {
            seen.insert(ch)
            guard let scalar = ch.unicodeScalars.first else { continue }
            let props = scalar.properties
            if props.isWhitespace || scalar.value < 0x20 || props.generalCategory == .control
                || props.generalCategory == .format
            {
                continue
            }
            let covered = ch.unicodeScalars.allSatisfy { s in
                if s.properties.generalCategory == .nonspacingMark || s.properties.isVariationSelector { return true }
                return charsets.contains { FcCharSetHasChar($0, s.value) != 0 }
            }
            if !covered { out.append(ch) }
        }
        return out
    }

    /// How the process has read font files so far (font_streams.c): the glyph programs read from a
    /// file and those served again from memory, the whole tables read, the faces open and the bytes of
    /// their files held in memory.
    public struct Reading: Sendable, Equatable {
        public var glyphReads, glyphRepeats, tableReads, facesOpen, bytesHeld: Int
    }

    public static var reading: Reading {
        let s = ccr_font_streams_stats()
        return Reading(
            glyphReads: s.glyphReads, glyphRepeats: s.glyphRepeats, tableReads: s.tableReads, facesOpen: s.faces,
            bytesHeld: s.bytesHeld)
    }

    /// Where the bundled fonts are looked for, in order.
    static func candidateDirectories(preferring folder: String? = nil) -> [String] {
        var dirs: [String] = []
        if let folder, !folder.isEmpty { dirs.append(folder) }
        if let exe = executableURL() {
            var dir = exe.deletingLastPathComponent()
            dirs.append(dir.appendingPathComponent("../share/countyreport/Fonts").standardized.path)
            for _ in 0..<6 {
                dirs.append(dir.appendingPathComponent("Fonts").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        // The source tree this binary was built from (development builds and tests).
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fonts")
        dirs.append(source.path)
        return dirs
    }

    /// The running executable with symbolic links resolved (Linux's /proc/self/exe first: Bundle
    /// takes most of a millisecond to answer).
    private static func executableURL() -> URL? {
        if let path = realpath("/proc/self/exe", nil) {
            defer { free(path) }
            return URL(fileURLWithPath: String(cString: path))
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }

    static func locateFontDirectory(preferring folder: String? = nil) throws -> String {
        let dirs = candidateDirectories(preferring: folder)
        for dir in dirs where access(dir + "/" + fontFileNames[0], R_OK) == 0 {
            return dir
        }
        throw RenderError.fontsNotFound(searched: dirs)
    }
}

/// OpenType features of the bundled fonts that a layout can turn on; all are off unless asked for.
enum FontFeature: String {
    /// Contextual half-width spacing: where two full-width punctuation marks meet (`）。`, `，「`),
    /// the blank half between them is dropped. Every bundled face has it (added by make-fonts.sh).
    case chws = "chws 1"

    /// Turns the feature on for all of `layout`'s text, keeping the attributes it already has.
    func apply(to layout: OpaquePointer) {
        let list = pango_layout_get_attributes(layout).flatMap { pango_attr_list_copy($0) } ?? pango_attr_list_new()
        pango_attr_list_insert(list, pango_attr_font_features_new(rawValue))
        pango_layout_set_attributes(layout, list)
        pango_attr_list_unref(list)
    }
}
