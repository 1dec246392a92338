internal import CMailSealShims
internal import COpenSSL
import Foundation

/// An X.509 certificate (RFC 5280) as S/MIME uses it: to encrypt to, to verify with.
///
/// Two values are equal when their DER encodings are.
public struct Certificate: Sendable, Hashable, CustomStringConvertible {
    /// The certificate's DER encoding.
    public let derRepresentation: Data

    let box: X509Box

    /// Reads one DER-encoded certificate; trailing bytes are refused.
    public init(derEncoded: Data) throws {
        let function = "Certificate.init(derEncoded:)"
        let x509 = try OpenSSLErrorQueue.run { () -> OpaquePointer in
            try derEncoded.withUnsafeBytes { buffer -> OpaquePointer in
                let start = buffer.bindMemory(to: UInt8.self).baseAddress
                var cursor: UnsafePointer<UInt8>? = start
                guard let start, let x509 = d2i_X509(nil, &cursor, buffer.count) else {
                    throw SMIMEError.openSSL(
                        .invalidCertificate, "the bytes are not a DER X.509 certificate",
                        function: function)
                }
                guard let cursor, cursor - start == buffer.count else {
                    X509_free(x509)
                    throw SMIMEError(
                        .invalidCertificate,
                        "the DER certificate is followed by bytes that are not part of it",
                        function: function)
                }
                return x509
            }
        }
        self.init(taking: x509)
    }

    /// Reads the first certificate of a PEM text (`-----BEGIN CERTIFICATE-----`).
    public init(pemEncoded: Data) throws {
        let function = "Certificate.init(pemEncoded:)"
        self = try Certificate.readPEM(pemEncoded, limit: 1, function: function)[0]
    }

    /// Reads every certificate of a PEM text, in order; throws when there is none.
    public static func all(fromPEM pem: Data) throws -> [Certificate] {
        try readPEM(pem, limit: .max, function: "Certificate.all(fromPEM:)")
    }

    /// Reads certificates from PEM (any number) or DER (exactly one), whichever `data` is.
    public static func load(_ data: Data) throws -> [Certificate] {
        if data.range(of: Data("-----BEGIN".utf8)) != nil {
            return try readPEM(data, limit: .max, function: "Certificate.load(_:)")
        }
        return [try Certificate(derEncoded: data)]
    }

    /// Wraps an X509 this value now owns (the caller's reference is taken over).
    init(taking x509: OpaquePointer) {
        box = X509Box(taking: x509)
        derRepresentation = Certificate.encode(x509)
    }

    /// Wraps an X509 that OpenSSL still owns, by taking a reference of our own.
    init(retaining x509: OpaquePointer) {
        X509_up_ref(x509)
        self.init(taking: x509)
    }

    var x509: OpaquePointer { box.pointer }

    public var description: String { subject }

    public static func == (lhs: Certificate, rhs: Certificate) -> Bool {
        lhs.derRepresentation == rhs.derRepresentation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(derRepresentation)
    }

    // MARK: - Encoding

    private static func encode(_ x509: OpaquePointer) -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        let count = i2d_X509(x509, &output)
        guard count > 0, let output else { return Data() }
        defer { CRYPTO_free(output, #fileID, #line) }
        return Data(bytes: output, count: Int(count))
    }

    private static func readPEM(
        _ pem: Data, limit: Int, function: String
    ) throws -> [Certificate] {
        try OpenSSLErrorQueue.run {
            try MemoryBIO.reading(pem, function: function) { bio in
                var certificates: [Certificate] = []
                while certificates.count < limit {
                    guard let x509 = PEM_read_bio_X509(bio, nil, nil, nil) else { break }
                    certificates.append(Certificate(taking: x509))
                }

                // Running out of PEM blocks ends the loop with "no start line"; any
                // other error means a block was there but broken.
                let last = ERR_peek_last_error()
                let endOfInput = CMailSealShims_ERR_GET_LIB(last) == ERR_LIB_PEM
                    && CMailSealShims_ERR_GET_REASON(last) == PEM_R_NO_START_LINE
                if certificates.count < limit, last != 0, !endOfInput {
                    throw SMIMEError.openSSL(
                        .invalidCertificate, "a PEM certificate block cannot be read",
                        function: function)
                }
                guard !certificates.isEmpty else {
                    throw SMIMEError.openSSL(
                        .invalidCertificate,
                        "no PEM certificate (-----BEGIN CERTIFICATE-----) found",
                        function: function)
                }
                ERR_clear_error()
                return certificates
            }
        }
    }
}

/// Owns one OpenSSL X509.
final class X509Box: @unchecked Sendable {
    // Never mutated after init; OpenSSL locks its lazily filled extension cache.
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_free(pointer) }
}
