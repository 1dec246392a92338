import Foundation

/// What opening a message proved, for a person (`summary`) and for programs (Codable).
public struct OpenReport: Sendable, Codable {
    /// Whether any part of the message was encrypted.
    public var encrypted: Bool
    /// The method of the outermost encryption, or of the first signature when not encrypted.
    public var method: CryptoMethod?
    /// The content cipher, such as "AES256" or "AES-256-GCM".
    public var cipher: String?
    /// Whether the ciphertext was integrity-protected (OpenPGP MDC/AEAD, CMS
    /// AuthEnvelopedData, or a signature inside the encryption); nil when not encrypted.
    public var integrityProtected: Bool?
    /// Whether the encryption covered the entire message or only a part of it.
    public var encryptionCoverage: Coverage?
    public var signatures: [SignatureReport]
    /// How the displayed header fields were protected (RFC 9788).
    public var headerProtection: HeaderProtectionStatus
    /// The From address the signatures were compared with (the protected one if any).
    public var fromAddress: String?
    /// Things found along the way that a reader should know.
    public var warnings: [String]

    public enum Coverage: String, Sendable, Codable {
        case entire
        case partial
    }

    public enum HeaderProtectionStatus: String, Sendable, Codable {
        /// Protected header fields inside encryption (`hp="cipher"`).
        case encrypted
        /// Protected header fields under a signature only (`hp="clear"`).
        case signed
        /// The fields shown are the unprotected outer ones.
        case none
    }

    /// Whether `verify` should succeed: signed, every signature good, by the From
    /// address, covering the entire message.
    public var isFullyVerified: Bool {
        !signatures.isEmpty && signatures.allSatisfy {
            $0.status == .good && $0.matchesFrom && $0.coverage == .entire
        }
    }
}

/// One signature found in the message and what it proved.
public struct SignatureReport: Sendable, Codable {
    public enum Status: String, Sendable, Codable {
        case good
        /// The signed data or the signature was altered.
        case bad
        /// The signing key or certificate is not available.
        case unknownKey
        case expiredKey
        case revokedKey
        /// The certificate does not chain to a trust anchor, or is not for email.
        case untrustedCertificate
        /// The certificate (or one above it) has expired; the signature itself is intact.
        case expiredCertificate
        /// The signature could not be checked.
        case error
    }

    public var method: CryptoMethod
    public var status: Status
    /// The signing key's fingerprint (OpenPGP) or certificate SHA-256 fingerprint
    /// (S/MIME); the key ID when only that is known.
    public var fingerprint: String?
    public var signerAddresses: [String]
    public var signingTime: Date?
    /// Whether one of the signer's addresses is the message's From address.
    public var matchesFrom: Bool
    /// Whether the signature covers the entire message or only a part of it.
    public var coverage: OpenReport.Coverage
    /// The part that was signed: "1" is the whole received message, "1.2" its second
    /// part (MailSealMIME's numbering; a decrypted layer keeps its container's number).
    public var part: String
    /// The details behind `status`, one phrase each.
    public var details: [String]
}
