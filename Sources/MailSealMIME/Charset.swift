import Foundation

/// Charset names of the IANA registry, mapped to the converters Foundation has.
enum Charset {
    /// The canonical label we write: all text we produce is UTF-8.
    static let utf8 = "utf-8"

    /// Text in `bytes` under the label `name`, or nil when the label is unknown or the bytes
    /// are not valid in it. Mislabelled text is common, so US-ASCII with 8-bit bytes is read
    /// as UTF-8 when it is valid UTF-8, and US-ASCII and ISO-8859-1 as windows-1252 (its
    /// superset), as mail readers do; neither label ever fails.
    static func decode(_ bytes: Data, charset name: String) -> String? {
        let label = normalized(name)
        if asciiLabels.contains(label) || latin1Labels.contains(label) {
            if asciiLabels.contains(label) {
                if let text = String(data: bytes, encoding: .ascii) { return text }
                if let text = String(validating: bytes, as: UTF8.self) { return text }
            }
            return String(data: bytes, encoding: windows(1252))
                ?? String(data: bytes, encoding: .isoLatin1)
        }
        guard let encoding = encoding(for: label) else { return nil }
        if encoding == .utf8 {
            var body = bytes
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
            return String(validating: body, as: UTF8.self)
        }
        return String(data: bytes, encoding: encoding)
    }

    /// Whether this platform can convert `name`.
    static func isSupported(_ name: String) -> Bool {
        let label = normalized(name)
        return asciiLabels.contains(label) || latin1Labels.contains(label)
            || encoding(for: label) != nil
    }

    /// Text in a charset we may not know: the charset, else UTF-8, else ISO-8859-1, which
    /// never fails, so that nothing is lost. For header text, where throwing is no help.
    static func decodeLeniently(_ bytes: Data, charset name: String?) -> String {
        if let name, let text = decode(bytes, charset: name) { return text }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    static func normalized(_ name: String) -> String {
        var label = ASCII.lowercased(ASCII.trimmingWhitespace(name))
        if label.hasPrefix("\"") && label.hasSuffix("\"") && label.count >= 2 {
            label = String(label.dropFirst().dropLast())
        }
        return label.replacingOccurrences(of: "_", with: "-")
    }

    private static let asciiLabels: Set<String> = [
        "us-ascii", "ascii", "ansi-x3.4-1968", "iso646-us", "us", "iso-ir-6", "cp367",
    ]

    private static let latin1Labels: Set<String> = [
        "iso-8859-1", "iso8859-1", "latin1", "l1", "cp819", "iso-ir-100", "ibm819",
    ]

    /// A CoreFoundation encoding number as a Foundation one.
    private static func cf(_ code: UInt) -> String.Encoding {
        String.Encoding(rawValue: 0x8000_0000 | code)
    }

    /// windows-1250 to windows-1258; CoreFoundation numbers 1252 first.
    private static func windows(_ page: UInt) -> String.Encoding {
        let codes: [UInt: UInt] = [
            1252: 0x0500, 1250: 0x0501, 1251: 0x0502, 1253: 0x0503, 1254: 0x0504,
            1255: 0x0505, 1256: 0x0506, 1257: 0x0507, 1258: 0x0508,
        ]
        return cf(codes[page] ?? 0x0500)
    }

    private static let table: [String: String.Encoding] = [
        "utf-8": .utf8, "utf8": .utf8, "unicode-1-1-utf-8": .utf8,
        "utf-16": .utf16, "utf-16be": .utf16BigEndian, "utf-16le": .utf16LittleEndian,
        "utf-32": .utf32, "utf-7": cf(0x0400_0100),
        "koi8-r": cf(0x0A02), "koi8-u": cf(0x0A08),
        "shift-jis": cf(0x0A01), "sjis": cf(0x0A01), "x-sjis": cf(0x0A01), "ms-kanji": cf(0x0A01),
        "windows-31j": cf(0x0420), "cp932": cf(0x0420),
        "iso-2022-jp": .iso2022JP, "csiso2022jp": .iso2022JP,
        "iso-2022-kr": cf(0x0840), "euc-kr": cf(0x0940), "cp949": cf(0x0422),
        "ks-c-5601-1987": cf(0x0422), "ks-c-5601": cf(0x0422),
        "gb2312": cf(0x0632), "gbk": cf(0x0632), "x-gbk": cf(0x0632), "gb18030": cf(0x0632),
        "euc-cn": cf(0x0632), "cp936": cf(0x0632), "hz-gb-2312": cf(0x0A05),
        "big5": cf(0x0A03), "big5-hkscs": cf(0x0A03), "cp950": cf(0x0423),
        "windows-874": cf(0x041D), "cp874": cf(0x041D),
        "ibm437": cf(0x0400), "cp437": cf(0x0400), "ibm850": cf(0x0410), "cp850": cf(0x0410),
        "macintosh": .macOSRoman, "mac": .macOSRoman, "x-mac-roman": .macOSRoman,
    ]

    /// ISO-8859 parts 2 to 16 (there is no part 12) in CoreFoundation numbering.
    private static let isoParts: [Int: UInt] = [
        2: 0x0202, 3: 0x0203, 4: 0x0204, 5: 0x0205, 6: 0x0206, 7: 0x0207, 8: 0x0208,
        9: 0x0209, 10: 0x020A, 11: 0x020B, 13: 0x020D, 14: 0x020E, 15: 0x020F, 16: 0x0210,
    ]

    private static let latinAliases: [String: Int] = [
        "latin2": 2, "latin3": 3, "latin4": 4, "cyrillic": 5, "arabic": 6, "greek": 7,
        "hebrew": 8, "latin5": 9, "latin6": 10, "latin7": 13, "latin8": 14, "latin9": 15,
        "latin10": 16, "l2": 2, "l3": 3, "l4": 4, "l5": 9, "l6": 10, "l8": 14, "l9": 15,
        "iso-8859-8-i": 8,
    ]

    static func encoding(for label: String) -> String.Encoding? {
        if let known = table[label] { return known }
        if let part = latinAliases[label], let code = isoParts[part] { return cf(code) }
        for prefix in ["iso-8859-", "iso8859-", "iso-8859"] where label.hasPrefix(prefix) {
            let rest = label.dropFirst(prefix.count)
            if let part = Int(rest), let code = isoParts[part] { return cf(code) }
        }
        for prefix in ["windows-", "cp", "x-cp"] where label.hasPrefix(prefix) {
            if let page = UInt(label.dropFirst(prefix.count)), (1250...1258).contains(page) {
                return windows(page)
            }
        }
        return nil
    }
}
