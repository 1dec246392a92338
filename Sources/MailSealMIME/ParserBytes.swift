import Foundation

/// The parser's view of its input: a pointer and a length, read without copying.
struct Bytes {
    let base: UnsafePointer<UInt8>
    let count: Int

    subscript(_ index: Int) -> UInt8 { base[index] }

    func starts(with prefix: [UInt8], at offset: Int) -> Bool {
        guard count - offset >= prefix.count else { return false }
        for (index, byte) in prefix.enumerated() where base[offset + index] != byte {
            return false
        }
        return true
    }

    /// Where the line at `start` ends: `contentEnd` before its CRLF or LF, `next` after it.
    func lineEnd(from start: Int) -> (contentEnd: Int, next: Int) {
        guard let found = memchr(base + start, Int32(ASCII.lf), count - start) else {
            return (count, count)
        }
        let lf = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        let contentEnd = lf > start && base[lf - 1] == ASCII.cr ? lf - 1 : lf
        return (contentEnd, lf + 1)
    }

    /// The length of the line break just before `offset`: 2 for CRLF, 1 for LF, else 0.
    func lineBreakLength(before offset: Int) -> Int {
        guard offset >= 1, base[offset - 1] == ASCII.lf else { return 0 }
        return offset >= 2 && base[offset - 2] == ASCII.cr ? 2 : 1
    }

    /// Whether `line` is a delimiter of `boundary` (RFC 2046 s5.1.1): nil if not, true for
    /// the close delimiter. Trailing whitespace (transport padding) is allowed.
    func delimiter(_ boundary: [UInt8], in line: Line) -> Bool? {
        guard !boundary.isEmpty, line.end - line.start >= 2 + boundary.count,
              starts(with: boundary, at: line.start + 2) else { return nil }
        var index = line.start + 2 + boundary.count
        var isClose = false
        if line.end - index >= 2, base[index] == ASCII.hyphen, base[index + 1] == ASCII.hyphen {
            isClose = true
            index += 2
        }
        while index < line.end {
            guard ASCII.isWhitespace(base[index]) else { return nil }
            index += 1
        }
        return isClose
    }

    enum HeaderLineKind {
        case field, continuation, malformed
    }

    /// RFC 5322 s2.2: a field is a name of printable ASCII, then a colon; whitespace
    /// before the colon is the obsolete syntax of s4.5 and is accepted.
    func headerLineKind(_ line: Line) -> HeaderLineKind {
        if ASCII.isWhitespace(base[line.start]) { return .continuation }
        var index = line.start
        while index < line.end, ASCII.isFieldNameByte(base[index]) { index += 1 }
        guard index > line.start else { return .malformed }
        while index < line.end, ASCII.isWhitespace(base[index]) { index += 1 }
        return index < line.end && base[index] == ASCII.colon ? .field : .malformed
    }

    /// The fields of header lines, continuation lines unfolded into the field before them
    /// (RFC 5322 s2.2.3) and the value trimmed of surrounding whitespace.
    func header(from lines: [Range<Int>]) -> Header {
        var fields: [HeaderField] = []
        var name = ""
        var value: [UInt8] = []
        func finish() {
            guard !name.isEmpty else { return }
            fields.append(HeaderField(name, valueString(value)))
        }
        for line in lines {
            if ASCII.isWhitespace(base[line.lowerBound]) {
                value.append(contentsOf: UnsafeBufferPointer(start: base + line.lowerBound,
                                                             count: line.count))
                continue
            }
            finish()
            var colon = line.lowerBound
            while base[colon] != ASCII.colon { colon += 1 }
            var nameEnd = colon
            while nameEnd > line.lowerBound, ASCII.isWhitespace(base[nameEnd - 1]) { nameEnd -= 1 }
            name = ASCII.string(UnsafeBufferPointer(start: base + line.lowerBound,
                                                    count: nameEnd - line.lowerBound))
            value = Array(UnsafeBufferPointer(start: base + colon + 1,
                                              count: line.upperBound - colon - 1))
        }
        finish()
        return Header(fields)
    }

    private func valueString(_ value: [UInt8]) -> String {
        var start = 0, end = value.count
        while start < end, ASCII.isWhitespace(value[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(value[end - 1]) || value[end - 1] == ASCII.cr {
            end -= 1
        }
        return ASCII.string(value[start..<end])
    }
}
