import Foundation

extension Header {
    /// The fields as they go on the wire: each folded at whitespace to at most 78 columns
    /// where the value allows it, each ending in CRLF, with no blank line after them.
    public func serialized() -> Data {
        var out = Data()
        for field in fields { HeaderFolding.append(field, to: &out) }
        return out
    }
}

/// Folding of RFC 5322 s2.2.3: a line break may go before any whitespace, nowhere else.
enum HeaderFolding {
    /// RFC 5322 s2.1.1: lines SHOULD be no longer than 78 characters without the CRLF.
    static let lineLength = 78

    static func append(_ field: HeaderField, to out: inout Data) {
        let name = sanitizedName(field.name)
        let value = sanitizedValue(field.value)
        var line = name
        line.append(ASCII.colon)
        if !value.isEmpty {
            line.append(ASCII.space)
            line.append(contentsOf: value)
        }
        out.append(contentsOf: fold(line, after: name.count))
    }

    /// Breaks `line` into lines of at most `lineLength` bytes, each ending in CRLF.
    /// The first break is allowed right after the colon, only when the first word needs it.
    static func fold(_ line: [UInt8], after nameLength: Int) -> [UInt8] {
        let lastText = line.lastIndex { !ASCII.isWhitespace($0) } ?? 0
        var candidates: [Int] = []
        var index = nameLength + 1
        while index < lastText {
            if ASCII.isWhitespace(line[index]) && !ASCII.isWhitespace(line[index - 1]) {
                candidates.append(index)
            }
            index += 1
        }

        var out: [UInt8] = []
        out.reserveCapacity(line.count + 8)
        var start = 0, next = 0
        while line.count - start > lineLength {
            var chosen: Int?
            while next < candidates.count && candidates[next] - start <= lineLength {
                chosen = candidates[next]
                next += 1
            }
            if chosen == nil, next < candidates.count {
                // One word is longer than a line: break after it, as late as allowed.
                chosen = candidates[next]
                next += 1
            }
            guard let cut = chosen else { break }
            out.append(contentsOf: line[start..<cut])
            out.append(contentsOf: ASCII.crlf)
            start = cut
        }
        out.append(contentsOf: line[start...])
        out.append(contentsOf: ASCII.crlf)
        return out
    }

    /// A name cannot hold a colon, whitespace or control bytes; each such byte becomes "-".
    static func sanitizedName(_ name: String) -> [UInt8] {
        let bytes = name.utf8.map { ASCII.isFieldNameByte($0) ? $0 : ASCII.hyphen }
        return bytes.isEmpty ? Array("X-Unnamed".utf8) : bytes
    }

    /// A value cannot break the line: a line break before whitespace is unfolded,
    /// any other CR or LF becomes a space, so no value can inject a field.
    static func sanitizedValue(_ value: String) -> [UInt8] {
        let bytes = Array(value.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == ASCII.cr || byte == ASCII.lf else {
                out.append(byte)
                index += 1
                continue
            }
            var end = index + 1
            if byte == ASCII.cr, end < bytes.count, bytes[end] == ASCII.lf { end += 1 }
            let folded = end < bytes.count && ASCII.isWhitespace(bytes[end])
            if !folded { out.append(ASCII.space) }
            index = end
        }
        return out
    }
}
