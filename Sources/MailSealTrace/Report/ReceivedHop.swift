import Foundation

/// One hop of a message's path, read from one Received field.
public struct ReceivedHop: Codable, Equatable, Sendable {
    /// The hop's place in time order: 1 is the oldest field (the last in the header).
    public var number: Int

    /// The name the sending host gave (its HELO/EHLO argument, RFC 5321 s4.4
    /// From-domain); nil when the field records none.
    public var fromName: String?
    /// The name the receiving server found for the sending address by reverse DNS, when
    /// it recorded one (`(mail.example.net [198.51.100.7])`).
    public var fromReverseName: String?
    /// The field shows the receiving server did not confirm the sending host's name by
    /// reverse DNS: Postfix's and qmail's `unknown`, Exim's bare address, sendmail's
    /// `may be forged`. Such a name is never taken as evidence that a hop is internal.
    public var fromNameUnconfirmed: Bool
    /// The sending address, canonical: `198.51.100.7`, `2001:db8::1`.
    public var fromAddress: String?

    /// The receiving host's name (RFC 5321 s4.4 By-domain).
    public var byName: String?
    /// The receiving host's address, where the field gives it (Exchange, Gmail).
    public var byAddress: String?

    /// The `with` value as written: `ESMTPS`, `esmtpsa`, `LMTP`, `Microsoft SMTP Server`.
    public var `protocol`: String?
    /// The `id` value: the receiving server's queue or message identifier.
    public var id: String?
    public var tls: TLSStatus
    /// What the TLS answer rests on, for people: the comment or rule that gave it.
    public var tlsBasis: String

    /// The date-time after the `;`, nil when missing or unreadable.
    public var time: Date?
    /// The date-time text as written.
    public var timeText: String?
    /// Seconds since the previous hop; nil when either has no time.
    public var delay: TimeInterval?

    public var scope: HopScope
    public var problems: [ReceivedProblem]
    /// The field value this hop was read from.
    public var field: String

    /// Whether the hop stayed inside one organisation; nil when that cannot be told.
    public var isInternal: Bool? {
        switch scope {
        case .internal: return true
        case .crossing: return false
        case .unknown: return nil
        }
    }
}
