import Foundation
internal import CGPGME

/// One GPGME context for one operation; lent to a closure and never kept.
struct GPGMESession {
    let context: gpgme_ctx_t
    let exchange: PassphraseExchange

    /// Whether the passphrase callback explains a failure better than GPGME's code.
    var passphraseFailed: Bool { exchange.wasRejected || exchange.wasMissing }

    /// The error for a failed GPGME call, blaming the passphrase when GnuPG refused it.
    func failure(
        _ error: gpgme_error_t, _ context: String, function: String,
        keys: [String] = [], address: String? = nil
    ) -> OpenPGPError {
        if exchange.wasRejected {
            return OpenPGPError(
                .badPassphrase, "\(context): the passphrase was not accepted by the secret key",
                function: function, keys: keys, address: address)
        }
        if exchange.wasMissing {
            return OpenPGPError(
                .passphraseRequired,
                "\(context): the secret key is protected and no passphrase was configured",
                function: function, keys: keys, address: address)
        }
        return OpenPGPError(
            gpgme: error, context, function: function, keys: keys, address: address)
    }
}

/// What the passphrase callback was asked, so that failures can be explained.
final class PassphraseExchange {
    let passphrase: OpenPGPPassphrase?
    var wasRejected = false
    var wasMissing = false

    init(_ passphrase: OpenPGPPassphrase?) { self.passphrase = passphrase }
}

/// Answers GnuPG's loopback pinentry; the hook is the operation's `PassphraseExchange`.
private let passphraseCallback: gpgme_passphrase_cb_t = { hook, _, _, previousWasBad, fd in
    guard let hook else { return gpgme_error(GPG_ERR_GENERAL) }
    let exchange = Unmanaged<PassphraseExchange>.fromOpaque(hook).takeUnretainedValue()

    // A second request means the first answer was wrong; asking again cannot help.
    if previousWasBad != 0 {
        exchange.wasRejected = true
        return gpgme_error(GPG_ERR_BAD_PASSPHRASE)
    }
    guard let secret = exchange.passphrase?.secret else {
        exchange.wasMissing = true
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

        let exchange = PassphraseExchange(passphrase)
        try configure(context, armored: armored, function: function)
        gpgme_set_passphrase_cb(
            context, passphraseCallback, Unmanaged.passUnretained(exchange).toOpaque())
        return try withExtendedLifetime(exchange) {
            try body(GPGMESession(context: context, exchange: exchange))
        }
    }

    private func configure(_ context: gpgme_ctx_t, armored: Bool, function: String) throws {
        let steps: [(String, () -> gpgme_error_t)] = [
            ("select the OpenPGP protocol", { gpgme_set_protocol(context, GPGME_PROTOCOL_OpenPGP) }),
            ("use the GnuPG home \(homeDirectory.path)", {
                gpgme_ctx_set_engine_info(
                    context, GPGME_PROTOCOL_OpenPGP, nil, self.homeDirectory.path)
            }),
            ("select the loopback pinentry", {
                gpgme_set_pinentry_mode(context, GPGME_PINENTRY_MODE_LOOPBACK)
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
