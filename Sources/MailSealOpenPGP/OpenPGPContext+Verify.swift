import Foundation
internal import CGPGME

// MARK: - Verifying signatures

extension OpenPGPContext {
    /// Checks a detached signature (RFC 3156 s5 `application/pgp-signature`) over `signedData`.
    ///
    /// A bad signature is a result (`.bad`), not an error: the caller reports it.
    /// - Throws: `.noSignature` when `signature` holds none, `.malformedData` when it is
    ///   not OpenPGP data.
    public func verifyDetached(signedData: Data, signature: Data) throws -> [OpenPGPSignature] {
        let signature = OpenPGPArmor.addingMissingChecksums(signature)
        let signatures = try withSession(function: #function) { session in
            try GPGMEData.withInput(signature, function: #function) { signatureData in
                try GPGMEData.withInput(signedData, function: #function) { signed in
                    let error = gpgme_op_verify(session.context, signatureData, signed, nil)
                    if OpenPGPError.isFailure(error) {
                        throw session.failure(
                            error, "cannot verify the detached signature", function: #function)
                    }
                    return OpenPGPContext.signatures(in: session)
                }
            }
        }
        return try withSigners(OpenPGPContext.requireSignatures(signatures, function: #function))
    }

    /// Checks a cleartext-signed (RFC 4880 s7) or opaque signed message and returns the
    /// signed content with the verdicts.
    ///
    /// The plaintext of a cleartext signature is what was signed: dash-escaping undone and
    /// line endings as GnuPG restores them.
    public func verifyInline(
        _ data: Data
    ) throws -> (plaintext: Data, signatures: [OpenPGPSignature]) {
        let data = OpenPGPArmor.addingMissingChecksums(data)
        let (signatures, plaintext) = try withSession(function: #function) { session in
            try GPGMEData.withInput(data, function: #function) { signed in
                try GPGMEData.withOutput(function: #function) { output in
                    let error = gpgme_op_verify(session.context, signed, nil, output)
                    if OpenPGPError.isFailure(error) {
                        throw session.failure(
                            error, "cannot verify the signed message", function: #function)
                    }
                    return OpenPGPContext.signatures(in: session)
                }
            }
        }
        let checked = try OpenPGPContext.requireSignatures(signatures, function: #function)
        return (plaintext, withSigners(checked))
    }

    private static func requireSignatures(
        _ signatures: [OpenPGPSignature], function: String
    ) throws -> [OpenPGPSignature] {
        guard !signatures.isEmpty else {
            throw OpenPGPError(
                .noSignature, "the data holds no OpenPGP signature", function: function)
        }
        return signatures
    }
}
