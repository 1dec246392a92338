import Foundation
import MailSealTrace
import Testing

@Test func garbageIsUnparseableAndItsPathUnknown() throws {
    let report = try TraceReport(receivedFields: ["this is not a trace field at all"])
    let hop = try #require(report.hops.first)

    #expect(hop.problemCodes == [.unparseable, .missingDate])
    #expect(hop.fromName == nil)
    #expect(hop.byName == nil)
    #expect(hop.tls == .notRecorded)
    #expect(hop.scope == .unknown)
    #expect(hop.isInternal == nil)
    #expect(report.verdict.outcome == .unknown)
    #expect(report.verdict.unknownHops == [1])
    #expect(report.verdict.unplacedHops == [1])
    #expect(report.verdict.summary
        == "Cannot be known: hop 1 cannot be placed inside or between organisations.")
}

@Test func emptyAndPunctuationOnlyFieldsDoNotCrash() throws {
    let fields = ["", ";", "()", ")))(((", "<", "[", "\"", "from", "by ;", "from by with id for ;"]
    let report = try TraceReport(receivedFields: fields)

    #expect(report.hops.count == fields.count)
    #expect(report.hops.allSatisfy { !$0.problems.isEmpty })
    #expect(report.hops.allSatisfy { $0.scope == .unknown })
    #expect(report.verdict.outcome == .unknown)
}

@Test func truncatedFieldReportsEachMissingPiece() throws {
    let report = try TraceReport(receivedFields: [
        "from mail.example.net (mail.example.net [198.51.100.25",
    ])
    let hop = try #require(report.hops.first)

    #expect(hop.problemCodes == [.unbalanced, .missingBy, .missingDate])
    #expect(hop.fromName == "mail.example.net")
    #expect(hop.fromAddress == "198.51.100.25")
    #expect(hop.scope == .unknown)
}

@Test func fieldWithoutByHasUnknownScopeButKeepsWhatItSays() throws {
    let report = try TraceReport(receivedFields: [
        "from mail.example.net (mail.example.net [198.51.100.25]) with ESMTPS id 4Z6b1X0Q;"
            + " Tue, 4 Mar 2025 10:15:02 +0100",
    ])
    let hop = try #require(report.hops.first)

    #expect(hop.problemCodes == [.missingBy])
    #expect(hop.tls == .yesByProtocolName)
    #expect(hop.time == utc("2025-03-04T09:15:02Z"))
    #expect(hop.scope == .unknown)
    // Encrypted whatever its scope, so it does not hold the verdict up; but it is not
    // shown to be internal either.
    #expect(report.verdict.outcome == .encrypted)
    #expect(report.verdict.crossingHops.isEmpty)
    #expect(report.verdict.unknownHops.isEmpty)
}

@Test(arguments: [
    "yesterday",
    "Tue Mar 4 10:15:02 2025",
    "32 Mar 2025 10:15:02 +0100",
    "29 Feb 2025 10:15:02 +0100",
    "4 Mar 2025 25:00:00 +0100",
    "4 Mar 2025 10:15:02",
    "4 13 2025 10:15:02 +0100",
    "4 Mar 2025 10:15:02 +01",
    "",
])
func unparseableDateIsShownAndNotGuessed(_ date: String) throws {
    let report = try TraceReport(receivedFields: [
        "from mail.example.net ([198.51.100.25]) by mx.example.org with ESMTP; \(date)",
    ])
    let hop = try #require(report.hops.first)

    #expect(hop.problemCodes == [.unparseableDate])
    #expect(hop.time == nil)
    #expect(hop.timeText == date)
    #expect(hop.byName == "mx.example.org")
}

@Test func missingDateIsAProblemAndLeavesNoDelay() throws {
    let report = try TraceReport(receivedFields: [
        "from mx.example.org ([192.0.2.10]) by imap.example.org with LMTP id 8NqLBm3R",
        "from mail.example.net ([198.51.100.25]) by mx.example.org with ESMTPS id 4Z6;"
            + " Tue, 4 Mar 2025 10:15:02 +0100",
    ])
    try #require(report.hops.count == 2)

    #expect(report.hops[1].problemCodes == [.missingDate])
    #expect(report.hops[1].time == nil)
    #expect(report.hops[1].delay == nil)
    #expect(report.hops[1].id == "8NqLBm3R")
}

@Test func obsoleteAndNamedZonesAreReadPerRFC5322() throws {
    let report = try TraceReport(receivedFields: [
        "from a.example.org ([192.0.2.1]) by b.example.org with ESMTPS;"
            + " 4 Mar 25 01:15:02 PST",
        "from a.example.org ([192.0.2.1]) by b.example.org with ESMTPS;"
            + " Tue, 4 Mar 2025 09:15 GMT",
        "from a.example.org ([192.0.2.1]) by b.example.org with ESMTPS;"
            + " Tue, 4 Mar 2025 09:14:00 CET",
    ])
    try #require(report.hops.count == 3)

    #expect(report.hops[0].time == utc("2025-03-04T09:14:00Z"))
    #expect(report.hops[0].problemCodes == [.zoneReadAsUTC])
    #expect(report.hops[1].time == utc("2025-03-04T09:15:00Z"))
    #expect(report.hops[1].problems.isEmpty)
    #expect(report.hops[2].time == utc("2025-03-04T09:15:02Z"))
    #expect(report.hops[2].delay == 2)
}

@Test func nestedAndStrayCommentsDoNotDerailTheClauses() throws {
    let report = try TraceReport(receivedFields: [
        "from mail.example.net ((nested (deeper (deepest))) [not an address]) ) "
            + "by (odd) mx.example.org (Postfix) with (odd again) ESMTPS ( ) id X1;"
            + " (early) Tue, 4 Mar 2025 10:15:02 +0100 (CET)",
    ])
    let hop = try #require(report.hops.first)

    #expect(hop.problemCodes == [.unbalanced])
    #expect(hop.fromName == "mail.example.net")
    #expect(hop.fromAddress == nil)
    #expect(hop.byName == "mx.example.org")
    #expect(hop.protocol == "ESMTPS")
    #expect(hop.tls == .yesByProtocolName)
    #expect(hop.time == utc("2025-03-04T09:15:02Z"))
}

@Test func repeatedClausesAndLeadingWordsAreReported() throws {
    let report = try TraceReport(receivedFields: [
        "junk from a.example.net by b.example.org by c.example.org with SMTP;"
            + " Tue, 4 Mar 2025 10:15:02 +0100",
    ])
    let hop = try #require(report.hops.first)

    #expect(hop.problemCodes == [.unexpectedText, .repeatedClause])
    #expect(hop.byName == "b.example.org")
}

@Test func deeplyNestedOrHugeInputIsReadWithoutCrashing() throws {
    let nested = String(repeating: "(", count: 20_000) + String(repeating: ")", count: 19_999)
    let long = "from " + String(repeating: "a", count: 100_000) + " by mx.example.org; x"
    // Newest first: the long field is hop 1.
    let report = try TraceReport(receivedFields: [nested, long])

    #expect(report.hops.count == 2)
    #expect(report.hops[0].problemCodes == [.unreadableFrom, .unparseableDate])
    #expect(report.hops[1].problemCodes == [.unbalanced, .unparseable, .missingDate])
}

/// A spammer's message: the first field is real, the two below it were in the message
/// as sent, claiming an encrypted path through servers that never saw it.
private let forgedChain = """
    Received: from client.example.net (client.example.net [203.0.113.50])
    \tby mx.example.org (Postfix) with ESMTP id 4Z6b1X0Qh4z9sV
    \tfor <alice@example.org>; Tue,  4 Mar 2025 10:15:02 +0100 (CET)
    Received: from trusted.example.com (trusted.example.com [192.0.2.99])
    \tby relay.example.com (Postfix) with ESMTPS id 4Z6aZZ0000z1aa
    \tfor <alice@example.org>; Mon,  3 Mar 2025 03:00:00 +0100 (CET)
    Received: from [10.0.0.1] by trusted.example.com with ESMTPSA;
    \tWed, 5 Mar 2025 00:00:00 +0100
    """

@Test func forgedLookingEarlyHopsAreFlaggedAndMarkedUnverifiable() throws {
    let report = try trace(forgedChain)
    try #require(report.hops.count == 3)

    // Hop 2 is dated 45 hours before hop 1, which it should follow.
    #expect(report.hops[1].problemCodes == [.earlierThanPreviousHop])
    #expect(report.hops[1].delay == -162_000)
    // The real hop does not come from the host that wrote hop 2.
    #expect(report.hops[2].problemCodes == [.notLinkedToPreviousHop])
    #expect(report.hops[2].problems[0].reason
        == "sent by client.example.net, but hop 2 was received by relay.example.com")
    #expect(report.hops[2].tls == .notRecorded)

    #expect(report.verdict.outcome == .unknown)
    #expect(report.verdict.unknownHops == [3])
    #expect(report.verdict.unverifiableHops == [1, 2])
    #expect(report.verdict.summary == "Cannot be known: TLS is not recorded for hop 3."
        + " Hops 1 and 2 come before a break in the chain and may have been written by"
        + " the sender.")
}
