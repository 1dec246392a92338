internal import COpenSSL
import Foundation

/// Reads the fields of one CMS_SignerInfo (RFC 5652 s5.3) that need no key.
struct SignerInfoReader {
    let info: OpaquePointer

    /// The certificate OpenSSL matched to this SignerInfo, if any.
    var certificate: Certificate? {
        var signer: OpaquePointer?
        CMS_SignerInfo_get0_algs(info, nil, &signer, nil, nil)
        return signer.map { Certificate(retaining: $0) }
    }

    /// The sid: issuer and serial number, or subject key identifier.
    var identifier: String {
        var keyID: UnsafeMutablePointer<ASN1_OCTET_STRING>?
        var issuer: OpaquePointer?
        var serial: UnsafeMutablePointer<ASN1_INTEGER>?
        guard CMS_SignerInfo_get0_signer_id(info, &keyID, &issuer, &serial) == 1 else {
            return "an unnamed signer"
        }
        return RecipientList.identifier(keyID: keyID, issuer: issuer, serial: serial)
    }

    /// The digest algorithm's long name, `sha256`.
    var digestAlgorithm: String {
        var digest: UnsafeMutablePointer<X509_ALGOR>?
        CMS_SignerInfo_get0_algs(info, nil, nil, &digest, nil)
        return Self.name(of: digest)
    }

    /// The signature algorithm's long name, `rsaEncryption`, `ecdsa-with-SHA256`.
    var signatureAlgorithm: String {
        var signature: UnsafeMutablePointer<X509_ALGOR>?
        CMS_SignerInfo_get0_algs(info, nil, nil, nil, &signature)
        return Self.name(of: signature)
    }

    /// The signingTime attribute (RFC 5652 s11.3), UTCTime or GeneralizedTime.
    var signingTime: Date? {
        guard let value = signedAttribute(NID_pkcs9_signingTime) else { return nil }
        switch value.pointee.type {
        case V_ASN1_UTCTIME: return ASN1Conversions.date(value.pointee.value.utctime)
        case V_ASN1_GENERALIZEDTIME:
            return ASN1Conversions.date(value.pointee.value.generalizedtime)
        default: return nil
        }
    }

    /// The SMIMECapabilities attribute (RFC 8551 s2.5.2), known algorithms only.
    var capabilities: [ContentEncryptionAlgorithm] {
        guard let value = signedAttribute(NID_SMIMECapabilities),
              value.pointee.type == V_ASN1_SEQUENCE
        else { return [] }
        let encoding = ASN1Conversions.bytes(value.pointee.value.sequence)
        return DERWalker(bytes: encoding).leadingObjectIdentifiers()
            .compactMap(ContentEncryptionAlgorithm.init(oid:))
    }

    /// Whether the SignerInfo has signed attributes at all.
    var hasSignedAttributes: Bool { CMS_signed_get_attr_count(info) >= 0 }

    /// The first value of a signed attribute.
    private func signedAttribute(_ nid: Int32) -> UnsafeMutablePointer<ASN1_TYPE>? {
        let index = CMS_signed_get_attr_by_NID(info, nid, -1)
        guard index >= 0, let attribute = CMS_signed_get_attr(info, index) else { return nil }
        return X509_ATTRIBUTE_get0_type(attribute, 0)
    }

    private static func name(of algorithm: UnsafeMutablePointer<X509_ALGOR>?) -> String {
        guard let algorithm else { return "unknown" }
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        let nid = OBJ_obj2nid(object)
        if nid != NID_undef, let name = OBJ_nid2ln(nid) { return String(cString: name) }
        return ASN1Conversions.dottedOID(object)
    }
}
