import Foundation

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
