import Foundation
internal import CGPGME

// MARK: - Encrypting

extension OpenPGPContext {
    /// Encrypts `plaintext` to exactly `recipients`, signing it first when `signer` is given.
    ///
    /// Each recipient's key is checked usable first, with a named error for the first that
    /// is not. Imported keys are used as they are (GnuPG's always-trust): their validity is
    /// reported by `listKeys`, not enforced here. `encrypt-to` from gpg.conf is ignored, so
    /// add the sender's own fingerprint to `recipients` to be able to read the message later.
    /// - Parameters:
    ///   - recipients: fingerprints of the recipients' keys.
    ///   - signer: fingerprint of the signing key, whose secret key must be here.
    /// - Throws: `.invalidArgument` with no recipients; `.noKey`, `.keyExpired`,
    ///   `.keyRevoked`, `.keyDisabled`, `.keyInvalid`, `.notUsableForEncryption` naming the
    ///   recipient; the signing errors of `signDetached` for the signer.
    public func encrypt(
        _ plaintext: Data, recipients: [String], signer: String? = nil, armored: Bool = true
    ) throws -> Data {
        let keys = try recipientKeys(recipients)
        let signingKey = try signer.map {
            try usableKey(fingerprint: $0, purpose: .sign, function: #function)
        }

        return try withSession(armored: armored, function: #function) { session in
            if let signingKey { try addSigner(signingKey, to: session, function: #function) }
            return try OpenPGPContext.withGPGMEKeys(keys, in: session) { recipientArray in
                try GPGMEData.withInput(plaintext, function: #function) { input in
                    try GPGMEData.withOutput(function: #function) { output in
                        try encrypt(
                            input, to: recipientArray, output: output, keys: keys,
                            signer: signingKey, session: session)
                    }.output
                }
            }
        }
    }

    private func encrypt(
        _ input: gpgme_data_t, to recipients: UnsafeMutablePointer<gpgme_key_t?>,
        output: gpgme_data_t, keys: [OpenPGPKey], signer: OpenPGPKey?, session: GPGMESession
    ) throws {
        let function = "encrypt"
        let flags = gpgme_encrypt_flags_t(
            GPGME_ENCRYPT_ALWAYS_TRUST.rawValue | GPGME_ENCRYPT_NO_ENCRYPT_TO.rawValue)
        let error = signer == nil
            ? gpgme_op_encrypt(session.context, recipients, flags, input, output)
            : gpgme_op_encrypt_sign(session.context, recipients, flags, input, output)

        if OpenPGPError.isFailure(error), session.passphraseFailed {
            throw session.failure(
                error, "cannot sign the message", function: function,
                keys: signer.map { [$0.fingerprint] } ?? [])
        }
        if let invalid = gpgme_op_encrypt_result(session.context)?.pointee.invalid_recipients {
            let fingerprint = GPGMEText.string(invalid.pointee.fpr)?.uppercased() ?? ""
            let key = keys.first { key in
                key.subkeys.contains { $0.fingerprint == fingerprint || $0.keyID == fingerprint }
            }
            let name = key.map { OpenPGPContext.describe($0, address: nil) } ?? fingerprint
            throw OpenPGPError(
                gpgme: invalid.pointee.reason, "GnuPG refused the recipient \(name)",
                function: function, keys: [key?.fingerprint ?? fingerprint])
        }
        if let signer {
            try OpenPGPContext.checkSigners(
                gpgme_op_sign_result(session.context)?.pointee.invalid_signers,
                key: signer, function: function)
        }
        if OpenPGPError.isFailure(error) {
            throw session.failure(
                error, "cannot encrypt", function: function, keys: keys.map(\.fingerprint))
        }
    }

    /// The recipients' keys, each checked usable for encryption, without duplicates.
    private func recipientKeys(_ recipients: [String]) throws -> [OpenPGPKey] {
        guard !recipients.isEmpty else {
            throw OpenPGPError(
                .invalidArgument, "at least one recipient is needed", function: "encrypt")
        }
        var keys: [OpenPGPKey] = []
        for recipient in recipients {
            let key = try usableKey(fingerprint: recipient, purpose: .encrypt, function: "encrypt")
            if !keys.contains(where: { $0.fingerprint == key.fingerprint }) { keys.append(key) }
        }
        return keys
    }

    /// Runs `body` with a NULL-terminated array of GPGME keys, released afterwards.
    private static func withGPGMEKeys<T>(
        _ keys: [OpenPGPKey], in session: GPGMESession,
        _ body: (UnsafeMutablePointer<gpgme_key_t?>) throws -> T
    ) throws -> T {
        var handles: [gpgme_key_t?] = []
        defer { handles.compactMap { $0 }.forEach { gpgme_key_unref($0) } }

        for key in keys {
            var handle: gpgme_key_t?
            let error = gpgme_get_key(session.context, key.fingerprint, &handle, 0)
            guard !OpenPGPError.isFailure(error), handle != nil else {
                throw OpenPGPError(
                    gpgme: error, "cannot load \(describe(key, address: nil))",
                    function: "encrypt", keys: [key.fingerprint])
            }
            handles.append(handle)
        }
        handles.append(nil)
        return try handles.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
    }
}
