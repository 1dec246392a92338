import Foundation
import MailSealTrace
import Testing

/// Postfix at both ends, amavisd-new and Dovecot LMTP at the receiving end.
private let postfixChain = """
    Received: from mx.example.org ([192.0.2.10])
    \tby imap.example.org with LMTPS
    \tid 8NqLBm3Rxmf2OQAAzSBOFw
    \t(envelope-from <bob@example.net>)
    \tfor <alice@example.org>; Tue, 04 Mar 2025 10:15:05 +0100
    Received: from localhost (localhost [127.0.0.1])
    \tby mx.example.org (Postfix) with ESMTP id 4Z6b1X2y3zz9sW
    \tfor <alice@example.org>; Tue,  4 Mar 2025 10:15:04 +0100 (CET)
    Received: from mx.example.org ([127.0.0.1])
    \tby localhost (mx.example.org [127.0.0.1]) (amavisd-new, port 10024)
    \twith ESMTP id aBcDeFgHiJkL for <alice@example.org>;
    \tTue,  4 Mar 2025 10:15:03 +0100 (CET)
    Received: from smtp.example.net (smtp.example.net [198.51.100.25])
    \t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)
    \t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)
    \t(No client certificate requested)
    \tby mx.example.org (Postfix) with ESMTPS id 4Z6b1X0Qh4z9sV
    \tfor <alice@example.org>; Tue,  4 Mar 2025 10:15:02 +0100 (CET)
    Received: from [192.168.1.20] (unknown [203.0.113.77])
    \t(Authenticated sender: bob)
    \tby smtp.example.net (Postfix) with ESMTPSA id 4Z6b1W5kLmz1xy
    \tfor <alice@example.org>; Tue,  4 Mar 2025 10:14:58 +0100 (CET)
    """

@Test func postfixChainIsReadHopByHopInTimeOrder() throws {
    let report = try trace(postfixChain)
    try #require(report.hops.count == 5)
    let hops = report.hops

    // Hop 1: submission from a client behind NAT; Postfix found no reverse name.
    #expect(hops[0].number == 1)
    #expect(hops[0].fromName == "[192.168.1.20]")
    #expect(hops[0].fromReverseName == nil)
    #expect(hops[0].fromNameUnconfirmed)
    #expect(hops[0].fromAddress == "203.0.113.77")
    #expect(hops[0].byName == "smtp.example.net")
    #expect(hops[0].protocol == "ESMTPSA")
    #expect(hops[0].id == "4Z6b1W5kLmz1xy")
    #expect(hops[0].tls == .yesByProtocolName)
    #expect(hops[0].scope == .crossing)
    #expect(hops[0].time == utc("2025-03-04T09:14:58Z"))
    #expect(hops[0].delay == nil)

    // Hop 2: across the internet, with Postfix's TLS comment.
    #expect(hops[1].fromName == "smtp.example.net")
    #expect(hops[1].fromReverseName == "smtp.example.net")
    #expect(hops[1].fromAddress == "198.51.100.25")
    #expect(hops[1].byName == "mx.example.org")
    #expect(hops[1].tls == .yes(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", bits: 256))
    #expect(hops[1].scope == .crossing)
    #expect(hops[1].delay == 4)

    // Hops 3 and 4: through amavisd-new and back, over loopback.
    #expect(hops[2].fromName == "mx.example.org")
    #expect(hops[2].fromAddress == "127.0.0.1")
    #expect(hops[2].byName == "localhost")
    #expect(hops[2].byAddress == "127.0.0.1")
    #expect(hops[2].scope == .internal(.loopback))
    #expect(hops[2].tls == .notRecorded)
    #expect(hops[3].fromReverseName == "localhost")
    #expect(hops[3].scope == .internal(.loopback))
    #expect(hops[3].tls == .notRecorded)
    #expect(hops[3].tlsBasis.contains("smtpd_tls_received_header"))

    // Hop 5: Dovecot LMTP over TLS to the mailbox server.
    #expect(hops[4].fromName == "mx.example.org")
    #expect(hops[4].fromAddress == "192.0.2.10")
    #expect(hops[4].byName == "imap.example.org")
    #expect(hops[4].protocol == "LMTPS")
    #expect(hops[4].tls == .yesByProtocolName)
    #expect(hops[4].scope == .internal(.sameRegisteredDomain("example.org")))
    #expect(hops[4].time == utc("2025-03-04T09:15:05Z"))
    #expect(hops[4].delay == 1)

    #expect(hops.allSatisfy { $0.problems.isEmpty })
    #expect(report.verdict.outcome == .encrypted)
    #expect(report.verdict.crossingHops == [1, 2])
    #expect(report.verdict.summary
        == "Encrypted: every hop between organisations used TLS (hops 1 and 2).")
}

@Test func postfixWithoutTLSCommentIsNotRecordedNeverNotEncrypted() throws {
    let report = try trace("""
        Received: from smtp.example.net (smtp.example.net [198.51.100.25])
        \tby mx.example.org (Postfix) with ESMTP id 4Z6b1X0Qh4z9sV
        \tfor <alice@example.org>; Tue,  4 Mar 2025 10:15:02 +0100 (CET)
        """)
    let hop = try #require(report.hops.first)

    #expect(hop.protocol == "ESMTP")
    #expect(hop.tls == .notRecorded)
    #expect(hop.scope == .crossing)
    #expect(report.verdict.outcome == .unknown)
    #expect(report.verdict.unknownHops == [1])
    #expect(report.verdict.unencryptedHops.isEmpty)
    #expect(report.verdict.summary == "Cannot be known: TLS is not recorded for hop 1.")
}

@Test func postfixIPv6ClientAndTLS12CommentAreRead() throws {
    let report = try trace("""
        Received: from mail.example.net (mail.example.net [IPv6:2001:db8:0:0:0:0:0:25])
        \t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))
        \t(Client did not present a certificate)
        \tby mx.example.org (Postfix) with ESMTPS id 4Z6b1X0Qh4z9sV
        \tfor <alice@example.org>; Tue, 4 Mar 2025 10:15:02 +0100
        """)
    let hop = try #require(report.hops.first)

    #expect(hop.fromAddress == "2001:db8::25")
    #expect(hop.fromReverseName == "mail.example.net")
    #expect(hop.tls == .yes(
        version: "TLSv1.2", cipher: "ECDHE-RSA-AES256-GCM-SHA384", bits: 256))
    #expect(report.verdict.outcome == .encrypted)
}

@Test func postfixLocalPickupIsALocalSubmission() throws {
    let report = try trace("""
        Received: by mail.example.org (Postfix, from userid 1000)
        \tid 4Z6b1V3mQrz9sT; Tue,  4 Mar 2025 10:14:40 +0100 (CET)
        """)
    let hop = try #require(report.hops.first)

    #expect(hop.fromName == nil)
    #expect(hop.fromAddress == nil)
    #expect(hop.byName == "mail.example.org")
    #expect(hop.protocol == nil)
    #expect(hop.id == "4Z6b1V3mQrz9sT")
    #expect(hop.scope == .internal(.localSubmission))
    #expect(hop.problems.isEmpty)
    #expect(report.verdict.outcome == .internalOnly)
}
