/// A DNS resource record type (RFC 1035 s3.2.2 and the RFCs that added types later).
public struct DNSRecordType: RawRepresentable, Hashable, Sendable, Codable,
    CustomStringConvertible
{
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let a = Self(rawValue: 1)
    public static let ns = Self(rawValue: 2)
    public static let cname = Self(rawValue: 5)
    public static let soa = Self(rawValue: 6)
    public static let mx = Self(rawValue: 15)
    public static let txt = Self(rawValue: 16)
    public static let aaaa = Self(rawValue: 28)
    public static let ds = Self(rawValue: 43)
    public static let dnskey = Self(rawValue: 48)
    /// RFC 6698.
    public static let tlsa = Self(rawValue: 52)
    /// RFC 8162.
    public static let smimea = Self(rawValue: 53)
    /// RFC 7929.
    public static let openpgpkey = Self(rawValue: 61)

    private static let names: [UInt16: String] = [
        1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 15: "MX", 16: "TXT", 28: "AAAA", 43: "DS",
        48: "DNSKEY", 52: "TLSA", 53: "SMIMEA", 61: "OPENPGPKEY",
    ]

    /// The mnemonic, or `TYPEnnn` (RFC 3597 s5) for a type without one here.
    public var description: String { Self.names[rawValue] ?? "TYPE\(rawValue)" }
}

/// The RCODE of a DNS response (RFC 1035 s4.1.1, RFC 6895 s2.3).
public struct DNSResponseCode: RawRepresentable, Hashable, Sendable, Codable,
    CustomStringConvertible
{
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let noError = Self(rawValue: 0)
    public static let formatError = Self(rawValue: 1)
    public static let serverFailure = Self(rawValue: 2)
    public static let nameError = Self(rawValue: 3)
    /// NOTIMP (RFC 1035 s4.1.1): the server does not support the kind of query.
    public static let notImp = Self(rawValue: 4)
    public static let refused = Self(rawValue: 5)

    private static let names = [
        0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED",
    ]

    public var description: String { Self.names[rawValue] ?? "RCODE\(rawValue)" }
}
