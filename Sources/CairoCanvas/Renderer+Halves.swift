import ChartScene
import Dispatch
import Foundation

/// A long PDF drawn on two cores: Cairo draws one document on one thread, and most of a report's time
/// is Cairo setting its pages. The first renderer draws the pages before the split and, for the pages
/// after it, only their named destinations (so its outline and contents links resolve); the helper
/// draws the pages after the split into a second file at the same time; `PDFJoin` puts them together.
extension Renderer {
    /// Documents shorter than this are drawn whole: a second file's fonts and the join cost more than
    /// the half of a short document saves.
    public static let pagesWorthHalving = 16

    /// Where to split `pages` into two halves of about equal drawing work (text marks, the most of a
    /// page's cost), after every page that holds a link (a link's destination is resolved by the file
    /// that draws it); nil when the document is short or its links leave too little for a second half.
    static func splitPoint(of pages: [PDFPage]) -> Int? {
        guard pages.count >= pagesWorthHalving else { return nil }
        let work = pages.map { 1 + $0.scene.marks.reduce(0) { $0 + textCount($1) } }
        let lastLink = pages.lastIndex { $0.scene.marks.contains(where: holdsLink) } ?? -1
        var before = 0, split = 0
        // The first renderer takes 55 % of the texts: it measured them while laying the pages out and keeps
        // their layouts, where the helper shapes each of its own anew (55 % balanced the two halves' times
        // on the 126-page benchmark).
        let half = work.reduce(0, +) * 55 / 100
        while split < pages.count, before < half {
            before += work[split]
            split += 1
        }
        split = max(split, lastLink + 1)
        return split >= 1 && pages.count - split >= pagesWorthHalving / 4 ? split : nil
    }

    private static func textCount(_ mark: Mark) -> Int {
        switch mark {
        case .text: 1
        case .shape: 0
        case .group(let g): g.marks.reduce(0) { $0 + textCount($1) }
        }
    }

    private static func holdsLink(_ mark: Mark) -> Bool {
        if case .group(let g) = mark { return g.link != nil || g.marks.contains(where: holdsLink) }
        return false
    }

    /// The PDF of `pages` drawn as two files at once, split at `split`, and joined; nil if the files
    /// could not be joined (the caller then draws the document whole).
    func halves(
        _ pages: [PDFPage], at split: Int, metadata: PDFMetadata, bookmarks: [Bookmark], helper: Renderer
    ) throws -> Data? {
        let work = HalvesWork(first: self, second: helper)
        let tail = Array(pages[split...])
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            // Each file is read for the join on the thread that drew it.
            if half == 0 {
                work.firstResult = Result {
                    let drawn = try work.first.cairoPDF(
                        pageCount: pages.count, metadata: metadata, bookmarks: bookmarks, anchorsOnlyFrom: split
                    ) { pages[$0] }
                    return (PDFJoin.part(drawn.bytes), drawn.figures)
                }
            } else {
                let missing = work.second.missingGlyphs.count
                work.secondResult = Result {
                    let drawn = try work.second.cairoPDF(
                        pageCount: tail.count, metadata: PDFMetadata(creationDate: metadata.creationDate), bookmarks: []
                    ) { tail[$0] }
                    return (PDFJoin.part(drawn.bytes), drawn.figures)
                }
                work.secondMissing = Array(work.second.missingGlyphs.dropFirst(missing))
            }
        }
        guard let first = try work.firstResult?.get(), let second = try work.secondResult?.get() else { return nil }
        for m in work.secondMissing where !missingGlyphs.contains(m) { missingGlyphs.append(m) }
        guard let a = first.part, let b = second.part, let joined = PDFJoin.join(a, b, at: split) else { return nil }
        return TaggedPDF.declare(
            joined, language: metadata.language, figureAlternatives: first.figures + second.figures)
    }
}

/// The two renderers and what each drew: each half is touched by its own thread only, and read after both end.
private final class HalvesWork: @unchecked Sendable {
    let first: Renderer, second: Renderer
    var firstResult: Result<(part: PDFJoin.Part?, figures: [String]), any Error>?
    var secondResult: Result<(part: PDFJoin.Part?, figures: [String]), any Error>?
    var secondMissing: [MissingGlyph] = []
    init(first: Renderer, second: Renderer) { self.first = first; self.second = second }
}
