import Foundation
import MailSealDelivery
import TestSupport

/// The SMTP part of the loopback test world (scripts/world/smtp), started once per run.
enum SMTPWorld {
    static let folder = ProjectPaths.root.appendingPathComponent(".world/smtp")
    static let caFile = ProjectPaths.root.appendingPathComponent(".world/ca/world-ca.crt").path

    /// Starts the servers if they are not running yet; the script is idempotent.
    static let started: Bool = {
        let script = ProjectPaths.root.appendingPathComponent("scripts/world/smtp").path
        let result = try? ProcessRunner.run(script, ["start"])
        return result?.status == 0
    }()

    /// The world's host names and their loopback addresses, from `.world/smtp/hosts`.
    static var addresses: [String: [String]] {
        _ = started
        let text = (try? String(contentsOf: folder.appendingPathComponent("hosts"), encoding: .utf8)) ?? ""
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
        configuration.caFile = caFile
        configuration.addressOverrides = addresses
        configuration.connectTimeout = 3
        configuration.commandTimeout = commandTimeout
        configuration.totalTimeout = 10
        configuration.heloName = "probe.mailseal.test"
        return configuration
    }

    /// How many SMTP connections Postfix logged so far for `host` (the servers' own count).
    static func postfixConnections(to host: String) -> Int {
        let log = folder.appendingPathComponent("postfix.log")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let shortName = host.split(separator: ".").first.map(String.init) ?? host
        return text.split(separator: "\n").filter {
            $0.contains(" \(shortName) postfix/smtpd[") && $0.contains(": connect from ")
        }.count
    }
}
