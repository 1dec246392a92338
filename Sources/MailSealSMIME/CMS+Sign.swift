internal import COpenSSL
import Foundation

// MARK: - Signing (RFC 5652 s5, RFC 8551 s2.5)

extension CMS {
    /// The algorithms we announce in SMIMECapabilities, most preferred first
    /// (RFC 8551 s2.5.2): authenticated encryption before CBC.
    static let announcedCapabilities: [ContentEncryptionAlgorithm] = [
        .aes256GCM, .aes128GCM, .aes256CBC, .aes128CBC,
    ]

    /// Signs `content` as `signer`.
    ///
    /// The SignerInfo carries signed attributes: content type, message digest,
    /// signingTime and SMIMECapabilities (RFC 8551 s2.5). The signer's certificate and
    /// `chain` are included so a recipient can build the path.
    ///
    /// - Parameter detached: true for multipart/signed (the content is left out),
    ///   false for opaque application/pkcs7-mime signed-data.
    /// - Returns: the DER ContentInfo holding SignedData.
    public static func sign(
        _ content: Data, signer: Certificate, key: PrivateKey, chain: [Certificate] = [],
        detached: Bool, digest: DigestAlgorithm = .sha256
    ) throws -> Data {
        let function = "CMS.sign"
        return try OpenSSLErrorQueue.run {
            try checkSigner(signer, key: key, function)

            var flags = UInt32(CMS_BINARY | CMS_PARTIAL)
            if detached { flags |= UInt32(CMS_DETACHED) }
            let created = try CertificateStack.with(chain, function: function) { stack in
                CMS_sign(nil, nil, stack, nil, flags)
            }
            guard let created else {
                throw SMIMEError.openSSL(
                    .operationFailed, "cannot start a signed message", function: function)
            }
            let cms = CMSContentInfo(taking: created)

            let signerFlags = flags | UInt32(CMS_NOSMIMECAP)
            guard let info = CMS_add1_signer(
                cms.pointer, signer.x509, key.pointer, digest.md, signerFlags)
            else {
                throw SMIMEError.openSSL(
                    .operationFailed,
                    "cannot sign as \(signer.subject) with \(digest.rawValue)",
                    function: function)
            }
            try addCapabilities(to: info, function)

            try MemoryBIO.reading(content, function: function) { input in
                guard CMS_final(cms.pointer, input, nil, flags) == 1 else {
                    throw SMIMEError.openSSL(
                        .operationFailed, "the content could not be signed",
                        function: function)
                }
            }
            guard let der = cms.derEncoded() else {
                throw SMIMEError.openSSL(
                    .operationFailed, "the signed message could not be encoded",
                    function: function)
            }
            return der
        }
    }

    private static func checkSigner(
        _ signer: Certificate, key: PrivateKey, _ function: String
    ) throws {
        guard key.matches(signer) else {
            throw SMIMEError(
                .keyMismatch, "the private key does not belong to \(signer.subject)",
                function: function)
        }
        guard signer.canSign, signer.allowsEmailProtection else {
            let why = signer.canSign
                ? "its extended key usage does not include emailProtection"
                : "its key usage does not allow digital signatures"
            throw SMIMEError(
                .unsuitableCertificate, "cannot sign as \(signer.subject): \(why)",
                function: function)
        }
    }

    /// Adds the SMIMECapabilities attribute (RFC 8551 s2.5.2), each entry without
    /// parameters, as OpenSSL and Thunderbird write them.
    private static func addCapabilities(to info: OpaquePointer, _ function: String) throws {
        guard let list = OPENSSL_sk_new_null() else {
            throw SMIMEError.openSSL(.operationFailed, "out of memory", function: function)
        }
        defer {
            OPENSSL_sk_pop_free(list) { entry in
                X509_ALGOR_free(entry?.assumingMemoryBound(to: X509_ALGOR.self))
            }
        }
        for algorithm in announcedCapabilities
        where PKCS7_simple_smimecap(list, algorithm.nid, -1) != 1 {
            throw SMIMEError.openSSL(.operationFailed, "out of memory", function: function)
        }
        guard CMS_add_smimecap(info, list) == 1 else {
            throw SMIMEError.openSSL(
                .operationFailed, "cannot add the SMIMECapabilities attribute",
                function: function)
        }
    }
}
