import Foundation

/// MailSeal's home folder: the GnuPG home, the S/MIME store and the trust anchors.
///
/// Layout, all created with mode 0700 (files holding key material 0600):
/// ```
/// HOME/gnupg/          GnuPG home used through GPGME
/// HOME/smime/certs/    certificates, PEM, one per file, named by SHA-256 fingerprint
/// HOME/smime/keys/     private keys, PEM, named like their certificate; encrypted
///                      PKCS#8 when imported with a passphrase
/// HOME/trust/          trust anchors (CA certificates), PEM
/// HOME/state.sqlite    what MailSeal learned (recipient capabilities, probe cache)
/// ```
public struct MailSealHome: Sendable {
    public let url: URL

    /// The home named by `--home`, else `MAILSEAL_HOME`, else `~/.mailseal`.
    public static func resolve(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> MailSealHome {
        if let explicit, !explicit.isEmpty {
            return MailSealHome(url: URL(fileURLWithPath: explicit))
        }
        if let fromEnvironment = environment["MAILSEAL_HOME"], !fromEnvironment.isEmpty {
            return MailSealHome(url: URL(fileURLWithPath: fromEnvironment))
        }
        let userHome = environment["HOME"] ?? NSHomeDirectory()
        return MailSealHome(url: URL(fileURLWithPath: userHome).appendingPathComponent(".mailseal"))
    }

    public init(url: URL) {
        self.url = url.standardizedFileURL
    }

    public var gnupgHome: URL { url.appendingPathComponent("gnupg") }
    public var certificatesFolder: URL { url.appendingPathComponent("smime/certs") }
    public var privateKeysFolder: URL { url.appendingPathComponent("smime/keys") }
    public var trustFolder: URL { url.appendingPathComponent("trust") }
    public var stateDatabase: URL { url.appendingPathComponent("state.sqlite") }

    /// Creates the folders that are missing, each private to the user (0700).
    public func prepare() throws {
        let folders = [url, gnupgHome, url.appendingPathComponent("smime"),
                       certificatesFolder, privateKeysFolder, trustFolder]
        for folder in folders {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
    }
}
