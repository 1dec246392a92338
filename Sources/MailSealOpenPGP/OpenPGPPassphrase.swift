import Foundation

/// Where the passphrase for secret keys comes from; its value is never printed.
///
/// GnuPG receives it through the loopback pinentry callback only, never on a command line.
public struct OpenPGPPassphrase: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    let secret: String
    private let source: String

    private init(secret: String, source: String) {
        self.secret = secret
        self.source = source
    }

    /// A passphrase given in code (tests, or a value already read from a prompt).
    public static func literal(_ passphrase: String) -> OpenPGPPassphrase {
        OpenPGPPassphrase(secret: passphrase, source: "literal")
    }

    /// The value of an environment variable, by default `MAILSEAL_PASSPHRASE`.
    public static func environment(
        _ name: String = "MAILSEAL_PASSPHRASE"
    ) throws -> OpenPGPPassphrase {
        guard let value = ProcessInfo.processInfo.environment[name] else {
            throw OpenPGPError(
                .passphraseUnavailable, "the environment variable \(name) is not set")
        }
        return OpenPGPPassphrase(secret: value, source: "environment variable \(name)")
    }

    /// The first line of a file, without its line ending.
    public static func file(_ url: URL) throws -> OpenPGPPassphrase {
        let contents: Data
        do {
            contents = try Data(contentsOf: url)
        } catch {
            throw OpenPGPError(
                .passphraseUnavailable,
                "cannot read the passphrase file \(url.path): \(error.localizedDescription)")
        }

        let text = String(decoding: contents, as: UTF8.self)
        // CR, LF and CRLF all end the line; the rest of the file is ignored.
        let firstLine = text.components(separatedBy: .newlines).first ?? ""
        return OpenPGPPassphrase(secret: firstLine, source: "file \(url.path)")
    }

    public var description: String { "OpenPGPPassphrase(from \(source))" }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["source": source]) }
}
