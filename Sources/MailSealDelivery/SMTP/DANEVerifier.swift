import Foundation
internal import COpenSSL
internal import CMailSealShims

/// DANE's view of a TLSA record (RFC 6698 s2.1, RFC 7672).
extension TLSARecord {
    /// A record from its presentation-form numbers, `3 1 1 <data>`.
    public init(usage: UInt8, selector: UInt8, matchingType: UInt8, data: Data) {
        self.init(
            usage: Usage(rawValue: usage), selector: Selector(rawValue: selector),
            matchingType: MatchingType(rawValue: matchingType), data: data)
    }

    /// Whether SMTP may use this record: RFC 7672 s3.1.3 rules out the PKIX usages.
    public var isUsableForSMTP: Bool {
        (2...3).contains(usage.rawValue) && selector.rawValue <= 1
            && matchingType.rawValue <= 2
    }

    /// `3 1 1 abcd1234…`, the presentation form shortened.
    public var summary: String {
        "\(usage.rawValue) \(selector.rawValue) \(matchingType.rawValue) "
            + "\(data.hexString.prefix(16))…"
    }
}

/// What DANE (RFC 7672) says about one MX's certificate.
public struct DANEResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// A DNSSEC-validated, usable TLSA record matched the presented chain.
        case validated
        /// Validated, usable records exist but none matched: the server fails DANE.
        case mismatch
        /// The MX has no TLSA records.
        case noRecords
        /// TLSA records were found but their answer was not DNSSEC-validated.
        case insecure
        /// Validated records exist but none is usable for SMTP (RFC 7672 §3.1.3).
        case unusable
        /// The TLSA records could not be looked up.
        case lookupFailed
        /// The TLSA answer failed DNSSEC validation: someone may be forging it, so the
        /// server must not be used (RFC 7672 §2.2).
        case bogus
        /// DANE does not apply: the MX records or the host's addresses were not
        /// DNSSEC-validated, so the host name itself is not proven (RFC 7672 §2.2).
        case notApplicable
        /// There was no TLS session to check.
        case noTLS
    }

    public var status: Status
    /// The record that matched.
    public var matched: TLSARecord?
    public var detail: String

    public init(status: Status, matched: TLSARecord? = nil, detail: String) {
        self.status = status
        self.matched = matched
        self.detail = detail
    }
}

/// Matches TLSA records against the chain an MX presented (RFC 6698 §2.1, RFC 7672 §3).
public enum DANEVerifier {
    /// Checks `associations` (whose DNS answer was DNSSEC-validated when `isSecure`)
    /// against `handshake`'s chain for the MX `host`.
    public static func verify(
        _ associations: [TLSARecord], isSecure: Bool, host: String,
        handshake: TLSHandshakeResult?
    ) -> DANEResult {
        guard !associations.isEmpty else {
            return DANEResult(status: .noRecords, detail: "no TLSA records")
        }
        // RFC 7672 §2.2: TLSA records count only from a validated answer.
        guard isSecure else {
            return DANEResult(status: .insecure, detail: "TLSA records not DNSSEC-validated")
        }
        let usable = associations.filter(\.isUsableForSMTP)
        guard !usable.isEmpty else {
            return DANEResult(status: .unusable, detail: "no TLSA record usable for SMTP")
        }
        guard let handshake, !handshake.chain.isEmpty else {
            return DANEResult(status: .noTLS, detail: "no TLS session to check TLSA against")
        }
        let chain = handshake.chain.compactMap { X509Handle(der: $0.der) }
        for association in usable where matches(association, chain: chain, host: host) {
            return DANEResult(
                status: .validated, matched: association,
                detail: "DANE TLSA \(association.summary) matches")
        }
        return DANEResult(
            status: .mismatch, detail: "DANE TLSA records do not match the certificate")
    }

    // MARK: - Matching

    private static func matches(
        _ association: TLSARecord, chain: [X509Handle], host: String
    ) -> Bool {
        guard let leaf = chain.first else { return false }
        if association.usage == .daneEE {
            // DANE-EE: the key is the authority; RFC 7672 §3.1.1 skips name and dates.
            return fingerprint(leaf, association) == association.data
        }
        // DANE-TA: some certificate of the chain is the trust anchor, and the server's
        // certificate must chain to it and carry the MX name (RFC 7672 §3.1.2).
        guard leaf.matches(host: host) else { return false }
        return chain.contains { candidate in
            fingerprint(candidate, association) == association.data
                && chains(chain, to: candidate)
        }
    }

    private static func fingerprint(
        _ certificate: X509Handle, _ association: TLSARecord
    ) -> Data {
        let content = association.selector == .fullCertificate
            ? certificate.der : certificate.subjectPublicKeyInfo
        switch association.matchingType.rawValue {
        case 1: return Digest.sha256(content)
        case 2: return Digest.sha512(content)
        default: return content
        }
    }

    /// Whether the chain's first certificate verifies up to `anchor`, which need not be
    /// self-signed (partial-chain verification).
    private static func chains(_ chain: [X509Handle], to anchor: X509Handle) -> Bool {
        guard let leaf = chain.first, let store = X509_STORE_new() else { return false }
        defer { X509_STORE_free(store) }
        guard X509_STORE_add_cert(store, anchor.pointer) == 1 else { return false }
        X509_STORE_set_flags(store, UInt(X509_V_FLAG_PARTIAL_CHAIN))

        guard let untrusted = CMailSealShims_sk_X509_new_null() else { return false }
        // The stack borrows the certificates; freeing it leaves them to their owners.
        defer { CMailSealShims_sk_X509_free(untrusted) }
        for certificate in chain.dropFirst() {
            _ = CMailSealShims_sk_X509_push(untrusted, certificate.pointer)
        }

        guard let context = X509_STORE_CTX_new() else { return false }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf.pointer, untrusted) == 1 else {
            return false
        }
        let verified = X509_verify_cert(context) == 1
        ERR_clear_error()
        return verified
    }
}
