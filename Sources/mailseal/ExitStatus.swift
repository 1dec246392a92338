/// The exit codes of `mailseal`, from sysexits.h where one fits.
enum ExitStatus: Int32 {
    case success = 0
    /// A check failed: a bad signature, no key to decrypt, a recipient without a key.
    case checkFailed = 1
    case usage = 64
    /// The input is malformed (EX_DATAERR).
    case dataError = 65
    /// The input was not found or could not be read (EX_NOINPUT).
    case noInput = 66
    /// The output could not be written (EX_IOERR).
    case ioError = 74
}

/// An error the tool reports as one line on stderr, with the exit status it maps to.
struct ToolError: Error {
    var status: ExitStatus
    var message: String

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}
