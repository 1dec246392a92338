import Foundation

/// What went wrong in the delivery module, said so that a person can act on it.
public struct DeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The policy file does not exist or cannot be read.
        case policyUnreadable
        /// The policy file is not valid JSON or not a valid policy.
        case policyInvalid
        /// The cache in the state database failed.
        case cacheFailed
        /// A recipient address is not an address.
        case invalidAddress
    }

    public var code: Code
    /// The problem, in words.
    public var reason: String
    /// Where it was raised: `FILE:LINE` for a policy, else the operation.
    public var location: String
    /// The line of the policy file, when the problem is in one.
    public var line: Int?

    public init(_ code: Code, _ reason: String, location: String, line: Int? = nil) {
        self.code = code
        self.reason = reason
        self.location = location
        self.line = line
    }

    public var description: String { "\(location): \(reason)" }
}
