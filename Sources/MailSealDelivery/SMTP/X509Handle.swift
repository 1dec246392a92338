import Foundation
internal import COpenSSL

/// Owns one OpenSSL certificate (`X509`) and reads what the probe and DANE need from it.
final class X509Handle {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer` (one reference).
    init(owning pointer: OpaquePointer) { self.pointer = pointer }

    /// Parses a DER certificate.
    convenience init?(der: Data) {
        let parsed: OpaquePointer? = der.withUnsafeBytes { buffer in
            guard let base = buffer.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let parsed else { return nil }
        self.init(owning: parsed)
    }

    deinit { X509_free(pointer) }

    /// The DER encoding of the whole certificate (TLSA selector 0).
    var der: Data { Self.encode { i2d_X509(pointer, $0) } }

    /// The DER SubjectPublicKeyInfo (TLSA selector 1, RFC 6698 §2.1.2).
    var subjectPublicKeyInfo: Data {
        Self.encode { i2d_X509_PUBKEY(X509_get_X509_PUBKEY(pointer), $0) }
    }

    var subject: String { Self.text(of: X509_get_subject_name(pointer)) }
    var issuer: String { Self.text(of: X509_get_issuer_name(pointer)) }
    var notBefore: Date? { Self.date(X509_get0_notBefore(pointer)) }
    var notAfter: Date? { Self.date(X509_get0_notAfter(pointer)) }

    /// Whether the certificate names `host` (DNS-ID, or CN when no DNS-ID exists).
    func matches(host: String) -> Bool {
        X509_check_host(pointer, host, host.utf8.count, 0, nil) == 1
    }

    var peerCertificate: PeerCertificate {
        let encoded = der
        return PeerCertificate(
            subject: subject, issuer: issuer, notBefore: notBefore, notAfter: notAfter,
            sha256: Digest.sha256(encoded).hexString, der: encoded)
    }

    // MARK: - Helpers

    private static func encode(
        _ body: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32
    ) -> Data {
        let length = body(nil)
        guard length > 0 else { return Data() }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            _ = body(&cursor)
        }
        return Data(bytes)
    }

    private static func text(of name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        X509_NAME_print_ex(bio, name, 0, rfc2253Flags)
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = BIO_read(bio, &bytes, Int32(bytes.count))
        return count > 0 ? String(decoding: bytes[..<Int(count)], as: UTF8.self) : ""
    }

    /// XN_FLAG_RFC2253, a macro too composite for Swift to import.
    private static let rfc2253Flags: UInt = {
        let strings = ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_ESC_MSB
            | ASN1_STRFLGS_UTF8_CONVERT | ASN1_STRFLGS_DUMP_UNKNOWN | ASN1_STRFLGS_DUMP_DER
        return UInt(strings) | UInt(XN_FLAG_SEP_COMMA_PLUS) | UInt(XN_FLAG_DN_REV)
            | UInt(XN_FLAG_FN_SN) | UInt(XN_FLAG_DUMP_UNKNOWN_FIELDS)
    }()

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}

/// The digests TLSA matching types 1 and 2 name (RFC 6698 §2.1.3).
enum Digest {
    static func sha256(_ data: Data) -> Data { digest(data, EVP_sha256()) }
    static func sha512(_ data: Data) -> Data { digest(data, EVP_sha512()) }

    private static func digest(_ data: Data, _ type: OpaquePointer?) -> Data {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        data.withUnsafeBytes { buffer in
            _ = EVP_Digest(buffer.baseAddress, buffer.count, &output, &length, type, nil)
        }
        return Data(output[..<Int(length)])
    }
}

extension Data {
    /// Lower-case hex, two digits a byte.
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}

/// Drains OpenSSL's error queue of this thread into one line.
enum OpenSSLErrorQueue {
    static func drain() -> String {
        var messages: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(cString: buffer))
        }
        return messages.joined(separator: "; ")
    }
}
