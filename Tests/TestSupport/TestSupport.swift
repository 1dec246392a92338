import Foundation

/// Where the project and the shared vectors are, seen from a test.
public enum ProjectPaths {
    /// The package root: the folder that holds Package.swift.
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let manifest = url.appendingPathComponent("Package.swift")
            if FileManager.default.fileExists(atPath: manifest.path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/vectors`, used in place and never copied.
    public static let vectors = root.deletingLastPathComponent()
        .appendingPathComponent("shared/vectors")

    public static let testKeys = root.appendingPathComponent("TestKeys")

    public static let examples = root.appendingPathComponent("Examples")

    /// The built `mailseal` executable, next to the test bundle.
    public static var mailsealBinary: URL {
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
        let products = bundle.map { URL(fileURLWithPath: $0.bundlePath) }?
            .deletingLastPathComponent()
            ?? root.appendingPathComponent(".build/debug")
        return products.appendingPathComponent("mailseal")
    }
}

/// A private folder for one test, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    // Immutable after init; removal happens once in deinit.
    public let url: URL

    public init(_ prefix: String = "mailseal-test") {
        let base = FileManager.default.temporaryDirectory
        url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit {
        // gpg-agent may still be running for a GnuPG home inside this folder.
        let agentHome = url.appendingPathComponent("gnupg")
        if FileManager.default.fileExists(atPath: agentHome.path) {
            _ = try? ProcessRunner.run(
                "gpgconf", ["--homedir", agentHome.path, "--kill", "all"])
        }
        // A dying agent may still rewrite a key file; retry so that nothing stays behind.
        for _ in 0..<50 {
            guard FileManager.default.fileExists(atPath: url.path) else { return }
            if (try? FileManager.default.removeItem(at: url)) != nil { return }
            usleep(100_000)
        }
    }
}

/// What a finished process left behind.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs a peer program (gpg, sq, openssl, python3, mailseal) for a test.
public enum ProcessRunner {
    /// Runs `program` (looked up on PATH unless it is a path) with `arguments`.
    public static func run(
        _ program: String, _ arguments: [String], input: Data? = nil,
        environment: [String: String] = [:], currentDirectory: URL? = nil
    ) throws -> ProcessResult {
        let process = Process()
        if program.contains("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C.UTF-8"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }

        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()

        // Read both pipes while writing, so that no side blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data(), err = Data()
        DispatchQueue.global().async(group: group) {
            out = outPipe.fileHandleForReading.readDataToEndOfFile()
        }
        DispatchQueue.global().async(group: group) {
            err = errPipe.fileHandleForReading.readDataToEndOfFile()
        }
        if let input { try? inPipe.fileHandleForWriting.write(contentsOf: input) }
        try? inPipe.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: out, stderr: err)
    }

    /// Whether `program` is on PATH.
    public static func isAvailable(_ program: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(program)"]).status) == 0
    }
}
