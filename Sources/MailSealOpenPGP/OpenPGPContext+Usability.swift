import Foundation

// MARK: - Choosing a key for a purpose

extension OpenPGPContext {
    /// The key to use for `address` and `purpose`: the newest one that is usable now.
    /// - Throws: `.noKey` when no key has the address; otherwise the reason the newest key
    ///   is unusable: `.keyRevoked`, `.keyDisabled`, `.keyExpired` (with `date`),
    ///   `.keyInvalid`, `.notUsableForEncryption`, `.notUsableForSigning`, `.noSecretKey`.
    public func usableKey(
        forAddress address: String, purpose: OpenPGPKeyPurpose
    ) throws -> OpenPGPKey {
        let candidates = try keys(forAddress: address)
            .sorted { ($0.created ?? .distantPast) > ($1.created ?? .distantPast) }
        guard let newest = candidates.first else {
            throw OpenPGPError(
                .noKey, "no key for \(address.lowercased()) is in the keyring",
                address: address.lowercased())
        }

        var firstProblem: OpenPGPError?
        for key in candidates {
            do {
                try OpenPGPContext.checkUsable(key, for: purpose, address: address)
                return key
            } catch let error as OpenPGPError {
                firstProblem = firstProblem ?? error
            }
        }
        guard candidates.count > 1, let problem = firstProblem else {
            throw firstProblem ?? OpenPGPError(.noKey, "no usable key for \(address)")
        }
        throw OpenPGPError(
            problem.code,
            problem.reason + "; the \(candidates.count - 1) older key(s) for this address "
                + "are not usable either",
            keys: [newest.fingerprint], address: problem.address, date: problem.date)
    }

    /// The key with `fingerprint`, checked usable for `purpose` now.
    public func usableKey(fingerprint: String, purpose: OpenPGPKeyPurpose) throws -> OpenPGPKey {
        try usableKey(fingerprint: fingerprint, purpose: purpose, function: #function)
    }

    /// `usableKey(fingerprint:purpose:)` reporting errors as raised by `function`.
    func usableKey(
        fingerprint: String, purpose: OpenPGPKeyPurpose, function: String
    ) throws -> OpenPGPKey {
        let found: OpenPGPKey
        do {
            found = try key(fingerprint: fingerprint)
        } catch let error as OpenPGPError {
            throw OpenPGPError(
                error.code, error.reason, function: function, keys: error.keys,
                address: error.address, date: error.date)
        }
        try OpenPGPContext.checkUsable(found, for: purpose, address: nil, function: function)
        return found
    }

    /// Throws the named reason why `key` cannot serve `purpose` (for `address`) now.
    static func checkUsable(
        _ key: OpenPGPKey, for purpose: OpenPGPKeyPurpose, address: String?,
        function: String = #function
    ) throws {
        let who = describe(key, address: address)
        func fail(_ code: OpenPGPError.Code, _ reason: String, date: Date? = nil) -> OpenPGPError {
            OpenPGPError(
                code, "\(who) \(reason)", function: function, keys: [key.fingerprint],
                address: address?.lowercased(), date: date)
        }

        if key.isRevoked { throw fail(.keyRevoked, "has been revoked") }
        if key.isDisabled { throw fail(.keyDisabled, "has been disabled in the keyring") }
        if key.isExpired {
            throw fail(.keyExpired, "expired \(dateText(key.expires))", date: key.expires)
        }
        if key.isInvalid { throw fail(.keyInvalid, "is not valid (no valid self-signature)") }
        if let address {
            let userIDs = key.userIDs(forAddress: address)
            if !userIDs.isEmpty, userIDs.allSatisfy({ $0.isRevoked || $0.isInvalid }) {
                throw fail(.keyRevoked, "has revoked its user ID for this address")
            }
        }
        guard key.usableSubkeys(for: purpose).isEmpty else { return }

        throw subkeyProblem(key, purpose: purpose, fail: fail)
    }

    /// Why no subkey serves `purpose`: all expired, all revoked, no secret, or none capable.
    private static func subkeyProblem(
        _ key: OpenPGPKey, purpose: OpenPGPKeyPurpose,
        fail: (OpenPGPError.Code, String, Date?) -> OpenPGPError
    ) -> OpenPGPError {
        let verb = purpose == .encrypt ? "encrypt" : "sign"
        let capable = key.subkeys.filter { purpose == .encrypt ? $0.canEncrypt : $0.canSign }
        let live = capable.filter { !$0.isExpired && !$0.isRevoked && !$0.isInvalid }
        if purpose == .sign, !live.isEmpty, !live.contains(where: \.hasSecret) {
            return fail(.noSecretKey, "has no secret key in the keyring to sign with", nil)
        }
        if !capable.isEmpty, capable.allSatisfy(\.isExpired) {
            let last = capable.compactMap(\.expires).max()
            return fail(
                .keyExpired, "has no subkey left that may \(verb): the last expired "
                    + dateText(last), last)
        }
        if !capable.isEmpty, capable.allSatisfy({ $0.isRevoked || $0.isExpired }) {
            return fail(.keyRevoked, "has revoked every subkey that may \(verb)", nil)
        }
        let code: OpenPGPError.Code =
            purpose == .encrypt ? .notUsableForEncryption : .notUsableForSigning
        return fail(code, "has no valid subkey that may \(verb)", nil)
    }

    /// `the key 0x1234… (alice@example.org)`, for error reasons.
    static func describe(_ key: OpenPGPKey, address: String?) -> String {
        // A revoked key's user IDs count as revoked too, but they still name it.
        let name = address?.lowercased() ?? key.addresses.first
            ?? key.userIDs.map(\.email).first { !$0.isEmpty }
        return "the key \(key.fingerprint)" + (name.map { " for \($0)" } ?? "")
    }

    /// `on 2024-05-01` in UTC, or `at an unknown date`.
    static func dateText(_ date: Date?) -> String {
        guard let date else { return "at an unknown date" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime,
                                   .withDashSeparatorInDate, .withSpaceBetweenDateAndTime]
        return "on \(formatter.string(from: date)) UTC"
    }
}
