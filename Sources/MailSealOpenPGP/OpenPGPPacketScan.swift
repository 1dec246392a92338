import Foundation

/// The leading packet headers of OpenPGP data (RFC 4880 s4.2, RFC 9580 s4.2).
///
/// Only headers and the first body octet (the packet's version) are read; GnuPG does
/// the parsing that matters. Used to name formats that GnuPG 2.2 cannot read, and
/// truncation, which GnuPG reports only as "no data".
struct OpenPGPPacketScan {
    struct Packet: Equatable {
        /// The packet tag (RFC 9580 s5): 1 PKESK, 3 SKESK, 9 SED, 18 SEIPD...
        let tag: Int
        /// The first body octet, which is the version for versioned packets.
        let version: Int?
    }

    /// The packets found, in order, up to the first encrypted or literal data packet.
    let packets: [Packet]

    /// The tag of the packet whose body runs past the end of the data, if one does.
    let truncatedTag: Int?

    /// Scans binary or armored OpenPGP data; nil when it cannot be read as packets.
    init?(_ data: Data, limit: Int = 10_000) {
        let binary: Data
        if OpenPGPArmor.isArmored(data) {
            guard let decoded = OpenPGPArmor.decode(data) else { return nil }
            binary = decoded
        } else {
            binary = data
        }

        let bytes = [UInt8](binary)
        var packets: [Packet] = []
        var truncatedTag: Int?
        var offset = 0
        while offset < bytes.count, packets.count < limit {
            guard let header = Header(bytes, at: offset) else { return nil }
            let bodyStart = offset + header.size
            let version = bodyStart < bytes.count ? Int(bytes[bodyStart]) : nil
            packets.append(Packet(tag: header.tag, version: version))

            guard let end = header.bodyEnd(in: bytes, from: bodyStart), end <= bytes.count else {
                truncatedTag = header.tag
                break
            }
            if OpenPGPPacketScan.dataPackets.contains(header.tag) { break }
            offset = end
        }
        guard !packets.isEmpty else { return nil }
        self.packets = packets
        self.truncatedTag = truncatedTag
    }

    /// Packet tags after which the rest is one opaque body that need not be walked.
    static let dataPackets: Set<Int> = [8, 9, 11, 18, 20]
}

/// One packet header: the tag and how the body's length is encoded.
private struct Header {
    enum Length {
        case definite(Int)
        /// A first chunk of a partial body length (RFC 4880 s4.2.2.4).
        case partial(Int)
        /// The old format's "until the end of the data".
        case indeterminate
    }

    let tag: Int
    /// Octets of the header itself.
    let size: Int
    let length: Length

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
            let value = bytes[(offset + 1)..<(offset + 1 + octets)].reduce(0) { $0 << 8 | Int($1) }
            length = octets == 0 ? .indeterminate : .definite(value)
            size = 1 + octets
        }
    }

    /// A new-format length (RFC 4880 s4.2.2) and how many octets encode it.
    static func newLength(_ bytes: [UInt8], at offset: Int) -> (Length, Int)? {
        guard offset < bytes.count else { return nil }
        let first = Int(bytes[offset])
        switch first {
        case 0..<192:
            return (.definite(first), 1)
        case 192..<224:
            guard offset + 1 < bytes.count else { return nil }
            return (.definite(((first - 192) << 8) + Int(bytes[offset + 1]) + 192), 2)
        case 255:
            guard offset + 4 < bytes.count else { return nil }
            let value = bytes[(offset + 1)...(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            return (.definite(value), 5)
        default:
            return (.partial(1 << (first & 0x1F)), 1)
        }
    }

    /// Where the body ends, following partial chunks; nil (or past the end) if cut short.
    func bodyEnd(in bytes: [UInt8], from start: Int) -> Int? {
        var position = start
        var current = length
        while true {
            switch current {
            case .indeterminate:
                return bytes.count
            case .definite(let count):
                return position + count
            case .partial(let count):
                position += count
                guard position < bytes.count,
                      let (next, size) = Header.newLength(bytes, at: position) else { return nil }
                position += size
                current = next
            }
        }
    }
}
