import Foundation
import MailSealDelivery
import TestSupport

/// The loopback DNS and HTTPS servers of scripts/world, as the DNS, MTA-STS and WKD tests
/// see them. Started once per test run; the scripts do nothing when they are already up.
struct DNSTestWorld: Sendable {
    /// `.world` beside Package.swift, or the folder MAILSEAL_TEST_WORLD names.
    static let folder: URL = {
        if let path = ProcessInfo.processInfo.environment["MAILSEAL_TEST_WORLD"] {
            return URL(fileURLWithPath: path)
        }
        return ProjectPaths.root.appendingPathComponent(".world")
    }()

    /// The NSD server, `address@port`.
    let dnsServer: String
    /// DS records of signed.test and bogus.test.
    let trustAnchors: String
    /// A DS for signed.test from a key that never signed it.
    let wrongTrustAnchors: String
    let httpsCAFile: String
    let httpsAddress: String
    let httpsServerCertificate: String

    private static let shared: Result<DNSTestWorld, WorldError> = start()

    /// The running world, or an error that says why it could not be started.
    static func require() throws -> DNSTestWorld { try shared.get() }

    /// A resolver that sends every query to the world's NSD.
    func resolver(
        trustAnchorFile: String? = nil, timeout: Duration = .seconds(5)
    ) throws -> DNSResolver {
        let anchors = trustAnchorFile ?? trustAnchors
        return try DNSResolver(configuration: .init(
            upstream: .forwarders([dnsServer]),
            trustAnchors: anchors.isEmpty ? [] : [.file(anchors)], timeout: timeout,
            resolvedSpecialUseZones: ["test."]))
    }

    /// An HTTPS client that trusts the world's CA.
    func https(timeout: Duration = .seconds(5)) -> HTTPSClient {
        HTTPSClient(configuration: .init(caFile: httpsCAFile, timeout: timeout))
    }

    /// The binary form of an armored OpenPGP key in TestKeys, made by gpg as a peer.
    static func dearmoredKey(_ name: String) throws -> Data {
        let home = TemporaryDirectory("mailseal-dearmor")
        let file = ProjectPaths.testKeys.appendingPathComponent("openpgp/\(name).pub.asc")
        let result = try ProcessRunner.run(
            "gpg", ["--homedir", home.url.path, "--batch", "--dearmor", "--output", "-",
                    file.path])
        guard result.status == 0, !result.stdout.isEmpty else {
            throw WorldError(description: "gpg --dearmor \(file.path): \(result.stderrText)")
        }
        return result.stdout
    }

    // MARK: - Starting

    private static func start() -> Result<DNSTestWorld, WorldError> {
        let scripts = ProjectPaths.root.appendingPathComponent("scripts/world")
        // HTTPS first, so that DNS publishes the TLSA record of its certificate.
        for part in ["https", "dns"] {
            let script = scripts.appendingPathComponent(part).path
            do {
                let result = try ProcessRunner.run(
                    script, ["start"], environment: ["MAILSEAL_TEST_WORLD": folder.path])
                guard result.status == 0 else {
                    return .failure(WorldError(
                        description: "\(script) start failed (\(result.status)): "
                            + result.stderrText))
                }
            } catch {
                return .failure(WorldError(description: "could not run \(script): \(error)"))
            }
        }
        return Result { try load() }.mapError {
            ($0 as? WorldError) ?? WorldError(description: "\($0)")
        }
    }

    private static func load() throws -> DNSTestWorld {
        let dns = try environment("dns.env"), https = try environment("https.env")
        func value(_ table: [String: String], _ key: String) throws -> String {
            guard let value = table[key] else {
                throw WorldError(description: "\(key) missing from the world's env files")
            }
            return value
        }
        return DNSTestWorld(
            dnsServer: try value(dns, "MAILSEAL_DNS_SERVER"),
            trustAnchors: try value(dns, "MAILSEAL_DNS_TRUST_ANCHORS"),
            wrongTrustAnchors: try value(dns, "MAILSEAL_DNS_WRONG_TRUST_ANCHORS"),
            httpsCAFile: try value(https, "MAILSEAL_HTTPS_CA_FILE"),
            httpsAddress: try value(https, "MAILSEAL_HTTPS_ADDRESS"),
            httpsServerCertificate: try value(https, "MAILSEAL_HTTPS_SERVER_CERTIFICATE"))
    }

    /// `KEY=VALUE` lines of one of the world's env files.
    private static func environment(_ name: String) throws -> [String: String] {
        let url = folder.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw WorldError(description: "\(url.path) is missing: the world did not start")
        }
        var table: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            table[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return table
    }
}

/// Why the test world is not available.
struct WorldError: Error, CustomStringConvertible {
    let description: String
}
