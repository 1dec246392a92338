import Foundation

/// Reads `value; name=value; ...` header values (RFC 2045 s5.1) and assembles RFC 2231
/// parameters: continuations (`name*0`, `name*1`) and charset'language'%XX values.
struct ParameterParser {
    /// The value before the first ";" (for example `text/plain`), without comments.
    var leading: String = ""
    var parameters: [MIMEParameter] = []

    /// One `name=value` as written, before RFC 2231 assembly.
    private struct RawParameter {
        var name: String
        var value: String
    }

    init(_ headerValue: String) {
        var scanner = StructuredScanner(headerValue)
        var leadingWords: [String] = []
        while true {
            scanner.skipCFWS()
            if scanner.isAtEnd || scanner.peek() == 0x3B { break }
            if scanner.peek() == 0x22 {
                leadingWords.append(scanner.readQuotedString())
            } else if let word = scanner.readAtom(until: { $0 == 0x3B }) {
                leadingWords.append(word)
            }
        }
        leading = leadingWords.joined()

        var raw: [RawParameter] = []
        while !scanner.isAtEnd {
            guard scanner.consume(0x3B) else {
                scanner.skip(past: 0x3B)
                continue
            }
            scanner.skipCFWS()
            guard let name = scanner.readAtom(until: { $0 == 0x3D || $0 == 0x3B }) else {
                continue
            }
            scanner.skipCFWS()
            guard scanner.consume(0x3D) else { continue }
            raw.append(RawParameter(name: ASCII.lowercased(name), value: Self.readValue(&scanner)))
        }
        parameters = Self.assemble(raw)
    }

    /// A quoted string, or words up to the next ";" joined by single spaces (lenient:
    /// unquoted values with spaces are common).
    private static func readValue(_ scanner: inout StructuredScanner) -> String {
        var words: [String] = []
        while true {
            scanner.skipCFWS()
            guard let byte = scanner.peek(), byte != 0x3B else { break }
            if byte == 0x22 {
                words.append(scanner.readQuotedString())
            } else if let word = scanner.readAtom(until: { $0 == 0x3B }) {
                words.append(word)
            } else {
                scanner.index += 1
            }
        }
        return words.joined(separator: " ")
    }

    /// One piece of an RFC 2231 parameter: `name*n` or `name*n*` or `name*`.
    private struct Section {
        var number: Int
        var encoded: Bool
        var value: String
    }

    /// RFC 2231 s3 and s4: sections joined in number order, octets decoded in the charset
    /// named by the first section; an RFC 2231 form wins over a plain one of the same name.
    private static func assemble(_ raw: [RawParameter]) -> [MIMEParameter] {
        var order: [String] = []
        var seen = Set<String>()
        var plain: [String: String] = [:]
        var sections: [String: [Section]] = [:]
        for parameter in raw {
            var base = parameter.name
            var section: Section?
            if let star = parameter.name.firstIndex(of: "*") {
                base = String(parameter.name[..<star])
                let rest = parameter.name[parameter.name.index(after: star)...]
                section = Self.section(rest, value: parameter.value)
            }
            if seen.insert(base).inserted { order.append(base) }
            if let section {
                sections[base, default: []].append(section)
            } else if plain[base] == nil {
                plain[base] = parameter.value
            }
        }
        return order.compactMap { name in
            if let pieces = sections[name], let value = Self.join(pieces) {
                return MIMEParameter(name, value)
            }
            return plain[name].map { MIMEParameter(name, $0) }
        }
    }

    private static func section(_ rest: Substring, value: String) -> Section? {
        if rest.isEmpty { return Section(number: 0, encoded: true, value: value) }
        let encoded = rest.hasSuffix("*")
        guard let number = Int(encoded ? rest.dropLast() : rest), number >= 0 else { return nil }
        return Section(number: number, encoded: encoded, value: value)
    }

    private static func join(_ pieces: [Section]) -> String? {
        var seen = Set<Int>()
        let ordered = pieces.sorted { $0.number < $1.number }
            .filter { seen.insert($0.number).inserted }
        guard let first = ordered.first else { return nil }
        var charset: String?
        var octets = Data()
        for piece in ordered {
            guard piece.encoded else {
                octets.append(contentsOf: Array(piece.value.utf8))
                continue
            }
            var text = Substring(piece.value)
            if piece.number == first.number {
                // charset'language'value; both may be empty (RFC 2231 s4).
                let parts = text.split(
                    separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3 {
                    charset = parts[0].isEmpty ? nil : String(parts[0])
                    text = parts[2]
                }
            }
            octets.append(percentDecoded(text))
        }
        return Charset.decodeLeniently(octets, charset: charset)
    }

    private static func percentDecoded(_ text: Substring) -> Data {
        let bytes = Array(text.utf8)
        var out = Data(capacity: bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25, index + 2 < bytes.count,
               let high = ASCII.hexValue(bytes[index + 1]),
               let low = ASCII.hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
