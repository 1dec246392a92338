import Foundation

/// Why an OpenPGP operation failed, in words a person can act on.
public struct OpenPGPError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is; stable for callers that branch on it.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// GPGME or the gpg engine is missing, too old or misconfigured.
        case engineUnavailable
        /// The GnuPG home folder could not be created or used.
        case homeDirectory
        /// The configured passphrase source could not be read.
        case passphraseUnavailable
        /// A secret key needs a passphrase and none was configured.
        case passphraseRequired
        /// The passphrase was rejected by the secret key.
        case badPassphrase
        /// An argument is malformed (a fingerprint that is not 40 hex digits, no recipients).
        case invalidArgument
        /// The input holds no OpenPGP data, or its armor or packets are damaged.
        case malformedData
        /// The key uses a packet version GnuPG 2.2 cannot read (v5, v6).
        case unsupportedKeyVersion
        /// The message uses a packet format GnuPG 2.2 cannot read (SEIPD v2, AEAD).
        case unsupportedMessageFormat
        /// A key in the input could not be imported.
        case importFailed
        /// No key matches the fingerprint or address.
        case noKey
        /// The key, or every subkey for the purpose, has expired.
        case keyExpired
        /// The key, or the user ID for the address, has been revoked.
        case keyRevoked
        /// The key has been disabled in the keyring.
        case keyDisabled
        /// GnuPG considers the key invalid (for instance no valid self-signature).
        case keyInvalid
        /// The key has no valid subkey that may encrypt.
        case notUsableForEncryption
        /// The key has no valid subkey that may sign.
        case notUsableForSigning
        /// Signing needs a secret key that is not in the keyring.
        case noSecretKey
        /// None of the message's recipients has a secret key in the keyring.
        case noSecretKeyForRecipient
        /// The input is not an encrypted message.
        case notEncrypted
        /// The message has no integrity protection (no MDC) and that was not allowed.
        case missingIntegrityProtection
        /// Decryption failed: the message was modified, truncated or damaged.
        case decryptionFailed
        /// The data carries no signature to verify.
        case noSignature
        /// Any other GPGME failure; the reason carries GPGME's own words.
        case operationFailed
    }

    public let code: Code

    /// A human reason, naming the key or address concerned and GPGME's words.
    public let reason: String

    /// The operation that raised the error, such as `decrypt` or `importKeys`.
    public let function: String

    /// Fingerprints or key IDs the error is about, when there are any.
    public let keys: [String]

    /// The email address the error is about, when there is one.
    public let address: String?

    /// The date that matters, such as when a key expired.
    public let date: Date?

    public init(
        _ code: Code, _ reason: String, function: String = #function,
        keys: [String] = [], address: String? = nil, date: Date? = nil
    ) {
        self.code = code
        self.reason = reason
        self.function = OpenPGPError.operationName(function)
        self.keys = keys
        self.address = address
        self.date = date
    }

    public var description: String { "OpenPGP \(function): \(reason)" }

    /// `decrypt(_:allowMissingIntegrityProtection:)` becomes `decrypt`.
    private static func operationName(_ function: String) -> String {
        String(function.prefix { $0 != "(" })
    }
}
