extension MailAddress {
    /// The mailboxes of an RFC 5322 address-list (s3.4), leniently: groups (their members
    /// are returned, the group name dropped), comments, quoted and encoded-word names,
    /// obsolete routes, and `addr (Name)`. Entries without an address are left out.
    /// Iterative and linear, however long the list.
    public static func parseList(_ headerValue: String) -> [MailAddress] {
        var parser = AddressListParser(headerValue)
        return parser.run()
    }
}

/// The state of one pass over an address list.
private struct AddressListParser {
    enum Token {
        case word(String, quoted: Bool)
        case special(UInt8)
    }

    var scanner: StructuredScanner
    var results: [MailAddress] = []
    var tokens: [Token] = [] {
        didSet { if tokens.isEmpty { hasAt = false } }
    }
    /// Whether `tokens` holds an "@", kept up to date so no scan is needed (linear time).
    var hasAt = false
    var comments: [String] = []
    var angle: String?

    init(_ value: String) {
        scanner = StructuredScanner(value)
    }

    mutating func run() -> [MailAddress] {
        while true {
            comments += scanner.skipCFWS()
            guard let byte = scanner.peek() else { break }
            switch byte {
            case 0x2C, 0x3B:
                scanner.index += 1
                finish()
            case 0x3A where angle == nil && !tokens.isEmpty && !hasAt:
                // A group's name: its members follow, up to ";".
                scanner.index += 1
                tokens = []
                comments = []
            case 0x3C:
                scanner.index += 1
                angle = readAngle()
            case 0x22:
                tokens.append(.word(scanner.readQuotedString(), quoted: true))
            case 0x40, 0x3E, 0x3A:
                scanner.index += 1
                tokens.append(.special(byte))
                if byte == 0x40 { hasAt = true }
            case 0x5B:
                tokens.append(.word(readLiteral(), quoted: false))
            default:
                tokens.append(contentsOf: readWord())
            }
        }
        finish()
        return results
    }

    /// Ends the mailbox being read: `phrase <addr>`, or a bare `addr` with `(Name)`.
    private mutating func finish() {
        defer {
            tokens = []
            comments = []
            angle = nil
        }
        if let angle {
            guard !angle.isEmpty else { return }
            results.append(MailAddress(angle, displayName: Self.phrase(tokens)))
            return
        }
        guard hasAt else { return }
        let address = Self.addrSpec(tokens)
        let name = comments.last.map { Self.cleaned(EncodedWord.decode($0)) }
        results.append(MailAddress(address, displayName: name?.isEmpty == false ? name : nil))
    }

    /// Reads an angle-addr after "<", dropping an obsolete route (`@a,@b:`, RFC 5322 s4.4).
    private mutating func readAngle() -> String {
        var inner: [Token] = []
        while true {
            scanner.skipCFWS()
            guard let byte = scanner.peek() else { break }
            if byte == 0x3E {
                scanner.index += 1
                break
            }
            switch byte {
            case 0x22: inner.append(.word(scanner.readQuotedString(), quoted: true))
            case 0x5B: inner.append(.word(readLiteral(), quoted: false))
            case 0x3A:
                scanner.index += 1
                inner = []
            case 0x40, 0x2C, 0x3B, 0x3C:
                scanner.index += 1
                inner.append(.special(byte))
            default:
                inner.append(contentsOf: readWord())
            }
        }
        if case .special(0x40) = inner.first ?? .special(0) { inner = [] }
        return Self.addrSpec(inner.filter {
            if case .special(let byte) = $0 { return byte == 0x40 } else { return true }
        })
    }

    /// An atom, or nothing when the byte here starts none (it is then skipped).
    private mutating func readWord() -> [Token] {
        guard let word = scanner.readAtom(until: Self.isSpecial) else {
            scanner.index += 1
            return []
        }
        return [.word(word, quoted: false)]
    }

    /// A domain literal `[...]`, kept with its brackets.
    private mutating func readLiteral() -> String {
        let start = scanner.index
        while let byte = scanner.peek() {
            scanner.index += 1
            if byte == 0x5D { break }
        }
        return ASCII.string(scanner.bytes[start..<scanner.index])
    }

    private static func addrSpec(_ tokens: [Token]) -> String {
        tokens.map { token -> String in
            switch token {
            case .special(let byte): return String(UnicodeScalar(byte))
            case .word(let text, let quoted):
                let isDotAtom = text.utf8.allSatisfy { MailAddress.isAtomText($0) || $0 == 0x2E }
                let needsQuotes = quoted && !isDotAtom
                return needsQuotes ? ParameterWriter.quoted(text) : text
            }
        }.joined()
    }

    /// A display name: words joined by spaces, encoded words decoded (adjacent ones joined
    /// with no space, RFC 2047 s6.2), whitespace runs made single.
    private static func phrase(_ tokens: [Token]) -> String? {
        let words = tokens.map { token -> String in
            switch token {
            case .special(let byte): return String(UnicodeScalar(byte))
            case .word(let text, _): return text
            }
        }
        let name = cleaned(EncodedWord.decode(words.joined(separator: " ")))
        return name.isEmpty ? nil : name
    }

    private static func cleaned(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
            .joined(separator: " ")
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3C, 0x3E, 0x2C, 0x3A, 0x3B, 0x40, 0x5B, 0x5D: return true
        default: return false
        }
    }
}
