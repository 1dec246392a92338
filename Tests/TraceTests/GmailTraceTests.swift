import Foundation
import MailSealTrace
import Testing

/// A sender on Postfix, a recipient whose mail is hosted by a Gmail-style provider: the
/// MX writes `bits=256/256`, the provider's internal hop names only an IPv6 address.
private let gmailRecipientChain = """
    Received: by 2001:db8:4a:1e0::7 with SMTP id x12csp1234567pxb;
            Tue, 4 Mar 2025 01:15:05 -0800 (PST)
    Received: from mail.example.net (mail.example.net. [198.51.100.25])
            by mx.google.example.com with ESMTPS
            id a1b2c3d4e5f6si1234567qkb.123.2025.03.04.01.15.04
            for <alice@example.org>
            (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);
            Tue, 04 Mar 2025 01:15:04 -0800 (PST)
    Received: from [192.168.1.20] (unknown [203.0.113.77])
    \tby mail.example.net (Postfix) with ESMTPSA id 4Z6b1W5kLmz1xy
    \tfor <alice@example.org>; Tue,  4 Mar 2025 10:14:58 +0100 (CET)
    """

@Test func gmailRecipientChainIsReadHopByHop() throws {
    let report = try trace(gmailRecipientChain)
    try #require(report.hops.count == 3)
    let hops = report.hops

    #expect(hops[0].tls == .yesByProtocolName)
    #expect(hops[0].scope == .crossing)

    // Hop 2: the provider's MX; its reverse name carries the root dot, which is dropped.
    #expect(hops[1].fromName == "mail.example.net")
    #expect(hops[1].fromReverseName == "mail.example.net")
    #expect(hops[1].fromAddress == "198.51.100.25")
    #expect(hops[1].byName == "mx.google.example.com")
    #expect(hops[1].id == "a1b2c3d4e5f6si1234567qkb.123.2025.03.04.01.15.04")
    #expect(hops[1].tls == .yes(version: "TLS1_3", cipher: "TLS_AES_256_GCM_SHA384", bits: 256))
    #expect(hops[1].scope == .crossing)
    #expect(hops[1].time == utc("2025-03-04T09:15:04Z"))
    #expect(hops[1].delay == 6)

    // Hop 3: the provider's internal hand-off names no sender and no host name.
    #expect(hops[2].fromName == nil)
    #expect(hops[2].byName == nil)
    #expect(hops[2].byAddress == "2001:db8:4a:1e0::7")
    #expect(hops[2].protocol == "SMTP")
    #expect(hops[2].tls == .notRecorded)
    #expect(hops[2].scope == .internal(.noSendingHost))
    #expect(hops[2].delay == 1)

    #expect(hops.allSatisfy { $0.problems.isEmpty })
    #expect(report.verdict.outcome == .encrypted)
    #expect(report.verdict.crossingHops == [1, 2])
}

@Test func gmailSubmissionWithESMTPSAAndCipherIsRead() throws {
    let report = try trace("""
        Received: from mail-sor-f41.google.example.com
        \t(mail-sor-f41.google.example.com [198.51.100.41])
        \tby mx.example.org (Postfix) with ESMTPS id 4Z6b1X0Qh4z9sV
        \tfor <alice@example.org>; Tue,  4 Mar 2025 10:15:06 +0100 (CET)
        Received: from [192.168.1.20] ([203.0.113.77])
                by smtp.google.example.com with ESMTPSA
                id 5b1f17b1804b1-43bd2a1b2c3sm1234567f8a.12.2025.03.04.01.15.03
                for <alice@example.org>
                (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128);
                Tue, 04 Mar 2025 01:15:03 -0800 (PST)
        """)
    try #require(report.hops.count == 2)

    #expect(report.hops[0].fromName == "[192.168.1.20]")
    #expect(report.hops[0].fromAddress == "203.0.113.77")
    #expect(report.hops[0].byName == "smtp.google.example.com")
    #expect(report.hops[0].protocol == "ESMTPSA")
    #expect(report.hops[0].tls == .yes(
        version: "TLS1_3", cipher: "TLS_AES_128_GCM_SHA256", bits: 128))
    #expect(report.hops[1].fromReverseName == "mail-sor-f41.google.example.com")
    #expect(report.hops[1].scope == .crossing)
    #expect(report.hops[1].tls == .yesByProtocolName)
    #expect(report.hops[1].delay == 3)
    #expect(report.hops.allSatisfy { $0.problems.isEmpty })
    #expect(report.verdict.outcome == .encrypted)
    #expect(report.verdict.crossingHops == [1, 2])
}

@Test func gmailWebSentMessageStartsWithAHopNamingOnlyAnAddress() throws {
    let report = try trace("""
        Received: from mail-sor-f41.google.example.com
        \t(mail-sor-f41.google.example.com [198.51.100.41])
        \tby mx.example.org (Postfix) with ESMTPS id 4Z6b1X0Qh4z9sV
        \tfor <alice@example.org>; Tue,  4 Mar 2025 10:15:06 +0100 (CET)
        Received: by 2001:db8:6a10:8f0c::3 with SMTP id u5csp98765wrb;
                Tue, 4 Mar 2025 01:15:02 -0800 (PST)
        """)
    try #require(report.hops.count == 2)

    #expect(report.hops[0].byAddress == "2001:db8:6a10:8f0c::3")
    #expect(report.hops[0].scope == .internal(.noSendingHost))
    // The hop before names no host, so the link cannot be checked; that is no problem.
    #expect(report.hops.allSatisfy { $0.problems.isEmpty })
    #expect(report.verdict.outcome == .encrypted)
    #expect(report.verdict.crossingHops == [2])
}
