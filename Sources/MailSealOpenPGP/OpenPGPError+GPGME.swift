internal import CGPGME

extension OpenPGPError {
    /// Wraps a GPGME failure, adding GPGME's own description to `context`.
    init(
        gpgme error: gpgme_error_t, _ context: String, function: String = #function,
        keys: [String] = [], address: String? = nil
    ) {
        var reason = "\(context): \(OpenPGPError.describe(error))"
        if gpgme_err_code(error) == GPG_ERR_NO_DATA {
            // GPGME's "No data" is all gpg says when armor, base64 or packets are damaged.
            reason += " (the input holds no readable OpenPGP data)"
        }
        self.init(
            OpenPGPError.code(for: error), reason, function: function, keys: keys,
            address: address)
    }

    /// GPGME's description of an error, via the thread-safe `gpgme_strerror_r`.
    static func describe(_ error: gpgme_error_t) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = gpgme_strerror_r(error, &buffer, buffer.count)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                          as: UTF8.self)
        return text.isEmpty ? "GPGME error \(gpgme_err_code(error).rawValue)" : text
    }

    /// The code a GPGME error code stands for.
    static func code(for error: gpgme_error_t) -> Code {
        switch gpgme_err_code(error) {
        case GPG_ERR_BAD_PASSPHRASE: return .badPassphrase
        case GPG_ERR_NO_PASSPHRASE: return .passphraseRequired
        case GPG_ERR_NO_DATA, GPG_ERR_INV_PACKET, GPG_ERR_BAD_DATA, GPG_ERR_INV_ARMOR,
             GPG_ERR_UNEXPECTED, GPG_ERR_INV_KEYRING, GPG_ERR_TRUNCATED,
             GPG_ERR_UNKNOWN_PACKET, GPG_ERR_INV_DATA:
            return .malformedData
        case GPG_ERR_NO_SECKEY: return .noSecretKey
        case GPG_ERR_NO_PUBKEY, GPG_ERR_EOF, GPG_ERR_NOT_FOUND: return .noKey
        case GPG_ERR_DECRYPT_FAILED, GPG_ERR_BAD_MPI, GPG_ERR_CHECKSUM: return .decryptionFailed
        case GPG_ERR_KEY_EXPIRED: return .keyExpired
        case GPG_ERR_CERT_REVOKED: return .keyRevoked
        case GPG_ERR_UNUSABLE_PUBKEY: return .notUsableForEncryption
        case GPG_ERR_UNUSABLE_SECKEY: return .notUsableForSigning
        case GPG_ERR_INV_VALUE, GPG_ERR_INV_NAME, GPG_ERR_AMBIGUOUS_NAME: return .invalidArgument
        case GPG_ERR_INV_ENGINE, GPG_ERR_ENGINE_TOO_OLD, GPG_ERR_NOT_IMPLEMENTED:
            return .engineUnavailable
        default: return .operationFailed
        }
    }

    /// Whether `error` is set, with the source stripped.
    static func isFailure(_ error: gpgme_error_t) -> Bool {
        gpgme_err_code(error) != GPG_ERR_NO_ERROR
    }
}
