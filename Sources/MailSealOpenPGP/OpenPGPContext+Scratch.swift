import Foundation

extension OpenPGPContext {
    /// Runs `body` with a context on a new, empty GnuPG home that is removed afterwards.
    ///
    /// Keys from strangers (WKD answers, Autocrypt headers) are read and checked there
    /// first, so that a key for someone else, or a signature that does not check out,
    /// never changes the user's own keyring.
    public static func withScratchHome<T>(_ body: (OpenPGPContext) throws -> T) throws -> T {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailseal-scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: scratch, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }

        let context = try OpenPGPContext(homeDirectory: scratch, passphrase: nil)
        return try body(context)
    }
}
