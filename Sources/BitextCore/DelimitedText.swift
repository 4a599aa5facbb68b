/// Reads CSV (RFC 4180) and TSV (backslash escapes for tab, newline, carriage return and
/// backslash) into rows of fields, with the line each row starts on.
public enum DelimitedText {
    /// The two dialects.
    public enum Dialect: Sendable {
        /// Comma-separated; fields may be quoted with `"`, which is doubled inside quotes.
        case csv
        /// Tab-separated; `\t`, `\n`, `\r` and `\\` are escapes inside fields; any other backslash is itself.
        case tsv
    }

    /// A row and the 1-based line it starts on.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    /// An unterminated quote or a bad escape, with its position.
    public struct Failure: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// Splits `text` into rows. A final line break does not start an empty row; blank lines are skipped.
    /// - Throws: `Failure` for an unterminated quoted field (CSV). A backslash TSV does not define stays as it is.
    public static func rows(_ text: String, dialect: Dialect) throws(Failure) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1, column = 0
        var rowLine = 1
        var inQuotes = false
        var quoteLine = 0, quoteColumn = 0
        var fieldWasQuoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                rows.append(Row(line: rowLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        /// Ends the row at a line break; CRLF counts as one.
        func endLine(_ c: Unicode.Scalar) {
            if c == "\r" {
                let next = iterator.next()
                if next != "\n" { pending = next }
            }
            endRow()
            line += 1; column = 0; rowLine = line
        }
        while let c = pending ?? iterator.next() {
            pending = nil
            column += 1
            switch dialect {
            case .csv:
                if inQuotes {
                    if c == "\"" {
                        let next = iterator.next()
                        if next == "\"" { field.unicodeScalars.append("\""); column += 1 } else { inQuotes = false; pending = next }
                    } else {
                        field.unicodeScalars.append(c)
                        if c == "\n" { line += 1; column = 0 }
                    }
                } else if c == "\"" && field.isEmpty && !fieldWasQuoted {
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteLine = line; quoteColumn = column
                } else if c == "," {
                    fields.append(field); field = ""; fieldWasQuoted = false
                } else if c == "\r" || c == "\n" {
                    endLine(c)
                } else {
                    field.unicodeScalars.append(c)
                }
            case .tsv:
                if c == "\\" {
                    let next = iterator.next()
                    column += 1
                    switch next {
                    case "t": field += "\t"
                    case "n": field += "\n"
                    case "r": field += "\r"
                    case "\\": field += "\\"
                    case nil:
                        field += "\\"
                    case "\t":
                        // Any other backslash is text ("\-" in a news sentence), never a reason to refuse the file.
                        field += "\\"
                        fields.append(field); field = ""
                    case let c? where c == "\r" || c == "\n":
                        field += "\\"
                        endLine(c)
                    case let c?:
                        field += "\\"
                        field.unicodeScalars.append(c)
                    }
                } else if c == "\t" {
                    fields.append(field); field = ""
                } else if c == "\r" || c == "\n" {
                    endLine(c)
                } else {
                    field.unicodeScalars.append(c)
                }
            }
        }
        if inQuotes { throw Failure(line: quoteLine, column: quoteColumn, message: "unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRow() }
        return rows
    }

    /// One field, quoted or escaped as the dialect needs.
    public static func encode(_ field: String, dialect: Dialect) -> String {
        switch dialect {
        case .csv:
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                    || field.first == " " || field.last == " " else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .tsv:
            var out = ""
            for s in field.unicodeScalars {
                switch s {
                case "\\": out += "\\\\"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(s)
                }
            }
            return out
        }
    }

    /// A whole row, fields joined, with CRLF (CSV, as RFC 4180 says) or LF (TSV).
    public static func encodeRow(_ fields: [String], dialect: Dialect) -> String {
        let separator = dialect == .csv ? "," : "\t"
        return fields.map { encode($0, dialect: dialect) }.joined(separator: separator) + (dialect == .csv ? "\r\n" : "\n")
    }
}

extension String {
    /// Every occurrence of `target` replaced with `replacement` (stdlib-only).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            result += rest[..<r.lowerBound]
            result += replacement
            rest = rest[r.upperBound...]
        }
        return result + rest
    }
}

extension Substring {
    func range(of target: String) -> Range<Substring.Index>? {
        guard let first = target.first else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i] == first, self[i...].hasPrefix(target) {
                return i..<(index(i, offsetBy: target.count))
            }
            i = index(after: i)
        }
        return nil
    }
}
