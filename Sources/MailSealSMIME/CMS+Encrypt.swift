internal import COpenSSL
import Foundation

// MARK: - Encryption (RFC 5652 s6, RFC 5083, RFC 8551 s2.7)

extension CMS {
    /// Encrypts `content` to every recipient.
    ///
    /// CBC algorithms give EnvelopedData; GCM gives AuthEnvelopedData (RFC 5083, 5084).
    /// RSA recipients get key transport (PKCS#1 v1.5 or OAEP); EC recipients get
    /// ephemeral-static ECDH with the X9.63 SHA-256 KDF and AES key wrap (RFC 5753).
    ///
    /// - Returns: the DER ContentInfo.
    /// - Throws: `.invalidArgument` without recipients, `.unsupportedAlgorithm` for
    ///   triple-DES, `.unsuitableCertificate` for a recipient that cannot receive mail.
    public static func encrypt(
        _ content: Data, recipients: [Certificate],
        algorithm: ContentEncryptionAlgorithm = .aes256CBC,
        rsaKeyTransport: RSAKeyTransport = .pkcs1v15
    ) throws -> Data {
        let function = "CMS.encrypt"
        return try OpenSSLErrorQueue.run {
            try checkEncryption(recipients: recipients, algorithm: algorithm, function)

            let flags = UInt32(CMS_BINARY | CMS_PARTIAL)
            guard let created = CMS_encrypt(nil, nil, algorithm.cipher, flags) else {
                throw SMIMEError.openSSL(
                    .unsupportedAlgorithm,
                    "OpenSSL cannot encrypt with \(algorithm.displayName)",
                    function: function)
            }
            let cms = CMSContentInfo(taking: created)

            for recipient in recipients {
                try addRecipient(recipient, to: cms, rsaKeyTransport, function)
            }

            try MemoryBIO.reading(content, function: function) { input in
                guard CMS_final(cms.pointer, input, nil, flags) == 1 else {
                    throw SMIMEError.openSSL(
                        .operationFailed, "the content could not be encrypted",
                        function: function)
                }
            }
            guard let der = cms.derEncoded() else {
                throw SMIMEError.openSSL(
                    .operationFailed, "the encrypted message could not be encoded",
                    function: function)
            }
            return der
        }
    }

    private static func checkEncryption(
        recipients: [Certificate], algorithm: ContentEncryptionAlgorithm, _ function: String
    ) throws {
        guard !recipients.isEmpty else {
            throw SMIMEError(.invalidArgument, "no recipient certificate given", function: function)
        }
        guard algorithm.isAllowedForEncryption else {
            throw SMIMEError(
                .unsupportedAlgorithm,
                "\(algorithm.displayName) is accepted for reading old mail only "
                    + "(RFC 8551 s2.7); choose AES",
                function: function)
        }
        for recipient in recipients
        where !(recipient.canEncrypt && recipient.allowsEmailProtection) {
            let why = recipient.canEncrypt
                ? "its extended key usage does not include emailProtection"
                : "its key (\(recipient.keyAlgorithm)) or key usage does not allow encryption"
            throw SMIMEError(
                .unsuitableCertificate,
                "cannot encrypt to \(recipient.subject): \(why)", function: function)
        }
    }

    /// Adds a KeyTransRecipientInfo (RSA) or KeyAgreeRecipientInfo (EC) for `recipient`.
    private static func addRecipient(
        _ recipient: Certificate, to cms: CMSContentInfo,
        _ transport: RSAKeyTransport, _ function: String
    ) throws {
        // CMS_KEY_PARAM keeps the key context open so its parameters can still be set.
        let flags = UInt32(CMS_KEY_PARAM)
        guard let info = CMS_add1_recipient_cert(cms.pointer, recipient.x509, flags),
              let context = CMS_RecipientInfo_get0_pkey_ctx(info)
        else {
            throw SMIMEError.openSSL(
                .unsuitableCertificate, "cannot add \(recipient.subject) as a recipient",
                function: function)
        }

        let configured: Bool
        switch CMS_RecipientInfo_type(info) {
        case CMS_RECIPINFO_TRANS where transport == .oaep:
            // RFC 8551 s2.3 allows OAEP; RFC 4055 s4 gives the SHA-256 parameters.
            configured = EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) > 0
                && EVP_PKEY_CTX_set_rsa_oaep_md(context, EVP_sha256()) > 0
                && EVP_PKEY_CTX_set_rsa_mgf1_md(context, EVP_sha256()) > 0
        case CMS_RECIPINFO_AGREE:
            // dhSinglePass-stdDH-sha256kdf-scheme (RFC 5753 s7.1.4) rather than OpenSSL's
            // SHA-1 default.
            configured = EVP_PKEY_CTX_set_ecdh_kdf_md(context, EVP_sha256()) > 0
        default:
            configured = true
        }
        guard configured else {
            throw SMIMEError.openSSL(
                .operationFailed,
                "cannot set the key encryption parameters for \(recipient.subject)",
                function: function)
        }
    }
}
