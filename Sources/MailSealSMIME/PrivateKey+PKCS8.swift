internal import COpenSSL
import Foundation

// MARK: - Encrypted PKCS#8 (RFC 5958 s3; PBES2, RFC 8018 s6.2)

extension PrivateKey {
    /// PBKDF2 rounds for a key written to disk. OpenSSL's default (2048) dates from
    /// 2000; this costs a guesser a hundred times more per try, an unlock still well
    /// under a second.
    static let keyDerivationIterations: Int32 = 200_000

    /// The key as encrypted PKCS#8 PEM (`ENCRYPTED PRIVATE KEY`, RFC 5958 s3): PBES2 with
    /// PBKDF2-HMAC-SHA-256 and AES-256-CBC (RFC 8018 s6.2), a fresh salt and IV each time.
    ///
    /// `init(pemEncoded:passphrase:)` reads it back with the same passphrase.
    ///
    /// - Throws: `.invalidArgument` for an empty passphrase, which would protect nothing;
    ///   `.operationFailed` when OpenSSL cannot encrypt. No error carries key material.
    public func pemRepresentation(passphrase: String) throws -> Data {
        let function = "PrivateKey.pemRepresentation(passphrase:)"
        guard !passphrase.isEmpty else {
            throw SMIMEError(
                .invalidArgument, "an empty passphrase would not protect the key",
                function: function)
        }
        return try OpenSSLErrorQueue.run {
            try withEncryptedKeyInfo(passphrase, function: function) { info in
                let (written, pem) = try MemoryBIO.writing(function: function) {
                    PEM_write_bio_PKCS8($0, info)
                }
                guard written == 1 else {
                    throw SMIMEError.openSSL(
                        .operationFailed, "the encrypted key could not be written as PEM",
                        function: function)
                }
                return pem
            }
        }
    }

    /// Lends the key as an EncryptedPrivateKeyInfo (OpenSSL's X509_SIG), freed after
    /// `body`; the plain PrivateKeyInfo in between is freed at once.
    private func withEncryptedKeyInfo<T>(
        _ passphrase: String, function: String, _ body: (OpaquePointer) throws -> T
    ) throws -> T {
        guard let plain = EVP_PKEY2PKCS8(pointer) else {
            throw SMIMEError.openSSL(
                .operationFailed, "the key cannot be put in PKCS#8 form", function: function)
        }
        // OpenSSL's ASN.1 free wipes the key octets of a PrivateKeyInfo.
        defer { PKCS8_PRIV_KEY_INFO_free(plain) }

        var salt = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&salt, Int32(salt.count)) == 1 else {
            throw SMIMEError.openSSL(
                .operationFailed, "no random bytes for the salt", function: function)
        }
        var secret = Array(passphrase.utf8).map { CChar(bitPattern: $0) }
        defer { for index in secret.indices { secret[index] = 0 } }

        // pbe_nid -1 with a cipher selects PBES2; the IV is random, the PRF HMAC-SHA-256.
        guard let encrypted = PKCS8_encrypt(
            -1, EVP_aes_256_cbc(), secret, Int32(secret.count), &salt, Int32(salt.count),
            Self.keyDerivationIterations, plain)
        else {
            throw SMIMEError.openSSL(
                .operationFailed, "the key could not be encrypted", function: function)
        }
        defer { X509_SIG_free(encrypted) }
        return try body(encrypted)
    }
}
