internal import COpenSSL
import Foundation

/// CMS (RFC 5652) operations for S/MIME 4.0 (RFC 8551), on bytes and certificates.
///
/// Every operation takes and returns DER or BER bytes of a ContentInfo; the MIME
/// framing around them (application/pkcs7-mime, multipart/signed) is the caller's.
public enum CMS {
    /// What kind of CMS structure the bytes are, without decrypting or verifying.
    public static func kind(of der: Data) -> CMSContentKind {
        OpenSSLErrorQueue.runQuietly {
            guard let cms = try? CMSContentInfo(parsing: der, function: "CMS.kind(of:)") else {
                return .notCMS
            }
            return cms.kind
        }
    }
}
