import Foundation
import MailSealTrace
import Testing

@Test func webmailOverHTTPIsNotRecordedNeverNotEncrypted() throws {
    let report = try trace("""
        Received: from webmail.example.net (localhost [127.0.0.1])
        \tby mail.example.net (Postfix) with ESMTPA id 4Z6b1V9aBcz1xz
        \tfor <alice@example.org>; Tue,  4 Mar 2025 10:14:51 +0100 (CET)
        Received: from 203.0.113.77 (SquirrelMail authenticated user bob)
                by webmail.example.net with HTTP;
                Tue, 4 Mar 2025 10:14:50 +0100
        """)
    try #require(report.hops.count == 2)

    #expect(report.hops[0].fromName == nil)
    #expect(report.hops[0].fromAddress == "203.0.113.77")
    #expect(report.hops[0].byName == "webmail.example.net")
    #expect(report.hops[0].protocol == "HTTP")
    #expect(report.hops[0].tls == .notRecorded)
    #expect(report.hops[0].scope == .crossing)
    #expect(report.hops[1].scope == .internal(.loopback))
    #expect(report.hops[1].delay == 1)
    #expect(report.verdict.outcome == .unknown)
    #expect(report.verdict.unknownHops == [1])
}

@Test func domainsGivenAsInternalMakeAHopBetweenThemInternal() throws {
    let header = """
        Received: from mail.example.net (mail.example.net [198.51.100.25])
        \tby mx.example.org (Postfix) with ESMTP id 4Z6b1X0Qh4z9sV
        \tfor <alice@example.org>; Tue,  4 Mar 2025 10:15:02 +0100 (CET)
        """

    let without = try trace(header)
    let with = try trace(header, internal: ["example.org", ".example.net"])

    #expect(without.hops[0].scope == .crossing)
    #expect(without.verdict.outcome == .unknown)
    #expect(with.hops[0].scope == .internal(.internalDomain("example.org")))
    #expect(with.verdict.outcome == .internalOnly)
}

@Test func internalDomainOnOneSideOnlyLeavesTheHopCrossing() throws {
    let report = try trace("""
        Received: from mail.example.net (mail.example.net [198.51.100.25])
        \tby mx.example.org (Postfix) with ESMTP id 4Z6b1X0Qh4z9sV
        \tfor <alice@example.org>; Tue,  4 Mar 2025 10:15:02 +0100 (CET)
        """, internal: ["example.org"])

    #expect(report.hops[0].scope == .crossing)
}

@Test func aNameThatIsNotADomainIsRefusedAsInternal() {
    #expect(throws: TraceError.self) {
        try TraceReport(receivedFields: [], internalDomains: ["not a domain"])
    }
    #expect(throws: TraceError.self) {
        try TraceReport(receivedFields: [], internalDomains: ["localhost"])
    }
}

@Test func sameRegisteredDomainUnderACountryCodeUsesThreeLabels() throws {
    let report = try trace("""
        Received: from mx.example.co.uk (mx.example.co.uk [192.0.2.30])
        \tby mail.example.co.uk (Postfix) with ESMTP id 4Z6b1X0Qh4z9sA;
        \tTue,  4 Mar 2025 10:15:02 +0000
        Received: from smtp.other.co.uk (smtp.other.co.uk [198.51.100.31])
        \tby mx.example.co.uk (Postfix) with ESMTPS id 4Z6b1X0Qh4z9s9;
        \tTue,  4 Mar 2025 10:15:01 +0000
        """)
    try #require(report.hops.count == 2)

    #expect(report.hops[0].scope == .crossing)
    #expect(report.hops[1].scope == .internal(.sameRegisteredDomain("example.co.uk")))
    #expect(report.verdict.outcome == .encrypted)
}

@Test func noReceivedFieldsGiveNoHopsVerdict() throws {
    let report = try TraceReport(receivedFields: [])

    #expect(report.hops.isEmpty)
    #expect(report.verdict.outcome == .noHops)
    #expect(report.verdict.summary == "No Received fields: the path cannot be traced.")
}
