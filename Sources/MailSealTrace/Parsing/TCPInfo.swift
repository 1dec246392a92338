/// One comment read as RFC 5321 TCP-info or its MTA-specific relatives.
struct TCPInfo {
    var address: IPAddressText?
    var reverseName: String?
    var helo: String?
    var mayBeForged = false

    init(_ comment: String) {
        let tokens = ReceivedTokenizer(comment).tokens
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            switch tokens[index] {
            case .literal(let text):
                address = address ?? IPAddressText("[\(text)]")
            case .comment(let text):
                mayBeForged = mayBeForged || text.lowercased() == "may be forged"
            case .word(let word):
                let lower = word.lowercased()
                if lower.hasPrefix("helo=") {
                    helo = String(word.dropFirst(5))
                } else if lower == "helo" || lower == "ehlo", index + 1 < tokens.count {
                    helo = tokens[index + 1].text
                    index += 1
                } else if let parsed = IPAddressText(word) {
                    address = address ?? parsed
                } else if let at = word.lastIndex(of: "@"),
                          let parsed = IPAddressText(String(word[word.index(after: at)...])) {
                    // qmail's `(alice@198.51.100.7)`: an ident user at the address.
                    address = address ?? parsed
                }
            default:
                break
            }
        }
        reverseName = Self.reverseName(tokens)
    }

    /// `NAME [ADDRESS]`, optionally `(may be forged)`: the name is the reverse lookup's.
    /// sendmail may prefix an ident user (`alice@mail.example.net`), which is dropped.
    private static func reverseName(_ tokens: [ReceivedToken]) -> String? {
        let core = tokens.filter { if case .comment = $0 { return false } else { return true } }
        guard core.count == 2, case .word(let name) = core[0], case .literal(let text) = core[1],
              IPAddressText("[\(text)]") != nil else { return nil }
        let host = name.split(separator: "@").last.map(String.init) ?? name
        guard host.lowercased() == "unknown" || DomainName(host) != nil else { return nil }
        return host.hasSuffix(".") ? String(host.dropLast()) : host
    }
}
