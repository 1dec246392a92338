import Foundation
internal import CGPGME
internal import CMailSealShims

/// One GnuPG home folder and the OpenPGP operations on its keyring.
///
/// Each operation runs in a fresh GPGME context, so one value may be used from several
/// threads at once. The engine is the `gpg` program found by GPGME; passphrases reach it
/// through the loopback pinentry only.
public final class OpenPGPContext: Sendable {
    /// The GnuPG home folder (`--homedir`) this context works on.
    public let homeDirectory: URL

    let passphrase: OpenPGPPassphrase?

    /// Opens (and creates, mode 0700) the GnuPG home at `homeDirectory`.
    /// - Parameter passphrase: given to GnuPG whenever a secret key asks for one.
    /// - Throws: `.engineUnavailable` when GPGME or gpg is missing or too old,
    ///   `.homeDirectory` when the folder cannot be created.
    public init(homeDirectory: URL, passphrase: OpenPGPPassphrase? = nil) throws {
        try GPGMELibrary.ready.get()
        try OpenPGPContext.prepareHome(homeDirectory)
        self.homeDirectory = homeDirectory.standardizedFileURL
        self.passphrase = passphrase
    }

    /// Creates the folder or tightens its mode, since GnuPG distrusts a shared home.
    private static func prepareHome(_ url: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        do {
            if manager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw OpenPGPError(
                        .homeDirectory, "\(url.path) exists and is not a folder")
                }
                try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
            } else {
                try manager.createDirectory(
                    at: url, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            }
        } catch let error as OpenPGPError {
            throw error
        } catch {
            throw OpenPGPError(
                .homeDirectory,
                "cannot prepare the GnuPG home \(url.path): \(error.localizedDescription)")
        }
    }
}

/// The process-wide GPGME set-up, done once before the first context.
enum GPGMELibrary {
    /// The oldest GPGME with every result field used here (is_mime, symkey_algo...).
    static let minimumVersion = "1.13.0"

    /// The oldest gpg with the loopback pinentry and `--ignore-mdc-error` we rely on.
    static let minimumEngine = [2, 2, 0]

    static let ready: Result<Void, OpenPGPError> = {
        guard CMailSealShims_gpgme_check_version(minimumVersion) != nil else {
            return .failure(OpenPGPError(
                .engineUnavailable, "GPGME \(minimumVersion) or newer is required",
                function: "init"))
        }

        let check = gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP)
        if OpenPGPError.isFailure(check) {
            return .failure(OpenPGPError(
                gpgme: check, "the gpg engine is not usable", function: "init"))
        }

        let version = engineVersion() ?? ""
        let parts = version.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        guard !parts.lexicographicallyPrecedes(minimumEngine) else {
            return .failure(OpenPGPError(
                .engineUnavailable,
                "gpg \(version) is too old; GnuPG 2.2 or newer is required", function: "init"))
        }
        return .success(())
    }()

    /// The version of the gpg program GPGME will run.
    private static func engineVersion() -> String? {
        var info: gpgme_engine_info_t?
        guard !OpenPGPError.isFailure(gpgme_get_engine_info(&info)) else { return nil }
        while let engine = info {
            if engine.pointee.protocol == GPGME_PROTOCOL_OpenPGP,
               let version = engine.pointee.version {
                return String(cString: version)
            }
            info = engine.pointee.next
        }
        return nil
    }
}
