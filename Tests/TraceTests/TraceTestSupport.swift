import Foundation
import MailSealTrace

/// The Received field values of a header block, newest first, unfolded by removing each
/// line break before white space (RFC 5322 s2.2.3). Lines of other fields are skipped.
func receivedValues(_ header: String) -> [String] {
    var fields: [String] = []
    var current: String?
    for line in header.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.first == " " || line.first == "\t" {
            current? += line
            continue
        }
        if let current { fields.append(current) }
        current = nil
        let colon = line.firstIndex(of: ":")
        if let colon, line[..<colon].lowercased() == "received" {
            current = String(line[line.index(after: colon)...])
        }
    }
    if let current { fields.append(current) }
    return fields.map { $0.trimmingCharacters(in: .whitespaces) }
}

/// A report on the Received fields of `header`.
func trace(_ header: String, internal domains: [String] = []) throws -> TraceReport {
    try TraceReport(receivedFields: receivedValues(header), internalDomains: domains)
}

/// An instant written as ISO 8601 in UTC: `2025-03-04T09:15:02Z`.
func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)!
}

extension ReceivedHop {
    /// The problem codes, for assertions.
    var problemCodes: [ReceivedProblem.Code] { problems.map(\.code) }
}
