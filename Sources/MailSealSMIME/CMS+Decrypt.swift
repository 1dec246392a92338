internal import COpenSSL
import Foundation

/// What decrypting a CMS message gave.
public struct CMSDecryption: Sendable {
    /// The decrypted content.
    public var content: Data

    /// The content-encryption algorithm the sender chose.
    public var algorithm: ContentEncryptionAlgorithm

    /// True only for AuthEnvelopedData whose authentication tag was verified
    /// (RFC 5083): the content is exactly what was encrypted. CBC content is not
    /// protected against modification: a damaged CBC message usually fails on its
    /// padding, but may also decrypt to altered bytes without any error.
    public var isAuthenticated: Bool

    /// The type of the decrypted content, usually `.data`.
    public var contentType: CMSContentKind
}

// MARK: - Decryption (RFC 5652 s6, RFC 5083)

extension CMS {
    /// Decrypts EnvelopedData or AuthEnvelopedData addressed to `certificate`.
    ///
    /// - Throws: `.notARecipient` when the message is not encrypted to the certificate,
    ///   `.keyMismatch` when the key is not the certificate's, `.integrityFailure` when
    ///   an AES-GCM tag does not match, `.decryptionFailed` for other damage.
    public static func decrypt(
        _ der: Data, key: PrivateKey, certificate: Certificate
    ) throws -> CMSDecryption {
        let function = "CMS.decrypt"
        return try OpenSSLErrorQueue.run {
            let cms = try CMSContentInfo(parsing: der, function: function)
            let kind = cms.kind
            guard kind == .envelopedData || kind == .authEnvelopedData else {
                throw SMIMEError(
                    .wrongContentType, "the message is \(kind), not encrypted data",
                    function: function)
            }
            let algorithm = try contentEncryptionAlgorithm(of: cms, function)
            try checkRecipient(cms, key: key, certificate: certificate, function)

            // Recovering the content-encryption key first tells a key failure apart
            // from damaged or modified content.
            guard CMS_decrypt_set1_pkey_and_peer(
                cms.pointer, key.pointer, certificate.x509, nil) == 1
            else {
                throw SMIMEError.openSSL(
                    .decryptionFailed,
                    "the key of \(certificate.subject) could not recover the message key; "
                        + "the message is damaged or was not made for this key",
                    function: function)
            }

            let (decrypted, content) = try MemoryBIO.writing(function: function) { output in
                CMS_decrypt(cms.pointer, nil, nil, nil, output, UInt32(CMS_BINARY)) == 1
            }
            guard decrypted else {
                if algorithm.isAuthenticated {
                    throw SMIMEError.openSSL(
                        .integrityFailure,
                        "the \(algorithm.displayName) authentication tag does not match: "
                            + "the message was modified or damaged, and nothing of it is used",
                        function: function)
                }
                // OpenSSL hides a failed RSA key decryption behind a random key, so bad
                // padding may also mean the key was not encrypted for this recipient.
                throw SMIMEError.openSSL(
                    .decryptionFailed,
                    "the \(algorithm.displayName) content could not be decrypted (bad "
                        + "padding): the message is damaged, or its key was not encrypted "
                        + "for this certificate's key",
                    function: function)
            }
            return CMSDecryption(
                content: content, algorithm: algorithm,
                isAuthenticated: kind == .authEnvelopedData && algorithm.isAuthenticated,
                contentType: cms.innerKind)
        }
    }

    /// Whether an EnvelopedData or AuthEnvelopedData names `certificate` among its
    /// recipients (RFC 5652 s6.2), so that only the keys of those need unlocking.
    ///
    /// - Throws: `.malformedInput` or `.wrongContentType` when `der` is not encrypted data.
    public static func isEncrypted(_ der: Data, to certificate: Certificate) throws -> Bool {
        let function = "CMS.isEncrypted(_:to:)"
        return try OpenSSLErrorQueue.run {
            let cms = try CMSContentInfo(parsing: der, function: function)
            guard cms.kind == .envelopedData || cms.kind == .authEnvelopedData else {
                throw SMIMEError(
                    .wrongContentType, "the message is \(cms.kind), not encrypted data",
                    function: function)
            }
            return RecipientList(cms: cms).includes(certificate)
        }
    }

    private static func contentEncryptionAlgorithm(
        of cms: CMSContentInfo, _ function: String
    ) throws -> ContentEncryptionAlgorithm {
        guard let oid = cms.contentEncryptionAlgorithmOID() else {
            throw SMIMEError(
                .malformedInput, "the content-encryption algorithm cannot be read",
                function: function)
        }
        guard let algorithm = ContentEncryptionAlgorithm(oid: oid) else {
            let nid = OBJ_txt2nid(oid)
            let name = nid == NID_undef
                ? "an unknown algorithm" : OBJ_nid2ln(nid).map { String(cString: $0) } ?? oid
            throw SMIMEError(
                .unsupportedAlgorithm,
                "the message is encrypted with \(name) (\(oid)), which is not supported",
                function: function)
        }
        return algorithm
    }

    private static func checkRecipient(
        _ cms: CMSContentInfo, key: PrivateKey, certificate: Certificate, _ function: String
    ) throws {
        guard key.matches(certificate) else {
            throw SMIMEError(
                .keyMismatch, "the private key does not belong to \(certificate.subject)",
                function: function)
        }
        let recipients = RecipientList(cms: cms)
        guard recipients.includes(certificate) else {
            let named = recipients.descriptions()
            let list = named.isEmpty ? "no one" : named.joined(separator: "; ")
            throw SMIMEError(
                .notARecipient,
                "the message is not encrypted to \(certificate.subject) (serial "
                    + "\(certificate.serialNumber) from \(certificate.issuer)); "
                    + "it is encrypted to: \(list)",
                function: function)
        }
    }
}
