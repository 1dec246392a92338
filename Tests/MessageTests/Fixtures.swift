import Foundation
import MailSealKeys
import MailSealMIME
import MailSealMessage
import MailSealSMIME
import Testing
import TestSupport

/// A MailSeal home for one person in a test, loaded from TestKeys, removed afterwards.
final class PersonHome {
    let folder: TemporaryDirectory
    let keyring: Keyring

    /// Makes a home for `name` ("alice", "bob", ...) holding their own secret keys,
    /// the public keys and certificates of `contacts`, and the test CA as trust anchor.
    init(_ name: String, contacts: [String] = [], openPGP: Bool = true, smime: Bool = true)
        throws
    {
        folder = TemporaryDirectory("ms")
        let home = MailSealHome(url: folder.url)
        let passphrase = "\(name)-passphrase"
        keyring = try Keyring(
            home: home, passphrase: .literal(passphrase), smimePassphrase: passphrase)
        let importer = KeyImporter(keyring: keyring, passphrase: passphrase)
        let keys = ProjectPaths.testKeys

        if openPGP {
            try importFile(importer, keys.appendingPathComponent("openpgp/\(name).sec.asc"))
            for contact in contacts {
                try importFile(importer, keys.appendingPathComponent("openpgp/\(contact).pub.asc"))
            }
        }
        if smime {
            try importFile(importer, keys.appendingPathComponent("smime/\(name).crt"))
            try importFile(importer, keys.appendingPathComponent("smime/\(name).key"))
            for contact in contacts {
                try importFile(importer, keys.appendingPathComponent("smime/\(contact).crt"))
            }
            let ca = try Data(contentsOf: keys.appendingPathComponent("smime/ca.crt"))
            for anchor in try Certificate.load(ca) {
                try keyring.smime.trust(anchor)
            }
        }
    }

    private func importFile(_ importer: KeyImporter, _ url: URL) throws {
        _ = try importer.importKeys(Data(contentsOf: url), source: url.lastPathComponent)
    }

    var sealer: MessageSealer { MessageSealer(keyring: keyring) }
    var opener: MessageOpener { MessageOpener(keyring: keyring) }
}

/// The example messages.
enum Example {
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: ProjectPaths.examples.appendingPathComponent(name))
    }

    static func vector(_ path: String) throws -> Data {
        try Data(contentsOf: ProjectPaths.vectors.appendingPathComponent(path))
    }
}

/// Flips one byte of `data` at `offset` (counted from the start).
func flipped(_ data: Data, at offset: Int) -> Data {
    var copy = data
    let index = copy.startIndex + offset
    copy[index] ^= 0x01
    return copy
}

/// The decoded text of the first text/plain leaf.
func firstText(_ entity: MIMEEntity) throws -> String? {
    for part in entity.leaves() where part.entity.contentType.mimeType == "text/plain" {
        return try part.entity.text()
    }
    return nil
}

/// `data` with the first occurrence of `word` replaced: a change a relay could not make.
func replacing(_ word: String, with replacement: String, in data: Data) throws -> Data {
    let range = try #require(data.range(of: Data(word.utf8)))
    var copy = data
    copy.replaceSubrange(range, with: Data(replacement.utf8))
    return copy
}
