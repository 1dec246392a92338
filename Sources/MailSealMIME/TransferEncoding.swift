import Foundation

/// A Content-Transfer-Encoding of RFC 2045 s6.1.
public enum TransferEncoding: String, Sendable, Equatable, CaseIterable {
    case sevenBit = "7bit"
    case eightBit = "8bit"
    case binary
    case quotedPrintable = "quoted-printable"
    case base64

    /// Reads a header value: case, surrounding whitespace and comments do not matter.
    /// Nil for a value RFC 2045 does not define (x-uuencode, for example).
    public init?(headerValue: String) {
        var scanner = StructuredScanner(headerValue)
        guard let token = scanner.nextWord(),
              let known = TransferEncoding(rawValue: ASCII.lowercased(token)) else {
            return nil
        }
        self = known
    }

    /// Whether the encoded body is made of lines (everything but binary), so that its line
    /// endings may be made canonical without changing its content.
    var isLineOriented: Bool { self != .binary }

    /// The transfer-encoded form of `data`.
    public func encode(_ data: Data) -> Data {
        switch self {
        case .sevenBit, .eightBit, .binary: return data
        case .quotedPrintable: return QuotedPrintable.encode(data)
        case .base64: return Base64.encode(data)
        }
    }

    /// The bytes `data` stands for; lenient, as mail readers must be.
    public func decode(_ data: Data) throws -> Data {
        switch self {
        case .sevenBit, .eightBit, .binary: return data
        case .quotedPrintable: return QuotedPrintable.decode(data)
        case .base64: return try Base64.decode(data)
        }
    }
}
