internal import COpenSSL
import Foundation

/// The owner names under which mail security records are published.
public enum DNSName {
    /// Where the OPENPGPKEY record of `address` is (RFC 7929 s3): the SHA2-256 of the
    /// local part as given, truncated to 28 octets, in hex, then `_openpgpkey` and the domain.
    public static func openPGPKey(for address: String) throws -> String {
        let parts = try MailAddress(address)
        return "\(hashedLabel(parts.localPart))._openpgpkey.\(parts.domain)"
    }

    /// Where the SMIMEA record of `address` is (RFC 8162 s3): as for OPENPGPKEY, under
    /// `_smimecert`.
    public static func smimea(for address: String) throws -> String {
        let parts = try MailAddress(address)
        return "\(hashedLabel(parts.localPart))._smimecert.\(parts.domain)"
    }

    /// Where the TLSA records of a TCP service are (RFC 6698 s3), e.g.
    /// `_25._tcp.mx.example.net` for SMTP (RFC 7672 s2.2).
    public static func tlsa(host: String, port: Int = 25) -> String {
        "_\(port)._tcp.\(trimmed(host))"
    }

    /// Where a domain's MTA-STS TXT record is (RFC 8461 s3.1).
    public static func mtaSTS(domain: String) -> String { "_mta-sts.\(trimmed(domain))" }

    /// Where a domain's TLS reporting policy is (RFC 8460 s3).
    public static func tlsReporting(domain: String) -> String { "_smtp._tls.\(trimmed(domain))" }

    /// A host name without its final dot, lowercased, as compared and shown.
    static func trimmed(_ host: String) -> String {
        let lower = host.lowercased()
        return lower.hasSuffix(".") && lower != "." ? String(lower.dropLast()) : lower
    }

    private static func hashedLabel(_ localPart: String) -> String {
        let bytes = Array(localPart.utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = SHA256(bytes, bytes.count, &digest)
        return digest.prefix(28).map { String(format: "%02x", $0) }.joined()
    }
}

extension DNSResolver {
    /// The OPENPGPKEY answer for `address` (RFC 7929); use its keys only when `isSecure`.
    public func openPGPKey(for address: String) async throws -> DNSAnswer {
        try await query(DNSName.openPGPKey(for: address), type: .openpgpkey)
    }

    /// The SMIMEA answer for `address` (RFC 8162); use it only when `isSecure`.
    public func smimea(for address: String) async throws -> DNSAnswer {
        try await query(DNSName.smimea(for: address), type: .smimea)
    }

    /// The TLSA answer for an SMTP server (RFC 7672 s2.2); DANE applies only when `isSecure`.
    public func tlsa(host: String, port: Int = 25) async throws -> DNSAnswer {
        try await query(DNSName.tlsa(host: host, port: port), type: .tlsa)
    }
}
