import Foundation
import MailSealDelivery
import Testing
import TestSupport

/// The loopback test world's mail servers (scripts/world/smtp) and its DNS
/// (scripts/world/dns), started once per run; SMTP first, so DNS publishes its TLSA.
enum SMTPWorld {
    static let world = ProcessInfo.processInfo.environment["MAILSEAL_TEST_WORLD"]
        .map { URL(fileURLWithPath: $0) } ?? ProjectPaths.root.appendingPathComponent(".world")
    static let folder = world.appendingPathComponent("smtp")
    static let caFile = world.appendingPathComponent("ca/world-ca.crt").path

    /// Starts the servers if they are not running yet; the scripts are idempotent.
    static let started: Bool = run("smtp")

    /// Starts the DNS and HTTPS worlds as well; DNS after SMTP, so that it publishes
    /// the TLSA record of mx-ok's certificate.
    static let dnsStarted: Bool = started && run("https") && run("dns")
        && (try? DNSTestWorld.require()) != nil

    /// Runs `scripts/world/PART start` and waits for it.
    ///
    /// Not through `Process`: its children would inherit the test runner's blocked
    /// signals (so the servers could not be stopped with SIGTERM), and `Process` does
    /// not always notice the end of a script whose daemons live on.
    private static func run(_ part: String) -> Bool {
        let script = ProjectPaths.root.appendingPathComponent("scripts/world/\(part)").path
        let log = world.appendingPathComponent("\(part)-start.log").path
        try? FileManager.default.createDirectory(at: world, withIntermediateDirectories: true)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(script), strdup("start"), nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, script, &actions, &attributes, arguments, environ) == 0 else {
            return false
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return status == 0
    }

    /// The evidence sources of the whole world: its DNS (validating) and its HTTPS.
    static func domainLookup() throws -> ResolverDomainLookup {
        let world = try DNSTestWorld.require()
        return ResolverDomainLookup(resolver: try world.resolver(), https: world.https())
    }

    /// The world's host names and their loopback addresses, from `.world/smtp/hosts`.
    static var addresses: [String: [String]] {
        _ = started
        let file = folder.appendingPathComponent("hosts")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        var map: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { map[String(parts[0]), default: []].append(String(parts[1])) }
        }
        return map
    }

    /// A probe configuration that reaches the world: its addresses, its CA, short waits.
    static func configuration(commandTimeout: TimeInterval = 3) -> SMTPProbe.Configuration {
        var configuration = SMTPProbe.Configuration()
        configuration.caFiles = [caFile]
        configuration.addressOverrides = addresses
        configuration.connectTimeout = 3
        configuration.commandTimeout = commandTimeout
        configuration.totalTimeout = 10
        configuration.heloName = "probe.mailseal.test"
        return configuration
    }

    /// How many EHLOs naming `helo` Postfix logged so far for `host`: the servers' own
    /// count of one test's connections (two EHLOs each with STARTTLS), whatever other
    /// tests do meanwhile.
    static func postfixConnections(to host: String, helo: String) -> Int {
        let log = folder.appendingPathComponent("postfix.log")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let shortName = host.split(separator: ".").first.map(String.init) ?? host
        return text.split(separator: "\n").filter {
            $0.contains(" \(shortName) postfix/smtpd[") && $0.contains("helo=<\(helo)>")
        }.count
    }

    /// An EHLO name no other test uses.
    static func uniqueHelo(_ purpose: String) -> String {
        "\(purpose)-\(UUID().uuidString.prefix(8).lowercased()).mailseal.test"
    }
}
