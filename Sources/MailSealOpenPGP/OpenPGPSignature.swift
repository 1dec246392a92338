import Foundation

/// One signature found while verifying or decrypting, as GnuPG judged it.
public struct OpenPGPSignature: Sendable, Equatable, Codable {
    /// The cryptographic verdict, separate from how far the key is trusted (`validity`).
    public enum Status: Sendable, Equatable, Codable {
        /// The signature is intact and the key was usable when checked.
        case good
        /// The signed data or the signature was altered: never accept it.
        case bad
        /// The signer's public key is not in the keyring; `fingerprint` holds its ID.
        case unknownKey
        /// The signature is intact but the signer's key has expired.
        case expiredKey
        /// The signature is intact but the signer's key has been revoked.
        case revokedKey
        /// The signature is intact but has passed its own expiration time.
        case expiredSignature
        /// GnuPG could not check the signature; the text says why.
        case error(String)
    }

    public let status: Status
    /// The signing key's full fingerprint when the key is known, else the key ID or issuer
    /// fingerprint the signature names.
    public let fingerprint: String
    /// The primary key's fingerprint when the key is known (the signer may be a subkey).
    public let primaryFingerprint: String?
    /// Lower-cased addresses of the signing key's valid user IDs; empty for unknown keys.
    public let signerAddresses: [String]
    public let created: Date?
    public let expires: Date?
    /// `SHA256`, `SHA512`... as GnuPG names them (RFC 4880 s9.4).
    public let hashAlgorithm: String?
    /// `RSA`, `EdDSA`, `ECDSA`... as GnuPG names them.
    public let publicKeyAlgorithm: String?
    /// How far GnuPG's trust model vouches for the signer; reported, not enforced.
    public let validity: OpenPGPValidity
    /// The key was not certified for signing, so the signature should not count.
    public let wrongKeyUsage: Bool

    /// Whether the signature is cryptographically good with a usable key.
    public var isGood: Bool { status == .good && !wrongKeyUsage }
}
