import Foundation

/// An MTA-STS policy: which MX hosts must offer valid TLS, and how strictly (RFC 8461 s3.2).
public struct MTASTSPolicy: Sendable, Equatable, Codable {
    /// What a sending MTA does when TLS to a matching MX cannot be verified (RFC 8461 s5).
    public enum Mode: String, Sendable, Codable {
        /// Do not deliver to an MX that fails validation or does not match.
        case enforce
        /// Deliver anyway, and report the failure.
        case testing
        /// The domain has withdrawn its policy.
        case none
    }

    /// Always `STSv1`.
    public let version: String
    public let mode: Mode
    /// The MX host patterns, as written: names or `*.` wildcards (RFC 8461 s4.1).
    public let mx: [String]
    /// How long the policy may be cached, in seconds (at most 31557600).
    public let maxAge: Int
    /// The policy as fetched.
    public let text: String

    /// The largest `max_age` RFC 8461 s3.2 allows: about one year.
    public static let maximumMaxAge = 31_557_600

    /// Whether `mxHost` is covered by one of the `mx` patterns (RFC 8461 s4.1): an equal
    /// name, or a `*.` pattern whose wildcard stands for exactly one leftmost label.
    public func matches(mxHost: String) -> Bool {
        let host = DNSName.trimmed(mxHost)
        return mx.contains { pattern in
            let pattern = DNSName.trimmed(pattern)
            guard pattern.hasPrefix("*.") else { return host == pattern }
            let suffix = pattern.dropFirst(1)
            guard host.hasSuffix(suffix) else { return false }
            let label = host.dropLast(suffix.count)
            return !label.isEmpty && !label.contains(".")
        }
    }
}

// MARK: - Parsing

extension MTASTSPolicy {
    /// Parses a policy body: `key: value` lines ending in CRLF or LF; unknown keys are
    /// ignored, as RFC 8461 s3.2 requires.
    /// - Throws: `mtaSTSBadPolicy` naming the line and the problem.
    public init(parsing text: String) throws {
        var version: String?, mode: Mode?, maxAge: Int?
        var mx: [String] = []
        // In Swift "\r\n" is one Character, so both line ends are matched as such.
        let lines = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw Self.bad(number, "has no \"key: value\" form")
            }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "version":
                guard version == nil else { throw Self.bad(number, "repeats version") }
                guard value == "STSv1" else { throw Self.bad(number, "has version \(value)") }
                version = value
            case "mode":
                guard mode == nil else { throw Self.bad(number, "repeats mode") }
                guard let parsed = Mode(rawValue: value) else {
                    throw Self.bad(number, "has mode \"\(value)\", not enforce, testing or none")
                }
                mode = parsed
            case "max_age":
                guard maxAge == nil else { throw Self.bad(number, "repeats max_age") }
                guard (1...10).contains(value.count), value.allSatisfy(\.isASCIIDigit),
                      let seconds = Int(value), seconds <= Self.maximumMaxAge
                else {
                    throw Self.bad(number, "has max_age \"\(value)\", not 0 to 31557600")
                }
                maxAge = seconds
            case "mx":
                guard Self.isValidPattern(value) else {
                    throw Self.bad(number, "has mx \"\(value)\", not a host or *.domain")
                }
                mx.append(value)
            default:
                continue
            }
        }

        guard let version else { throw Self.bad(nil, "has no version") }
        guard let mode else { throw Self.bad(nil, "has no mode") }
        guard let maxAge else { throw Self.bad(nil, "has no max_age") }
        guard mode == .none || !mx.isEmpty else { throw Self.bad(nil, "has no mx") }
        self.init(version: version, mode: mode, mx: mx, maxAge: maxAge, text: text)
    }

    /// A host name, or `*.` and a host name: the only wildcard RFC 8461 s4.1 knows.
    private static func isValidPattern(_ pattern: String) -> Bool {
        let trimmed = DNSName.trimmed(pattern)
        let name = trimmed.hasPrefix("*.") ? String(trimmed.dropFirst(2)) : trimmed
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        return !name.isEmpty && labels.allSatisfy { label in
            !label.isEmpty && label.count < 64
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        }
    }

    private static func bad(_ line: Int?, _ problem: String) -> DeliveryError {
        let place = line.map { "line \($0) " } ?? ""
        return DeliveryError(.mtaSTSBadPolicy, "the MTA-STS policy \(place)\(problem)")
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
