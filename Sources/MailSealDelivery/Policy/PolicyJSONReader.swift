import Foundation

/// A strict RFC 8259 reader: no comments, no trailing commas, no duplicate keys.
struct PolicyJSONReader {
    /// Why the text is not JSON, and where.
    struct Failure: Error, Equatable {
        var reason: String
        var line: Int
        var column: Int
    }

    private static let depthLimit = 32

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    static func parse(_ data: Data) throws -> PolicyJSON {
        var reader = PolicyJSONReader(bytes: Array(data))
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else {
            throw reader.failure("unexpected text after the end of the JSON value")
        }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: - Values

    private mutating func value(depth: Int) throws -> PolicyJSON {
        guard depth < Self.depthLimit else { throw failure("nested too deeply") }
        guard let byte = peek() else { throw failure("unexpected end of the file") }
        let (startLine, startColumn) = (line, index - lineStart + 1)
        let kind: PolicyJSON.Kind
        switch byte {
        case UInt8(ascii: "{"): kind = .object(try object(depth: depth))
        case UInt8(ascii: "["): kind = .array(try array(depth: depth))
        case UInt8(ascii: "\""): kind = .string(try string())
        case UInt8(ascii: "t"): try literal("true"); kind = .bool(true)
        case UInt8(ascii: "f"): try literal("false"); kind = .bool(false)
        case UInt8(ascii: "n"): try literal("null"); kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .number(try number())
        default: throw failure("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
        return PolicyJSON(kind: kind, line: startLine, column: startColumn)
    }

    private mutating func object(depth: Int) throws -> [PolicyJSON.Member] {
        index += 1
        var members: [PolicyJSON.Member] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; return members }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
            let keyLine = line
            let key = try string()
            if members.contains(where: { $0.key == key }) {
                throw failure("the key \"\(key)\" is given twice", line: keyLine)
            }
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { throw failure("expected ':' after \"\(key)\"") }
            skipWhitespace()
            let member = try value(depth: depth + 1)
            members.append(PolicyJSON.Member(key: key, line: keyLine, value: member))
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            if take(UInt8(ascii: "}")) { return members }
            throw failure("expected ',' or '}' in an object")
        }
    }

    private mutating func array(depth: Int) throws -> [PolicyJSON] {
        index += 1
        var elements: [PolicyJSON] = []
        skipWhitespace()
        if take(UInt8(ascii: "]")) { return elements }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            if take(UInt8(ascii: "]")) { return elements }
            throw failure("expected ',' or ']' in an array")
        }
    }

    private mutating func string() throws -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw = []
        }
        while let byte = peek() {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                scalars.append(try escape())
            case 0..<0x20:
                throw failure(byte == 0x0A ? "a string runs past the end of the line"
                                           : "a control character inside a string")
            default:
                raw.append(byte)
            }
        }
        throw failure("a string is not closed")
    }

    private mutating func escape() throws -> Unicode.Scalar {
        guard let byte = peek() else { throw failure("a string is not closed") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hexQuad()
            if (0xD800..<0xDC00).contains(high) {
                guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")) else {
                    throw failure("a lone UTF-16 surrogate in a \\u escape")
                }
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low),
                      let scalar = Unicode.Scalar(0x10000 + (high - 0xD800) << 10 + (low - 0xDC00))
                else { throw failure("a bad UTF-16 surrogate pair in a \\u escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else {
                throw failure("a lone UTF-16 surrogate in a \\u escape")
            }
            return scalar
        default:
            throw failure("unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func hexQuad() throws -> UInt32 {
        let digits = index + 4 <= bytes.count
            ? String(decoding: bytes[index..<index + 4], as: UTF8.self) : ""
        guard let value = UInt32(digits, radix: 16) else {
            throw failure("expected four hex digits after \\u")
        }
        index += 4
        return value
    }

    private mutating func number() throws -> Double {
        let start = index
        _ = take(UInt8(ascii: "-"))
        guard let first = peek(), isDigit(first) else { throw failure("a malformed number") }
        if first == UInt8(ascii: "0") { index += 1 } else { digits() }
        if take(UInt8(ascii: ".")) {
            guard let next = peek(), isDigit(next) else { throw failure("a malformed number") }
            digits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard let next = peek(), isDigit(next) else { throw failure("a malformed number") }
            digits()
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
            throw failure("a malformed number")
        }
        return value
    }

    private mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count,
              Array(bytes[index..<index + expected.count]) == expected
        else { throw failure("unexpected word; expected \(word)") }
        index += expected.count
    }

    // MARK: - Helpers

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    private func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private mutating func digits() {
        while let byte = peek(), isDigit(byte) { index += 1 }
    }

    private mutating func skipWhitespace() {
        while let byte = peek() {
            switch byte {
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            case 0x20, 0x09, 0x0D:
                index += 1
            default:
                return
            }
        }
    }

    private func failure(_ reason: String, line given: Int? = nil) -> Failure {
        Failure(reason: reason, line: given ?? line, column: index - lineStart + 1)
    }
}
