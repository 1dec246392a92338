/// What went wrong in MailSealTrace.
public struct TraceError: Error, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidInternalDomain
    }

    public var code: Code
    /// What is wrong and what to do about it.
    public var reason: String
    /// The function that raised the error.
    public var raisedIn: String

    public init(_ code: Code, _ reason: String, raisedIn: String) {
        self.code = code
        self.reason = reason
        self.raisedIn = raisedIn
    }

    public var description: String { reason }
}
