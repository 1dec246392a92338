import Foundation

// MARK: - Armor checksums for GnuPG 2.2

extension OpenPGPArmor {
    /// `data` with a CRC-24 line added to every armored block that has none.
    ///
    /// RFC 9580 s6.1 makes the checksum optional (and newer implementations omit it), but
    /// GnuPG 2.2 then reads the tail line as base64 and fails after a good result. Adding
    /// the checksum RFC 4880 s6.1 defines changes no packet. Cleartext is never touched:
    /// only lines inside armored blocks are looked at, and data is returned as is when
    /// every block already has a checksum.
    static func addingMissingChecksums(_ data: Data) -> Data {
        guard data.range(of: Data("-----BEGIN PGP ".utf8)) != nil else { return data }

        var output = Data()
        var changed = false
        var block: Block?
        for line in lines(of: data) {
            let text = trimmed(line)
            if block != nil {
                if text.starts(with: Array("-----END PGP ".utf8)) {
                    if let current = block, !current.hasChecksum,
                       let checksum = current.checksumLine(ending: line) {
                        output.append(checksum)
                        changed = true
                    }
                    block = nil
                } else {
                    // In place: a copy of the block would copy its whole body every line.
                    block!.add(text)
                }
            } else if text.starts(with: Array("-----BEGIN PGP ".utf8)),
                      !text.starts(with: Array("-----BEGIN PGP SIGNED MESSAGE".utf8)) {
                block = Block()
            }
            output.append(line)
        }
        return changed ? output : data
    }

    /// The lines of `data`, each with its own line ending kept.
    private static func lines(of data: Data) -> [Data] {
        var lines: [Data] = []
        var start = data.startIndex
        while let newline = data[start...].firstIndex(of: 0x0A) {
            lines.append(data[start...newline])
            start = data.index(after: newline)
        }
        if start < data.endIndex { lines.append(data[start...]) }
        return lines
    }

    /// A line without its line ending and trailing white space.
    private static func trimmed(_ line: Data) -> Data {
        let blank: [UInt8] = [0x0A, 0x0D, 0x20, 0x09]
        var end = line.endIndex
        while end > line.startIndex, blank.contains(line[line.index(before: end)]) {
            end = line.index(before: end)
        }
        return line[line.startIndex..<end]
    }

    /// The armor headers and base64 body of one block, as read so far.
    private struct Block {
        var inHeaders = true
        var body = Data()
        var hasChecksum = false

        mutating func add(_ text: Data) {
            if inHeaders {
                // Armor headers end at the blank line (RFC 9580 s6.2).
                if text.isEmpty { inHeaders = false }
                if text.contains(UInt8(ascii: ":")) || text.isEmpty { return }
                inHeaders = false
            }
            if text.first == UInt8(ascii: "="), text.count == 5 {
                hasChecksum = true
            } else {
                body.append(text)
            }
        }

        /// `=` and the base64 CRC-24 of the decoded body, ended like `line`.
        func checksumLine(ending line: Data) -> Data? {
            guard let packets = Data(base64Encoded: body) else { return nil }
            let crc = OpenPGPArmor.crc24(packets)
            let octets = Data([UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
            let ending = line.reversed().starts(with: [0x0A, 0x0D]) ? "\r\n" : "\n"
            return Data(("=" + octets.base64EncodedString() + ending).utf8)
        }
    }

    /// The CRC-24 of RFC 4880 s6.1.
    static func crc24(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xB7_04CE
        for octet in data {
            crc ^= UInt32(octet) << 16
            for _ in 0..<8 {
                crc <<= 1
                if crc & 0x100_0000 != 0 { crc ^= 0x186_4CFB }
            }
        }
        return crc & 0xFF_FFFF
    }
}
