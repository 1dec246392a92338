/// The answer for the whole path: was every hop between organisations encrypted?
public struct TraceVerdict: Codable, Equatable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        /// Every hop between organisations used TLS.
        case encrypted
        /// At least one hop between organisations is recorded as not using TLS.
        case notEncrypted
        /// No hop is recorded as unencrypted, but for some it cannot be known.
        case unknown
        /// Every hop stayed inside one organisation.
        case internalOnly
        /// There are no Received fields to read.
        case noHops
    }

    public var outcome: Outcome
    /// The hops counted as between organisations, by number.
    public var crossingHops: [Int]
    /// Crossing hops recorded as not encrypted.
    public var unencryptedHops: [Int]
    /// Crossing hops whose field does not record TLS either way.
    public var unrecordedHops: [Int]
    /// Hops too broken to tell whether they crossed organisations, not known to be
    /// encrypted.
    public var unplacedHops: [Int]
    /// Hops older than a break in the chain (`notLinkedToPreviousHop`): they may have
    /// been written by the sender rather than by the servers they name.
    public var unverifiableHops: [Int]
    /// One sentence for people.
    public var summary = ""

    /// Hops whose encryption cannot be known: `unrecordedHops` and `unplacedHops`.
    public var unknownHops: [Int] { (unrecordedHops + unplacedHops).sorted() }

    /// Judges `hops`, which are in time order.
    public init(hops: [ReceivedHop]) {
        crossingHops = hops.filter { $0.scope == .crossing }.map(\.number)
        unencryptedHops = hops.filter { $0.scope == .crossing && $0.tls == .no }.map(\.number)
        unrecordedHops = hops.filter { $0.scope == .crossing && $0.tls == .notRecorded }
            .map(\.number)
        unplacedHops = hops.filter { $0.scope == .unknown && !$0.tls.isEncrypted }.map(\.number)
        let lastBreak = hops.last { hop in
            hop.problems.contains { $0.code == .notLinkedToPreviousHop }
        }
        unverifiableHops = lastBreak.map { Array(1..<$0.number) } ?? []

        if hops.isEmpty {
            outcome = .noHops
        } else if !unencryptedHops.isEmpty {
            outcome = .notEncrypted
        } else if !unrecordedHops.isEmpty || !unplacedHops.isEmpty {
            outcome = .unknown
        } else if crossingHops.isEmpty, !hops.contains(where: { $0.scope == .unknown }) {
            outcome = .internalOnly
        } else {
            outcome = .encrypted
        }
        summary = describe()
    }

    // MARK: - Summary

    private func describe() -> String {
        var text: String
        switch outcome {
        case .noHops:
            text = "No Received fields: the path cannot be traced."
        case .internalOnly:
            text = "No hop between organisations: the message stayed inside one organisation."
        case .encrypted:
            text = "Encrypted: every hop between organisations used TLS"
                + (crossingHops.isEmpty ? "." : " (\(Self.list(crossingHops))).")
        case .notEncrypted:
            text = "NOT encrypted: \(Self.list(unencryptedHops)) between organisations "
                + "did not use TLS."
            if !unknownHops.isEmpty { text += " Also cannot be known: \(unknownReasons)." }
        case .unknown:
            text = "Cannot be known: \(unknownReasons)."
        }
        if !unverifiableHops.isEmpty {
            text += " \(Self.list(unverifiableHops).capitalizedFirst) come"
                + (unverifiableHops.count == 1 ? "s" : "")
                + " before a break in the chain and may have been written by the sender."
        }
        return text
    }

    /// Why the unknown hops are unknown, in one clause each.
    private var unknownReasons: String {
        var reasons: [String] = []
        if !unrecordedHops.isEmpty {
            reasons.append("TLS is not recorded for \(Self.list(unrecordedHops))")
        }
        if !unplacedHops.isEmpty {
            reasons.append(
                "\(Self.list(unplacedHops)) cannot be placed inside or between organisations")
        }
        return reasons.joined(separator: "; ")
    }

    /// "hop 2", "hops 2 and 4", "hops 1, 2 and 5".
    static func list(_ numbers: [Int]) -> String {
        let words = numbers.map(String.init)
        switch words.count {
        case 0: return "no hop"
        case 1: return "hop \(words[0])"
        default:
            return "hops " + words.dropLast().joined(separator: ", ") + " and " + words.last!
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
