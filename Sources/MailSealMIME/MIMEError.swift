/// Why the MIME layer could not read, decode or build something.
public struct MIMEError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of problem it is, for code that reacts to it.
    public enum Code: String, Sendable, Equatable {
        /// The input has no header at all: it is not a message.
        case notMIME
        /// Multiparts or message/rfc822 parts nest deeper than the parser allows.
        case nestingTooDeep
        /// A base64 body holds bytes that are not base64.
        case badBase64
        /// A body or text is not valid in its declared encoding or charset.
        case badEncoding
        /// The charset is not one this platform can convert.
        case unsupportedCharset
        /// The Content-Transfer-Encoding is not one of RFC 2045's.
        case unsupportedTransferEncoding
        /// The operation needs a leaf body but the entity is a multipart.
        case notALeaf
    }

    public var code: Code

    /// A sentence a person can act on; never holds message content.
    public var reason: String

    /// Where it was raised: `File.swift:line`.
    public var location: String

    init(_ code: Code, _ reason: String, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        let file = fileID.split(separator: "/").last.map(String.init) ?? fileID
        self.location = "\(file):\(line)"
    }

    public var description: String { "\(reason) (\(code.rawValue), at \(location))" }
}
