import Foundation

extension EncodedWord {
    /// `value` with its encoded words decoded.
    ///
    /// Whitespace between two encoded words is dropped (RFC 2047 s6.2) and their octets are
    /// joined before charset conversion when they share a charset, so a character split
    /// between words survives. Leniently, words inside other text are decoded too, and an
    /// unknown charset falls back to UTF-8, then ISO-8859-1. One linear pass.
    public static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        let bytes = Array(value.utf8)
        var out = ""
        var pending = Data()
        var pendingCharset: String?
        var index = 0
        var afterWord = false
        var terminatorsLeft = true

        func flush() {
            guard pendingCharset != nil else { return }
            out += Charset.decodeLeniently(pending, charset: pendingCharset)
            pending = Data()
            pendingCharset = nil
        }

        while index < bytes.count {
            guard terminatorsLeft, let start = find(bytes, ASCII.equals, 0x3F, from: index) else {
                break
            }
            guard let word = parseWord(bytes, at: start, terminatorsLeft: &terminatorsLeft) else {
                flush()
                out += String(decoding: bytes[index..<start + 2], as: UTF8.self)
                index = start + 2
                afterWord = false
                continue
            }
            let between = bytes[index..<start]
            if !(afterWord && between.allSatisfy(isFoldingSpace)) {
                flush()
                out += String(decoding: between, as: UTF8.self)
            }
            if let charset = pendingCharset, !ASCII.equalsIgnoringCase(charset, word.charset) {
                flush()
            }
            pendingCharset = word.charset
            pending.append(word.octets)
            index = word.end
            afterWord = true
        }
        flush()
        if index < bytes.count { out += String(decoding: bytes[index...], as: UTF8.self) }
        return out
    }

    private struct Word {
        var charset: String
        var octets: Data
        var end: Int
    }

    /// Reads `=?charset?X?text?=` at `start`; the charset may carry an RFC 2231 `*language`.
    private static func parseWord(_ bytes: [UInt8], at start: Int,
                                  terminatorsLeft: inout Bool) -> Word? {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, index - charsetStart <= 64, isCharsetByte(bytes[index]) {
            index += 1
        }
        guard index > charsetStart, index + 2 < bytes.count, bytes[index] == 0x3F,
              bytes[index + 2] == 0x3F else { return nil }
        let charsetText = String(decoding: bytes[charsetStart..<index], as: UTF8.self)
        let charset = String(charsetText.split(separator: "*").first ?? "")
        let method = ASCII.lowercase(bytes[index + 1])
        guard method == 0x62 || method == 0x71, !charset.isEmpty else { return nil }
        let textStart = index + 3
        guard let textEnd = find(bytes, 0x3F, ASCII.equals, from: textStart) else {
            // No "?=" anywhere further on: no later word can be complete either.
            terminatorsLeft = false
            return nil
        }
        let text = Data(bytes[textStart..<textEnd])
        let octets = method == 0x62 ? ((try? Base64.decode(text)) ?? Data()) : qDecoded(text)
        return Word(charset: charset, octets: octets, end: textEnd + 2)
    }

    /// RFC 2047 s4.2: "_" is a space, "=XX" a byte, anything else itself.
    private static func qDecoded(_ text: Data) -> Data {
        let bytes = [UInt8](text)
        var out = Data(capacity: bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x5F {
                out.append(ASCII.space)
            } else if byte == ASCII.equals, index + 2 < bytes.count,
                      let high = ASCII.hexValue(bytes[index + 1]),
                      let low = ASCII.hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    private static func find(_ bytes: [UInt8], _ first: UInt8, _ second: UInt8,
                             from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == first && bytes[index + 1] == second { return index }
            index += 1
        }
        return nil
    }

    private static func isCharsetByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != 0x3F && byte != 0x28 && byte != 0x29
    }

    private static func isFoldingSpace(_ byte: UInt8) -> Bool {
        ASCII.isWhitespace(byte) || byte == ASCII.cr || byte == ASCII.lf
    }
}
