internal import COpenSSL
import Foundation

/// Hands a passphrase to OpenSSL's password callback, and notes whether it was asked.
///
/// Without our own callback OpenSSL would prompt on the terminal for an encrypted key.
final class PassphraseSource {
    /// OpenSSL's pem_password_cb, which Swift imports as a plain function type.
    typealias PasswordCallback = @convention(c) (
        UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?
    ) -> Int32

    private let passphrase: [CChar]?
    private(set) var wasAsked = false

    private init(_ passphrase: String?) {
        self.passphrase = passphrase.map { Array($0.utf8CString.dropLast()) }
    }

    /// Runs a decoder with a callback that answers from `passphrase`, and maps a failure
    /// to "passphrase needed", "wrong passphrase" or "not a key".
    static func decode(
        _ passphrase: String?, function: String,
        _ body: (PasswordCallback, UnsafeMutableRawPointer) -> OpaquePointer?
    ) throws -> OpaquePointer {
        let source = PassphraseSource(passphrase)
        let context = Unmanaged.passUnretained(source).toOpaque()
        let key = withExtendedLifetime(source) { body(PassphraseSource.callback, context) }
        if let key { return key }

        switch (source.wasAsked, passphrase) {
        case (true, nil):
            throw SMIMEError.openSSL(
                .wrongPassphrase, "the key is encrypted and no passphrase was given",
                function: function)
        case (true, _):
            throw SMIMEError.openSSL(
                .wrongPassphrase, "the passphrase does not decrypt the key",
                function: function)
        default:
            throw SMIMEError.openSSL(
                .invalidKey, "the bytes are not an RSA or EC private key OpenSSL can read",
                function: function)
        }
    }

    // int (*)(char *buf, int size, int rwflag, void *u): copies at most size bytes.
    private static let callback: PasswordCallback = { buffer, size, _, context in
        guard let buffer, let context else { return -1 }
        let source = Unmanaged<PassphraseSource>.fromOpaque(context).takeUnretainedValue()
        source.wasAsked = true
        guard let passphrase = source.passphrase, passphrase.count <= Int(size) else {
            return -1
        }
        passphrase.withUnsafeBufferPointer { characters in
            if let base = characters.baseAddress {
                buffer.update(from: base, count: characters.count)
            }
        }
        return Int32(passphrase.count)
    }
}
