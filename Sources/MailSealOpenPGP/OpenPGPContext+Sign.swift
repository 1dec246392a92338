import Foundation
internal import CGPGME

// MARK: - Signing

extension OpenPGPContext {
    /// Makes a detached signature over exactly `data`, as PGP/MIME needs (RFC 3156 s5).
    ///
    /// The signature is binary (type 0x00) over the bytes given, so the caller
    /// canonicalizes line endings first.
    /// - Parameter signer: the signing key's fingerprint; its key must be usable for signing
    ///   and have its secret key here.
    public func signDetached(
        _ data: Data, signer: String, armored: Bool = true
    ) throws -> OpenPGPDetachedSignature {
        let (made, signature) = try sign(
            data, signer: signer, mode: GPGME_SIG_MODE_DETACH, armored: armored,
            function: #function)
        guard let hash = made.hashAlgorithm else {
            throw OpenPGPError(.operationFailed, "GnuPG did not report the signature's digest")
        }
        return OpenPGPDetachedSignature(
            signature: signature, hashAlgorithm: hash, signerFingerprint: made.fingerprint,
            created: made.created)
    }

    /// Makes an inline signed message: a cleartext signature or an (armored) signed message.
    public func sign(
        _ data: Data, signer: String, mode: OpenPGPSignatureMode, armored: Bool = true
    ) throws -> Data {
        let gpgmeMode = mode == .clearText ? GPGME_SIG_MODE_CLEAR : GPGME_SIG_MODE_NORMAL
        return try sign(
            data, signer: signer, mode: gpgmeMode, armored: armored, function: #function
        ).output
    }

    private func sign(
        _ data: Data, signer: String, mode: gpgme_sig_mode_t, armored: Bool, function: String
    ) throws -> (made: NewSignature, output: Data) {
        let key = try usableKey(fingerprint: signer, purpose: .sign, function: function)

        let (made, output) = try withSession(armored: armored, function: function) { session in
            try addSigner(key, to: session, function: function)
            return try GPGMEData.withInput(data, function: function) { input in
                try GPGMEData.withOutput(function: function) { output in
                    let error = gpgme_op_sign(session.context, input, output, mode)
                    let signing = "cannot sign with \(OpenPGPContext.describe(key, address: nil))"
                    if OpenPGPError.isFailure(error), session.passphraseFailed {
                        throw session.failure(
                            error, signing, function: function, keys: [key.fingerprint])
                    }
                    try OpenPGPContext.checkSigners(
                        gpgme_op_sign_result(session.context)?.pointee.invalid_signers,
                        key: key, function: function)
                    if OpenPGPError.isFailure(error) {
                        throw session.failure(
                            error, signing, function: function, keys: [key.fingerprint])
                    }
                    return OpenPGPContext.newSignatures(in: session)
                }
            }
        }
        guard let first = made.first else {
            throw OpenPGPError(
                .operationFailed, "GnuPG made no signature", function: function,
                keys: [key.fingerprint])
        }
        return (first, output)
    }

    /// Puts the signing key (with its secret) on the session's list of signers.
    func addSigner(_ key: OpenPGPKey, to session: GPGMESession, function: String) throws {
        var signer: gpgme_key_t?
        let found = gpgme_get_key(session.context, key.fingerprint, &signer, 1)
        guard !OpenPGPError.isFailure(found), let signer else {
            throw OpenPGPError(
                gpgme: found, "no secret key for \(OpenPGPContext.describe(key, address: nil))",
                function: function, keys: [key.fingerprint])
        }
        defer { gpgme_key_unref(signer) }

        gpgme_signers_clear(session.context)
        let added = gpgme_signers_add(session.context, signer)
        if OpenPGPError.isFailure(added) {
            throw OpenPGPError(
                gpgme: added, "cannot sign with \(key.fingerprint)", function: function,
                keys: [key.fingerprint])
        }
    }

    /// Throws when GnuPG refused the signer, naming the key and GnuPG's reason.
    static func checkSigners(
        _ invalid: gpgme_invalid_key_t?, key: OpenPGPKey, function: String
    ) throws {
        guard let invalid else { return }
        let reason = invalid.pointee.reason
        throw OpenPGPError(
            gpgme: reason, "GnuPG refused \(describe(key, address: nil)) as signer",
            function: function, keys: [key.fingerprint])
    }

    /// What GnuPG reported about the signatures it just made.
    static func newSignatures(in session: GPGMESession) -> [NewSignature] {
        guard let result = gpgme_op_sign_result(session.context) else { return [] }
        return GPGMEList.collect(result.pointee.signatures, next: { $0.pointee.next }).map {
            NewSignature(
                fingerprint: GPGMEText.string($0.pointee.fpr)?.uppercased() ?? "",
                hashAlgorithm: GPGMEText.string(gpgme_hash_algo_name($0.pointee.hash_algo)),
                created: GPGMEText.date($0.pointee.timestamp))
        }
    }
}

/// A signature GnuPG just made, from `gpgme_op_sign_result`.
struct NewSignature {
    let fingerprint: String
    let hashAlgorithm: String?
    let created: Date?
}
