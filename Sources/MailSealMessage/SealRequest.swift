import Foundation
import MailSealSMIME

/// What the sender asks for: who receives the message and how it is protected.
public struct SealRequest: Sendable {
    /// The addresses to encrypt to; empty for a message that is only signed.
    public var recipients: [String]
    /// The sender's address; nil means the message's From address.
    public var sender: String?
    /// nil: the first method that every recipient has a key or certificate for.
    public var method: CryptoMethod?
    public var sign: Bool
    public var encrypt: Bool
    /// The S/MIME content cipher; nil: AES-256-GCM when every recipient announced it,
    /// else AES-256-CBC, which every S/MIME client reads (NSS 3.87 reads nothing else).
    public var cipher: ContentEncryptionAlgorithm?
    /// S/MIME only: sign as opaque `signed-data` instead of `multipart/signed`.
    public var opaqueSignature: Bool
    /// S/MIME only: how the content key is wrapped for RSA recipients (RFC 8551 s2.3).
    public var rsaKeyTransport: RSAKeyTransport

    public init(
        recipients: [String] = [], sender: String? = nil, method: CryptoMethod? = nil,
        sign: Bool = false, encrypt: Bool = true, cipher: ContentEncryptionAlgorithm? = nil,
        opaqueSignature: Bool = false, rsaKeyTransport: RSAKeyTransport = .pkcs1v15
    ) {
        self.recipients = recipients
        self.sender = sender
        self.method = method
        self.sign = sign
        self.encrypt = encrypt
        self.cipher = cipher
        self.opaqueSignature = opaqueSignature
        self.rsaKeyTransport = rsaKeyTransport
    }
}

/// What sealing produced, with enough detail to tell the sender what was done.
public struct SealedMessage: Sendable {
    public var data: Data
    public var method: CryptoMethod
    public var recipients: [SealedRecipient]
    /// The content cipher, for S/MIME (OpenPGP picks it from the recipients' keys).
    public var cipher: ContentEncryptionAlgorithm?
    /// The signing key or certificate fingerprint, when signed.
    public var signer: String?
    /// Things the sender should know, such as a sent copy they cannot read.
    public var notes: [String]
}

/// One recipient of a sealed message and the key it was encrypted to.
public struct SealedRecipient: Sendable, Codable, Equatable {
    public var address: String
    public var fingerprint: String
    public var isSender: Bool
}
