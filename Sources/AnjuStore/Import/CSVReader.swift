/// A small RFC 4180 reader: comma-separated, fields optionally in double quotes (`""` for
/// a quote inside), records ended by `\n`, `\r\n` or `\r`. A UTF-8 byte order mark at the
/// start (as Excel writes) is skipped. Blank lines are skipped.
struct CSVReader {
    /// One record and the physical line it starts on (1-based).
    struct Record {
        let line: Int
        let fields: [String]
    }

    /// A structural problem: an unterminated quote, or a quote inside an unquoted field.
    struct SyntaxError: Error {
        let line: Int
        let message: String
    }

    /// Splits `text` into records.
    static func records(_ text: String) throws(SyntaxError) -> [Record] {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var i = 0
        var fieldWasQuoted = false
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            // A line with nothing on it is not a record.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }

        while i < bytes.count {
            let b = bytes[i]
            if b == quote {
                guard field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else {
                    throw SyntaxError(line: line, message: "字段中间出现引号，含引号的字段须整体用引号括起 / a quote inside an unquoted field: quote the whole field")
                }
                field.removeAll()
                fieldWasQuoted = true
                let openedOn = line
                i += 1
                var closed = false
                while i < bytes.count {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < bytes.count, bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    if c == lf || (c == cr && !(i + 1 < bytes.count && bytes[i + 1] == lf)) { line += 1 }
                    field.append(c)
                    i += 1
                }
                guard closed else {
                    throw SyntaxError(line: openedOn, message: "引号没有闭合 / a quoted field is never closed")
                }
                // Only spaces may follow the closing quote before the separator.
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
                if i < bytes.count, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                    throw SyntaxError(line: line, message: "引号后面应是逗号或换行 / a closing quote must be followed by a comma or a line break")
                }
                continue
            }
            if b == comma {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldWasQuoted = false
                i += 1
                continue
            }
            if b == lf || b == cr {
                endRecord()
                if b == cr, i + 1 < bytes.count, bytes[i + 1] == lf { i += 1 }
                i += 1
                line += 1
                recordLine = line
                continue
            }
            field.append(b)
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}
