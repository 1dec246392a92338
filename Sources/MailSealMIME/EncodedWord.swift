import Foundation

/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) for non-ASCII text in header fields.
public enum EncodedWord {
    /// RFC 2047 s2: an encoded word is at most 75 characters long.
    static let maximumLength = 75

    private static let prefix = "=?utf-8?"

    /// `text` as it may stand in a header: unchanged when it is ASCII, else as UTF-8 encoded
    /// words separated by spaces, each at most 75 characters and never splitting a
    /// character, in B or Q encoding, whichever is shorter.
    public static func encode(_ text: String) -> String {
        let needsEncoding = !ASCII.isASCII(text) || text.contains("=?")
            || text.utf8.contains { $0 < 0x20 && $0 != ASCII.tab }
        guard needsEncoding else { return text }
        let bytes = Array(text.utf8)
        let qLength = bytes.reduce(0) { $0 + qPiece([$1]).count }
        let useB = (bytes.count + 2) / 3 * 4 < qLength
        let capacity = maximumLength - prefix.utf8.count - 4
        var words: [String] = []
        var chunk: [UInt8] = []

        func flush() {
            guard !chunk.isEmpty else { return }
            let encoded = useB ? [UInt8](Base64.encode(Data(chunk), lineLength: 0)) : qPiece(chunk)
            let payload = String(decoding: encoded, as: UTF8.self)
            words.append("\(prefix)\(useB ? "B" : "Q")?\(payload)?=")
            chunk = []
        }

        func encodedLength(_ bytes: [UInt8]) -> Int {
            useB ? (bytes.count + 2) / 3 * 4 : qPiece(bytes).count
        }

        for character in text {
            // A character too long for one word is split between its scalars.
            let whole = Array(String(character).utf8)
            let pieces = encodedLength(whole) <= capacity
                ? [whole] : character.unicodeScalars.map { Array(String($0).utf8) }
            for piece in pieces {
                if !chunk.isEmpty && encodedLength(chunk + piece) > capacity { flush() }
                chunk += piece
            }
        }
        flush()
        return words.joined(separator: " ")
    }

    /// The Q encoding of RFC 2047 s4.2, restricted to the characters s5(3) allows in any
    /// header position: letters, digits and `!*+-/` stay, space becomes "_".
    private static func qPiece(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x21, 0x2A, 0x2B, 0x2D, 0x2F:
                out.append(byte)
            case ASCII.space:
                out.append(0x5F)
            default:
                out += [ASCII.equals, ASCII.upperHexDigits[Int(byte >> 4)],
                        ASCII.upperHexDigits[Int(byte & 0x0F)]]
            }
        }
        return out
    }
}
