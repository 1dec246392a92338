import Foundation

/// What the resolver learnt for one question: the records, the RCODE and the DNSSEC status.
public struct DNSAnswer: Sendable, Equatable, Codable {
    /// The name that was asked for, as given.
    public let name: String

    public let type: DNSRecordType

    /// The RDATA of each record of the answer, in wire form, names uncompressed.
    public let records: [Data]

    public let rcode: DNSResponseCode

    /// The name at the end of any CNAME chain, when the server gave one.
    public let canonicalName: String?

    /// True when the name does not exist (NXDOMAIN); false with no records means NODATA.
    public let nxdomain: Bool

    /// True when the answer, or the proof that there is none, was DNSSEC-validated
    /// up to a configured trust anchor.
    public let isSecure: Bool

    /// True when validation failed: signatures wrong, missing or expired. Never use the
    /// records of a bogus answer as evidence.
    public let isBogus: Bool

    /// libunbound's account of why the answer is bogus.
    public let whyBogus: String?

    /// How long the answer may be cached, in seconds (not to be trusted when bogus).
    public let ttl: UInt32

    public init(
        name: String, type: DNSRecordType, records: [Data], rcode: DNSResponseCode,
        canonicalName: String? = nil, nxdomain: Bool = false, isSecure: Bool = false,
        isBogus: Bool = false, whyBogus: String? = nil, ttl: UInt32 = 0
    ) {
        self.name = name
        self.type = type
        self.records = records
        self.rcode = rcode
        self.canonicalName = canonicalName
        self.nxdomain = nxdomain
        self.isSecure = isSecure
        self.isBogus = isBogus
        self.whyBogus = whyBogus
        self.ttl = ttl
    }

    /// True when there is at least one record.
    public var hasRecords: Bool { !records.isEmpty }

    /// Words for a report: `secure`, `insecure` or `bogus (reason)`.
    public var dnssecStatus: String {
        if isSecure { return "secure" }
        if isBogus { return "bogus (\(whyBogus ?? "no reason given"))" }
        return "insecure"
    }
}
