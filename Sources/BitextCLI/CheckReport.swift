import Foundation
import Glossary

/// Renders findings as text, JSON or SARIF 2.1.0.
struct CheckReport {
    var findings: [Finding]
    var units: Int
    var files: [String]

    func text(colour: Bool) -> String {
        var out = ""
        for f in findings {
            let severity: String
            if colour {
                let code = f.severity == .error ? "31" : f.severity == .warning ? "33" : "36"
                severity = "\u{1B}[\(code)m\(f.severity.rawValue)\u{1B}[0m"
            } else {
                severity = f.severity.rawValue
            }
            out += "\(f.file):\(f.unit): \(severity): \(f.rule.rawValue): \(f.message)\n"
        }
        let counts = Severity.allCases.reversed().map { s in "\(findings.filter { $0.severity == s }.count) \(s.rawValue)s" }
        out += "\(units) units checked: \(counts.joined(separator: ", "))\n"
        return out
    }

    func object(_ f: Finding) -> [String: Any] {
        var o: [String: Any] = ["file": f.file, "unit": f.unit, "rule": f.rule.rawValue, "severity": f.severity.rawValue,
                                "expected": f.expected, "message": f.message]
        o["concept"] = f.concept ?? NSNull()
        o["term"] = f.term ?? NSNull()
        o["found"] = f.found ?? NSNull()
        o["source_range"] = f.sourceRange.map { [$0.lowerBound, $0.upperBound] } ?? NSNull()
        o["target_range"] = f.targetRange.map { [$0.lowerBound, $0.upperBound] } ?? NSNull()
        return o
    }

    func json() -> String {
        var byRule: [String: Int] = [:], bySeverity: [String: Int] = [:]
        for f in findings { byRule[f.rule.rawValue, default: 0] += 1; bySeverity[f.severity.rawValue, default: 0] += 1 }
        let summary: [String: Any] = ["units": units, "findings": findings.count, "by_rule": byRule, "by_severity": bySeverity]
        return serialize(["findings": findings.map(object), "summary": summary])
    }

    func sarif() -> String {
        let rules = CheckRule.allCases.map { r -> [String: Any] in
            ["id": r.rawValue, "shortDescription": ["text": r.summary],
             "defaultConfiguration": ["level": level(r.defaultSeverity)]]
        }
        let results = findings.map { f -> [String: Any] in
            var region: [String: Any] = [:]
            if let line = f.line { region["startLine"] = line }
            var location: [String: Any] = ["artifactLocation": ["uri": f.file]]
            if !region.isEmpty { location["region"] = region }
            return ["ruleId": f.rule.rawValue, "level": level(f.severity), "message": ["text": f.message],
                    "locations": [["physicalLocation": location, "logicalLocations": [["name": f.unit, "kind": "unit"]]]]]
        }
        let run: [String: Any] = ["tool": ["driver": ["name": "bitext",
                                                      "version": "0.1.0", "rules": rules]],
                                  "results": results]
        return serialize(["version": "2.1.0",
                          "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                          "runs": [run]])
    }

    func level(_ s: Severity) -> String {
        switch s { case .error: return "error"; case .warning: return "warning"; case .info: return "note" }
    }

    func serialize(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
