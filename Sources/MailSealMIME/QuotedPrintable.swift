import Foundation

/// Quoted-printable content transfer encoding (RFC 2045 s6.7).
public enum QuotedPrintable {
    /// RFC 2045 s6.7 rule 5: encoded lines are at most 76 characters, "=" included.
    static let lineLength = 76

    /// Encodes `data` as quoted-printable.
    ///
    /// In text mode a line break in `data` (CRLF, LF or CR) is a hard line break and comes
    /// out as CRLF; in binary mode CR and LF are encoded like any other byte. Whitespace
    /// before a line break is encoded, so it survives transports that strip it, and so is the
    /// "F" of any line (hard or soft) beginning "From " (RFC 3156 s3), so that mbox quoting
    /// cannot alter it.
    public static func encode(_ data: Data, binary: Bool = false) -> Data {
        let bytes = [UInt8](data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8 + 8)
        var column = 0, index = 0

        func emit(_ piece: [UInt8], at index: Int) {
            // A soft break when this piece would pass the limit, keeping room for "=".
            let next = index + 1
            let atEndOfLine = next >= bytes.count || (!binary && isLineBreak(bytes[next]))
            let room = atEndOfLine ? lineLength : lineLength - 1
            if column + piece.count > room {
                out.append(contentsOf: [ASCII.equals, ASCII.cr, ASCII.lf])
                column = 0
            }
            let fromLine = column == 0 && piece == [0x46] && startsFromLine(bytes, at: index)
            let written = fromLine ? escaped(0x46) : piece
            out.append(contentsOf: written)
            column += written.count
        }

        while index < bytes.count {
            let byte = bytes[index]
            if !binary && isLineBreak(byte) {
                let next = index + 1
                index += byte == ASCII.cr && next < bytes.count && bytes[next] == ASCII.lf ? 2 : 1
                out.append(contentsOf: ASCII.crlf)
                column = 0
                continue
            }
            let next = index + 1
            let beforeBreak = next >= bytes.count || (!binary && isLineBreak(bytes[next]))
            let literal: Bool
            switch byte {
            case ASCII.space, ASCII.tab: literal = !beforeBreak
            case ASCII.equals: literal = false
            case 33...126: literal = true
            default: literal = false
            }
            emit(literal ? [byte] : escaped(byte), at: index)
            index = next
        }
        return Data(out)
    }

    /// Decodes quoted-printable, leniently: soft breaks after CRLF or LF, hex in either case,
    /// a stray "=" kept as it is, and whitespace at the end of a line removed (RFC 2045 s6.7
    /// rule 3). A hard line break, CRLF or LF, decodes to CRLF: it stands for the line break
    /// of the canonical form (RFC 2045 s6.7 rule 4).
    public static func decode(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != ASCII.lf { lineEnd += 1 }
            var textEnd = lineEnd
            if lineEnd < bytes.count && lineEnd > lineStart && bytes[lineEnd - 1] == ASCII.cr {
                textEnd -= 1
            }
            while textEnd > lineStart && ASCII.isWhitespace(bytes[textEnd - 1]) { textEnd -= 1 }
            let soft = textEnd > lineStart && bytes[textEnd - 1] == ASCII.equals
            decodeLine(bytes[lineStart..<(soft ? textEnd - 1 : textEnd)], into: &out)
            if !soft && lineEnd < bytes.count { out.append(contentsOf: ASCII.crlf) }
            lineStart = lineEnd + 1
        }
        return Data(out)
    }

    private static func decodeLine(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if byte == ASCII.equals, line.endIndex - index >= 3,
               let high = ASCII.hexValue(line[index + 1]),
               let low = ASCII.hexValue(line[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == ASCII.cr || byte == ASCII.lf }

    private static func startsFromLine(_ bytes: [UInt8], at index: Int) -> Bool {
        let from: [UInt8] = [0x46, 0x72, 0x6F, 0x6D, 0x20]
        return bytes.count - index >= 5 && Array(bytes[index..<index + 5]) == from
    }

    private static func escaped(_ byte: UInt8) -> [UInt8] {
        let hex = ASCII.upperHexDigits
        return [ASCII.equals, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
    }
}
