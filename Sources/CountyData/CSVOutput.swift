/// CSV for people and programs to read back (RFC 4180): the one quoting rule of every CSV writer.
public enum CSVOutput {
    /// `text` as one CSV field: in double quotes, each `"` doubled, when it holds a comma, a quote,
    /// a carriage return or a line feed, or begins or ends with a space (`Spaces`: readers that
    /// trim unquoted fields would drop it); as is otherwise. Bytes are compared, not characters:
    /// `\r\n` is one `Character`, and so are a comma or a quote followed by a combining mark.
    public static func field(_ text: String) -> String {
        let needsQuotes =
            text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            || text.unicodeScalars.first.map(Spaces.contains) == true
            || text.unicodeScalars.last.map(Spaces.contains) == true
        guard needsQuotes else { return text }
        var quoted: [UInt8] = [0x22]
        quoted.reserveCapacity(text.utf8.count + 8)
        for b in text.utf8 {
            if b == 0x22 { quoted.append(0x22) }
            quoted.append(b)
        }
        quoted.append(0x22)
        return String(decoding: quoted, as: UTF8.self)
    }
}
