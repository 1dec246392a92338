/// A host name read from a Received field, compared the way DNS compares names.
struct DomainName: Equatable, Hashable {
    /// Lower case, without a trailing root dot: `mx.example.org`.
    var text: String

    /// Accepts a name of LDH labels and underscores (RFC 1035 s2.3.1, loosely: servers
    /// announce names such as `EXCH01` or `mail_gw`); refuses addresses and garbage.
    init?(_ written: String) {
        var name = written.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !name.isEmpty, name.count <= 253, IPAddressText(name) == nil,
              labels.allSatisfy(Self.isLabel)
        else { return nil }
        text = name
    }

    var labels: [Substring] { text.split(separator: ".") }

    /// `localhost` and `localhost.localdomain` name the loopback interface (RFC 6761 s6.3).
    var isLocalhost: Bool {
        text == "localhost" || text.hasSuffix(".localhost") || text == "localhost.localdomain"
    }

    /// Whether this name is `domain` or a name under it.
    func isWithin(_ domain: DomainName) -> Bool {
        text == domain.text || text.hasSuffix("." + domain.text)
    }

    /// The name an organisation registered, approximated without the Public Suffix List.
    ///
    /// The last two labels (`mx.example.org` gives `example.org`), or the last three when
    /// the top-level label is a two-letter country code and the one before it is a short
    /// generic label that registries there sell under (`mail.example.co.uk` gives
    /// `example.co.uk`). This is an approximation: suffixes such as `kawasaki.jp` or
    /// shared hosting suffixes (`compute.amazonaws.com`) are not known, so two customers
    /// of one hosting suffix look like one organisation. Nil for one-label names.
    var registeredDomain: String? {
        let labels = self.labels
        guard labels.count >= 2, let top = labels.last else { return nil }
        let second = labels[labels.count - 2]
        let isCountryCode = top.count == 2 && top.allSatisfy(\.isLetter)
        let takeThree = isCountryCode && Self.genericSecondLevel.contains(String(second))
        if takeThree {
            guard labels.count >= 3 else { return nil }
            return labels.suffix(3).joined(separator: ".")
        }
        return labels.suffix(2).joined(separator: ".")
    }

    /// Second-level labels under which country registries register names (`co.uk`,
    /// `com.au`, `ac.jp`, `nhs.uk`, `gob.mx`).
    private static let genericSecondLevel: Set<String> = [
        "co", "com", "org", "net", "ac", "gov", "edu", "mil", "nhs", "ltd", "plc", "sch",
        "or", "ne", "go", "gob", "gv", "nic",
    ]

    private static func isLabel(_ label: Substring) -> Bool {
        guard !label.isEmpty, label.count <= 63,
              label.first != "-", label.last != "-" else { return false }
        return label.allSatisfy { character in
            character.isASCII && (character.isLetter || character.isNumber
                || character == "-" || character == "_")
        }
    }
}
