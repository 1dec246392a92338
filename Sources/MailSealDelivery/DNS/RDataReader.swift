import Foundation

/// Reads the fields of one record's RDATA, failing with the record's type in the reason.
struct RDataReader {
    private let bytes: [UInt8]
    private let type: DNSRecordType
    private var offset = 0

    init(_ rdata: Data, type: DNSRecordType) {
        self.bytes = [UInt8](rdata)
        self.type = type
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func uint8() throws -> UInt8 {
        guard offset < bytes.count else { throw malformed("ends early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16() throws -> UInt16 {
        let high = try uint8(), low = try uint8()
        return UInt16(high) << 8 | UInt16(low)
    }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard count <= bytes.count - offset else { throw malformed("ends early") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func rest() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(bytes[offset...])
    }

    /// A `<character-string>`: a length octet and that many octets (RFC 1035 s3.3).
    mutating func characterString() throws -> [UInt8] {
        try bytes(Int(try uint8()))
    }

    /// An uncompressed domain name (RFC 1035 s3.1), as text without the final dot; the
    /// root is `.`. libunbound hands RDATA over with compression already undone.
    mutating func domainName() throws -> String {
        var labels: [String] = []
        while true {
            let length = Int(try uint8())
            if length == 0 { break }
            guard length < 64 else { throw malformed("has a compressed or oversized label") }
            labels.append(Self.presentation(try bytes(length)))
        }
        return labels.isEmpty ? "." : labels.joined(separator: ".")
    }

    /// Fails unless every octet was read: trailing data means the record is not understood.
    func finish() throws {
        guard isAtEnd else { throw malformed("has \(bytes.count - offset) octets too many") }
    }

    func malformed(_ problem: String) -> DeliveryError {
        DeliveryError(.dnsMalformedRecord, "a \(type) record \(problem)")
    }

    /// A label as in a zone file: dots and backslashes escaped, other odd octets as \DDD.
    private static func presentation(_ label: [UInt8]) -> String {
        var text = ""
        for octet in label {
            switch octet {
            case UInt8(ascii: "."), UInt8(ascii: "\\"):
                text += "\\" + String(UnicodeScalar(octet))
            case 0x21...0x7E:
                text += String(UnicodeScalar(octet))
            default:
                text += "\\" + String(format: "%03d", octet)
            }
        }
        return text
    }
}
