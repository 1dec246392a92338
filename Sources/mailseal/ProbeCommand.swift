import Foundation
import MailSealDelivery
import MailSealKeys

/// `mailseal probe`: the delivery method for each recipient, with its reasons.
struct ProbeCommand: Command {
    static let name = "probe"
    static let summary = "Choose the delivery method (smime, pgp, tls, portal) for recipients."
    static let synopsis = [
        "probe [--policy FILE] [--offline] [--json] [--sensitive] ADDR...",
    ]
    static let options = [
        OptionSpec(name: "offline", kind: .flag,
                   help: "no network: keys in the home and cached evidence only"),
        OptionSpec(name: "json", kind: .flag, help: "print a JSON array with the evidence"),
    ] + ProbeSources.options

    static func run(_ arguments: ArgumentList, context: ToolContext) throws -> ExitStatus {
        let addresses = arguments.operands
        guard !addresses.isEmpty else { throw ToolError(.usage, "probe needs at least one ADDR") }
        let decisions = try decide(
            addresses, arguments: arguments, context: context,
            offline: arguments.has("offline"))
        if arguments.has("json") {
            try InputOutput.standardOutput(try JSONOutput.text(decisions))
        } else {
            let lines = decisions.map { "\($0.address)  \($0.summary)\n" }
            try InputOutput.standardOutput(lines.joined())
        }
        return decisions.allSatisfy { $0.method != nil } ? .success : .checkFailed
    }

    /// The decision for each of `addresses`, under the policy the options name.
    static func decide(
        _ addresses: [String], arguments: ArgumentList, context: ToolContext, offline: Bool
    ) throws -> [DeliveryDecision] {
        let policy = try loadPolicy(arguments.value("policy"))
        let sources = try ProbeSources(arguments, context: context, offline: offline)
        defer { sources.cleanUp() }
        let sensitive = arguments.has("sensitive")
        return try blockingWait {
            await sources.prober.decide(addresses, policy: policy, sensitive: sensitive)
        }
    }

    private static func loadPolicy(_ path: String?) throws -> DeliveryPolicy {
        guard let path else { return .builtIn }
        do {
            return try DeliveryPolicy(contentsOf: URL(fileURLWithPath: path))
        } catch let error as DeliveryError {
            throw ToolError(error.code == .policyUnreadable ? .noInput : .dataError, error.reason)
        }
    }

    /// Runs `body` to its end from synchronous code; the commands are synchronous.
    private static func blockingWait<Value: Sendable>(
        _ body: @escaping @Sendable () async -> Value
    ) throws -> Value {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await body()
            done.signal()
        }
        done.wait()
        return box.value!
    }
}

/// Holds a value handed from a task to the waiting thread.
private final class ResultBox<Value>: @unchecked Sendable {
    // Written once by the task before the semaphore is signalled, read after.
    var value: Value?
}
