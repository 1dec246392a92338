internal import COpenSSL
import Foundation

/// A PKCS#12 file (RFC 7292): one private key, its certificate and the issuers above it.
public struct PKCS12Bundle: Sendable {
    /// The private key of `certificate`.
    public let key: PrivateKey

    /// The certificate whose public key matches `key`.
    public let certificate: Certificate

    /// The other certificates in the bundle, usually the issuing CA and its issuers.
    public let chain: [Certificate]

    /// Opens a DER PKCS#12 file with its password.
    ///
    /// Bundles protected with the legacy RC2-40 cipher need OpenSSL's legacy provider,
    /// which is not loaded; they fail with `.unsupportedAlgorithm`.
    public init(derEncoded: Data, passphrase: String) throws {
        let function = "PKCS12Bundle.init(derEncoded:passphrase:)"
        let parts = try OpenSSLErrorQueue.run { () -> Parts in
            let bundle = derEncoded.withUnsafeBytes { buffer -> OpaquePointer? in
                var cursor = buffer.bindMemory(to: UInt8.self).baseAddress.map {
                    UnsafePointer<UInt8>($0)
                }
                return d2i_PKCS12(nil, &cursor, buffer.count)
            }
            guard let bundle else {
                throw SMIMEError.openSSL(
                    .malformedInput, "the bytes are not a DER PKCS#12 file",
                    function: function)
            }
            defer { PKCS12_free(bundle) }

            // Checking the MAC first tells a wrong password apart from a broken file.
            if PKCS12_mac_present(bundle) == 1, PKCS12_verify_mac(bundle, passphrase, -1) != 1 {
                throw SMIMEError.openSSL(
                    .wrongPassphrase, "the password does not open the PKCS#12 file",
                    function: function)
            }
            return try Parts.parse(bundle, passphrase: passphrase, function: function)
        }
        key = parts.key
        certificate = parts.certificate
        chain = parts.chain
    }

    private struct Parts {
        var key: PrivateKey
        var certificate: Certificate
        var chain: [Certificate]

        static func parse(
            _ bundle: OpaquePointer, passphrase: String, function: String
        ) throws -> Parts {
            var key: OpaquePointer?
            var leaf: OpaquePointer?
            var others: OpaquePointer?
            guard PKCS12_parse(bundle, passphrase, &key, &leaf, &others) == 1 else {
                let errors = OpenSSLErrorQueue.drain()
                let unsupported = errors.contains { $0.contains("unsupported") }
                throw SMIMEError(
                    unsupported ? .unsupportedAlgorithm : .malformedInput,
                    unsupported
                        ? "the PKCS#12 file uses a legacy cipher (RC2 or similar); "
                            + "export it again with AES"
                        : "the PKCS#12 file cannot be read",
                    openSSLErrors: errors, function: function)
            }
            let chain = CertificateStack.certificates(taking: others)
            guard let key, let leaf else {
                if let key { EVP_PKEY_free(key) }
                if let leaf { X509_free(leaf) }
                throw SMIMEError(
                    .invalidKey, "the PKCS#12 file does not hold both a key and its certificate",
                    function: function)
            }
            return Parts(
                key: PrivateKey(taking: key), certificate: Certificate(taking: leaf),
                chain: chain)
        }
    }
}
