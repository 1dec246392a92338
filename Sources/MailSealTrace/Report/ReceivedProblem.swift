/// Something in a Received field, or between two of them, that could not be read or
/// does not add up. Shown to people as it is; never repaired by guessing.
public struct ReceivedProblem: Codable, Equatable, Sendable {
    public enum Code: String, Codable, Sendable {
        /// The field has no clause this reader knows: not a Received field at all.
        case unparseable
        /// Words stand before the first clause, or a clause has no value.
        case unexpectedText
        /// A comment, quoted string, literal or angle address is not closed, or a `)`
        /// closes nothing.
        case unbalanced
        /// No `by` clause: RFC 5321 s4.4 requires one, so the receiving host is unknown.
        case missingBy
        /// A clause appears more than once.
        case repeatedClause
        /// The `from` clause names neither a host nor an address that can be read.
        case unreadableFrom
        /// No `;` and date-time, which RFC 5322 s3.6.7 requires.
        case missingDate
        /// Text after the `;` that is not an RFC 5322 date-time.
        case unparseableDate
        /// The zone is a name RFC 5322 s4.3 says to read as UTC (`-0000`).
        case zoneReadAsUTC
        /// The server noted that the sending host's reverse name did not check out.
        case reverseNameMayBeForged
        /// The sending host is not the host that wrote the previous field: the fields
        /// before this one may have been written by the sender, not by servers.
        case notLinkedToPreviousHop
        /// Dated more than a minute before the previous hop.
        case earlierThanPreviousHop
    }

    public var code: Code
    /// What a person reads: what is wrong, with the text that is wrong.
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }
}
