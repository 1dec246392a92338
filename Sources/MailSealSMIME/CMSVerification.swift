import Foundation

/// What verifying a SignedData showed, signer by signer.
///
/// Nothing here is a single yes or no on purpose: a signature can be intact while the
/// signer's certificate has since expired, and the caller reports each separately.
public struct CMSVerification: Sendable {
    /// The signed content: the embedded content, or the detached content given.
    public var content: Data

    /// The eContentType, usually `.data`.
    public var contentType: CMSContentKind

    /// Whether the signature was detached (multipart/signed) or embedded (opaque).
    public var isDetached: Bool

    /// One entry per SignerInfo, in message order; empty for a certificates-only message.
    public var signers: [CMSSigner]
}

/// One SignerInfo (RFC 5652 s5.3) and what could be established about it.
public struct CMSSigner: Sendable {
    /// The signer's certificate, from the message or the extra certificates given.
    public var certificate: Certificate?

    /// How the SignerInfo names its certificate: `serial 1A from CN = CA` or a key id.
    public var signerIdentifier: String

    /// The certification path above the signer as OpenSSL built it at `now`, issuer
    /// first: up to the trust anchor when one was reached, else as far as the
    /// available certificates go.
    public var chain: [Certificate]

    /// The message digest matches the content and the signature matches the signed
    /// attributes under the signer's key; says nothing about trust. False as well
    /// when the signer's certificate is missing, since nothing could be checked.
    public var signatureIntact: Bool

    /// Why `signatureIntact` is false, in words; nil when it is true.
    public var signatureProblem: String?

    /// The signingTime attribute (RFC 5652 s11.3): the signer's own claim.
    public var signingTime: Date?

    /// The path checked at `signingTime`.
    public var chainAtSigningTime: ChainStatus

    /// The path checked at the `now` given to `verify`.
    public var chainNow: ChainStatus

    /// Every problem found at `signingTime`, signer's certificate first; empty when valid.
    public var chainProblemsAtSigningTime: [ChainStatus]

    /// Every problem found at `now`, signer's certificate first; empty when valid.
    public var chainProblemsNow: [ChainStatus]

    /// The digest algorithm's name as OpenSSL spells it: `sha256`, `sha1`.
    public var digestAlgorithm: String

    /// The signature algorithm's name: `rsaEncryption`, `ecdsa-with-SHA256`.
    public var signatureAlgorithm: String

    /// The SMIMECapabilities the signer announced (RFC 8551 s2.5.2), in its order of
    /// preference; algorithms unknown here are left out.
    public var capabilities: [ContentEncryptionAlgorithm]
}
