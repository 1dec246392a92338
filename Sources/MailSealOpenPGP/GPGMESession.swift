import Foundation
internal import CGPGME

/// One GPGME context for one operation; lent to a closure and never kept.
struct GPGMESession {
    let context: gpgme_ctx_t
    let log: OperationLog

    /// Whether the passphrase callback explains a failure better than GPGME's code.
    var passphraseFailed: Bool { log.wasRejected || log.wasMissing }

    /// The error for a failed GPGME call, blaming the passphrase when GnuPG refused it.
    func failure(
        _ error: gpgme_error_t, _ context: String, function: String,
        keys: [String] = [], address: String? = nil
    ) -> OpenPGPError {
        if log.wasRejected {
            return OpenPGPError(
                .badPassphrase, "\(context): the passphrase was not accepted by the secret key",
                function: function, keys: keys, address: address)
        }
        if log.wasMissing {
            return OpenPGPError(
                .passphraseRequired,
                "\(context): the secret key is protected and no passphrase was configured",
                function: function, keys: keys, address: address)
        }
        return OpenPGPError(
            gpgme: error, context, function: function, keys: keys, address: address)
    }
}

/// What the callbacks saw during one operation, so that results and failures can be
/// explained. Used by one thread at a time: GPGME calls back on the calling thread.
final class OperationLog {
    let passphrase: OpenPGPPassphrase?
    var wasRejected = false
    var wasMissing = false

    /// `DECRYPTION_INFO <mdc_method> <sym_algo> [<aead_algo>]` from gpg, when it came.
    var decryptionInfo: [Int]?

    init(_ passphrase: OpenPGPPassphrase?) { self.passphrase = passphrase }

    /// Whether gpg said the data was protected by an MDC or AEAD; nil when it did not say.
    var integrityProtected: Bool? {
        guard let info = decryptionInfo, let mdc = info.first else { return nil }
        return mdc != 0 || info.dropFirst(2).first.map { $0 != 0 } == true
    }
}

/// Records the gpg status lines MailSeal needs beyond GPGME's results.
private let statusCallback: gpgme_status_cb_t = { hook, keyword, arguments in
    guard let hook, let keyword else { return 0 }
    let log = Unmanaged<OperationLog>.fromOpaque(hook).takeUnretainedValue()
    if String(cString: keyword) == "DECRYPTION_INFO", let arguments {
        log.decryptionInfo = String(cString: arguments).split(separator: " ")
            .map { Int($0) ?? -1 }
    }
    return 0
}

/// Answers GnuPG's loopback pinentry; the hook is the operation's `OperationLog`.
private let passphraseCallback: gpgme_passphrase_cb_t = { hook, _, _, previousWasBad, fd in
    guard let hook else { return gpgme_error(GPG_ERR_GENERAL) }
    let log = Unmanaged<OperationLog>.fromOpaque(hook).takeUnretainedValue()

    // A second request means the first answer was wrong; asking again cannot help.
    if previousWasBad != 0 {
        log.wasRejected = true
        return gpgme_error(GPG_ERR_BAD_PASSPHRASE)
    }
    guard let secret = log.passphrase?.secret else {
        log.wasMissing = true
        return gpgme_error(GPG_ERR_NO_PASSPHRASE)
    }

    var line = Array((secret + "\n").utf8)
    defer { for index in line.indices { line[index] = 0 } }
    let written = line.withUnsafeBytes { gpgme_io_writen(fd, $0.baseAddress, $0.count) }
    return written == 0 ? 0 : gpgme_error_from_errno(errno)
}

extension OpenPGPContext {
    /// Runs `body` with a fresh context set up for this home, released afterwards.
    func withSession<T>(
        armored: Bool = false, function: String, _ body: (GPGMESession) throws -> T
    ) throws -> T {
        var context: gpgme_ctx_t?
        let created = gpgme_new(&context)
        guard !OpenPGPError.isFailure(created), let context else {
            throw OpenPGPError(gpgme: created, "cannot create a GPGME context", function: function)
        }
        defer { gpgme_release(context) }

        let log = OperationLog(passphrase)
        try configure(context, armored: armored, function: function)
        let hook = Unmanaged.passUnretained(log).toOpaque()
        gpgme_set_passphrase_cb(context, passphraseCallback, hook)
        gpgme_set_status_cb(context, statusCallback, hook)
        return try withExtendedLifetime(log) {
            try body(GPGMESession(context: context, log: log))
        }
    }

    private func configure(_ context: gpgme_ctx_t, armored: Bool, function: String) throws {
        let steps: [(String, () -> gpgme_error_t)] = [
            ("select the OpenPGP protocol", {
                gpgme_set_protocol(context, GPGME_PROTOCOL_OpenPGP)
            }),
            ("use the GnuPG home \(homeDirectory.path)", {
                gpgme_ctx_set_engine_info(
                    context, GPGME_PROTOCOL_OpenPGP, nil, self.homeDirectory.path)
            }),
            ("select the loopback pinentry", {
                gpgme_set_pinentry_mode(context, GPGME_PINENTRY_MODE_LOOPBACK)
            }),
            // Every status line reaches the status callback, DECRYPTION_INFO included.
            ("ask for gpg's status lines", {
                gpgme_set_ctx_flag(context, "full-status", "1")
            }),
        ]
        for (what, step) in steps {
            let error = step()
            if OpenPGPError.isFailure(error) {
                throw OpenPGPError(gpgme: error, "cannot \(what)", function: function)
            }
        }

        // Offline: no key server or WKD look-ups behind the caller's back.
        gpgme_set_offline(context, 1)
        gpgme_set_armor(context, armored ? 1 : 0)
    }
}
