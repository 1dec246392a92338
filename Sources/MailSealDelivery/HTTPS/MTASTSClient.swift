import Foundation

/// Finds a domain's MTA-STS policy: the `_mta-sts` TXT record, then the policy itself
/// over HTTPS (RFC 8461 s3).
public struct MTASTSClient: Sendable {
    /// A record and the policy it announces.
    public struct Discovery: Sendable, Equatable, Codable {
        public let domain: String
        public let record: MTASTSRecord
        public let policy: MTASTSPolicy
        /// Where the policy came from.
        public let url: String
    }

    public let resolver: DNSResolver
    public let https: HTTPSClient

    /// The size limit for a policy body; RFC 8461 s3.3 suggests 64 KiB.
    public static let maximumPolicySize = 64 * 1024

    /// The policy host names are looked up with `resolver`, so the policy comes from
    /// wherever the resolver's DNS says.
    public init(resolver: DNSResolver, https: HTTPSClient) {
        self.resolver = resolver
        self.https = https
    }

    /// The record and the policy of `domain`.
    /// - Throws: `DeliveryError` with `mtaSTSNoRecord`, `mtaSTSBadRecord`,
    ///   `mtaSTSFetchFailed` or `mtaSTSBadPolicy`; or a DNS error.
    public func discover(_ domain: String) async throws -> Discovery {
        let domain = DNSName.trimmed(domain)
        let record = try await record(for: domain)
        let (policy, url) = try await fetchPolicy(for: domain)
        return Discovery(domain: domain, record: record, policy: policy, url: url)
    }

    /// The `_mta-sts` TXT record of `domain` (RFC 8461 s3.1).
    public func record(for domain: String) async throws -> MTASTSRecord {
        let name = DNSName.mtaSTS(domain: domain)
        let answer = try await resolver.query(name, type: .txt).requireUsable()
        // Records that do not start with v=STSv1 are not MTA-STS records; more than one
        // that does means no policy (RFC 8461 s3.1).
        let candidates = try answer.texts().filter { $0.hasPrefix("v=STSv1") }
        guard !candidates.isEmpty else {
            throw DeliveryError(
                .mtaSTSNoRecord, "\(DNSName.trimmed(domain)) has no MTA-STS record at \(name)")
        }
        guard candidates.count == 1 else {
            throw DeliveryError(
                .mtaSTSBadRecord,
                "\(name) has \(candidates.count) MTA-STS records, so no policy applies")
        }
        return try MTASTSRecord(text: candidates[0], isSecure: answer.isSecure, ttl: answer.ttl)
    }

    /// Fetches and parses `https://mta-sts.DOMAIN/.well-known/mta-sts.txt` (RFC 8461 s3.3):
    /// a verified certificate, status 200, `text/plain`, no redirect, at most 64 KiB.
    public func fetchPolicy(for domain: String) async throws -> (MTASTSPolicy, url: String) {
        let host = "mta-sts.\(DNSName.trimmed(domain))"
        let url = "https://\(host)/.well-known/mta-sts.txt"
        let addresses = try await resolver.addresses(of: host)
        guard !addresses.isEmpty else {
            throw fetchFailed(url, "\(host) has no address in DNS")
        }

        let response: HTTPSResponse
        do {
            response = try await https.get(
                url, addresses: addresses, maximumBodySize: Self.maximumPolicySize)
        } catch let error as DeliveryError {
            throw fetchFailed(url, error.reason)
        }
        guard response.status == 200 else {
            throw fetchFailed(url, "the server answered HTTP \(response.status), not 200")
        }
        guard response.mediaType == "text/plain" else {
            throw fetchFailed(
                url, "the policy came as \(response.contentType ?? "no type"), not text/plain")
        }
        guard let text = String(data: response.body, encoding: .utf8) else {
            throw DeliveryError(.mtaSTSBadPolicy, "the MTA-STS policy at \(url) is not UTF-8")
        }
        do {
            return (try MTASTSPolicy(parsing: text), url)
        } catch let error as DeliveryError {
            throw DeliveryError(error.code, "\(url): \(error.reason)")
        }
    }

    private func fetchFailed(_ url: String, _ why: String) -> DeliveryError {
        DeliveryError(.mtaSTSFetchFailed, "could not fetch the MTA-STS policy \(url): \(why)")
    }
}
