import Foundation

/// A detached signature and what PGP/MIME needs to label it (RFC 3156 s5).
public struct OpenPGPDetachedSignature: Sendable, Equatable {
    /// The signature packet, armored unless binary output was asked for.
    public let signature: Data
    /// The digest as GnuPG names it (RFC 4880 s9.4), such as `SHA256`.
    public let hashAlgorithm: String
    /// The signing (sub)key's fingerprint.
    public let signerFingerprint: String
    public let created: Date?

    /// The `micalg` parameter of `multipart/signed`: `pgp-` and the lower-cased digest
    /// name (RFC 3156 s5), such as `pgp-sha256`.
    public var micalg: String { "pgp-" + hashAlgorithm.lowercased() }
}

/// How an inline signature wraps the data.
public enum OpenPGPSignatureMode: Sendable, Equatable {
    /// A cleartext signature (RFC 4880 s7): the text stays readable, armored always.
    case clearText
    /// A signed message (RFC 4880 s11.3): the data inside literal data packets.
    case normal
}
