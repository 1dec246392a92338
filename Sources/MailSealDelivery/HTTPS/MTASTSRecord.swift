import Foundation

/// A domain's `_mta-sts` TXT record: it announces a policy and names its version
/// (RFC 8461 s3.1).
public struct MTASTSRecord: Sendable, Equatable, Codable {
    /// The policy's id: when it changes, a cached policy must be fetched again.
    public let id: String

    /// Fields beyond `v` and `id`, by name (RFC 8461 s3.1 allows extensions).
    public let extensions: [String: String]

    /// The record as published, its strings joined.
    public let text: String

    /// Whether the TXT answer was DNSSEC-validated.
    public let isSecure: Bool

    public let ttl: UInt32

    /// Reads one record that starts with `v=STSv1`.
    /// - Throws: `mtaSTSBadRecord` naming what is wrong.
    public init(text: String, isSecure: Bool = false, ttl: UInt32 = 0) throws {
        let fields = text.split(separator: ";", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.first == "v=STSv1" else {
            throw Self.bad(text, "does not start with v=STSv1")
        }
        var id: String?
        var extensions: [String: String] = [:]
        for field in fields.dropFirst() where !field.isEmpty {
            guard let equals = field.firstIndex(of: "="), equals != field.startIndex else {
                throw Self.bad(text, "has a field without a name and \"=\": \(field)")
            }
            let name = String(field[..<equals])
            let value = String(field[field.index(after: equals)...])
            if name == "id" {
                // sts-id = 1*32(ALPHA / DIGIT)
                guard (1...32).contains(value.count),
                      value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
                else {
                    throw Self.bad(text, "has an id that is not 1 to 32 letters and digits")
                }
                guard id == nil else { throw Self.bad(text, "has two ids") }
                id = value
            } else {
                extensions[name] = value
            }
        }
        guard let id else { throw Self.bad(text, "has no id") }
        self.id = id
        self.extensions = extensions
        self.text = text
        self.isSecure = isSecure
        self.ttl = ttl
    }

    private static func bad(_ text: String, _ problem: String) -> DeliveryError {
        DeliveryError(.mtaSTSBadRecord, "the MTA-STS record \"\(text)\" \(problem)")
    }
}
