import Foundation
import MailSealKeys
import MailSealMessage

/// Maps library errors to the tool's one-line messages and exit codes.
enum ErrorMapping {
    static func toolError(_ error: Error, input: String) -> ToolError {
        switch error {
        case let error as ToolError:
            return error
        case let error as MessageError:
            return ToolError(status(of: error.code), "\(input): \(error.reason)")
        case let error as KeyImportError:
            return ToolError(.dataError, "\(error)")
        default:
            return ToolError(.checkFailed, "\(input): \(error)")
        }
    }

    private static func status(of code: MessageError.Code) -> ExitStatus {
        switch code {
        case .malformedMessage, .unsupported: .dataError
        case .invalidRequest: .usage
        case .noUsableKey, .noSigningKey, .noDecryptionKey, .cryptoFailure: .checkFailed
        }
    }
}
