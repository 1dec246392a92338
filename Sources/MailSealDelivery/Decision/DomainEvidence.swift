import Foundation

/// What MailSeal learned about a recipient domain's mail servers.
public struct DomainEvidence: Codable, Sendable, Equatable {
    public var domain: String
    /// The MX lookup; nil when it was not made (offline without a cached answer).
    public var mx: MXLookupEvidence?
    /// Each mail server probed, in preference order.
    public var servers: [MXServerEvidence]
    public var mtaSTS: MTASTSEvidence?
    public var tlsReporting: TLSRPTEvidence?
    /// Why nothing more could be learned: offline, a failed lookup.
    public var problem: String?

    public init(domain: String) {
        self.domain = domain
        self.servers = []
    }

    /// The servers that answered SMTP; the mail would go to one of them.
    public var reachedServers: [MXServerEvidence] { servers.filter(\.probe.reachedServer) }

    /// The protection every reachable server gives: the weakest of them, since a
    /// sending MTA may use any MX that answers.
    public var tlsLevel: TLSLevel {
        let reached = reachedServers
        guard !reached.isEmpty else { return .none }
        return reached.map(\.tlsLevel).min() ?? .none
    }
}

/// The MX answer for a domain.
public struct MXLookupEvidence: Codable, Sendable, Equatable {
    /// The mail hosts in preference order; the domain itself when it has no MX.
    public var hosts: [MailExchanger]
    public var dnssecValidated: Bool
    /// No MX records: the domain's own address is used (RFC 5321 §5.1).
    public var implicit: Bool
    /// A null MX (RFC 7505): the domain accepts no mail at all.
    public var nullMX: Bool
    /// Why the lookup failed.
    public var error: String?

    public init(
        hosts: [MailExchanger], dnssecValidated: Bool, implicit: Bool = false,
        nullMX: Bool = false, error: String? = nil
    ) {
        self.hosts = hosts
        self.dnssecValidated = dnssecValidated
        self.implicit = implicit
        self.nullMX = nullMX
        self.error = error
    }
}

/// One mail server of a domain: how its SMTP probe went, DANE and MTA-STS for it.
public struct MXServerEvidence: Codable, Sendable, Equatable {
    public var host: String
    public var preference: UInt16
    public var probe: SMTPProbeResult
    public var dane: DANEResult
    /// Whether the domain's MTA-STS policy lists this host; nil without a policy.
    public var mtaSTSMatches: Bool?
    /// The MTA-STS mode in force for the domain, copied here for the level.
    public var mtaSTSMode: MTASTSEvidence.Mode?

    public init(
        host: String, preference: UInt16, probe: SMTPProbeResult, dane: DANEResult,
        mtaSTSMatches: Bool?, mtaSTSMode: MTASTSEvidence.Mode?
    ) {
        self.host = host
        self.preference = preference
        self.probe = probe
        self.dane = dane
        self.mtaSTSMatches = mtaSTSMatches
        self.mtaSTSMode = mtaSTSMode
    }

    /// The protection mail to this server gets.
    ///
    /// DANE-validated is enforced whatever the CA says (RFC 7672 §3.1.1); a DANE
    /// mismatch or a bogus TLSA answer is none, because the domain said the certificate
    /// must match, or someone forges what it said. MTA-STS
    /// enforce counts only for a listed MX with a valid certificate (RFC 8461 §4).
    public var tlsLevel: TLSLevel {
        guard let tls = probe.tls else { return .none }
        switch dane.status {
        case .validated: return .enforced
        case .mismatch, .bogus: return .none
        default: break
        }
        guard tls.certificateValid else { return .opportunistic }
        if mtaSTSMode == .enforce, mtaSTSMatches == true { return .enforced }
        return .verified
    }
}

/// A domain's MTA-STS record and policy (RFC 8461).
public struct MTASTSEvidence: Codable, Sendable, Equatable {
    public enum Mode: String, Codable, Sendable {
        case enforce, testing, none
    }

    /// The `id` of the `_mta-sts` TXT record; nil when there is none.
    public var recordID: String?
    /// The policy's mode; nil when no policy was fetched.
    public var mode: Mode?
    /// The `mx` patterns of the policy (`mx1.example.net`, `*.example.net`).
    public var mxPatterns: [String]
    /// The policy's `max_age` in seconds.
    public var maxAge: UInt32?
    /// Why there is no usable policy.
    public var error: String?

    public init(
        recordID: String? = nil, mode: Mode? = nil, mxPatterns: [String] = [],
        maxAge: UInt32? = nil, error: String? = nil
    ) {
        self.recordID = recordID
        self.mode = mode
        self.mxPatterns = mxPatterns
        self.maxAge = maxAge
        self.error = error
    }

    /// Whether `host` is one of the policy's MX patterns; a `*.` wildcard stands for
    /// exactly one leftmost label (RFC 8461 §4.1).
    public func matches(host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return mxPatterns.contains { raw in
            let pattern = raw.lowercased()
            guard pattern.hasPrefix("*.") else { return pattern == host }
            let suffix = pattern.dropFirst(1)
            guard host.hasSuffix(suffix) else { return false }
            let label = host.dropLast(suffix.count)
            return !label.isEmpty && !label.contains(".")
        }
    }
}

/// A domain's TLS reporting record (RFC 8460 §3).
public struct TLSRPTEvidence: Codable, Sendable, Equatable {
    /// Where reports go (`mailto:` or `https:` URIs); empty without a record.
    public var reportURIs: [String]
    public var error: String?
    /// Seconds the answer may be cached.
    public var ttl: UInt32

    public init(reportURIs: [String] = [], error: String? = nil, ttl: UInt32 = 0) {
        self.reportURIs = reportURIs
        self.error = error
        self.ttl = ttl
    }
}

/// Everything gathered for one recipient.
public struct RecipientEvidence: Codable, Sendable, Equatable {
    public var address: String
    public var knownKeys: [KnownKey]
    public var discoveredKeys: [DiscoveredKey]
    public var learned: [LearnedCapability]
    public var domain: DomainEvidence
    /// Problems met while gathering, worth showing (a failed key lookup).
    public var notes: [String]

    public init(
        address: String, knownKeys: [KnownKey] = [], discoveredKeys: [DiscoveredKey] = [],
        learned: [LearnedCapability] = [], domain: DomainEvidence, notes: [String] = []
    ) {
        self.address = address
        self.knownKeys = knownKeys
        self.discoveredKeys = discoveredKeys
        self.learned = learned
        self.domain = domain
        self.notes = notes
    }
}
