import Foundation
import MailSealMIME

/// The S/MIME entities of RFC 8551 s3.
enum SMIMEFraming {
    /// The `smime-type` values of RFC 8551 s3.2.2 (and RFC 5083 for authEnveloped).
    enum SMIMEType: String {
        case envelopedData = "enveloped-data"
        case authEnvelopedData = "authEnveloped-data"
        case signedData = "signed-data"
    }

    /// `application/pkcs7-mime` holding a CMS object, base64-encoded, as `smime.p7m`.
    static func pkcs7MIME(der: Data, type: SMIMEType) -> MIMEEntity {
        let contentType = ContentType(
            "application", "pkcs7-mime",
            parameters: [("smime-type", type.rawValue), ("name", "smime.p7m")])
        var header = Header()
        header.append("Content-Disposition", "attachment; filename=\"smime.p7m\"")
        header.append("Content-Description", "S/MIME Cryptographic Message")
        return MIMEEntity.leaf(contentType, body: der, encoding: .base64, header: header)
    }

    /// `multipart/signed` with an `application/pkcs7-signature` part (RFC 8551 s3.5.3).
    static func signed(signedPart: MIMEEntity, signature: Data, micalg: String) -> MIMEEntity {
        let contentType = ContentType(
            "application", "pkcs7-signature", parameters: [("name", "smime.p7s")])
        var header = Header()
        header.append("Content-Disposition", "attachment; filename=\"smime.p7s\"")
        header.append("Content-Description", "S/MIME Cryptographic Signature")
        let signaturePart = MIMEEntity.leaf(
            contentType, body: signature, encoding: .base64, header: header)
        return MIMEEntity.multipart(
            "signed",
            parameters: [("protocol", "application/pkcs7-signature"), ("micalg", micalg)],
            parts: [signedPart, signaturePart])
    }
}
