import Foundation

/// A `DomainLookup` that answers from the probe cache while entries are fresh, and
/// otherwise asks `base` and stores the answer for its TTL (MTA-STS for its max_age).
///
/// Without a base (offline), only the cache answers.
public struct CachedDomainLookup: DomainLookup {
    /// How long a domain without an MTA-STS policy is remembered as having none.
    public static let missingPolicyLifetime: TimeInterval = 300

    let base: (any DomainLookup)?
    let cache: ProbeCache

    public init(base: (any DomainLookup)?, cache: ProbeCache) {
        self.base = base
        self.cache = cache
    }

    public func mailHosts(of domain: String) async throws -> LookupAnswer<MailHosts> {
        let key = domain.lowercased()
        if let hit = cache.value(LookupAnswer<MailHosts>.self, kind: .mx, key: key) { return hit }
        let answer = try await requireBase(domain).mailHosts(of: domain)
        try? cache.store(answer, kind: .mx, key: key, lifetime: TimeInterval(answer.ttl))
        return answer
    }

    public func tlsaRecords(
        host: String, port: UInt16
    ) async throws -> LookupAnswer<[TLSARecord]> {
        let key = "\(host.lowercased()):\(port)"
        if let hit = cache.value(LookupAnswer<[TLSARecord]>.self, kind: .tlsa, key: key) {
            return hit
        }
        let answer = try await requireBase(host).tlsaRecords(host: host, port: port)
        try? cache.store(answer, kind: .tlsa, key: key, lifetime: TimeInterval(answer.ttl))
        return answer
    }

    public func mtaSTS(of domain: String) async -> MTASTSEvidence {
        let key = domain.lowercased()
        if let hit = cache.value(MTASTSEvidence.self, kind: .mtaSTS, key: key) { return hit }
        guard let base else { return MTASTSEvidence(error: Self.offlineReason(domain)) }
        let evidence = await base.mtaSTS(of: domain)
        let lifetime = evidence.maxAge.map(TimeInterval.init) ?? Self.missingPolicyLifetime
        try? cache.store(evidence, kind: .mtaSTS, key: key, lifetime: lifetime)
        return evidence
    }

    public func tlsReporting(of domain: String) async -> TLSRPTEvidence {
        let key = domain.lowercased()
        if let hit = cache.value(TLSRPTEvidence.self, kind: .tlsReporting, key: key) { return hit }
        guard let base else { return TLSRPTEvidence(error: Self.offlineReason(domain)) }
        let evidence = await base.tlsReporting(of: domain)
        let lifetime = TimeInterval(evidence.ttl)
        try? cache.store(evidence, kind: .tlsReporting, key: key, lifetime: lifetime)
        return evidence
    }

    private func requireBase(_ name: String) throws -> any DomainLookup {
        guard let base else { throw DeliveryError(.offline, Self.offlineReason(name)) }
        return base
    }

    static func offlineReason(_ name: String) -> String {
        "offline, and nothing cached for \(name)"
    }
}

extension DeliveryError.Code {
    /// Offline, and the evidence needed is not in the cache.
    public static let offline = Self(rawValue: "offline")
}
