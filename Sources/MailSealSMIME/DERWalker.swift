internal import COpenSSL
import Foundation

/// One DER element: its tag and where its contents lie in the walked bytes.
struct DERElement {
    var tag: Int32
    var tagClass: Int32
    var isConstructed: Bool
    /// The whole element, header included.
    var encoding: Range<Int>
    /// The contents, without the header.
    var contents: Range<Int>

    var isSequence: Bool { tagClass == V_ASN1_UNIVERSAL && tag == V_ASN1_SEQUENCE }
    var isObjectIdentifier: Bool { tagClass == V_ASN1_UNIVERSAL && tag == V_ASN1_OBJECT }

    func isContextSpecific(_ number: Int32) -> Bool {
        tagClass == V_ASN1_CONTEXT_SPECIFIC && tag == number
    }
}

/// Reads the few fields OpenSSL's CMS API has no getter for, from DER it encoded.
///
/// Headers are parsed by OpenSSL's `ASN1_get_object`; only definite lengths are
/// accepted, which holds for anything `i2d_` wrote.
struct DERWalker {
    let bytes: Data

    /// The elements directly inside `range`, or nil when they are not well formed.
    func children(of range: Range<Int>) -> [DERElement]? {
        bytes.withUnsafeBytes { buffer -> [DERElement]? in
            guard let base = buffer.bindMemory(to: UInt8.self).baseAddress else { return nil }
            var elements: [DERElement] = []
            var offset = range.lowerBound
            while offset < range.upperBound {
                var cursor: UnsafePointer<UInt8>? = base + offset
                var length = 0
                var tag: Int32 = 0
                var tagClass: Int32 = 0
                let flags = ASN1_get_object(
                    &cursor, &length, &tag, &tagClass, range.upperBound - offset)
                // 0x80 is an error; 0x21 is an indefinite length, which DER never has.
                guard flags & 0x80 == 0, flags != 0x21, let cursor else { return nil }
                let start = cursor - base
                guard start + length <= range.upperBound else { return nil }
                elements.append(DERElement(
                    tag: tag, tagClass: tagClass,
                    isConstructed: flags & V_ASN1_CONSTRUCTED != 0,
                    encoding: offset..<(start + length), contents: start..<(start + length)))
                offset = start + length
            }
            return elements
        }
    }

    /// The top-level elements.
    var elements: [DERElement]? { children(of: 0..<bytes.count) }

    /// The dotted form of an OBJECT IDENTIFIER element.
    func objectIdentifier(_ element: DERElement) -> String? {
        guard element.isObjectIdentifier else { return nil }
        let encoding = bytes.subdata(in: element.encoding)
        return encoding.withUnsafeBytes { buffer -> String? in
            var cursor = buffer.bindMemory(to: UInt8.self).baseAddress.map {
                UnsafePointer<UInt8>($0)
            }
            guard let object = d2i_ASN1_OBJECT(nil, &cursor, buffer.count) else { return nil }
            defer { ASN1_OBJECT_free(object) }
            return ASN1Conversions.dottedOID(object)
        }
    }

    /// The first OID of each SEQUENCE in a SEQUENCE OF AlgorithmIdentifier-like values,
    /// such as SMIMECapabilities (RFC 8551 s2.5.2).
    func leadingObjectIdentifiers() -> [String] {
        guard let outer = elements?.first, outer.isSequence,
              let items = children(of: outer.contents)
        else { return [] }
        return items.compactMap { item in
            guard item.isSequence, let first = children(of: item.contents)?.first else {
                return nil
            }
            return objectIdentifier(first)
        }
    }
}
