import Foundation

/// A DNS answer reduced to what the decision needs: the value, whether DNSSEC
/// validated it, and how long it may be cached.
public struct LookupAnswer<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var value: Value
    /// Validated up to a trust anchor; TLSA and the DNS key records count only then.
    public var isSecure: Bool
    /// Seconds the answer may be cached (the DNS TTL).
    public var ttl: UInt32

    public init(_ value: Value, isSecure: Bool, ttl: UInt32) {
        self.value = value
        self.isSecure = isSecure
        self.ttl = ttl
    }
}

/// One mail host of a domain: its name, preference (lower first) and addresses.
public struct MailExchanger: Codable, Sendable, Equatable, Hashable {
    public var host: String
    public var preference: UInt16
    /// IPv4 and IPv6 addresses; empty lets the probe ask the system resolver.
    public var addresses: [String]
    /// Whether the address answers were DNSSEC-validated; DANE needs it (RFC 7672 §2.2.2).
    public var addressesAreSecure: Bool

    public init(
        host: String, preference: UInt16, addresses: [String] = [],
        addressesAreSecure: Bool = false
    ) {
        self.host = host
        self.preference = preference
        self.addresses = addresses
        self.addressesAreSecure = addressesAreSecure
    }
}

/// The mail hosts of a domain, as its MX records (or their absence) say.
public struct MailHosts: Codable, Sendable, Equatable {
    /// In the order to try them.
    public var hosts: [MailExchanger]
    /// No MX records: the domain's own address is the mail host (RFC 5321 §5.1).
    public var implicit: Bool
    /// A null MX (RFC 7505): the domain accepts no mail.
    public var nullMX: Bool

    public init(hosts: [MailExchanger], implicit: Bool = false, nullMX: Bool = false) {
        self.hosts = hosts
        self.implicit = implicit
        self.nullMX = nullMX
    }
}

/// What the network says about a recipient domain: DNS, MTA-STS, TLS-RPT.
///
/// The DNS work (libunbound, with DNSSEC status) and the HTTPS fetches live in their
/// own types; this protocol is the seam the prober uses, so it can also be cached.
public protocol DomainLookup: Sendable {
    /// The mail hosts of `domain` with their addresses, in preference order.
    func mailHosts(of domain: String) async throws -> LookupAnswer<MailHosts>

    /// The TLSA records at `_PORT._tcp.HOST` (RFC 7672 §2.2).
    func tlsaRecords(host: String, port: UInt16) async throws -> LookupAnswer<[TLSARecord]>

    /// The domain's MTA-STS record and policy (RFC 8461).
    func mtaSTS(of domain: String) async -> MTASTSEvidence

    /// The domain's TLS-RPT record (RFC 8460).
    func tlsReporting(of domain: String) async -> TLSRPTEvidence
}

/// Finds keys for an address on the network: WKD (advanced, then direct), OPENPGPKEY
/// (RFC 7929) and SMIMEA (RFC 8162).
public protocol KeyDiscovery: Sendable {
    func discoverKeys(for address: String) async -> [DiscoveredKey]
}

/// The keys and certificates the home already holds for an address, and what earlier
/// mail from it taught.
public protocol KnownKeyLookup: Sendable {
    func knownKeys(for address: String) throws -> [KnownKey]
    func learnedCapabilities(for address: String) throws -> [LearnedCapability]
}

/// Imports a discovered key into the home and says how it is known there afterwards.
public protocol DiscoveredKeyImporter: Sendable {
    func importDiscovered(_ key: DiscoveredKey, for address: String) throws -> KnownKey
}
