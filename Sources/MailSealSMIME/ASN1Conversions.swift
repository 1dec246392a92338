internal import COpenSSL
import Foundation

/// Conversions from OpenSSL's ASN.1 values to Swift ones.
enum ASN1Conversions {
    /// The instant an ASN.1 UTCTime or GeneralizedTime names (RFC 5280 s4.1.2.5).
    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// The OID in dotted form, such as `2.16.840.1.101.3.4.1.42`.
    static func dottedOID(_ object: OpaquePointer?) -> String {
        guard let object else { return "" }
        var buffer = [CChar](repeating: 0, count: 128)
        let count = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        guard count > 0 else { return "" }
        return String(cString: buffer)
    }

    /// The bytes of an ASN.1 string (OCTET STRING, IA5String, INTEGER content).
    static func bytes(_ string: UnsafePointer<ASN1_STRING>?) -> Data {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return Data() }
        return Data(bytes: data, count: Int(ASN1_STRING_length(string)))
    }

    /// Upper-case hexadecimal without separators.
    static func hex(_ bytes: Data) -> String {
        bytes.map { String(format: "%02X", $0) }.joined()
    }

    /// A name in one line, `CN = Alice, O = Example`, with non-ASCII kept as UTF-8.
    static func oneLine(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }

        // XN_FLAG_ONELINE without ASN1_STRFLGS_ESC_MSB (the macro does not import).
        let strings = ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_QUOTE
            | ASN1_STRFLGS_UTF8_CONVERT | ASN1_STRFLGS_DUMP_UNKNOWN | ASN1_STRFLGS_DUMP_DER
        let flags = UInt(strings) | UInt(XN_FLAG_SEP_CPLUS_SPC) | UInt(XN_FLAG_SPC_EQ)
        guard X509_NAME_print_ex(bio, name, 0, flags) >= 0 else { return "" }
        return String(decoding: MemoryBIO.contents(of: bio), as: UTF8.self)
    }
}
