import Foundation
import MailSealDelivery
import MailSealKeys

/// What `mailseal probe` (and `encrypt` without `--method`) gathers evidence with, set up
/// from the probe options.
struct ProbeSources {
    let prober: Prober
    /// A CA bundle made for this run when several `--ca-file` were given.
    private let bundle: URL?

    /// The options every command that probes accepts, besides `--offline`.
    static let options = [
        OptionSpec(name: "policy", kind: .single, valueName: "FILE",
                   help: "the delivery policy (JSON, see docs/policy.md); else the built-in one"),
        OptionSpec(name: "sensitive", kind: .flag,
                   help: "the message is sensitive: opportunistic or verified TLS is not enough"),
        OptionSpec(name: "resolver", kind: .single, valueName: "ADDR[:PORT]",
                   help: "ask this DNS resolver (it may also answer the test. zone)"),
        OptionSpec(name: "trust-anchor", kind: .repeated, valueName: "FILE",
                   help: "validate DNSSEC from the DS or DNSKEY records in FILE, not the root key"),
        OptionSpec(name: "ca-file", kind: .repeated, valueName: "FILE",
                   help: "trust these CAs for MX and HTTPS certificates, not the system's"),
        OptionSpec(name: "smtp-port", kind: .single, valueName: "N",
                   help: "probe mail servers on port N (default 25)"),
        OptionSpec(name: "helo", kind: .single, valueName: "NAME",
                   help: "the name to say in EHLO (default: this machine's host name)"),
        OptionSpec(name: "timeout", kind: .single, valueName: "SECONDS",
                   help: "wait at most this long for a connection or a reply (default 20)"),
    ]

    init(_ arguments: ArgumentList, context: ToolContext, offline: Bool) throws {
        let caFiles = arguments.all("ca-file")
        for path in caFiles where !FileManager.default.isReadableFile(atPath: path) {
            throw ToolError(.noInput, "\(path): cannot read the CA file")
        }
        bundle = caFiles.count > 1 ? try Self.bundle(caFiles) : nil
        let caFile = bundle?.path ?? caFiles.first

        var configuration = Prober.Configuration()
        configuration.offline = offline
        configuration.smtp.heloName = arguments.value("helo")
        if let text = arguments.value("timeout") {
            guard let seconds = TimeInterval(text), seconds > 0 else {
                throw ToolError(.usage, "--timeout needs a number of seconds, not '\(text)'")
            }
            configuration.smtp.connectTimeout = seconds
            configuration.smtp.commandTimeout = seconds
            configuration.smtp.totalTimeout = seconds * 3
        }
        configuration.smtp.caFiles = caFiles.map {
            URL(fileURLWithPath: $0).standardizedFileURL.path
        }
        if let port = arguments.value("smtp-port") {
            guard let number = UInt16(port), number > 0 else {
                throw ToolError(.usage, "--smtp-port needs a port number, not '\(port)'")
            }
            configuration.smtp.port = number
        }

        let cache = try? context.home.prepareCache()
        let keyring = try? Keyring(home: context.home)
        let known = keyring.map { HomeKnownKeys(keyring: $0, cache: cache) }
        var lookup: (any DomainLookup)?
        var discovery: (any KeyDiscovery)?
        if !offline {
            let resolver = try Self.resolver(arguments)
            let https = HTTPSClient(configuration: .init(caFile: caFile))
            lookup = ResolverDomainLookup(resolver: resolver, https: https)
            discovery = NetworkKeyDiscovery(resolver: resolver, https: https)
        }
        prober = Prober(
            configuration: configuration, lookup: lookup, keyDiscovery: discovery,
            knownKeys: known, importer: known, cache: cache)
    }

    func cleanUp() {
        if let bundle { try? FileManager.default.removeItem(at: bundle) }
    }

    // MARK: - Helpers

    private static func resolver(_ arguments: ArgumentList) throws -> DNSResolver {
        var configuration = DNSResolver.Configuration()
        // Given anchors replace the root key: the user says where validation starts.
        let anchors = arguments.all("trust-anchor")
        if !anchors.isEmpty { configuration.trustAnchors = [] }
        for path in anchors {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw ToolError(.noInput, "\(path): cannot read the trust anchor file")
            }
            configuration.trustAnchors.append(.file(path))
        }
        if let given = arguments.value("resolver") {
            configuration.upstream = .forwarders([try forwarder(given)])
            // A resolver named on the command line is trusted with the special-use test.
            // zone, which the test world serves; libunbound would refuse it otherwise.
            configuration.resolvedSpecialUseZones = ["test."]
        }
        do {
            return try DNSResolver(configuration: configuration)
        } catch {
            throw ToolError(.usage, "cannot set up the resolver: \(error)")
        }
    }

    /// `ADDR[:PORT]` (`[V6]:PORT` for IPv6) as libunbound's `ADDR@PORT`.
    static func forwarder(_ text: String) throws -> String {
        var host = text, port: String?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") { port = String(rest.dropFirst()) }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            port = String(text[text.index(after: colon)...])
        }
        if let port, UInt16(port) == nil {
            throw ToolError(.usage, "--resolver: '\(port)' is not a port number")
        }
        guard !host.isEmpty else { throw ToolError(.usage, "--resolver needs an address") }
        return port.map { "\(host)@\($0)" } ?? host
    }

    private static func bundle(_ files: [String]) throws -> URL {
        var pem = Data()
        for file in files {
            pem += try Data(contentsOf: URL(fileURLWithPath: file))
            pem += Data("\n".utf8)
        }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailseal-ca-\(UUID().uuidString).pem")
        try pem.write(to: url)
        return url
    }
}

extension MailSealHome {
    /// The probe cache in the home's state database, the home made first if missing.
    func prepareCache() throws -> ProbeCache {
        try prepare()
        return try ProbeCache(database: stateDatabase)
    }
}
