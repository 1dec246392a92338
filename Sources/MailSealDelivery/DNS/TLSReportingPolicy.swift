import Foundation

/// A domain's SMTP TLS reporting policy, from its `_smtp._tls` TXT record (RFC 8460 s3).
public struct TLSReportingPolicy: Sendable, Equatable, Codable {
    /// The `rua` addresses reports go to: `mailto:` and `https:` URIs (RFC 8460 s3).
    public let reportURIs: [String]

    /// The record as published.
    public let record: String

    /// Whether the TXT answer was DNSSEC-validated.
    public let isSecure: Bool

    public let ttl: UInt32

    /// Reads one record; nil when it is not a TLSRPTv1 record or has no `rua`.
    public init?(record: String, isSecure: Bool = false, ttl: UInt32 = 0) {
        // RFC 8460 s3: "v=TLSRPTv1" first, then fields separated by ";".
        let fields = record.split(separator: ";").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard fields.first == "v=TLSRPTv1" else { return nil }
        var uris: [String] = []
        for field in fields.dropFirst() where field.hasPrefix("rua=") {
            uris += field.dropFirst(4).split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        }
        guard !uris.isEmpty else { return nil }
        self.reportURIs = uris
        self.record = record
        self.isSecure = isSecure
        self.ttl = ttl
    }
}

extension DNSResolver {
    /// The TLS reporting policy of `domain`, or nil when it publishes none or more than
    /// one (RFC 8460 s3: then there is no valid policy).
    public func tlsReportingPolicy(for domain: String) async throws -> TLSReportingPolicy? {
        let answer = try await query(DNSName.tlsReporting(domain: domain), type: .txt)
            .requireUsable()
        let candidates = try answer.texts().filter { $0.hasPrefix("v=TLSRPTv1") }
        guard candidates.count == 1 else { return nil }
        return TLSReportingPolicy(
            record: candidates[0], isSecure: answer.isSecure, ttl: answer.ttl)
    }
}
