import Foundation
internal import CGPGME

// MARK: - Looking keys up

extension OpenPGPContext {
    /// Every key in the keyring, or only those whose secret key is present.
    public func listKeys(secretOnly: Bool = false) throws -> [OpenPGPKey] {
        try keyListing(pattern: nil, secretOnly: secretOnly, function: #function)
    }

    /// The key with this fingerprint (of its primary key or of one of its subkeys).
    /// - Parameter fingerprint: 40 hex digits; spaces and a `0x` prefix are allowed.
    /// - Throws: `.invalidArgument` for a malformed fingerprint, `.noKey` when absent.
    public func key(fingerprint: String) throws -> OpenPGPKey {
        let wanted = try OpenPGPContext.normalizedFingerprint(fingerprint, function: #function)
        let found = try keyListing(pattern: wanted, secretOnly: false, function: #function)
            .first { key in key.subkeys.contains { $0.fingerprint == wanted } }
        guard let found else {
            throw OpenPGPError(
                .noKey, "no key with fingerprint \(wanted) is in the keyring", keys: [wanted])
        }
        return found
    }

    /// The keys with a user ID whose address is exactly `address`, ignoring case.
    ///
    /// Revoked and expired keys are included, so that callers can say why none is usable.
    public func keys(forAddress address: String) throws -> [OpenPGPKey] {
        let wanted = address.trimmingCharacters(in: .whitespaces).lowercased()
        guard !wanted.isEmpty, !wanted.contains(where: { "<> \t\r\n".contains($0) }) else {
            throw OpenPGPError(.invalidArgument, "\"\(address)\" is not an email address")
        }

        // `<addr>` makes gpg match whole addresses; the exact comparison happens here.
        return try keyListing(pattern: "<\(wanted)>", secretOnly: false, function: #function)
            .filter { !$0.userIDs(forAddress: wanted).isEmpty }
    }

    /// Runs one GPGME key listing.
    func keyListing(pattern: String?, secretOnly: Bool, function: String) throws -> [OpenPGPKey] {
        try withSession(function: function) { session in
            let context = session.context
            let mode = gpgme_keylist_mode_t(
                GPGME_KEYLIST_MODE_LOCAL | GPGME_KEYLIST_MODE_WITH_SECRET)
            let modeError = gpgme_set_keylist_mode(context, mode)
            if OpenPGPError.isFailure(modeError) {
                throw OpenPGPError(gpgme: modeError, "cannot list keys", function: function)
            }

            let started = gpgme_op_keylist_start(context, pattern, secretOnly ? 1 : 0)
            if OpenPGPError.isFailure(started) {
                throw OpenPGPError(gpgme: started, "cannot list keys", function: function)
            }

            var keys: [OpenPGPKey] = []
            while true {
                var key: gpgme_key_t?
                let error = gpgme_op_keylist_next(context, &key)
                if gpgme_err_code(error) == GPG_ERR_EOF { break }
                guard !OpenPGPError.isFailure(error), let key else {
                    _ = gpgme_op_keylist_end(context)
                    throw OpenPGPError(gpgme: error, "listing keys failed", function: function)
                }
                keys.append(OpenPGPKey(key))
                gpgme_key_unref(key)
            }
            return keys
        }
    }

    /// Upper-case hex without spaces or `0x`; anything but 40 hex digits is refused.
    static func normalizedFingerprint(_ text: String, function: String) throws -> String {
        var hex = text.replacingOccurrences(of: " ", with: "").uppercased()
        if hex.hasPrefix("0X") { hex.removeFirst(2) }
        guard hex.count == 40, hex.allSatisfy(\.isHexDigit) else {
            throw OpenPGPError(
                .invalidArgument,
                "\"\(text)\" is not a version 4 fingerprint (40 hex digits)", function: function)
        }
        return hex
    }
}
