/// One header field (RFC 5322 s2.2): a name and its unfolded value.
public struct HeaderField: Sendable, Equatable, Hashable {
    /// The field name as written, for example `Content-Type`.
    public var name: String

    /// The unfolded value as written, without the space after the colon.
    /// It may hold RFC 2047 encoded words; see `EncodedWord.decode(_:)`.
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public init(name: String, value: String) {
        self.init(name, value)
    }

    /// Whether this field has `name`, compared without regard to ASCII case.
    public func hasName(_ name: String) -> Bool { ASCII.equalsIgnoringCase(self.name, name) }

    /// Whether `name` is a valid field name: printable ASCII without a colon (RFC 5322 s3.6.8).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(ASCII.isFieldNameByte)
    }
}
