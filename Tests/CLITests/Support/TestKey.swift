import Foundation
import Testing
import TestSupport

/// Files under TestKeys and Examples.
enum TestKey {
    static func openPGP(_ name: String) -> URL {
        ProjectPaths.testKeys.appendingPathComponent("openpgp/\(name)")
    }

    static func smime(_ name: String) -> URL {
        ProjectPaths.testKeys.appendingPathComponent("smime/\(name)")
    }

    /// The primary key fingerprint of `name`'s OpenPGP key, from fingerprints.txt.
    static func fingerprint(_ name: String) throws -> String {
        let text = try String(contentsOf: openPGP("fingerprints.txt"), encoding: .utf8)
        let line = text.split(separator: "\n").first { $0.hasPrefix("\(name)@") }
        return try #require(line?.split(separator: " ").last.map(String.init))
    }

    /// The SHA-256 fingerprint of an S/MIME certificate, as mailseal prints it.
    static func certificateFingerprint(_ name: String) throws -> String {
        let result = try ProcessRunner.run(
            "openssl", ["x509", "-in", smime("\(name).crt").path, "-noout", "-fingerprint",
                        "-sha256"])
        try result.requireSuccess()
        let value = result.stdoutText.split(separator: "=").last ?? ""
        return value.replacingOccurrences(of: ":", with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

enum Example {
    static func url(_ name: String) -> URL {
        ProjectPaths.examples.appendingPathComponent(name)
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
}
