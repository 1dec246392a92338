import Foundation
import Testing
import TestSupport

/// What Examples/lab-result.eml must still be once a peer or mailseal opened it.
enum LabResult {
    static let subject = "Your laboratory results are ready"

    /// Checks `message`, read by Python, against the original example.
    static func expectIntact(
        _ message: Data, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let tree = try PythonEmail.tree(of: message, sourceLocation: sourceLocation)
        let original = try PythonEmail.tree(of: Example.data("lab-result.eml"))
        #expect(tree["message"]?.subject == subject, sourceLocation: sourceLocation)
        #expect(tree["message"]?.contentType == "multipart/mixed",
                sourceLocation: sourceLocation)
        #expect(tree["1"]?.text?.contains(
            "the results of the blood test taken on 30 November 2026") == true,
            sourceLocation: sourceLocation)
        #expect(tree["2"]?.contentType == "application/pdf", sourceLocation: sourceLocation)
        let pdf = try #require(original["2"]?.payload)
        #expect(pdf.starts(with: Data("%PDF".utf8)), sourceLocation: sourceLocation)
        #expect(tree["2"]?.payload == pdf, sourceLocation: sourceLocation)
    }
}
