import Foundation

/// Line ending conversion to the canonical form of RFC 5322 s2.1 and RFC 3156 s5.
public enum LineEndings {
    /// `data` with every bare LF and every bare CR turned into CRLF.
    public static func canonical(_ data: Data) -> Data {
        guard needsCanonicalization(data) else { return data }
        var out = Data()
        appendCanonical(data, to: &out)
        return out
    }

    /// Whether `data` holds a bare LF or a bare CR.
    public static func isCanonical(_ data: Data) -> Bool { !needsCanonicalization(data) }

    /// Appends `data` in canonical form to `out`, in one linear pass.
    static func appendCanonical(_ data: Data, to out: inout Data) {
        guard needsCanonicalization(data) else {
            out.append(data)
            return
        }
        let start = out.count
        // At most every byte becomes two.
        out.count += data.count * 2
        let written = out.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int in
                let source = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
                let target = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + start
                return convert(source, input.count, into: target)
            }
        }
        out.count = start + written
    }

    private static func convert(
        _ input: UnsafePointer<UInt8>, _ count: Int, into output: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var o = 0, i = 0
        while i < count {
            let byte = input[i]
            if byte == ASCII.cr {
                output[o] = ASCII.cr
                output[o + 1] = ASCII.lf
                o += 2
                i += (i + 1 < count && input[i + 1] == ASCII.lf) ? 2 : 1
            } else if byte == ASCII.lf {
                output[o] = ASCII.cr
                output[o + 1] = ASCII.lf
                o += 2
                i += 1
            } else {
                output[o] = byte
                o += 1
                i += 1
            }
        }
        return o
    }

    private static func needsCanonicalization(_ data: Data) -> Bool {
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Bool in
            guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                return false
            }
            let count = input.count
            var i = 0
            while i < count {
                let byte = base[i]
                if byte == ASCII.lf { return true }
                if byte == ASCII.cr {
                    if i + 1 >= count || base[i + 1] != ASCII.lf { return true }
                    i += 2
                    continue
                }
                i += 1
            }
            return false
        }
    }
}
