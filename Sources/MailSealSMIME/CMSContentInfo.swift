internal import COpenSSL
import Foundation

/// Owns one OpenSSL CMS_ContentInfo for the length of one operation.
final class CMSContentInfo {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    /// Parses BER or DER; refuses bytes left over after the structure.
    convenience init(parsing der: Data, function: String) throws {
        let parsed = der.withUnsafeBytes { buffer -> (OpaquePointer?, Int) in
            let start = buffer.bindMemory(to: UInt8.self).baseAddress
            var cursor: UnsafePointer<UInt8>? = start
            guard let start else { return (nil, 0) }
            let cms = d2i_CMS_ContentInfo(nil, &cursor, buffer.count)
            return (cms, cursor.map { $0 - start } ?? 0)
        }
        guard let cms = parsed.0 else {
            let reason = der.isEmpty
                ? "the input is empty, not a CMS message"
                : "the bytes are not a CMS message (truncated, damaged or another format)"
            throw SMIMEError.openSSL(.malformedInput, reason, function: function)
        }
        guard parsed.1 == der.count else {
            CMS_ContentInfo_free(cms)
            throw SMIMEError(
                .malformedInput,
                "\(der.count - parsed.1) bytes follow the end of the CMS message",
                function: function)
        }
        self.init(taking: cms)
    }

    deinit { CMS_ContentInfo_free(pointer) }

    /// The outer content type.
    var kind: CMSContentKind {
        CMSContentKind(oid: ASN1Conversions.dottedOID(CMS_get0_type(pointer)))
    }

    /// The type of the content inside (eContentType, or the encrypted content's type).
    var innerKind: CMSContentKind {
        CMSContentKind(oid: ASN1Conversions.dottedOID(CMS_get0_eContentType(pointer)))
    }

    /// The DER encoding OpenSSL writes for the structure as it now stands.
    func derEncoded() -> Data? {
        var output: UnsafeMutablePointer<UInt8>?
        let count = i2d_CMS_ContentInfo(pointer, &output)
        guard count > 0, let output else { return nil }
        defer { CRYPTO_free(output, #fileID, #line) }
        return Data(bytes: output, count: Int(count))
    }

    /// The content-encryption algorithm OID of EnvelopedData or AuthEnvelopedData.
    ///
    /// OpenSSL has no getter for it, so it is read from the DER: ContentInfo, [0],
    /// the EnvelopedData SEQUENCE, then its first inner SEQUENCE, which is the
    /// (Auth)EncryptedContentInfo (RFC 5652 s6.1, RFC 5083 s2.1), then its algorithm.
    func contentEncryptionAlgorithmOID() -> String? {
        guard let der = derEncoded() else { return nil }
        let walker = DERWalker(bytes: der)
        guard let contentInfo = walker.elements?.first,
              let explicit = walker.children(of: contentInfo.contents)?.last,
              explicit.isContextSpecific(0),
              let enveloped = walker.children(of: explicit.contents)?.first,
              let fields = walker.children(of: enveloped.contents),
              let encrypted = fields.first(where: { $0.isSequence }),
              let algorithm = walker.children(of: encrypted.contents)?.dropFirst().first,
              algorithm.isSequence,
              let oid = walker.children(of: algorithm.contents)?.first
        else { return nil }
        return walker.objectIdentifier(oid)
    }
}

/// Generic access to OpenSSL stacks whose typed macros do not import.
enum OpenSSLStack {
    /// The entries of a stack, in order, still owned by the stack.
    static func entries(_ stack: OpaquePointer?) -> [OpaquePointer] {
        guard let stack else { return [] }
        return (0..<OPENSSL_sk_num(stack)).compactMap { index in
            OPENSSL_sk_value(stack, index).map { OpaquePointer($0) }
        }
    }
}
