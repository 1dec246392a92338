import Foundation

/// A decrypted message and what GnuPG learned while decrypting it.
public struct OpenPGPDecryption: Sendable, Equatable {
    public let plaintext: Data
    /// Whether the ciphertext carried integrity protection (SEIPD with MDC, RFC 4880 s5.13).
    /// Only false when decryption was called with `allowMissingIntegrityProtection`.
    public let integrityProtected: Bool
    /// The symmetric cipher as GnuPG names it, such as `AES256`.
    public let cipher: String
    /// Key IDs (16 hex digits) of every recipient the message names; all zeros for a
    /// hidden recipient.
    public let recipientKeyIDs: [String]
    /// The literal data packet's claim that the content is MIME (RFC 4880 s5.9 `m`);
    /// not covered by any signature.
    public let isMIME: Bool
    /// The file name in the literal data packet, when there is one; not signed either.
    public let fileName: String?
    /// Signatures found inside the encrypted message, with their verdicts.
    public let signatures: [OpenPGPSignature]
}
