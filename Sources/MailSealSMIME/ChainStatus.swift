import Foundation

/// The outcome of building and checking a signer's certification path (RFC 5280 s6)
/// to the caller's trust anchors at one moment.
public enum ChainStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A path to a trust anchor exists and every certificate on it was valid.
    case valid
    /// A certificate on the path had expired; `subject` says which.
    case expired(subject: String, notAfter: Date)
    /// A certificate on the path was not yet valid.
    case notYetValid(subject: String, notBefore: Date)
    /// No path leads to one of the trust anchors.
    case untrusted(reason: String)
    /// The signer's certificate may not be used for mail (extended key usage or key
    /// usage, RFC 8550 s4.4).
    case notForEmailProtection
    /// The message does not carry the signer's certificate and none was supplied.
    case noSignerCertificate
    /// The SignerInfo has no signingTime, so there is no signing time to check at.
    case noSigningTime
    /// Anything else that breaks the path (bad certificate signature, constraints).
    case invalid(reason: String)

    public var isValid: Bool { self == .valid }

    public var description: String {
        switch self {
        case .valid:
            return "valid"
        case .expired(let subject, let notAfter):
            return "certificate \(subject) expired on \(Self.format(notAfter))"
        case .notYetValid(let subject, let notBefore):
            return "certificate \(subject) is valid only from \(Self.format(notBefore))"
        case .untrusted(let reason):
            return "not trusted: \(reason)"
        case .notForEmailProtection:
            return "the signer's certificate is not for email protection"
        case .noSignerCertificate:
            return "the signer's certificate is not available"
        case .noSigningTime:
            return "the signature carries no signing time"
        case .invalid(let reason):
            return "invalid: \(reason)"
        }
    }

    /// How much a problem weighs when several are found: a missing path matters more
    /// than an expiry.
    var severity: Int {
        switch self {
        case .noSignerCertificate, .noSigningTime: return 0
        case .invalid: return 1
        case .untrusted: return 2
        case .notForEmailProtection: return 3
        case .expired, .notYetValid: return 4
        case .valid: return 5
        }
    }

    /// The problem that matters most, the end certificate's first among equals.
    static func headline(of problems: [ChainStatus]) -> ChainStatus {
        problems.enumerated().min { lhs, rhs in
            (lhs.element.severity, lhs.offset) < (rhs.element.severity, rhs.offset)
        }?.element ?? .valid
    }

    private static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
