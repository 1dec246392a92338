import Foundation

/// The leading packet headers of OpenPGP data (RFC 4880 s4.2, RFC 9580 s4.2).
///
/// Only headers and the first body octet (the packet's version) are read; GnuPG does
/// the parsing that matters. Used to name formats that GnuPG 2.2 cannot read.
struct OpenPGPPacketScan {
    struct Packet: Equatable {
        /// The packet tag (RFC 9580 s5): 1 PKESK, 3 SKESK, 9 SED, 18 SEIPD...
        let tag: Int
        /// The first body octet, which is the version for versioned packets.
        let version: Int?
    }

    /// The packets found, in order, up to the first encrypted or literal data packet.
    let packets: [Packet]

    /// Scans binary or armored OpenPGP data; nil when it cannot be read as packets.
    init?(_ data: Data, limit: Int = 10_000) {
        let binary: Data
        if OpenPGPArmor.isArmored(data) {
            guard let decoded = OpenPGPArmor.decode(data) else { return nil }
            binary = decoded
        } else {
            binary = data
        }
        guard let packets = OpenPGPPacketScan.walk([UInt8](binary), limit: limit) else {
            return nil
        }
        self.packets = packets
    }

    /// Packet tags after which the rest is one opaque body that need not be walked.
    static let dataPackets: Set<Int> = [8, 9, 11, 18, 20]

    private static func walk(_ bytes: [UInt8], limit: Int) -> [Packet]? {
        var packets: [Packet] = []
        var offset = 0
        while offset < bytes.count, packets.count < limit {
            guard let header = Header(bytes, at: offset) else { return nil }
            let bodyStart = offset + header.size
            let version = bodyStart < bytes.count ? Int(bytes[bodyStart]) : nil
            packets.append(Packet(tag: header.tag, version: version))
            if dataPackets.contains(header.tag) { break }
            guard let end = header.bodyEnd(in: bytes, from: bodyStart) else { return nil }
            offset = end
        }
        return packets.isEmpty ? nil : packets
    }
}

/// One packet header: the tag and how the body's length is encoded.
private struct Header {
    let tag: Int
    /// Octets of the header itself.
    let size: Int
    /// The body length, or nil for a partial or indeterminate length.
    let length: Int?

    init?(_ bytes: [UInt8], at offset: Int) {
        let first = Int(bytes[offset])
        guard first & 0x80 != 0 else { return nil }
        if first & 0x40 != 0 {
            tag = first & 0x3F
            guard let (length, size) = Header.newLength(bytes, at: offset + 1) else { return nil }
            self.length = length
            self.size = 1 + size
        } else {
            // Old format (RFC 4880 s4.2.1): tag in bits 5-2, length type in bits 1-0.
            tag = (first >> 2) & 0x0F
            let octets = [1, 2, 4, 0][first & 0x03]
            guard offset + 1 + octets <= bytes.count else { return nil }
            length = octets == 0 ? nil
                : bytes[(offset + 1)..<(offset + 1 + octets)].reduce(0) { $0 << 8 | Int($1) }
            size = 1 + octets
        }
    }

    /// A new-format length (RFC 4880 s4.2.2); nil length for a partial body length.
    private static func newLength(_ bytes: [UInt8], at offset: Int) -> (Int?, Int)? {
        guard offset < bytes.count else { return nil }
        let first = Int(bytes[offset])
        switch first {
        case 0..<192:
            return (first, 1)
        case 192..<224:
            guard offset + 1 < bytes.count else { return nil }
            return (((first - 192) << 8) + Int(bytes[offset + 1]) + 192, 2)
        case 255:
            guard offset + 4 < bytes.count else { return nil }
            return (bytes[(offset + 1)...(offset + 4)].reduce(0) { $0 << 8 | Int($1) }, 5)
        default:
            return (nil, 1)
        }
    }

    /// Where the body ends; partial lengths are only allowed on data packets.
    func bodyEnd(in bytes: [UInt8], from start: Int) -> Int? {
        guard let length, start + length <= bytes.count else { return nil }
        return start + length
    }
}
