import Foundation

/// Gathers the evidence for many recipients: each domain once, at most `concurrency`
/// at a time, every connection with a timeout.
///
/// A thousand recipients at fifty domains cost fifty MX probes; with a cache, a second
/// run within the cache lifetimes costs none.
public final class Prober: Sendable {
    public struct Configuration: Sendable {
        public var smtp = SMTPProbe.Configuration()
        /// How many domains (and how many key discoveries) run at once.
        public var concurrency = 8
        /// How many MX hosts of one domain are probed, in preference order.
        public var mxLimit = 5
        /// How long an SMTP probe result is reused, in seconds.
        public var smtpCacheLifetime: TimeInterval = 600
        /// How long key discovery results are reused, in seconds.
        public var discoveryCacheLifetime: TimeInterval = 3600
        /// No network: known keys and cached evidence only.
        public var offline = false

        public init() {}
    }

    public let configuration: Configuration
    private let lookup: (any DomainLookup)?
    let discoverer: (any KeyDiscovery)?
    let knownKeyLookup: (any KnownKeyLookup)?
    let discoveredKeyImporter: (any DiscoveredKeyImporter)?
    let probeCache: ProbeCache?
    private let connections = Counter()
    private let probes = ProbeMemo()

    /// - Parameters:
    ///   - lookup: DNS, MTA-STS and TLS-RPT; nil when no resolver is available.
    ///   - cache: the home's probe cache; nil to cache nothing.
    public init(
        configuration: Configuration = Configuration(), lookup: (any DomainLookup)?,
        keyDiscovery: (any KeyDiscovery)? = nil, knownKeys: (any KnownKeyLookup)? = nil,
        importer: (any DiscoveredKeyImporter)? = nil, cache: ProbeCache? = nil
    ) {
        self.configuration = configuration
        self.discoverer = keyDiscovery
        self.knownKeyLookup = knownKeys
        self.discoveredKeyImporter = importer
        self.probeCache = cache
        if let cache {
            let base = configuration.offline ? nil : lookup
            self.lookup = CachedDomainLookup(base: base, cache: cache)
        } else {
            self.lookup = configuration.offline ? nil : lookup
        }
    }

    /// How many SMTP connections this prober has opened (cache hits open none).
    public var smtpConnections: Int { connections.value }

    /// The evidence for each of `addresses`, in their order.
    public func gather(_ addresses: [String]) async -> [RecipientEvidence] {
        let domains = Array(Set(addresses.compactMap(Self.domain))).sorted()
        let found = await boundedMap(domains, limit: configuration.concurrency) {
            await self.domainEvidence($0)
        }
        let byDomain = Dictionary(uniqueKeysWithValues: zip(domains, found))
        return await boundedMap(addresses, limit: configuration.concurrency) { address in
            guard let domain = Self.domain(of: address), let evidence = byDomain[domain] else {
                var nowhere = DomainEvidence(domain: "")
                nowhere.problem = "\"\(address)\" is not a mail address"
                return RecipientEvidence(address: address, domain: nowhere)
            }
            return await self.recipientEvidence(address, domain: evidence)
        }
    }

    /// The decision for each of `addresses` under `policy`.
    public func decide(
        _ addresses: [String], policy: DeliveryPolicy, sensitive: Bool = false
    ) async -> [DeliveryDecision] {
        await gather(addresses).map { policy.decide($0, sensitive: sensitive) }
    }

    // MARK: - Domains

    private func domainEvidence(_ domain: String) async -> DomainEvidence {
        var evidence = DomainEvidence(domain: domain)
        guard let lookup else {
            evidence.problem = configuration.offline
                ? "offline, and nothing cached for \(domain)" : "no DNS resolver configured"
            return evidence
        }
        let hosts: MailHosts
        do {
            let answer = try await lookup.mailHosts(of: domain)
            hosts = answer.value
            evidence.mx = MXLookupEvidence(
                hosts: hosts.hosts, dnssecValidated: answer.isSecure, implicit: hosts.implicit,
                nullMX: hosts.nullMX)
        } catch {
            if (error as? DeliveryError)?.code == .offline {
                evidence.problem = (error as? DeliveryError)?.reason
            } else {
                evidence.mx = MXLookupEvidence(
                    hosts: [], dnssecValidated: false, error: Self.describe(error))
            }
            return evidence
        }
        guard !hosts.nullMX else { return evidence }

        let mxIsSecure = evidence.mx?.dnssecValidated ?? false
        async let policy = lookup.mtaSTS(of: domain)
        async let reporting = lookup.tlsReporting(of: domain)
        evidence.mtaSTS = await policy
        evidence.tlsReporting = await reporting
        // One MX after the other, as a sending MTA tries them; a silent one costs its
        // timeout and the next is still probed.
        for host in hosts.hosts.prefix(configuration.mxLimit) {
            evidence.servers.append(await server(
                host, mxIsSecure: mxIsSecure, policy: evidence.mtaSTS, lookup: lookup))
        }
        return evidence
    }

    private func server(
        _ host: MailExchanger, mxIsSecure: Bool, policy: MTASTSEvidence?,
        lookup: any DomainLookup
    ) async -> MXServerEvidence {
        let probe = await smtpProbe(host)
        let dane: DANEResult
        if !mxIsSecure || !host.addressesAreSecure {
            let what = mxIsSecure ? "the addresses of \(host.host) are" : "the MX records are"
            dane = DANEResult(
                status: .notApplicable, detail: "DANE does not apply: \(what) not DNSSEC-validated")
        } else {
            dane = await self.dane(host, probe: probe, lookup: lookup)
        }
        let mode = policy?.mode
        return MXServerEvidence(
            host: host.host, preference: host.preference, probe: probe, dane: dane,
            mtaSTSMatches: mode == nil ? nil : policy?.matches(host: host.host),
            mtaSTSMode: mode)
    }

    private func dane(
        _ host: MailExchanger, probe: SMTPProbeResult, lookup: any DomainLookup
    ) async -> DANEResult {
        let dane: DANEResult
        do {
            let tlsa = try await lookup.tlsaRecords(host: host.host, port: configuration.smtp.port)
            dane = DANEVerifier.verify(
                tlsa.value, isSecure: tlsa.isSecure, host: host.host, handshake: probe.tls)
        } catch {
            let bogus = (error as? DeliveryError)?.code == .dnsBogus
            dane = DANEResult(
                status: bogus ? .bogus : .lookupFailed, detail: Self.describe(error))
        }
        return dane
    }

    private func smtpProbe(_ host: MailExchanger) async -> SMTPProbeResult {
        let smtp = configuration.smtp
        // The verdict on a certificate depends on the CAs trusted, so they are in the key.
        let trusted = smtp.caFiles.isEmpty ? "system" : smtp.caFiles.joined(separator: ",")
        let key = "\(host.host.lowercased()):\(smtp.port):\(trusted)"
        // Domains that share an MX host (a hosted mail service) probe it once.
        return await probes.result(for: key) { await self.freshProbe(host, key: key) }
    }

    private func freshProbe(_ host: MailExchanger, key: String) async -> SMTPProbeResult {
        let smtp = configuration.smtp
        if let hit = probeCache?.value(SMTPProbeResult.self, kind: .smtp, key: key) { return hit }
        guard !configuration.offline else {
            var result = SMTPProbeResult(host: host.host, port: smtp.port)
            result.steps = [SMTPProbeStep(
                .connect, succeeded: false, detail: "offline, and no cached probe")]
            return result
        }
        connections.increment()
        let result = await SMTPProbe(configuration: smtp).probe(
            host: host.host, addresses: host.addresses.isEmpty ? nil : host.addresses)
        try? probeCache?.store(
            result, kind: .smtp, key: key, lifetime: configuration.smtpCacheLifetime)
        return result
    }

    // MARK: - Helpers

    static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@"), at != address.startIndex else { return nil }
        let domain = address[address.index(after: at)...].lowercased()
        let trimmed = domain.hasSuffix(".") ? String(domain.dropLast()) : domain
        return trimmed.isEmpty ? nil : trimmed
    }

    static func describe(_ error: any Error) -> String {
        (error as? DeliveryError)?.reason ?? "\(error)"
    }
}
