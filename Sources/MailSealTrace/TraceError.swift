/// Why MailSealTrace could not do what it was asked.
public struct TraceError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of problem it is, for code that reacts to it.
    public enum Code: String, Sendable, Equatable {
        /// A domain given as internal is not a domain name.
        case invalidInternalDomain
    }

    public var code: Code
    /// A sentence a person can act on.
    public var reason: String
    /// Where it was raised: `File.swift:line`.
    public var location: String

    init(_ code: Code, _ reason: String, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        let file = fileID.split(separator: "/").last.map(String.init) ?? fileID
        location = "\(file):\(line)"
    }

    public var description: String { "\(reason) (\(code.rawValue), at \(location))" }
}
