import Foundation
internal import CGPGME

// MARK: - Decrypting

extension OpenPGPContext {
    /// Decrypts a message and verifies any signatures inside it.
    ///
    /// No plaintext is ever returned from a failed decryption: GnuPG may have written part
    /// of it before finding a modification, and that part is dropped.
    /// - Parameter allowMissingIntegrityProtection: accept a message without MDC (a
    ///   Symmetrically Encrypted Data packet, RFC 4880 s5.7) and report
    ///   `integrityProtected == false`. Such a message can have been altered unnoticed.
    /// - Throws: `.unsupportedMessageFormat` for RFC 9580 SEIPD v2 and other formats GnuPG
    ///   2.2 cannot read; `.missingIntegrityProtection`; `.noSecretKeyForRecipient` naming
    ///   the recipients' key IDs; `.badPassphrase`; `.decryptionFailed` when the message
    ///   was modified or damaged; `.malformedData`; `.notEncrypted`.
    public func decrypt(
        _ ciphertext: Data, allowMissingIntegrityProtection: Bool = false
    ) throws -> OpenPGPDecryption {
        let ciphertext = OpenPGPArmor.addingMissingChecksums(ciphertext)
        let format = try OpenPGPContext.encryptionFormat(of: ciphertext)
        if format == .noIntegrityProtection, !allowMissingIntegrityProtection {
            throw OpenPGPError(
                .missingIntegrityProtection, OpenPGPContext.noMDCReason)
        }

        let raw = try withSession(function: #function) { session in
            try decrypt(
                ciphertext, session: session, ignoreMDCError: allowMissingIntegrityProtection)
        }

        // gpg's own DECRYPTION_INFO decides; without it only a SEIPD packet counts.
        let protected = (raw.integrityProtected ?? (format == .integrityProtected))
            && format != .noIntegrityProtection && !raw.legacyWithoutMDC
        if !protected, !allowMissingIntegrityProtection {
            throw OpenPGPError(.missingIntegrityProtection, OpenPGPContext.noMDCReason)
        }
        return OpenPGPDecryption(
            plaintext: raw.plaintext, integrityProtected: protected, cipher: raw.cipher,
            recipientKeyIDs: raw.recipients, isMIME: raw.isMIME, fileName: raw.fileName,
            signatures: withSigners(raw.signatures))
    }

    static let noMDCReason = "the message has no integrity protection (no MDC, RFC 4880 s5.7)"
        + " and could have been altered; it is refused unless explicitly allowed"

    /// What one GPGME decrypt-and-verify gave, copied out of its result structures.
    private struct RawDecryption {
        var plaintext = Data()
        var cipher = ""
        var recipients: [String] = []
        /// Whether GnuPG had the secret key of at least one recipient.
        var hadRecipientKey = false
        var isMIME = false
        var fileName: String?
        var legacyWithoutMDC = false
        var integrityProtected: Bool?
        var signatures: [OpenPGPSignature] = []
    }

    private func decrypt(
        _ ciphertext: Data, session: GPGMESession, ignoreMDCError: Bool
    ) throws -> RawDecryption {
        let function = "decrypt"
        if ignoreMDCError {
            let error = gpgme_set_ctx_flag(session.context, "ignore-mdc-error", "1")
            if OpenPGPError.isFailure(error) {
                throw OpenPGPError(
                    gpgme: error, "cannot allow messages without MDC", function: function)
            }
        }

        var raw = RawDecryption()
        let (error, plaintext) = try GPGMEData.withInput(ciphertext, function: function) { input in
            try GPGMEData.withOutput(function: function) { output in
                gpgme_op_decrypt_verify(session.context, input, output)
            }
        }
        if let result = gpgme_op_decrypt_result(session.context)?.pointee {
            let recipients = GPGMEList.collect(result.recipients, next: { $0.pointee.next })
            raw.recipients = recipients
                .compactMap { GPGMEText.string($0.pointee.keyid)?.uppercased() }
            raw.hadRecipientKey = recipients.contains {
                gpgme_err_code($0.pointee.status) == GPG_ERR_NO_ERROR
            }
            raw.cipher = GPGMEText.string(result.symkey_algo)
                .map { String($0.prefix { $0 != "." }) } ?? ""
            raw.isMIME = result.is_mime != 0
            raw.fileName = GPGMEText.string(result.file_name).flatMap { $0.isEmpty ? nil : $0 }
            raw.legacyWithoutMDC = result.legacy_cipher_nomdc != 0
        }
        raw.integrityProtected = session.log.integrityProtected
        if OpenPGPError.isFailure(error) {
            throw decryptionFailure(error, raw: raw, session: session)
        }

        raw.plaintext = plaintext
        raw.signatures = OpenPGPContext.signatures(in: session)
        return raw
    }

    /// Names the recipients when no secret key fits, and the missing MDC when that was it.
    private func decryptionFailure(
        _ error: gpgme_error_t, raw: RawDecryption, session: GPGMESession
    ) -> OpenPGPError {
        let function = "decrypt"
        // GPGME answers NO_SECKEY for a damaged message when any other recipient (the
        // sender's copy, say) had no key here, even though one key fitted.
        if gpgme_err_code(error) == GPG_ERR_NO_SECKEY, !raw.hadRecipientKey {
            let names = raw.recipients.map(recipientName).joined(separator: ", ")
            return OpenPGPError(
                .noSecretKeyForRecipient,
                "no secret key for any recipient of this message: key IDs \(names)",
                function: function, keys: raw.recipients)
        }
        if gpgme_err_code(error) == GPG_ERR_NO_SECKEY {
            return OpenPGPError(
                .decryptionFailed,
                "the message is damaged or was modified: a secret key fitted, but the"
                    + " encrypted data could not be decrypted",
                function: function, keys: raw.recipients)
        }
        if gpgme_err_code(error) == GPG_ERR_WRONG_SECKEY {
            return OpenPGPError(
                .decryptionFailed,
                "the session key could not be recovered: the message is damaged or was"
                    + " modified (\(OpenPGPError.describe(error)))",
                function: function, keys: raw.recipients)
        }
        // Past the recipients, unreadable packets mean the decrypted data is garbage.
        if !raw.recipients.isEmpty, OpenPGPError.code(for: error) == .malformedData {
            return OpenPGPError(
                .decryptionFailed,
                "the message is damaged or was modified: its decrypted data is unreadable"
                    + " (\(OpenPGPError.describe(error)))",
                function: function, keys: raw.recipients)
        }
        if raw.legacyWithoutMDC || raw.integrityProtected == false {
            return OpenPGPError(.missingIntegrityProtection, OpenPGPContext.noMDCReason,
                                function: function)
        }
        return session.failure(error, "cannot decrypt the message", function: function)
    }

    /// `0x1234ABCD5678EF90 (bob@example.org)` when the public key is known here.
    private func recipientName(_ keyID: String) -> String {
        let known = try? keyListing(pattern: keyID, secretOnly: false, function: "decrypt").first
        let address = known?.addresses.first
        return "0x\(keyID)" + (address.map { " (\($0))" } ?? "")
    }
}
