/// Writes `value; name=value` header values (RFC 2045 s5.1), quoting where needed and using
/// RFC 2231 for values that are not ASCII.
enum ParameterWriter {
    static func headerValue(_ leading: String, _ parameters: [MIMEParameter]) -> String {
        var pieces = [leading]
        for parameter in parameters {
            pieces.append(contentsOf: write(parameter))
        }
        return pieces.joined(separator: "; ")
    }

    private static func write(_ parameter: MIMEParameter) -> [String] {
        let name = parameter.name
        let value = parameter.value
        let isPlain = value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F || $0 == ASCII.tab }
        if isPlain {
            if !value.isEmpty && value.utf8.allSatisfy(ASCII.isTokenByte) {
                return ["\(name)=\(value)"]
            }
            return ["\(name)=\(quoted(value))"]
        }
        let sections = encodedSections(value, name: name)
        if sections.count == 1 { return ["\(name)*=utf-8''\(sections[0])"] }
        return sections.enumerated().map { number, text in
            number == 0 ? "\(name)*0*=utf-8''\(text)" : "\(name)*\(number)*=\(text)"
        }
    }

    /// A quoted-string of RFC 5322 s3.2.4; line breaks cannot be quoted and become spaces.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"", "\\": out += "\\\(scalar)"
            case "\r", "\n": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The UTF-8 of `value` percent-encoded (RFC 2231 s7 attribute-char), cut into sections
    /// at character boundaries so each section decodes on its own, each short enough that
    /// ` name*N*=section;` fits a folded header line.
    private static func encodedSections(_ value: String, name: String) -> [String] {
        func budget(_ number: Int) -> Int {
            let overhead = 1 + name.utf8.count + String(number).count + 4
            return HeaderFolding.lineLength - overhead - (number == 0 ? 7 : 0)
        }

        var sections: [String] = []
        var current = ""
        for character in value {
            var piece = ""
            for byte in String(character).utf8 {
                if isAttributeByte(byte) {
                    piece.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    let hex = ASCII.upperHexDigits
                    piece += "%" + String(UnicodeScalar(hex[Int(byte >> 4)]))
                        + String(UnicodeScalar(hex[Int(byte & 0x0F)]))
                }
            }
            if !current.isEmpty && current.utf8.count + piece.utf8.count > budget(sections.count) {
                sections.append(current)
                current = ""
            }
            current += piece
        }
        sections.append(current)
        return sections
    }

    /// RFC 2231 s7: attribute-char excludes space, controls, "*", "'", "%" and tspecials.
    private static func isAttributeByte(_ byte: UInt8) -> Bool {
        ASCII.isTokenByte(byte) && byte != 0x2A && byte != 0x27 && byte != 0x25
    }
}
