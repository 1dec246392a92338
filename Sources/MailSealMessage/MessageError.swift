/// Why sealing or opening a message failed, in words a person can act on.
public struct MessageError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The input is not a message MailSeal can read.
        case malformedMessage
        /// A recipient has no key or certificate that can be used.
        case noUsableKey
        /// No key to sign with for the sender.
        case noSigningKey
        /// No private key for any recipient of an encrypted message.
        case noDecryptionKey
        /// A private key is protected and the passphrase is missing or wrong.
        case wrongPassphrase
        /// Decryption or verification failed in the crypto layer.
        case cryptoFailure
        /// The request itself is incomplete (no recipients, no sender).
        case invalidRequest
        /// The message uses a format MailSeal does not read.
        case unsupported
    }

    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}
