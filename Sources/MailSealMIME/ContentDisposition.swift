/// A Content-Disposition (RFC 2183): inline or attachment, with parameters.
public struct ContentDisposition: Sendable, Equatable, Hashable {
    /// The disposition type in lower case: `inline`, `attachment` or an extension.
    public var disposition: String
    /// Parameters in order, names in lower case, values decoded (RFC 2231).
    public var parameters: [MIMEParameter]

    public init(_ disposition: String, parameters: [(String, String)] = []) {
        self.disposition = ASCII.lowercased(disposition)
        self.parameters = parameters.map { MIMEParameter($0.0, $0.1) }
    }

    /// An attachment, with its file name when there is one.
    public static func attachment(filename: String? = nil) -> ContentDisposition {
        ContentDisposition("attachment", parameters: filename.map { [("filename", $0)] } ?? [])
    }

    /// Reads a header value leniently, like `ContentType(parsing:)`. A value with only
    /// parameters is read as an attachment (RFC 2183 s2.8). Nil when the value is empty.
    public init?(parsing headerValue: String) {
        let parsed = ParameterParser(headerValue)
        guard !parsed.leading.isEmpty || !parsed.parameters.isEmpty else { return nil }
        disposition = parsed.leading.isEmpty ? "attachment" : ASCII.lowercased(parsed.leading)
        parameters = parsed.parameters
    }

    public subscript(parameter name: String) -> String? {
        get { parameters.value(named: name) }
        set { parameters.setValue(newValue, named: name) }
    }

    public var isAttachment: Bool { disposition == "attachment" }

    public var isInline: Bool { disposition == "inline" }

    /// The `filename` parameter: RFC 2231 decoded, or RFC 2047 decoded when a sender put
    /// encoded words in it (common, though RFC 2047 s5 forbids it).
    public var filename: String? {
        self[parameter: "filename"].map(EncodedWord.decode)
    }

    public var headerValue: String { ParameterWriter.headerValue(disposition, parameters) }
}
