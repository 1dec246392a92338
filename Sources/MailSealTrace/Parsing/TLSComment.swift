import Foundation

/// Readers for the TLS comments each MTA writes in its Received fields.
///
/// Each returns nil unless the comment is in its syntax; the details are kept exactly as
/// written (`TLSv1.3`, `TLS1_3` and `TLS1.3` are all left alone).
enum TLSComment {
    /// Postfix: `using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)
    /// key-exchange X25519 ...`. The first number of `used/possible bits` is the one used.
    static func postfix(_ comment: String) -> TLSStatus? {
        let words = comment.split(separator: " ").map(String.init)
        guard words.count >= 2, words[0].lowercased() == "using", isVersion(words[1])
        else { return nil }
        var cipher: String?
        if let at = words.firstIndex(where: { $0.lowercased() == "cipher" }),
           at + 1 < words.count {
            cipher = words[at + 1]
        }
        var bits: Int?
        if let at = words.firstIndex(where: { $0.hasPrefix("(") && $0.contains("/") }) {
            bits = leadingNumber(words[at].dropFirst())
        }
        return .yes(version: words[1], cipher: cipher, bits: bits)
    }

    /// sendmail and Proofpoint `version=TLSv1.3 cipher=... bits=256 verify=NOT`, Gmail
    /// `version=TLS1_3 cipher=... bits=256/256`, Exchange `version=TLS1_2, cipher=...`.
    /// sendmail's `(authenticated bits=0)` has neither version nor cipher and is refused.
    static func keyValue(_ comment: String) -> TLSStatus? {
        var pairs: [String: String] = [:]
        for item in comment.split(whereSeparator: { $0 == " " || $0 == "," }) {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            pairs[parts[0].lowercased()] = String(parts[1])
        }
        let version = pairs["version"]
        guard version.map(isVersion) ?? false || pairs["cipher"] != nil else { return nil }
        return .yes(version: version, cipher: pairs["cipher"],
                    bits: pairs["bits"].flatMap { leadingNumber(Substring($0)) })
    }

    /// Exim before 4.95, `(TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256)`; Exim 4.95 and
    /// later, `(TLS1.3)` after the protocol with the cipher in a `tls` clause.
    static func exim(_ comment: String, cipher: String?) -> TLSStatus? {
        let parts = comment.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 3, isVersion(String(parts[0])), !parts[1].isEmpty,
           let bits = leadingNumber(parts[2]), parts[2].allSatisfy(\.isASCIIDigit) {
            return .yes(version: String(parts[0]), cipher: String(parts[1]), bits: bits)
        }
        guard parts.count == 1, !comment.contains(" "), isVersion(comment) else { return nil }
        return .yes(version: comment, cipher: cipher, bits: nil)
    }

    /// Exchange 2007 and 2010: `with Microsoft SMTP Server (TLS)`.
    static func microsoftBare(_ comment: String) -> TLSStatus? {
        comment == "TLS" ? .yes(version: nil, cipher: nil, bits: nil) : nil
    }

    /// qmail with the TLS patch: `with (ECDHE-RSA-AES256-GCM-SHA384 encrypted) SMTP`.
    static func qmail(_ comment: String) -> TLSStatus? {
        let words = comment.split(separator: " ")
        guard words.count == 2, words[1] == "encrypted" else { return nil }
        return .yes(version: nil, cipher: String(words[0]), bits: nil)
    }

    /// Courier: `(TLS: TLSv1.3,256bits,TLS_AES_256_GCM_SHA384)`, alone or after
    /// `AUTH: LOGIN alice, `.
    static func courier(_ comment: String) -> TLSStatus? {
        guard let range = comment.range(of: "TLS: ") else { return nil }
        let fields = comment[range.upperBound...].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let version = fields.first, isVersion(version) else { return nil }
        let bitsField = fields.first { $0.hasSuffix("bits") }
        let cipher = fields.dropFirst().first { !$0.hasSuffix("bits") }
        return .yes(version: version, cipher: cipher,
                    bits: bitsField.flatMap { leadingNumber(Substring($0)) })
    }

    // MARK: - Pieces

    /// `TLSv1.3`, `TLS1_2`, `TLS1.3`, `TLSv1/SSLv3`, `SSLv3`.
    static func isVersion(_ text: String) -> Bool {
        let upper = text.uppercased()
        guard upper.hasPrefix("TLS") || upper.hasPrefix("SSL") else { return false }
        let rest = upper.dropFirst(3)
        return rest.first.map { $0 == "V" || $0.isASCIIDigit } ?? false
    }

    static func leadingNumber(_ text: Substring) -> Int? {
        Int(text.prefix { $0.isASCIIDigit })
    }
}
