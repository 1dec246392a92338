internal import COpenSSL
import Foundation

/// The content type of a CMS ContentInfo (RFC 5652 s3) or of the content it protects.
public enum CMSContentKind: Sendable, Hashable, Codable, CustomStringConvertible {
    /// id-data: plain bytes.
    case data
    /// id-signedData (RFC 5652 s5).
    case signedData
    /// id-envelopedData (RFC 5652 s6).
    case envelopedData
    /// id-ct-authEnvelopedData (RFC 5083).
    case authEnvelopedData
    /// Any other content type, by OID (compressed data, receipts, ...).
    case other(oid: String)
    /// The bytes are not a CMS ContentInfo at all.
    case notCMS

    init(oid: String) {
        switch oid {
        case "1.2.840.113549.1.7.1": self = .data
        case "1.2.840.113549.1.7.2": self = .signedData
        case "1.2.840.113549.1.7.3": self = .envelopedData
        case "1.2.840.113549.1.9.16.1.23": self = .authEnvelopedData
        default: self = .other(oid: oid)
        }
    }

    public var description: String {
        switch self {
        case .data: return "data"
        case .signedData: return "SignedData"
        case .envelopedData: return "EnvelopedData"
        case .authEnvelopedData: return "AuthEnvelopedData"
        case .other(let oid): return "content type \(oid)"
        case .notCMS: return "not CMS"
        }
    }
}
