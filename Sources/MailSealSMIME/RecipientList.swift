internal import COpenSSL
import Foundation

/// The recipients an EnvelopedData or AuthEnvelopedData names (RFC 5652 s6.2).
struct RecipientList {
    let cms: CMSContentInfo

    /// Whether some KeyTransRecipientInfo or KeyAgreeRecipientInfo names `certificate`.
    func includes(_ certificate: Certificate) -> Bool {
        for info in OpenSSLStack.entries(CMS_get0_RecipientInfos(cms.pointer)) {
            switch CMS_RecipientInfo_type(info) {
            case CMS_RECIPINFO_TRANS:
                if CMS_RecipientInfo_ktri_cert_cmp(info, certificate.x509) == 0 { return true }
            case CMS_RECIPINFO_AGREE:
                let keys = OpenSSLStack.entries(CMS_RecipientInfo_kari_get0_reks(info))
                if keys.contains(where: {
                    CMS_RecipientEncryptedKey_cert_cmp($0, certificate.x509) == 0
                }) { return true }
            default:
                continue
            }
        }
        return false
    }

    /// One line per recipient: `serial 1A2B from CN = Example CA` or `key id 0F3C…`.
    func descriptions() -> [String] {
        var lines: [String] = []
        for info in OpenSSLStack.entries(CMS_get0_RecipientInfos(cms.pointer)) {
            switch CMS_RecipientInfo_type(info) {
            case CMS_RECIPINFO_TRANS:
                var keyID: UnsafeMutablePointer<ASN1_OCTET_STRING>?
                var issuer: OpaquePointer?
                var serial: UnsafeMutablePointer<ASN1_INTEGER>?
                if CMS_RecipientInfo_ktri_get0_signer_id(info, &keyID, &issuer, &serial) == 1 {
                    lines.append(Self.identifier(keyID: keyID, issuer: issuer, serial: serial))
                }
            case CMS_RECIPINFO_AGREE:
                for key in OpenSSLStack.entries(CMS_RecipientInfo_kari_get0_reks(info)) {
                    var keyID: UnsafeMutablePointer<ASN1_OCTET_STRING>?
                    var issuer: OpaquePointer?
                    var serial: UnsafeMutablePointer<ASN1_INTEGER>?
                    if CMS_RecipientEncryptedKey_get0_id(
                        key, &keyID, nil, nil, &issuer, &serial) == 1 {
                        lines.append(
                            Self.identifier(keyID: keyID, issuer: issuer, serial: serial))
                    }
                }
            default:
                lines.append("a recipient by password or pre-shared key")
            }
        }
        return lines
    }

    /// Names a certificate by issuer and serial number, or by subject key identifier.
    static func identifier(
        keyID: UnsafePointer<ASN1_OCTET_STRING>?, issuer: OpaquePointer?,
        serial: UnsafePointer<ASN1_INTEGER>?
    ) -> String {
        if let issuer, let serial {
            let digits = ASN1Conversions.hex(ASN1Conversions.bytes(serial))
            return "serial \(digits) from \(ASN1Conversions.oneLine(issuer))"
        }
        if let keyID {
            return "subject key id \(ASN1Conversions.hex(ASN1Conversions.bytes(keyID)))"
        }
        return "an unnamed recipient"
    }
}
