import Foundation

/// An S/MIME operation that failed, with what a person can do about it.
///
/// `openSSLErrors` holds OpenSSL's whole error queue at the moment of failure, oldest
/// first. Neither the reason nor those entries ever carry key material or content.
public struct SMIMEError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is, for callers that branch on it.
    public enum Code: String, Sendable, Codable {
        /// The bytes are not the structure they claim to be (garbage, truncated, not CMS).
        case malformedInput
        /// A PEM or DER certificate that OpenSSL cannot read.
        case invalidCertificate
        /// A key that cannot be read, or a PKCS#12 bundle without one.
        case invalidKey
        /// The passphrase of a key or a PKCS#12 bundle is wrong or missing.
        case wrongPassphrase
        /// The key does not belong to the certificate it was paired with.
        case keyMismatch
        /// An algorithm this module does not offer or OpenSSL cannot provide.
        case unsupportedAlgorithm
        /// A certificate that cannot do what was asked (encrypt, sign).
        case unsuitableCertificate
        /// The arguments contradict each other (no recipients, missing content).
        case invalidArgument
        /// The message is not encrypted to the given certificate.
        case notARecipient
        /// The content-encryption key could not be recovered, or the content not decrypted.
        case decryptionFailed
        /// Authenticated encryption detected a modified message (RFC 5083 tag mismatch).
        case integrityFailure
        /// The CMS structure is well formed but is not the kind this call handles.
        case wrongContentType
        /// OpenSSL refused the operation for a reason not listed above.
        case operationFailed
    }

    public var code: Code

    /// A sentence a person can act on.
    public var reason: String

    /// OpenSSL's error queue, drained in full, oldest entry first.
    public var openSSLErrors: [String]

    /// The public call that raised the error, such as `CMS.decrypt`.
    public var function: String

    public init(
        _ code: Code, _ reason: String, openSSLErrors: [String] = [], function: String
    ) {
        self.code = code
        self.reason = reason
        self.openSSLErrors = openSSLErrors
        self.function = function
    }

    public var description: String {
        var text = "\(function): \(reason)"
        if !openSSLErrors.isEmpty {
            text += " [OpenSSL: \(openSSLErrors.joined(separator: "; "))]"
        }
        return text
    }
}
