/// A lexer for structured header values (RFC 5322 s3.2, RFC 2045 s5.1): comments, quoted
/// strings and tokens, lenient about what real mail gets wrong. Iterative throughout, so
/// deeply nested comments cannot exhaust the stack.
struct StructuredScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { index >= bytes.count }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Skips whitespace and comments; returns the text of the comments skipped.
    @discardableResult
    mutating func skipCFWS() -> [String] {
        var comments: [String] = []
        while let byte = peek() {
            if ASCII.isWhitespace(byte) || byte == ASCII.cr || byte == ASCII.lf {
                index += 1
            } else if byte == 0x28 {
                comments.append(readComment())
            } else {
                break
            }
        }
        return comments
    }

    /// Reads a comment starting at "(", nesting allowed; an unclosed one ends the value.
    mutating func readComment() -> String {
        var depth = 0
        var text: [UInt8] = []
        while let byte = peek() {
            index += 1
            switch byte {
            case 0x28:
                if depth > 0 { text.append(byte) }
                depth += 1
            case 0x29:
                depth -= 1
                if depth == 0 { return ASCII.string(text) }
                text.append(byte)
            case 0x5C:
                if let escaped = peek() {
                    text.append(escaped)
                    index += 1
                }
            default:
                text.append(byte)
            }
        }
        return ASCII.string(text)
    }

    /// Reads a quoted string starting at a double quote; an unclosed one ends the value.
    mutating func readQuotedString() -> String {
        index += 1
        var text: [UInt8] = []
        while let byte = peek() {
            index += 1
            if byte == 0x22 { break }
            if byte == 0x5C, let escaped = peek() {
                text.append(escaped)
                index += 1
            } else if byte != ASCII.cr && byte != ASCII.lf {
                text.append(byte)
            }
        }
        return ASCII.string(text)
    }

    /// Reads bytes up to whitespace, a comment, a quote or a byte `isStop` accepts.
    mutating func readAtom(until isStop: (UInt8) -> Bool) -> String? {
        let start = index
        while let byte = peek(), !ASCII.isWhitespace(byte), byte != 0x28, byte != 0x22,
              byte != ASCII.cr, byte != ASCII.lf, !isStop(byte) {
            index += 1
        }
        return index > start ? ASCII.string(bytes[start..<index]) : nil
    }

    /// Skips CFWS, then reads one quoted string or run of token bytes.
    mutating func nextWord() -> String? {
        skipCFWS()
        if peek() == 0x22 { return readQuotedString() }
        return readAtom { !ASCII.isTokenByte($0) }
    }

    /// Moves past the next `byte`, or to the end.
    mutating func skip(past byte: UInt8) {
        while let next = peek() {
            if next == 0x22 {
                _ = readQuotedString()
                continue
            }
            index += 1
            if next == byte { return }
        }
    }
}
