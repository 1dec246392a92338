import Foundation
import MailSealKeys
import MailSealMessage
import MailSealOpenPGP

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
        case let error as OpenPGPError where dataErrors.contains(error.code):
            // Input GnuPG cannot read (a version 6 key, damaged packets) is not a failed
            // check: it is data this tool does not take.
            return ToolError(.dataError, "\(input): \(error)")
        default:
            return ToolError(.checkFailed, "\(input): \(error)")
        }
    }

    private static let dataErrors: Set<OpenPGPError.Code> = [
        .unsupportedKeyVersion, .unsupportedMessageFormat, .malformedData,
    ]

    private static func status(of code: MessageError.Code) -> ExitStatus {
        switch code {
        case .malformedMessage, .unsupported: .dataError
        case .invalidRequest: .usage
        case .noUsableKey, .noSigningKey, .noDecryptionKey, .wrongPassphrase, .cryptoFailure:
            .checkFailed
        }
    }
}
