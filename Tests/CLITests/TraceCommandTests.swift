import Foundation
import Testing
import TestSupport

private let example = ProjectPaths.examples.appendingPathComponent("trace-lab-results.eml")
private let exchangeExample = ProjectPaths.examples
    .appendingPathComponent("trace-exchange-without-tls.eml")

private func mailseal(_ arguments: [String], input: Data? = nil) throws -> ProcessResult {
    try ProcessRunner.run(ProjectPaths.mailsealBinary.path, arguments, input: input)
}

private let exampleLines = [
    "hop 1  2025-03-04 09:14:59 UTC  from (none)  by mail.example.net  TLS not recorded"
        + "  internal (local submission)",
    "hop 2  2025-03-04 09:15:02 UTC (+3s)  from mail.example.net [198.51.100.25]"
        + "  by mx.example.org  with ESMTPS  TLS yes (TLSv1.3, TLS_AES_256_GCM_SHA384, 256 bits)"
        + "  between organisations",
    "hop 3  2025-03-04 09:15:05 UTC (+3s)  from mx.example.org [192.0.2.10]"
        + "  by imap.example.org  with LMTP  TLS not recorded"
        + "  internal (same registered domain example.org)",
    "Verdict: Encrypted: every hop between organisations used TLS (hop 2).",
]

@Test func traceSummaryPrintsOneLinePerHopAndTheVerdict() throws {
    let result = try mailseal(["trace", example.path])

    #expect(result.status == 0)
    #expect(result.stdoutText == exampleLines.joined(separator: "\n") + "\n")
    #expect(result.stderrText.isEmpty)
}

@Test func traceReadsStandardInputWithDashOrNoOperand() throws {
    let message = try Data(contentsOf: example)

    let dash = try mailseal(["trace", "-"], input: message)
    let none = try mailseal(["trace"], input: message)

    #expect(dash.status == 0)
    #expect(dash.stdoutText == exampleLines.joined(separator: "\n") + "\n")
    #expect(none.stdoutText == dash.stdoutText)
}

@Test func traceJSONHasHopsAndVerdict() throws {
    let result = try mailseal(["trace", "--json", example.path])
    let object = try #require(
        try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
    let hops = try #require(object["hops"] as? [[String: Any]])
    let verdict = try #require(object["verdict"] as? [String: Any])

    #expect(result.status == 0)
    try #require(hops.count == 3)
    #expect(hops.map { $0["number"] as? Int } == [1, 2, 3])
    #expect(hops[1]["fromName"] as? String == "mail.example.net")
    #expect(hops[1]["fromAddress"] as? String == "198.51.100.25")
    #expect(hops[1]["byName"] as? String == "mx.example.org")
    #expect(hops[1]["protocol"] as? String == "ESMTPS")
    #expect(hops[1]["time"] as? String == "2025-03-04T09:15:02Z")
    #expect(hops[1]["delay"] as? Double == 3)
    let tls = try #require(hops[1]["tls"] as? [String: Any])
    #expect(tls["status"] as? String == "yes")
    #expect(tls["version"] as? String == "TLSv1.3")
    #expect(tls["bits"] as? Int == 256)
    let scope = try #require(hops[2]["scope"] as? [String: Any])
    #expect(scope["reason"] as? String == "sameRegisteredDomain")
    #expect(verdict["outcome"] as? String == "encrypted")
    #expect(verdict["crossingHops"] as? [Int] == [2])
}

@Test func traceNamesTheHopThatWasNotEncrypted() throws {
    let result = try mailseal(["trace", exchangeExample.path])
    let lines = result.stdoutText.split(separator: "\n").map(String.init)

    #expect(result.status == 0)
    try #require(lines.count == 3)
    #expect(lines[0].hasPrefix("hop 1  2025-03-04 09:15:03 UTC  from mail.example.net"))
    #expect(lines[0].hasSuffix("TLS NO  between organisations"))
    #expect(lines[1].contains("TLS yes  internal (same registered domain example.org)"))
    #expect(lines[2] == "Verdict: NOT encrypted: hop 1 between organisations did not use TLS.")
}

@Test func traceInternalDomainsMakeTheLabHopInternal() throws {
    let result = try mailseal([
        "trace", "--internal", "example.org", "--internal=example.net", "--json", example.path,
    ])
    let object = try #require(
        try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
    let verdict = try #require(object["verdict"] as? [String: Any])

    #expect(result.status == 0)
    #expect(verdict["outcome"] as? String == "internalOnly")
}

@Test func traceOfAMissingFileFailsWithOneLineNamingIt() throws {
    let result = try mailseal(["trace", "no-such-message.eml"])

    #expect(result.status == 66)
    #expect(result.stdoutText.isEmpty)
    #expect(result.stderrText == "Error: no-such-message.eml: no such file\n")
}

@Test func traceOfSomethingThatIsNotAMessageFailsAsDataError() throws {
    let folder = TemporaryDirectory()
    let path = folder.file("note.txt").path
    try Data("A plain note, not an email message.\nIt has no header.\n".utf8)
        .write(to: URL(fileURLWithPath: path))
    let result = try mailseal(["trace", path])
    let lines = result.stderrText.split(separator: "\n", omittingEmptySubsequences: false)

    #expect(result.status == 65)
    #expect(result.stdoutText.isEmpty)
    #expect(lines.count == 2 && lines[1].isEmpty)
    #expect(lines[0].hasPrefix("Error: cannot trace '\(path)': "))
}

@Test func traceRefusesAnInternalNameThatIsNotADomain() throws {
    let result = try mailseal(["trace", "--internal", "not a domain", example.path])

    #expect(result.status == 64)
    #expect(result.stderrText.hasPrefix("Error: --internal: 'not a domain' is not a domain name"))
}

@Test func traceHelpShowsItsOptions() throws {
    let result = try mailseal(["trace", "--help"])

    #expect(result.status == 0)
    #expect(result.stdoutText.contains("mailseal trace [--json] [--internal DOMAIN ...] [FILE|-]"))
    #expect(result.stdoutText.contains("--internal DOMAIN"))
}

// MARK: - docs/trace.md

/// The lines of the fenced block in `docs/trace.md` that starts with `first`.
private func docsBlock(startingWith first: String) throws -> [String] {
    let docs = try String(
        contentsOf: ProjectPaths.root.appendingPathComponent("docs/trace.md"), encoding: .utf8)
    let lines = docs.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let start = try #require(lines.firstIndex(of: first))
    let end = try #require(lines[start...].firstIndex(of: "```"))
    return Array(lines[start..<end])
}

@Test func docsWorkedExampleMatchesWhatTheCommandPrints() throws {
    let block = try docsBlock(startingWith: "$ mailseal trace Examples/trace-lab-results.eml")
    let result = try mailseal(["trace", example.path])

    #expect(Array(block.dropFirst()) == exampleLines)
    #expect(result.stdoutText == block.dropFirst().joined(separator: "\n") + "\n")
}

@Test func docsWorkedExampleShowsTheExampleFilesReceivedFields() throws {
    let block = try docsBlock(startingWith: "Received: from mx.example.org ([192.0.2.10])")
    let message = try String(contentsOf: example, encoding: .utf8)
    let header = message.components(separatedBy: "\r\n").prefix { $0.hasPrefix("Received:")
        || $0.hasPrefix("\t") || $0.hasPrefix(" ") }

    #expect(block == Array(header))
}
