import Foundation

/// The network evidence of a domain through the validating resolver (`DNSResolver`)
/// and, for MTA-STS policies, HTTPS (`MTASTSClient`).
public struct ResolverDomainLookup: DomainLookup {
    public let resolver: DNSResolver
    public let mtaSTSClient: MTASTSClient

    /// `https` fetches the MTA-STS policies; its CA file decides which servers count.
    public init(resolver: DNSResolver, https: HTTPSClient = HTTPSClient()) {
        self.resolver = resolver
        self.mtaSTSClient = MTASTSClient(resolver: resolver, https: https)
    }

    public func mailHosts(of domain: String) async throws -> LookupAnswer<MailHosts> {
        let resolution = try await resolver.resolveMX(for: domain)
        let hosts = resolution.hosts.map {
            MailExchanger(
                host: $0.name, preference: $0.preference, addresses: $0.addresses,
                addressesAreSecure: $0.addressesAreSecure)
        }
        if resolution.source == .noMailHost {
            throw DeliveryError(
                .dnsNameNotFound, "\(domain) has neither MX records nor an address")
        }
        return LookupAnswer(
            MailHosts(
                hosts: hosts, implicit: resolution.source == .implicitMX,
                nullMX: resolution.isNullMX),
            isSecure: resolution.isSecure, ttl: resolution.ttl)
    }

    public func tlsaRecords(
        host: String, port: UInt16
    ) async throws -> LookupAnswer<[TLSARecord]> {
        let answer = try await resolver.query(
            DNSName.tlsa(host: host, port: Int(port)), type: .tlsa
        ).requireUsable()
        return LookupAnswer(
            try answer.tlsaRecords(), isSecure: answer.isSecure, ttl: answer.ttl)
    }

    public func mtaSTS(of domain: String) async -> MTASTSEvidence {
        do {
            let found = try await mtaSTSClient.discover(domain)
            let mode = MTASTSEvidence.Mode(rawValue: found.policy.mode.rawValue)
            return MTASTSEvidence(
                recordID: found.record.id, mode: mode, mxPatterns: found.policy.mx,
                maxAge: UInt32(clamping: found.policy.maxAge))
        } catch let error as DeliveryError where error.code == .mtaSTSNoRecord {
            return MTASTSEvidence(error: "no MTA-STS record")
        } catch {
            // RFC 8461 §5: a record without a usable policy is as no policy at all.
            return MTASTSEvidence(error: Prober.describe(error))
        }
    }

    public func tlsReporting(of domain: String) async -> TLSRPTEvidence {
        do {
            guard let policy = try await resolver.tlsReportingPolicy(for: domain) else {
                return TLSRPTEvidence(error: "no TLS-RPT record", ttl: 300)
            }
            return TLSRPTEvidence(reportURIs: policy.reportURIs, ttl: policy.ttl)
        } catch {
            return TLSRPTEvidence(error: Prober.describe(error))
        }
    }
}
