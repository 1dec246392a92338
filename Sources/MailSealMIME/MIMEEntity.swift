import Foundation

/// A MIME entity (RFC 2045 s2.4): a message or a body part, with its header and body.
public struct MIMEEntity: Sendable {
    /// Changing the header forgets `rawBytes`, which no longer stand for this entity.
    public var header: Header {
        didSet { source = nil }
    }

    /// Changing the body forgets `rawBytes`, which no longer stand for this entity.
    public var body: MIMEBody {
        didSet { source = nil }
    }

    /// The exact bytes this entity was parsed from, shared with the parser's input.
    var source: Data?

    /// Whether this entity is a part of a multipart/digest, where the implied
    /// Content-Type is message/rfc822 (RFC 2046 s5.1.5).
    var isDigestPart = false

    /// Lines of the header that were neither fields nor continuations and were skipped.
    public internal(set) var skippedHeaderLines = 0

    public init(header: Header = Header(), body: MIMEBody) {
        self.header = header
        self.body = body
    }

    init(header: Header, body: MIMEBody, source: Data?, isDigestPart: Bool) {
        self.header = header
        self.body = body
        self.source = source
        self.isDigestPart = isDigestPart
    }

    /// When parsed: the bytes of this entity (header, blank line, body) exactly as they
    /// stood in the input, without the line break before the next boundary; what a
    /// multipart/signed signature covers (RFC 3156 s5, RFC 8551 s3.1.1) once made canonical.
    /// Nil for a built entity, and after any change to `header` or `body`.
    public var rawBytes: Data? {
        get { source.map { Data($0) } }
        set { source = newValue }
    }

    /// The Content-Type, or the default: text/plain; charset=us-ascii (RFC 2045 s5.2), or
    /// message/rfc822 in a multipart/digest (RFC 2046 s5.1.5).
    public var contentType: ContentType {
        if let value = header["Content-Type"], let parsed = ContentType(parsing: value) {
            return parsed
        }
        return isDigestPart ? .digestDefault : .defaultType
    }

    /// The Content-Transfer-Encoding; 7bit when absent (RFC 2045 s6.1). A value RFC 2045
    /// does not define reads as binary (the body is passed on untouched); `decodedBody()`
    /// refuses such a body.
    public var contentTransferEncoding: TransferEncoding {
        guard let value = header["Content-Transfer-Encoding"] else { return .sevenBit }
        return TransferEncoding(headerValue: value) ?? .binary
    }

    public var contentDisposition: ContentDisposition? {
        header["Content-Disposition"].flatMap(ContentDisposition.init(parsing:))
    }

    /// The file name: Content-Disposition's filename, else Content-Type's name (RFC 2045
    /// s7 era senders), RFC 2231 decoded with an RFC 2047 fallback. Not sanitised: a
    /// reader must not use it as a path.
    public var filename: String? {
        if let name = contentDisposition?.filename, !name.isEmpty { return name }
        return contentType[parameter: "name"].map(EncodedWord.decode)
    }

    public var isMultipart: Bool {
        if case .multipart = body { return true }
        return false
    }

    /// The parts when this is a multipart, else empty.
    public var parts: [MIMEEntity] {
        if case .multipart(let multipart) = body { return multipart.parts }
        return []
    }
}

extension MIMEEntity: Equatable {
    /// Entities are equal when their headers and bodies are; `rawBytes` does not count.
    public static func == (lhs: MIMEEntity, rhs: MIMEEntity) -> Bool {
        lhs.header == rhs.header && lhs.body == rhs.body
    }
}
