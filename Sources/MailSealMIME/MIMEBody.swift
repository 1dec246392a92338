import Foundation

/// What an entity holds after its header (RFC 2045 s2.4, RFC 2046 s5).
public enum MIMEBody: Sendable, Equatable {
    /// The body of a leaf, still transfer-encoded; see `MIMEEntity.decodedBody()`.
    case leaf(Data)
    /// The parts of a multipart.
    case multipart(MIMEMultipart)
    /// A whole message: the body of a message/rfc822 (or message/global) entity.
    indirect case message(MIMEEntity)
}

/// The body of a multipart entity (RFC 2046 s5.1.1).
public struct MIMEMultipart: Sendable, Equatable {
    /// The boundary the parts are delimited by, without the leading "--".
    public var boundary: String
    /// Text before the first delimiter, without the line break that belongs to it.
    public var preamble: Data
    public var parts: [MIMEEntity]
    /// Text after the line of the close delimiter.
    public var epilogue: Data

    public init(boundary: String, preamble: Data = Data(), parts: [MIMEEntity],
                epilogue: Data = Data()) {
        self.boundary = boundary
        self.preamble = preamble
        self.parts = parts
        self.epilogue = epilogue
    }
}
