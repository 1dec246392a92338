internal import COpenSSL
import Foundation

/// A message digest for signing (RFC 5754).
public enum DigestAlgorithm: String, Sendable, Codable, CaseIterable {
    case sha256, sha384, sha512

    var md: OpaquePointer? {
        switch self {
        case .sha256: return EVP_sha256()
        case .sha384: return EVP_sha384()
        case .sha512: return EVP_sha512()
        }
    }
}
