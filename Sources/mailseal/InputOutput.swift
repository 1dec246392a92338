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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ToolError(.noInput, "\(path): cannot be read (permission denied?)")
        }
        return data
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
            FileHandle.standardOutput.write(data)
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

    /// Prints one line to standard error.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
