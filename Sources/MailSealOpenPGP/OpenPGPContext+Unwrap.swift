import Foundation
internal import CGPGME

extension OpenPGPContext {
    /// Removes the encryption of a message and returns the OpenPGP message inside it
    /// (signature and literal data packets, RFC 4880 s11.3), without checking signatures.
    ///
    /// A signature made in one message with the encryption (RFC 3156 s6.2) can then be
    /// checked with `verifyInline` in another keyring, one holding a key the message
    /// carried, without importing that key here first.
    /// - Throws: as `decrypt` does; a message without integrity protection is refused.
    public func unwrap(_ ciphertext: Data) throws -> Data {
        let ciphertext = OpenPGPArmor.addingMissingChecksums(ciphertext)
        guard try OpenPGPContext.encryptionFormat(of: ciphertext) != .noIntegrityProtection
        else { throw OpenPGPError(.missingIntegrityProtection, OpenPGPContext.noMDCReason) }

        let (protected, inner) = try withSession(function: #function) { session in
            try GPGMEData.withInput(ciphertext, function: #function) { input in
                try GPGMEData.withOutput(function: #function) { output in
                    let flags = gpgme_decrypt_flags_t(GPGME_DECRYPT_UNWRAP.rawValue)
                    let error = gpgme_op_decrypt_ext(session.context, flags, input, output)
                    if OpenPGPError.isFailure(error) {
                        throw session.failure(
                            error, "cannot decrypt the OpenPGP message", function: #function)
                    }
                    return session.log.integrityProtected
                }
            }
        }
        guard protected != false else {
            throw OpenPGPError(.missingIntegrityProtection, OpenPGPContext.noMDCReason)
        }
        return inner
    }
}
