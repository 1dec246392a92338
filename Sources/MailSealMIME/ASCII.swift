import Foundation

/// Byte classes and small conversions the header grammars share (RFC 5322 s3.2, RFC 2045 s5.1).
enum ASCII {
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let colon: UInt8 = 0x3A
    static let hyphen: UInt8 = 0x2D
    static let equals: UInt8 = 0x3D
    static let crlf: [UInt8] = [0x0D, 0x0A]

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// `ftext` of RFC 5322 s3.6.8: what a field name may hold.
    static func isFieldNameByte(_ byte: UInt8) -> Bool {
        byte >= 33 && byte <= 126 && byte != colon
    }

    /// `tspecials` of RFC 2045 s5.1, the bytes that force quoting in a parameter value.
    static func isTSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x28, 0x29, 0x3C, 0x3E, 0x40, 0x2C, 0x3B, 0x3A, 0x5C, 0x22, 0x2F, 0x5B, 0x5D, 0x3F,
            0x3D:
            return true
        default:
            return false
        }
    }

    /// A `token` byte of RFC 2045 s5.1.
    static func isTokenByte(_ byte: UInt8) -> Bool { byte > 32 && byte < 127 && !isTSpecial(byte) }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Whether two names are equal ignoring ASCII case, as header and parameter names are.
    static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.utf8, right = rhs.utf8
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { lowercase($0) == lowercase($1) }
    }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    static func lowercased(_ text: String) -> String {
        String(decoding: text.utf8.map(lowercase), as: UTF8.self)
    }

    /// Header bytes as text: UTF-8 when valid (RFC 6532), else ISO-8859-1 so no byte is lost.
    static func string<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// Removes leading and trailing spaces and tabs (not line breaks).
    static func trimmingWhitespace(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var start = 0, end = bytes.count
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        if start == 0 && end == bytes.count { return text }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
