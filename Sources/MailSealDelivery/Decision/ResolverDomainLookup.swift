import Foundation

/// The network evidence of a domain through the validating resolver (`DNSResolver`).
public struct ResolverDomainLookup: DomainLookup {
    public let resolver: DNSResolver

    public init(resolver: DNSResolver) {
        self.resolver = resolver
    }

    public func mailHosts(of domain: String) async throws -> LookupAnswer<MailHosts> {
        let resolution = try await resolver.resolveMX(for: domain)
        let hosts = resolution.hosts.map {
            MailExchanger(host: $0.name, preference: $0.preference, addresses: $0.addresses)
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
    ) async throws -> LookupAnswer<[TLSAAssociation]> {
        let answer = try await resolver.query(
            DNSName.tlsa(host: host, port: Int(port)), type: .tlsa
        ).requireUsable()
        let records = try answer.tlsaRecords().map {
            TLSAAssociation(
                usage: $0.usage.rawValue, selector: $0.selector.rawValue,
                matchingType: $0.matchingType.rawValue, data: $0.data)
        }
        return LookupAnswer(records, isSecure: answer.isSecure, ttl: answer.ttl)
    }

    public func mtaSTS(of domain: String) async -> MTASTSEvidence {
        // TODO: fetch the policy with MTASTSClient once it is merged; until then only
        // the `_mta-sts` TXT record is read, and no MX counts as MTA-STS enforced.
        do {
            let answer = try await resolver.query(DNSName.mtaSTS(domain: domain), type: .txt)
                .requireUsable()
            let records = try answer.texts().filter { $0.hasPrefix("v=STSv1") }
            guard records.count == 1 else {
                return MTASTSEvidence(error: records.isEmpty ? "no MTA-STS record" : "more than one MTA-STS record")
            }
            let id = records[0].split(separator: ";")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("id=") }.map { String($0.dropFirst(3)) }
            return MTASTSEvidence(recordID: id, error: "MTA-STS policy not fetched")
        } catch {
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
