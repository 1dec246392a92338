import Foundation
import Testing
import TestSupport

/// The `--json` report of `decrypt` and `verify`, read as a program would read it: only
/// the fields the issue promises, decoded here without the library's own types.
struct Report: Decodable {
    struct Signature: Decodable {
        var status: String
        var fingerprint: String?
        var signerAddresses: [String]
        var matchesFrom: Bool
        var coverage: String
        var details: [String]
        var signingTime: String?
    }

    var encrypted: Bool
    var method: String?
    var cipher: String?
    var integrityProtected: Bool?
    var signatures: [Signature]
    var headerProtection: String?
    var warnings: [String]

    /// Decodes the report `decrypt --json` writes to stderr or `verify --json` to stdout.
    static func decode(_ text: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> Report
    {
        do {
            return try JSONDecoder().decode(Report.self, from: Data(text.utf8))
        } catch {
            Issue.record("not a JSON report: \(error)\n\(text)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The only signature, required to be the only one.
    func onlySignature(sourceLocation: SourceLocation = #_sourceLocation) throws -> Signature {
        try #require(signatures.count == 1, "signatures: \(signatures.count)",
                     sourceLocation: sourceLocation)
        return signatures[0]
    }
}
