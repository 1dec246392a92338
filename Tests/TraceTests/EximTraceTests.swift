import Foundation
import MailSealTrace
import Testing

/// Exim 4.96 at the sender (local submission, then out with the new TLS syntax) and
/// Exim 4.89 at the recipient's gateway with the old syntax.
private let eximChain = """
    Received: from gw.example.org ([192.0.2.20])
    \tby mx.example.org with esmtps (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256)
    \t(Exim 4.89)
    \t(envelope-from <bob@example.net>)
    \tid 1tpQrU-0004aD-Ef
    \tfor alice@example.org; Tue, 04 Mar 2025 10:15:03 +0100
    Received: from mail.example.net ([198.51.100.30] helo=mta.example.net)
    \tby gw.example.org with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384
    \t(Exim 4.96)
    \t(envelope-from <bob@example.net>)
    \tid 1tpQrS-0004aB-Cd
    \tfor alice@example.org;
    \tTue, 04 Mar 2025 10:15:02 +0100
    Received: from bob by mta.example.net with local (Exim 4.96)
    \t(envelope-from <bob@example.net>)
    \tid 1tpQrR-0004a9-Ab
    \tfor alice@example.org; Tue, 04 Mar 2025 10:14:58 +0100
    """

@Test func eximChainReadsOldAndNewTLSSyntax() throws {
    let report = try trace(eximChain)
    try #require(report.hops.count == 3)
    let hops = report.hops

    // Hop 1: Exim's local submission.
    #expect(hops[0].fromName == "bob")
    #expect(hops[0].byName == "mta.example.net")
    #expect(hops[0].protocol == "local")
    #expect(hops[0].id == "1tpQrR-0004a9-Ab")
    #expect(hops[0].scope == .internal(.localSubmission))

    // Hop 2: Exim 4.95+ writes the version in a comment and the cipher in `tls`.
    #expect(hops[1].fromName == "mta.example.net")
    #expect(hops[1].fromReverseName == "mail.example.net")
    #expect(!hops[1].fromNameUnconfirmed)
    #expect(hops[1].fromAddress == "198.51.100.30")
    #expect(hops[1].byName == "gw.example.org")
    #expect(hops[1].protocol == "esmtps")
    #expect(hops[1].tls == .yes(version: "TLS1.3", cipher: "TLS_AES_256_GCM_SHA384", bits: nil))
    #expect(hops[1].scope == .crossing)
    #expect(hops[1].delay == 4)

    // Hop 3: Exim before 4.95 writes version:cipher:bits.
    #expect(hops[2].fromName == "gw.example.org")
    #expect(hops[2].fromAddress == "192.0.2.20")
    #expect(hops[2].tls == .yes(
        version: "TLSv1.2", cipher: "ECDHE-RSA-AES256-GCM-SHA384", bits: 256))
    #expect(hops[2].scope == .internal(.sameRegisteredDomain("example.org")))
    #expect(hops[2].time == utc("2025-03-04T09:15:03Z"))

    #expect(hops.allSatisfy { $0.problems.isEmpty })
    #expect(report.verdict.outcome == .encrypted)
    #expect(report.verdict.crossingHops == [2])
}

@Test func eximPlainEsmtpIsNotEncryptedBecauseEximAlwaysNamesTLS() throws {
    // A client at an outside address announcing the recipient's own name: Exim found no
    // reverse name, so the announced name proves nothing and the hop is judged.
    let report = try trace("""
        Received: from [203.0.113.9] (helo=mx.example.org)
        \tby mx.example.org with esmtp (Exim 4.96)
        \t(envelope-from <x@example.net>)
        \tid 1tpQrT-0004aC-De
        \tfor alice@example.org; Tue, 04 Mar 2025 10:15:02 +0100
        """)
    let hop = try #require(report.hops.first)

    #expect(hop.fromName == "mx.example.org")
    #expect(hop.fromNameUnconfirmed)
    #expect(hop.fromAddress == "203.0.113.9")
    #expect(hop.protocol == "esmtp")
    #expect(hop.tls == .no)
    #expect(hop.tlsBasis.contains("Exim 4.96"))
    #expect(hop.scope == .crossing)
    #expect(report.verdict.outcome == .notEncrypted)
    #expect(report.verdict.unencryptedHops == [1])
    #expect(report.verdict.summary
        == "NOT encrypted: hop 1 between organisations did not use TLS.")
}

@Test func lowercaseEsmtpWithoutAnEximMarkIsOnlyNotRecorded() throws {
    let report = try trace("""
        Received: from mail.example.net ([198.51.100.30])
        \tby mx.example.org with esmtp id 1tpQrT-0004aC-De
        \tfor alice@example.org; Tue, 04 Mar 2025 10:15:02 +0100
        """)

    #expect(report.hops.first?.tls == .notRecorded)
}

@Test func mailmanListThroughEximOverLoopbackIsInternal() throws {
    let report = try trace("""
        Received: from lists.example.net ([198.51.100.40])
        \tby mx.example.org with esmtps (TLS1.3) tls TLS_AES_128_GCM_SHA256
        \t(Exim 4.96)
        \t(envelope-from <discuss-bounces@lists.example.net>)
        \tid 1tpQsA-0004bB-Xy
        \tfor alice@example.org; Tue, 04 Mar 2025 10:16:10 +0100
        Received: from localhost ([127.0.0.1] helo=lists.example.net)
        \tby lists.example.net with esmtp (Exim 4.96)
        \t(envelope-from <discuss-bounces@lists.example.net>)
        \tid 1tpQs9-0004b9-Vw; Tue, 04 Mar 2025 10:16:09 +0100
        """)
    try #require(report.hops.count == 2)

    #expect(report.hops[0].fromName == "lists.example.net")
    #expect(report.hops[0].fromReverseName == "localhost")
    #expect(report.hops[0].fromAddress == "127.0.0.1")
    #expect(report.hops[0].tls == .no)
    #expect(report.hops[0].scope == .internal(.loopback))
    #expect(report.hops[1].tls == .yes(
        version: "TLS1.3", cipher: "TLS_AES_128_GCM_SHA256", bits: nil))
    #expect(report.hops[1].scope == .crossing)
    #expect(report.verdict.outcome == .encrypted)
    #expect(report.verdict.crossingHops == [2])
}
