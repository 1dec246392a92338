/// A mailbox of RFC 5322 s3.4: an address with an optional display name.
public struct MailAddress: Sendable, Equatable, Hashable {
    /// The display name, decoded from quoting and RFC 2047; nil when there is none.
    public var displayName: String?
    /// `local@domain`, the domain in lower case; the local part as written (RFC 5321 s2.4
    /// leaves its case to the receiving host).
    public var address: String

    public init(_ address: String, displayName: String? = nil) {
        self.address = Self.normalized(address)
        self.displayName = displayName
    }

    /// The first mailbox of a header value, or nil when it has none.
    public init?(parsing headerValue: String) {
        guard let first = Self.parseList(headerValue).first else { return nil }
        self = first
    }

    /// The part before the last "@".
    public var localPart: String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[..<at])
    }

    /// The part after the last "@", in lower case; empty when there is no "@".
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return String(address[address.index(after: at)...])
    }

    /// The mailbox as a header value: `Name <local@domain>`, the name quoted when it
    /// needs it and in RFC 2047 encoded words when it is not ASCII.
    public var headerValue: String {
        guard let name = displayName, !name.isEmpty else { return address }
        let phrase: String
        if !ASCII.isASCII(name) || name.contains("=?") || name.unicodeScalars.contains(where: {
            $0.value < 0x20 || $0.value == 0x7F
        }) {
            phrase = EncodedWord.encode(name)
        } else if name.utf8.allSatisfy({ Self.isAtomText($0) || $0 == ASCII.space }),
                  !name.hasPrefix(" "), !name.hasSuffix(" ") {
            phrase = name
        } else {
            phrase = ParameterWriter.quoted(name)
        }
        return "\(phrase) <\(address)>"
    }

    /// Mailboxes as one header value, separated by commas.
    public static func headerValue(_ list: [MailAddress]) -> String {
        list.map(\.headerValue).joined(separator: ", ")
    }

    /// `atext` of RFC 5322 s3.2.3.
    static func isAtomText(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }

    static func normalized(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return address }
        let domain = address[address.index(after: at)...]
        return String(address[...at]) + domain.lowercased()
    }
}
