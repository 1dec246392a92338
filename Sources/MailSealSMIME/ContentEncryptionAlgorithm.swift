internal import COpenSSL
import Foundation

/// A content-encryption algorithm of CMS EnvelopedData or AuthEnvelopedData.
///
/// AES-CBC is RFC 3565; AES-GCM is RFC 5084 and needs AuthEnvelopedData (RFC 5083).
/// Triple-DES is only read, for old messages: RFC 8551 s2.7 no longer lets us send it.
public enum ContentEncryptionAlgorithm: String, Sendable, Codable, CaseIterable {
    case aes128CBC, aes192CBC, aes256CBC
    case aes128GCM, aes192GCM, aes256GCM
    case des3CBC

    /// Whether the algorithm protects integrity as well as confidentiality.
    public var isAuthenticated: Bool {
        switch self {
        case .aes128GCM, .aes192GCM, .aes256GCM: return true
        default: return false
        }
    }

    /// Whether `CMS.encrypt` may use it; triple-DES is for reading old mail only.
    public var isAllowedForEncryption: Bool { self != .des3CBC }

    /// The usual name: `AES-256-CBC`, `AES-128-GCM`, `3DES-CBC`.
    public var displayName: String {
        switch self {
        case .aes128CBC: return "AES-128-CBC"
        case .aes192CBC: return "AES-192-CBC"
        case .aes256CBC: return "AES-256-CBC"
        case .aes128GCM: return "AES-128-GCM"
        case .aes192GCM: return "AES-192-GCM"
        case .aes256GCM: return "AES-256-GCM"
        case .des3CBC: return "3DES-CBC"
        }
    }

    /// The algorithm identifier's OID in dotted form.
    public var oid: String {
        switch self {
        case .aes128CBC: return "2.16.840.1.101.3.4.1.2"
        case .aes192CBC: return "2.16.840.1.101.3.4.1.22"
        case .aes256CBC: return "2.16.840.1.101.3.4.1.42"
        case .aes128GCM: return "2.16.840.1.101.3.4.1.6"
        case .aes192GCM: return "2.16.840.1.101.3.4.1.26"
        case .aes256GCM: return "2.16.840.1.101.3.4.1.46"
        case .des3CBC: return "1.2.840.113549.3.7"
        }
    }

    /// The algorithm an OID names, if it is one of these.
    public init?(oid: String) {
        guard let match = Self.allCases.first(where: { $0.oid == oid }) else { return nil }
        self = match
    }

    /// OpenSSL's numeric identifier for the algorithm.
    var nid: Int32 {
        switch self {
        case .aes128CBC: return NID_aes_128_cbc
        case .aes192CBC: return NID_aes_192_cbc
        case .aes256CBC: return NID_aes_256_cbc
        case .aes128GCM: return NID_aes_128_gcm
        case .aes192GCM: return NID_aes_192_gcm
        case .aes256GCM: return NID_aes_256_gcm
        case .des3CBC: return NID_des_ede3_cbc
        }
    }

    /// OpenSSL's cipher implementation (from the default provider).
    var cipher: OpaquePointer? {
        switch self {
        case .aes128CBC: return EVP_aes_128_cbc()
        case .aes192CBC: return EVP_aes_192_cbc()
        case .aes256CBC: return EVP_aes_256_cbc()
        case .aes128GCM: return EVP_aes_128_gcm()
        case .aes192GCM: return EVP_aes_192_gcm()
        case .aes256GCM: return EVP_aes_256_gcm()
        case .des3CBC: return EVP_des_ede3_cbc()
        }
    }
}
