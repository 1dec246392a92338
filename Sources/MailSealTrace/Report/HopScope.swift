/// Whether a hop stayed inside one organisation.
public enum HopScope: Equatable, Sendable {
    /// The hop stayed inside one organisation, for the reason given.
    case `internal`(InternalReason)
    /// Nothing shows the two sides belong to one organisation, so the hop is counted
    /// as one between organisations.
    case crossing
    /// The field is too broken to tell (it names no receiving host, or cannot be read).
    case unknown
}

/// Why a hop counts as staying inside one organisation.
public enum InternalReason: Equatable, Sendable {
    /// The sending and the receiving host are the same name or address.
    case sameHost
    /// The sending side is a loopback address or `localhost`.
    case loopback
    /// A program on the receiving host submitted the message: `with local`,
    /// `(Postfix, from userid 1000)`, sendmail's `/Submit`, `qmail ... invoked by uid`.
    case localSubmission
    /// The field names a receiving host and no sending host: a hand-off inside one
    /// system (Gmail's `by <address> with SMTP`), not a transfer between two.
    case noSendingHost
    /// Both sides' names are under this registered domain (see `DomainName`).
    case sameRegisteredDomain(String)
    /// Both sides' names are under domains given as internal (`--internal`); the
    /// associated value is the one the receiving side is under.
    case internalDomain(String)

    /// A few words for people: "same registered domain example.org".
    public var description: String {
        switch self {
        case .sameHost: return "same host"
        case .loopback: return "loopback"
        case .localSubmission: return "local submission"
        case .noSendingHost: return "no sending host recorded"
        case .sameRegisteredDomain(let domain): return "same registered domain \(domain)"
        case .internalDomain(let domain): return "internal domain \(domain)"
        }
    }
}

// MARK: - Codable

extension HopScope: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, reason, domain
    }

    private enum Kind: String, Codable {
        case `internal`, crossing, unknown
    }

    private enum Reason: String, Codable {
        case sameHost, loopback, localSubmission, noSendingHost
        case sameRegisteredDomain, internalDomain
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .crossing: self = .crossing
        case .unknown: self = .unknown
        case .internal:
            let domain = try container.decodeIfPresent(String.self, forKey: .domain) ?? ""
            switch try container.decode(Reason.self, forKey: .reason) {
            case .sameHost: self = .internal(.sameHost)
            case .loopback: self = .internal(.loopback)
            case .localSubmission: self = .internal(.localSubmission)
            case .noSendingHost: self = .internal(.noSendingHost)
            case .sameRegisteredDomain: self = .internal(.sameRegisteredDomain(domain))
            case .internalDomain: self = .internal(.internalDomain(domain))
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .crossing: try container.encode(Kind.crossing, forKey: .kind)
        case .unknown: try container.encode(Kind.unknown, forKey: .kind)
        case .internal(let reason):
            try container.encode(Kind.internal, forKey: .kind)
            let (code, domain): (Reason, String?) = switch reason {
            case .sameHost: (.sameHost, nil)
            case .loopback: (.loopback, nil)
            case .localSubmission: (.localSubmission, nil)
            case .noSendingHost: (.noSendingHost, nil)
            case .sameRegisteredDomain(let domain): (.sameRegisteredDomain, domain)
            case .internalDomain(let domain): (.internalDomain, domain)
            }
            try container.encode(code, forKey: .reason)
            try container.encodeIfPresent(domain, forKey: .domain)
        }
    }
}
