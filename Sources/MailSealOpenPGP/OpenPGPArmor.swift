import Foundation

/// Just enough of ASCII Armor (RFC 4880 s6.2, RFC 9580 s6.2) to look at packet headers.
///
/// GnuPG does the real decoding; this only lets MailSeal recognise formats that GnuPG 2.2
/// would reject with a vague error, so that it can name them.
enum OpenPGPArmor {
    /// Whether `data` starts, after white space, with an armor header line.
    static func isArmored(_ data: Data) -> Bool {
        let start = data.prefix(256).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        return start.starts(with: Array("-----BEGIN PGP ".utf8))
    }

    /// The binary packets of every armored block in `data` (cleartext signatures skipped),
    /// or nil when a block's base64 does not decode.
    static func decode(_ data: Data) -> Data? {
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r")) }

        var binary = Data()
        var index = 0
        var foundBlock = false
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.hasPrefix("-----BEGIN PGP "), !line.contains("SIGNED MESSAGE") else {
                continue
            }
            guard let block = decodeBlock(lines, from: &index) else { return nil }
            binary.append(block)
            foundBlock = true
        }
        return foundBlock ? binary : nil
    }

    /// Skips the armor headers up to the blank line, then decodes up to the checksum or
    /// the tail line (RFC 4880 s6.2: `=` starts the CRC-24, `-----END` ends the block).
    private static func decodeBlock(_ lines: [String], from index: inout Int) -> Data? {
        while index < lines.count, !lines[index].isEmpty, lines[index].contains(":") {
            index += 1
        }
        var body = ""
        var ended = false
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.hasPrefix("-----END PGP ") {
                ended = true
                break
            }
            if line.hasPrefix("="), line.count == 5 { continue }
            body += line
        }
        // A block cut off before its tail line: decode the whole quartets, so that the
        // packet scan can name the truncation that GnuPG reports only as "no data".
        if !ended { body = String(body.prefix(body.count / 4 * 4)) }
        return Data(base64Encoded: body)
    }
}
