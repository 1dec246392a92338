/// A Content-Type (RFC 2045 s5): media type, subtype and parameters.
public struct ContentType: Sendable, Equatable, Hashable {
    /// The top-level media type in lower case, for example `text`.
    public var type: String
    /// The subtype in lower case, for example `plain`.
    public var subtype: String
    /// Parameters in order, names in lower case, values decoded (RFC 2231).
    public var parameters: [MIMEParameter]

    public init(_ type: String, _ subtype: String, parameters: [(String, String)] = []) {
        self.type = ASCII.lowercased(type)
        self.subtype = ASCII.lowercased(subtype)
        self.parameters = parameters.map { MIMEParameter($0.0, $0.1) }
    }

    /// Reads a header value leniently: comments, quoting, empty parameters and double
    /// semicolons are accepted. A type without a subtype is read as MimeKit and RFC 2049 s2
    /// suggest: `text` as text/plain, `multipart` as multipart/mixed, anything else as
    /// application/octet-stream, keeping the parameters. Nil when there is no type at all.
    public init?(parsing headerValue: String) {
        let parsed = ParameterParser(headerValue)
        let pieces = parsed.leading.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = pieces.first, !first.isEmpty else { return nil }
        let type = ASCII.lowercased(first)
        if pieces.count == 2, !pieces[1].isEmpty {
            self.type = type
            self.subtype = ASCII.lowercased(pieces[1])
        } else {
            switch type {
            case "text": (self.type, self.subtype) = ("text", "plain")
            case "multipart": (self.type, self.subtype) = ("multipart", "mixed")
            default: (self.type, self.subtype) = ("application", "octet-stream")
            }
        }
        parameters = parsed.parameters
    }

    /// RFC 2045 s5.2: what an entity without a Content-Type is.
    public static let defaultType = ContentType(
        "text", "plain", parameters: [("charset", "us-ascii")])

    /// RFC 2046 s5.1.5: what a part of a multipart/digest without a Content-Type is.
    public static let digestDefault = ContentType("message", "rfc822")

    /// `type/subtype`, for example `text/plain`.
    public var mimeType: String { "\(type)/\(subtype)" }

    /// The value of a parameter, any case of `name`; setting nil removes it.
    public subscript(parameter name: String) -> String? {
        get { parameters.value(named: name) }
        set { parameters.setValue(newValue, named: name) }
    }

    public var isMultipart: Bool { type == "multipart" }

    /// Whether this is `type/subtype`, compared without case.
    public func matches(_ type: String, _ subtype: String) -> Bool {
        ASCII.equalsIgnoringCase(self.type, type)
            && ASCII.equalsIgnoringCase(self.subtype, subtype)
    }

    /// message/rfc822 or message/global (RFC 6532 s3.7): a whole message as the body.
    public var isEncapsulatedMessage: Bool {
        type == "message" && (subtype == "rfc822" || subtype == "global")
    }

    public var charset: String? { self[parameter: "charset"] }

    public var boundary: String? { self[parameter: "boundary"] }

    /// The header value: parameters quoted where needed, RFC 2231 for non-ASCII values.
    public var headerValue: String { ParameterWriter.headerValue(mimeType, parameters) }
}
