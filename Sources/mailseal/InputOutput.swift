import Foundation
import MailSealKeys

/// Reading the input operand and writing results, with the tool's exit codes.
enum InputOutput {
    /// The bytes of `path`, or of standard input for nil or `-`.
    static func read(_ path: String?) throws -> Data {
        guard let path, path != "-" else {
            return FileHandle.standardInput.readDataToEndOfFile()
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ToolError(.noInput, "\(path): no such file")
        }
        guard !isFolder.boolValue else { throw ToolError(.noInput, "\(path): is a folder") }
        // A FileHandle reads pipes and /dev/stdin too, which FileManager.contents cannot.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ToolError(.noInput, "\(path): cannot be read (permission denied?)")
        }
        defer { try? handle.close() }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw ToolError(.noInput, "\(path): cannot be read: \(error.localizedDescription)")
        }
    }

    /// How the input is named in messages.
    static func name(_ path: String?) -> String {
        guard let path, path != "-" else { return "standard input" }
        return path
    }

    /// Writes `data` to `path` atomically, or to standard output for nil or `-`.
    ///
    /// Refuses to write over the input file, so that nothing is ever lost.
    static func write(_ data: Data, to path: String?, input: String?, permissions: mode_t = 0o600)
        throws
    {
        guard let path, path != "-" else {
            try standardOutput(data)
            return
        }
        if let input, input != "-", sameFile(path, input) {
            throw ToolError(.usage, "\(path): the output would overwrite the input")
        }
        do {
            try AtomicFile.write(data, to: URL(fileURLWithPath: path), permissions: permissions)
        } catch {
            throw ToolError(.ioError, "\(error)")
        }
    }

    private static func sameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else {
            return URL(fileURLWithPath: first).standardizedFileURL
                == URL(fileURLWithPath: second).standardizedFileURL
        }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// Writes to standard output; a closed pipe or a full disk is an output error (74),
    /// never a crash.
    static func standardOutput(_ data: Data) throws {
        let failure = AtomicFile.writeAll(data, to: STDOUT_FILENO)
        guard failure == 0 else {
            throw ToolError(.ioError, "cannot write to standard output: "
                + String(cString: strerror(failure)))
        }
    }

    /// Writes text to standard output, with control characters made harmless.
    static func standardOutput(_ text: String) throws {
        try standardOutput(Data(terminalSafe(text).utf8))
    }

    /// Prints one line to standard error; a failure there has nowhere to be reported.
    static func note(_ line: String) {
        _ = AtomicFile.writeAll(Data((terminalSafe(line) + "\n").utf8), to: STDERR_FILENO)
    }

    /// `text` with every control character but line feed and tab replaced by U+FFFD.
    ///
    /// Header fields and certificate names come from strangers; printed raw, an escape
    /// sequence in them could rewrite what the terminal shows.
    static func terminalSafe(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            scalars.append(isControl && scalar != "\n" && scalar != "\t" ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }
}
