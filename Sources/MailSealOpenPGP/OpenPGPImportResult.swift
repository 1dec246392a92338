import Foundation

/// What an import changed in the keyring, in GnuPG's counts (`IMPORT_RES`).
public struct OpenPGPImportResult: Sendable, Equatable, Codable {
    /// Keys found in the input.
    public let considered: Int
    /// Keys that were new to the keyring.
    public let imported: Int
    /// Keys already present without anything new.
    public let unchanged: Int
    public let newUserIDs: Int
    public let newSubkeys: Int
    public let newSignatures: Int
    public let newRevocations: Int
    /// Secret keys found in the input.
    public let secretRead: Int
    /// Secret keys that were new to the keyring.
    public let secretImported: Int
    public let secretUnchanged: Int
    /// Keys GnuPG refused; `problems` says why.
    public let notImported: Int
    /// Primary key fingerprints of the keys now in the keyring, in input order, once each.
    public let fingerprints: [String]
    /// One line per refused key: its fingerprint (when known) and GnuPG's reason.
    public let problems: [String]
}
