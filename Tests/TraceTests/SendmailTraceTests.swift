import Foundation
import MailSealTrace
import Testing

/// sendmail's submission program and MTA at the sender, a Proofpoint gateway run by a
/// third organisation, sendmail at the recipient.
private let sendmailChain = """
    Received: from mx0b-00123401.pphosted.example.com
    \t(mx0b-00123401.pphosted.example.com [192.0.2.44])
    \tby mail.example.org (8.17.1/8.17.1) with ESMTP id 524AbCdE012345
    \t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)
    \tfor <alice@example.org>; Tue, 4 Mar 2025 04:15:04 -0500
    Received: from smtp.example.net (smtp.example.net [198.51.100.25])
    \tby mx0b-00123401.pphosted.example.com (PPS) with ESMTPS id 45a1bc2de3-1
    \t(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NOT);
    \tTue, 04 Mar 2025 09:15:03 +0000
    Received: from smtp.example.net (localhost [127.0.0.1])
    \tby smtp.example.net (8.17.1/8.17.1) with ESMTP id 524AbCdE000778
    \tfor <alice@example.org>; Tue, 4 Mar 2025 10:14:59 +0100
    Received: (from bob@localhost)
    \tby smtp.example.net (8.17.1/8.17.1/Submit) id 524AbCdE000777;
    \tTue, 4 Mar 2025 10:14:59 +0100
    """

@Test func sendmailAndProofpointChainIsReadHopByHop() throws {
    let report = try trace(sendmailChain)
    try #require(report.hops.count == 4)
    let hops = report.hops

    // Hop 1: sendmail's submission program; no network.
    #expect(hops[0].fromName == nil)
    #expect(hops[0].byName == "smtp.example.net")
    #expect(hops[0].id == "524AbCdE000777")
    #expect(hops[0].scope == .internal(.localSubmission))
    #expect(hops[0].time == utc("2025-03-04T09:14:59Z"))

    // Hop 2: submission program to the MTA over loopback.
    #expect(hops[1].fromName == "smtp.example.net")
    #expect(hops[1].fromReverseName == "localhost")
    #expect(hops[1].fromAddress == "127.0.0.1")
    #expect(hops[1].scope == .internal(.loopback))
    #expect(hops[1].tls == .notRecorded)
    #expect(hops[1].tlsBasis.contains("sendmail"))
    #expect(hops[1].delay == 0)

    // Hop 3: to the Proofpoint gateway, TLS 1.2 in sendmail's syntax.
    #expect(hops[2].fromAddress == "198.51.100.25")
    #expect(hops[2].byName == "mx0b-00123401.pphosted.example.com")
    #expect(hops[2].protocol == "ESMTPS")
    #expect(hops[2].tls == .yes(
        version: "TLSv1.2", cipher: "ECDHE-RSA-AES256-GCM-SHA384", bits: 256))
    #expect(hops[2].scope == .crossing)
    #expect(hops[2].delay == 4)

    // Hop 4: gateway to the recipient's sendmail; ESMTP, yet the comment records TLS.
    #expect(hops[3].fromName == "mx0b-00123401.pphosted.example.com")
    #expect(hops[3].fromAddress == "192.0.2.44")
    #expect(hops[3].byName == "mail.example.org")
    #expect(hops[3].protocol == "ESMTP")
    #expect(hops[3].tls == .yes(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", bits: 256))
    #expect(hops[3].scope == .crossing)
    #expect(hops[3].time == utc("2025-03-04T09:15:04Z"))
    #expect(hops[3].delay == 1)

    #expect(hops.allSatisfy { $0.problems.isEmpty })
    #expect(report.verdict.outcome == .encrypted)
    #expect(report.verdict.crossingHops == [3, 4])
}

@Test func sendmailAuthenticationBitsAreNotMistakenForTLS() throws {
    let report = try trace("""
        Received: from [192.168.1.20] ([203.0.113.77]) (authenticated bits=0)
        \tby smtp.example.net (8.17.1/8.17.1) with ESMTPA id 524AbCdE000779
        \tfor <alice@example.org>; Tue, 4 Mar 2025 10:14:59 +0100
        """)
    let hop = try #require(report.hops.first)

    #expect(hop.fromName == "[192.168.1.20]")
    #expect(hop.fromAddress == "203.0.113.77")
    #expect(hop.protocol == "ESMTPA")
    #expect(hop.tls == .notRecorded)
    #expect(report.verdict.outcome == .unknown)
}

@Test func sendmailMayBeForgedNameIsFlaggedAndNotTrusted() throws {
    // The client claims a name in the recipient's domain; sendmail says it may be forged.
    let report = try trace("""
        Received: from relay.example.org (relay.example.org [203.0.113.9] (may be forged))
        \tby mail.example.org (8.17.1/8.17.1) with ESMTP id 524AbCdE000780
        \tfor <alice@example.org>; Tue, 4 Mar 2025 10:14:59 +0100
        """)
    let hop = try #require(report.hops.first)

    #expect(hop.fromReverseName == "relay.example.org")
    #expect(hop.fromAddress == "203.0.113.9")
    #expect(hop.fromNameUnconfirmed)
    #expect(hop.problemCodes == [.reverseNameMayBeForged])
    #expect(hop.scope == .crossing)
    #expect(report.verdict.outcome == .unknown)
}
