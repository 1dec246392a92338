import Foundation
import MailSealTrace
import Testing

private let chain = """
    Received: from mx.example.org ([192.0.2.10])
    \tby imap.example.org with LMTP id 8NqLBm3R; Tue, 04 Mar 2025 10:15:05 +0100
    Received: from mail.example.net (mail.example.net [198.51.100.25])
    \t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
    \tby mx.example.org (Postfix) with ESMTPS id 4Z6b1X0Qh4z9sV;
    \tTue,  4 Mar 2025 10:15:02 +0100 (CET)
    """

private func encode(_ report: TraceReport) throws -> [String: Any] {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    let data = try encoder.encode(report)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

@Test func jsonHasHopsAndVerdictWithTheReportsValues() throws {
    let object = try encode(try trace(chain))
    let hops = try #require(object["hops"] as? [[String: Any]])
    let verdict = try #require(object["verdict"] as? [String: Any])
    try #require(hops.count == 2)

    #expect(hops[0]["number"] as? Int == 1)
    #expect(hops[0]["fromName"] as? String == "mail.example.net")
    #expect(hops[0]["fromAddress"] as? String == "198.51.100.25")
    #expect(hops[0]["byName"] as? String == "mx.example.org")
    #expect(hops[0]["protocol"] as? String == "ESMTPS")
    #expect(hops[0]["time"] as? String == "2025-03-04T09:15:02Z")
    let tls = try #require(hops[0]["tls"] as? [String: Any])
    #expect(tls["status"] as? String == "yes")
    #expect(tls["version"] as? String == "TLSv1.3")
    #expect(tls["cipher"] as? String == "TLS_AES_256_GCM_SHA384")
    #expect(tls["bits"] as? Int == 256)
    let scope = try #require(hops[0]["scope"] as? [String: Any])
    #expect(scope["kind"] as? String == "crossing")

    let second = try #require(hops[1]["tls"] as? [String: Any])
    #expect(second["status"] as? String == "notRecorded")
    #expect(hops[1]["delay"] as? Double == 3)
    let internalScope = try #require(hops[1]["scope"] as? [String: Any])
    #expect(internalScope["kind"] as? String == "internal")
    #expect(internalScope["reason"] as? String == "sameRegisteredDomain")
    #expect(internalScope["domain"] as? String == "example.org")

    #expect(verdict["outcome"] as? String == "encrypted")
    #expect(verdict["crossingHops"] as? [Int] == [1])
}

@Test func jsonRoundTripsEveryTLSStatusAndScope() throws {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    let statuses: [TLSStatus] = [
        .yes(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256", bits: 128),
        .yes(version: nil, cipher: nil, bits: nil), .yesByProtocolName, .no, .notRecorded,
    ]
    let scopes: [HopScope] = [
        .crossing, .unknown, .internal(.sameHost), .internal(.loopback),
        .internal(.localSubmission), .internal(.noSendingHost),
        .internal(.sameRegisteredDomain("example.org")),
        .internal(.internalDomain("example.net")),
    ]

    for status in statuses {
        #expect(try decoder.decode(TLSStatus.self, from: encoder.encode(status)) == status)
    }
    for scope in scopes {
        #expect(try decoder.decode(HopScope.self, from: encoder.encode(scope)) == scope)
    }
    let report = try trace(chain)
    #expect(try decoder.decode(TraceReport.self, from: encoder.encode(report)) == report)
}
