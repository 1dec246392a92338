import Foundation
import TestSupport

/// The OpenPGP keys in TestKeys/openpgp, read in place.
enum TestKey: String, CaseIterable {
    case alice, bob, carol, expired, revoked

    var address: String { "\(rawValue)@example.org" }

    /// The passphrase TestKeys/README.md gives each secret key.
    var passphrase: String { "\(rawValue)-passphrase" }

    var publicKey: Data { TestKey.read("\(rawValue).pub.asc") }

    var secretKey: Data { TestKey.read("\(rawValue).sec.asc") }

    var publicKeyFile: URL { TestKey.folder.appendingPathComponent("\(rawValue).pub.asc") }

    /// The primary key fingerprint from fingerprints.txt, never hard-coded.
    var fingerprint: String { TestKey.fingerprints[address] ?? "" }

    static let folder = ProjectPaths.testKeys.appendingPathComponent("openpgp")

    private static let fingerprints: [String: String] = {
        let text = String(decoding: read("fingerprints.txt"), as: UTF8.self)
        var table: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2 { table[String(fields[0])] = String(fields[1]) }
        }
        return table
    }()

    private static func read(_ name: String) -> Data {
        (try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()
    }
}

/// Files from the shared public vectors, read in place.
enum Vector {
    static func url(_ path: String) -> URL {
        ProjectPaths.vectors.appendingPathComponent("openpgp").appendingPathComponent(path)
    }

    static func data(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }
}
