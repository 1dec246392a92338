import Foundation
import Testing
import TestSupport

extension ProcessResult {
    /// Throws with the program's stderr when it did not exit 0.
    func requireSuccess(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(status == 0, "exit \(status): \(stderrText)", sourceLocation: sourceLocation)
    }

    /// The lines the program wrote to standard error.
    var stderrLines: [String] {
        stderrText.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Expects a failure as the issue defines it: exit `status`, and one line on stderr,
    /// `Error: ` then the file named and each of `phrases` (case-insensitive), nothing
    /// more (no stack trace, no report).
    func expectError(
        _ status: Int32, naming file: String?, _ phrases: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(self.status == status, "exit \(self.status): \(stderrText)",
                sourceLocation: sourceLocation)
        #expect(stderrLines.count == 1, "stderr: \(stderrText)", sourceLocation: sourceLocation)
        let line = stderrLines.first ?? ""
        #expect(line.hasPrefix("Error: "), "stderr: \(stderrText)",
                sourceLocation: sourceLocation)
        if let file {
            #expect(line.contains(file), "\(line) does not name \(file)",
                    sourceLocation: sourceLocation)
        }
        for phrase in phrases {
            #expect(line.lowercased().contains(phrase.lowercased()),
                    "\(line) does not say \(phrase)", sourceLocation: sourceLocation)
        }
    }
}
