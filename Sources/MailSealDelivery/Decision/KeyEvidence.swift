import Foundation

/// A key or certificate for a recipient that MailSeal's home holds.
public struct KnownKey: Codable, Sendable, Equatable {
    /// How the key came into the home.
    public enum Origin: String, Codable, Sendable {
        /// The user imported it on purpose.
        case imported
        /// MailSeal found it on the network and imported it, marked as discovered.
        case discovered
        /// Taken from a recipient's earlier signed mail or Autocrypt header.
        case learned
    }

    /// `pgp` for an OpenPGP key, `smime` for a certificate.
    public var method: DeliveryMethod
    /// The OpenPGP fingerprint, or the certificate's SHA-256 fingerprint, hex.
    public var fingerprint: String
    public var origin: Origin
    /// Where a discovered key was found.
    public var discoveredBy: DiscoveredKey.Source?
    public var validUntil: Date?
    /// Whether it may encrypt now: an encryption (sub)key or email protection usage,
    /// not expired, not revoked, certificate chain valid.
    public var usable: Bool
    /// Why it is not usable, in a few words ("expired 2024-03-01", "revoked").
    public var problem: String?

    public init(
        method: DeliveryMethod, fingerprint: String, origin: Origin,
        discoveredBy: DiscoveredKey.Source? = nil, validUntil: Date? = nil,
        usable: Bool = true, problem: String? = nil
    ) {
        self.method = method
        self.fingerprint = fingerprint
        self.origin = origin
        self.discoveredBy = discoveredBy
        self.validUntil = validUntil
        self.usable = usable
        self.problem = problem
    }

    /// `0xABCD1234…` for a report: enough to recognise, short enough to read.
    public var shortFingerprint: String { "0x\(fingerprint.uppercased().prefix(16))…" }
}

/// A key found on the network, or learned from received mail, for a recipient.
public struct DiscoveredKey: Codable, Sendable, Equatable {
    public enum Source: String, Codable, Sendable {
        case wkdAdvanced = "wkd-advanced"
        case wkdDirect = "wkd-direct"
        case openpgpkey
        case smimea
        /// The `Autocrypt` header field of a received signed message, whose signature
        /// that key made (Autocrypt Level 1).
        case autocrypt

        /// The words a report uses for it.
        public var label: String {
            switch self {
            case .wkdAdvanced, .wkdDirect: return "WKD"
            case .openpgpkey: return "DNS OPENPGPKEY"
            case .smimea: return "DNS SMIMEA"
            case .autocrypt: return "an Autocrypt header"
            }
        }

        /// How a key came from it, as a reason says it: "found by WKD".
        public var phrase: String {
            self == .autocrypt ? "learned from \(label)" : "found by \(label)"
        }
    }

    public var source: Source
    /// `pgp` for WKD and OPENPGPKEY, `smime` for SMIMEA.
    public var method: DeliveryMethod
    /// Whether the DNS answer carrying it was DNSSEC-validated; nil for WKD (HTTPS).
    public var dnssecValidated: Bool?
    /// The key or certificate as found. Not written into reports.
    public var keyData: Data
    /// The fingerprint, when the finder could read it.
    public var fingerprint: String?
    public var validUntil: Date?

    /// Whether the key may be trusted at all: DNS keys only from a validated answer
    /// (RFC 7929 §7, RFC 8162 §8); WKD rests on the HTTPS certificate.
    public var trustworthy: Bool { dnssecValidated ?? true }

    public init(
        source: Source, method: DeliveryMethod, dnssecValidated: Bool?, keyData: Data,
        fingerprint: String? = nil, validUntil: Date? = nil
    ) {
        self.source = source
        self.method = method
        self.dnssecValidated = dnssecValidated
        self.keyData = keyData
        self.fingerprint = fingerprint
        self.validUntil = validUntil
    }

    private enum CodingKeys: String, CodingKey {
        case source, method, dnssecValidated, fingerprint, validUntil
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decode(Source.self, forKey: .source)
        method = try container.decode(DeliveryMethod.self, forKey: .method)
        dnssecValidated = try container.decodeIfPresent(Bool.self, forKey: .dnssecValidated)
        fingerprint = try container.decodeIfPresent(String.self, forKey: .fingerprint)
        validUntil = try container.decodeIfPresent(Date.self, forKey: .validUntil)
        keyData = Data()
    }
}

/// What earlier received mail taught about a recipient.
public struct LearnedCapability: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The S/MIME capabilities attribute of a signed message (RFC 8551 §2.5.2).
        case smimeCapabilities = "smime-capabilities"
        /// An Autocrypt header carrying an OpenPGP key.
        case autocrypt
    }

    public var kind: Kind
    /// What was learned, in a few words (algorithms, `prefer-encrypt=mutual`).
    public var detail: String
    public var learnedAt: Date?

    public init(kind: Kind, detail: String, learnedAt: Date? = nil) {
        self.kind = kind
        self.detail = detail
        self.learnedAt = learnedAt
    }
}
