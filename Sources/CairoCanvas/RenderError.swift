import Foundation

/// A failure while drawing or encoding output, printed as one readable line.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    /// The bundled fonts could not be found or loaded.
    case fontsNotFound(searched: [String])
    case fontNotLoaded(path: String)
    /// Cairo reported a bad status (what it was doing, Cairo's own message).
    case cairo(operation: String, message: String)

    public var description: String {
        switch self {
        case .fontsNotFound(let dirs):
            "bundled fonts not found (looked in \(dirs.joined(separator: ", "))); set COUNTYREPORT_FONTS to the Fonts/ folder"
        case .fontNotLoaded(let path): "\(path): fontconfig could not load this font file"
        case .cairo(let op, let msg): "cairo failed while \(op): \(msg)"
        }
    }
}

/// A character the bundled fonts cannot draw, with the text it appeared in.
public struct MissingGlyph: Hashable, Sendable, CustomStringConvertible {
    public var character: Character
    public var text: String

    public init(character: Character, text: String) { self.character = character; self.text = text }

    public var description: String {
        let code = character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
        return "“\(character)” (\(code)) in “\(text)”"
    }
}
