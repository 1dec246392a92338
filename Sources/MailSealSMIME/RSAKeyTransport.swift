import Foundation

/// How the content-encryption key is encrypted to an RSA recipient (RFC 8551 s2.3).
public enum RSAKeyTransport: String, Sendable, Codable {
    /// RSAES-PKCS1-v1_5 (RFC 8017): what every S/MIME client reads.
    case pkcs1v15
    /// RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 3560, RFC 4055); not every
    /// client reads it.
    case oaep
}
