import Foundation
internal import CGPGME

// MARK: - Import and export

extension OpenPGPContext {
    /// Adds the keys in `data` (armored or binary, public or secret) to the keyring.
    ///
    /// Secret keys keep their own protection; GnuPG asks for no passphrase to import them.
    /// - Throws: `.unsupportedKeyVersion` for version 5 or 6 keys (RFC 9580), checked before
    ///   GnuPG sees the data so that nothing is imported; `.malformedData` when no key is
    ///   found; `.importFailed` when every key was refused.
    public func importKeys(_ data: Data) throws -> OpenPGPImportResult {
        let data = OpenPGPArmor.addingMissingChecksums(data)
        try OpenPGPContext.refuseUnsupportedKeys(data)

        let result = try withSession(function: #function) { session in
            try GPGMEData.withInput(data, function: #function) { input in
                let error = gpgme_op_import(session.context, input)
                if OpenPGPError.isFailure(error) {
                    throw session.failure(error, "cannot import the keys", function: #function)
                }
                guard let result = gpgme_op_import_result(session.context) else {
                    throw OpenPGPError(.importFailed, "GPGME gave no import result")
                }
                return OpenPGPImportResult(result.pointee)
            }
        }

        guard result.considered > 0 else {
            throw OpenPGPError(.malformedData, "no OpenPGP key was found in the data")
        }
        guard !result.fingerprints.isEmpty else {
            throw OpenPGPError(
                .importFailed,
                "none of the \(result.considered) key(s) could be imported: "
                    + result.problems.joined(separator: "; "))
        }
        return result
    }

    /// The public key (no secret parts) with `fingerprint`, armored unless told otherwise.
    /// - Parameter minimal: drop all signatures but the latest self-signatures, as for
    ///   Autocrypt headers.
    public func export(
        fingerprint: String, armored: Bool = true, minimal: Bool = false
    ) throws -> Data {
        let found = try key(fingerprint: fingerprint)
        let mode = gpgme_export_mode_t(minimal ? GPGME_EXPORT_MODE_MINIMAL : 0)

        let exported = try withSession(armored: armored, function: #function) { session in
            try GPGMEData.withOutput(function: #function) { output in
                let error = gpgme_op_export(session.context, found.fingerprint, mode, output)
                if OpenPGPError.isFailure(error) {
                    throw OpenPGPError(
                        gpgme: error, "cannot export the key \(found.fingerprint)",
                        keys: [found.fingerprint])
                }
            }.output
        }
        guard !exported.isEmpty else {
            throw OpenPGPError(
                .noKey, "GnuPG exported nothing for \(found.fingerprint)",
                keys: [found.fingerprint])
        }
        return exported
    }

    /// Refuses key packets newer than version 4, which GnuPG 2.2 cannot store.
    private static func refuseUnsupportedKeys(_ data: Data) throws {
        guard let scan = OpenPGPPacketScan(data) else { return }

        // Tags 5 and 6: secret and public primary keys (RFC 9580 s5.5.1).
        let versions = Set(scan.packets.filter { [5, 6].contains($0.tag) }
            .compactMap(\.version).filter { $0 > 4 })
        guard let version = versions.max() else { return }
        throw OpenPGPError(
            .unsupportedKeyVersion,
            "unsupported key format: the data holds a version \(version) key (RFC 9580 s5.5.2);"
                + " GnuPG 2.2 reads only version 4 keys, so nothing was imported",
            function: "importKeys")
    }
}

extension OpenPGPImportResult {
    init(_ result: _gpgme_op_import_result) {
        var fingerprints: [String] = []
        var problems: [String] = []
        for status in GPGMEList.collect(result.imports, next: { $0.pointee.next }) {
            let fingerprint = GPGMEText.string(status.pointee.fpr)?.uppercased()
            if OpenPGPError.isFailure(status.pointee.result) {
                let reason = OpenPGPError.describe(status.pointee.result)
                problems.append("\(fingerprint ?? "a key"): \(reason)")
            } else if let fingerprint, !fingerprints.contains(fingerprint) {
                fingerprints.append(fingerprint)
            }
        }
        if result.skipped_v3_keys > 0 {
            problems.append("\(result.skipped_v3_keys) version 3 key(s) skipped")
        }

        self.init(
            considered: Int(result.considered), imported: Int(result.imported),
            unchanged: Int(result.unchanged), newUserIDs: Int(result.new_user_ids),
            newSubkeys: Int(result.new_sub_keys), newSignatures: Int(result.new_signatures),
            newRevocations: Int(result.new_revocations), secretRead: Int(result.secret_read),
            secretImported: Int(result.secret_imported),
            secretUnchanged: Int(result.secret_unchanged),
            notImported: Int(result.not_imported), fingerprints: fingerprints,
            problems: problems)
    }
}
