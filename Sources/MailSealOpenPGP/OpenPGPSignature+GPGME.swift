import Foundation
internal import CGPGME

extension OpenPGPSignature {
    /// Copies a GPGME signature result; addresses are filled in by `withSigners`.
    init(_ signature: gpgme_signature_t) {
        let sig = signature.pointee
        self.init(
            status: OpenPGPSignature.status(sig.status, summary: sig.summary.rawValue),
            fingerprint: GPGMEText.string(sig.fpr)?.uppercased() ?? "",
            primaryFingerprint: nil,
            signerAddresses: [],
            created: GPGMEText.date(sig.timestamp),
            expires: GPGMEText.date(sig.exp_timestamp),
            hashAlgorithm: GPGMEText.string(gpgme_hash_algo_name(sig.hash_algo)),
            publicKeyAlgorithm: GPGMEText.string(gpgme_pubkey_algo_name(sig.pubkey_algo)),
            validity: OpenPGPValidity(sig.validity),
            wrongKeyUsage: sig.wrong_key_usage != 0)
    }

    /// The same signature, naming the signer's key from the keyring.
    func withSigner(_ key: OpenPGPKey?) -> OpenPGPSignature {
        guard let key else { return self }
        let signing = key.subkeys.first {
            $0.fingerprint == fingerprint || $0.keyID == fingerprint
        }
        return OpenPGPSignature(
            status: status, fingerprint: signing?.fingerprint ?? fingerprint,
            primaryFingerprint: key.fingerprint, signerAddresses: key.addresses,
            created: created, expires: expires, hashAlgorithm: hashAlgorithm,
            publicKeyAlgorithm: publicKeyAlgorithm, validity: validity,
            wrongKeyUsage: wrongKeyUsage)
    }

    /// GPGME's status code decides; the summary bits only make a revocation explicit.
    private static func status(_ error: gpgme_error_t, summary: UInt32) -> Status {
        switch gpgme_err_code(error) {
        case GPG_ERR_NO_ERROR:
            if summary & GPGME_SIGSUM_KEY_REVOKED.rawValue != 0 { return .revokedKey }
            if summary & GPGME_SIGSUM_RED.rawValue != 0 { return .bad }
            return .good
        case GPG_ERR_BAD_SIGNATURE: return .bad
        case GPG_ERR_NO_PUBKEY: return .unknownKey
        case GPG_ERR_KEY_EXPIRED: return .expiredKey
        case GPG_ERR_SIG_EXPIRED: return .expiredSignature
        case GPG_ERR_CERT_REVOKED: return .revokedKey
        default: return .error(OpenPGPError.describe(error))
        }
    }
}

extension OpenPGPContext {
    /// The signatures of the last verify or decrypt-verify in `session`.
    static func signatures(in session: GPGMESession) -> [OpenPGPSignature] {
        guard let result = gpgme_op_verify_result(session.context) else { return [] }
        return GPGMEList.collect(result.pointee.signatures, next: { $0.pointee.next })
            .map(OpenPGPSignature.init)
    }

    /// Adds each known signer's key fingerprint and addresses, after the operation.
    func withSigners(_ signatures: [OpenPGPSignature]) -> [OpenPGPSignature] {
        signatures.map { signature in
            guard signature.status != .unknownKey, !signature.fingerprint.isEmpty else {
                return signature
            }
            let key = try? keyListing(
                pattern: signature.fingerprint, secretOnly: false, function: "verify"
            ).first
            return signature.withSigner(key)
        }
    }
}
