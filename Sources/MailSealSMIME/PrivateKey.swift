internal import COpenSSL
import Foundation

/// A private key for decrypting and signing: RSA or EC.
///
/// Its descriptions name only the algorithm; no key material ever reaches a string.
public struct PrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let box: EVPKeyBox

    /// Reads a PEM key: PKCS#8 (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`), or the older
    /// `RSA PRIVATE KEY` and `EC PRIVATE KEY` forms.
    ///
    /// - Parameter passphrase: needed only when the key is encrypted; never asked for
    ///   interactively.
    public init(pemEncoded: Data, passphrase: String? = nil) throws {
        let function = "PrivateKey.init(pemEncoded:passphrase:)"
        let key = try OpenSSLErrorQueue.run {
            try MemoryBIO.reading(pemEncoded, function: function) { bio in
                try PassphraseSource.decode(passphrase, function: function) { answer, source in
                    PEM_read_bio_PrivateKey(bio, nil, answer, source)
                }
            }
        }
        box = EVPKeyBox(taking: key)
    }

    /// Reads a DER key: PKCS#8 PrivateKeyInfo, encrypted PKCS#8, PKCS#1 or SEC1.
    public init(derEncoded: Data, passphrase: String? = nil) throws {
        let function = "PrivateKey.init(derEncoded:passphrase:)"
        let key = try OpenSSLErrorQueue.run { () -> OpaquePointer in
            let plain = derEncoded.withUnsafeBytes { buffer -> OpaquePointer? in
                var cursor = buffer.bindMemory(to: UInt8.self).baseAddress.map {
                    UnsafePointer<UInt8>($0)
                }
                return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
            }
            if let plain { return plain }

            // Not an unencrypted key: it may be an EncryptedPrivateKeyInfo.
            ERR_clear_error()
            return try MemoryBIO.reading(derEncoded, function: function) { bio in
                try PassphraseSource.decode(passphrase, function: function) { answer, source in
                    d2i_PKCS8PrivateKey_bio(bio, nil, answer, source)
                }
            }
        }
        box = EVPKeyBox(taking: key)
    }

    /// The key as unencrypted PKCS#8 PEM (RFC 5958), for a file only its owner can read.
    ///
    /// The bytes are key material: write them to a 0600 file and keep them out of logs.
    public var pemRepresentation: Data {
        OpenSSLErrorQueue.runQuietly {
            let encoded = try? MemoryBIO.writing(function: "PrivateKey.pemRepresentation") {
                PEM_write_bio_PKCS8PrivateKey($0, box.pointer, nil, nil, 0, nil, nil)
            }
            guard let encoded, encoded.0 == 1 else { return Data() }
            return encoded.1
        }
    }

    /// The key's algorithm and size: `RSA-2048`, `EC P-256`.
    public var algorithm: String {
        OpenSSLErrorQueue.runQuietly { KeyDescription.algorithm(of: box.pointer) }
    }

    /// Whether this key is the private half of the certificate's public key.
    public func matches(_ certificate: Certificate) -> Bool {
        OpenSSLErrorQueue.runQuietly {
            X509_check_private_key(certificate.x509, box.pointer) == 1
        }
    }

    public var description: String { "PrivateKey(\(algorithm))" }

    public var debugDescription: String { description }

    var pointer: OpaquePointer { box.pointer }

    init(taking key: OpaquePointer) { box = EVPKeyBox(taking: key) }
}

/// Owns one OpenSSL EVP_PKEY.
final class EVPKeyBox: @unchecked Sendable {
    // Never mutated after init; OpenSSL 3 allows concurrent use of a finished EVP_PKEY.
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }
}
