import Foundation

/// What a TLS handshake with a mail server established, and what its certificate proves.
public struct TLSHandshakeResult: Codable, Sendable, Equatable {
    /// `TLSv1.3`, `TLSv1.2`, ...
    public var version: String
    public var cipher: String
    /// The cipher's secret bits.
    public var bits: Int
    /// The chain the server presented, its own certificate first.
    public var chain: [PeerCertificate]
    /// Whether the chain leads to a trusted CA (the CA file, else the system store).
    public var chainVerified: Bool
    /// Why the chain did not verify, in OpenSSL's words.
    public var verifyError: String?
    /// Whether the server's certificate names the MX host (RFC 6125 via X509_check_host).
    public var nameMatches: Bool

    public init(
        version: String, cipher: String, bits: Int, chain: [PeerCertificate],
        chainVerified: Bool, verifyError: String?, nameMatches: Bool
    ) {
        self.version = version
        self.cipher = cipher
        self.bits = bits
        self.chain = chain
        self.chainVerified = chainVerified
        self.verifyError = verifyError
        self.nameMatches = nameMatches
    }

    /// A certificate is valid for the MX when both its chain and its name check out.
    public var certificateValid: Bool { chainVerified && nameMatches }
}

/// One certificate a server presented.
public struct PeerCertificate: Codable, Sendable, Equatable {
    /// The subject and the issuer in RFC 2253 form.
    public var subject: String
    public var issuer: String
    public var notBefore: Date?
    public var notAfter: Date?
    /// The SHA-256 fingerprint of the DER encoding, hex.
    public var sha256: String
    /// The DER encoding, kept so DANE can match it against TLSA records later.
    public var der: Data
}
