internal import CMailSealShims
internal import COpenSSL
import Foundation

/// Moves certificates between Swift arrays and OpenSSL's STACK_OF(X509).
enum CertificateStack {
    /// Lends a stack holding references to `certificates`, freed after `body`.
    static func with<T>(
        _ certificates: [Certificate], function: String, _ body: (OpaquePointer) throws -> T
    ) throws -> T {
        guard let stack = CMailSealShims_sk_X509_new_null() else {
            throw SMIMEError.openSSL(.operationFailed, "out of memory", function: function)
        }
        defer { CMailSealShims_sk_X509_pop_free(stack) }

        for certificate in certificates {
            // The stack frees what it holds, so each entry gets its own reference.
            X509_up_ref(certificate.x509)
            guard CMailSealShims_sk_X509_push(stack, certificate.x509) > 0 else {
                X509_free(certificate.x509)
                throw SMIMEError.openSSL(.operationFailed, "out of memory", function: function)
            }
        }
        return try body(stack)
    }

    /// The certificates of a stack OpenSSL handed over; the stack is freed.
    static func certificates(taking stack: OpaquePointer?) -> [Certificate] {
        guard let stack else { return [] }
        defer { CMailSealShims_sk_X509_pop_free(stack) }
        return certificates(borrowing: stack)
    }

    /// The certificates of a stack OpenSSL keeps; each gets its own reference.
    static func certificates(borrowing stack: OpaquePointer?) -> [Certificate] {
        guard let stack else { return [] }
        return (0..<CMailSealShims_sk_X509_num(stack)).compactMap { index in
            CMailSealShims_sk_X509_value(stack, index).map { Certificate(retaining: $0) }
        }
    }
}
