/// A self-contained HTML review page: source and target side by side, states, glossary terms
/// highlighted with the approved renderings on hover, notes and findings under each unit. It needs
/// no network and no JavaScript, prints well, and is well-formed XML, so Bitext reads it back.
public enum ReviewPage {
    static let formatName = "HTML review page"

    /// A finding to show under a unit.
    public struct Finding: Sendable, Hashable {
        public var severity: String
        public var rule: String
        public var message: String

        public init(severity: String, rule: String, message: String) {
            self.severity = severity
            self.rule = rule
            self.message = message
        }
    }

    static let style = """
    :root { --line: #d0d4da; --muted: #5b6470; --term: #fff1b8; --dnt: #e3f0ff; }
    * { box-sizing: border-box; }
    body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; color: #1d232b; margin: 24px; }
    h1 { font-size: 20px; margin: 0 0 4px; }
    p.summary { color: var(--muted); margin: 0 0 16px; }
    h2 { font-size: 15px; margin: 24px 0 8px; color: var(--muted); font-weight: 600; }
    table { width: 100%; border-collapse: collapse; table-layout: fixed; }
    th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: start; }
    th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--line); }
    col.id { width: 4.5em; } col.state { width: 11.5em; }
    td.id { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); }
    td.source, td.target { white-space: pre-wrap; overflow-wrap: anywhere; }
    tr.unit.no-translate td.source, tr.unit.no-translate td.target { color: var(--muted); font-style: italic; }
    td.state span { display: inline-block; white-space: nowrap; font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #eef0f3; }
    tr.state-translated td.state span { background: #e1f3e5; }
    tr.state-final td.state span { background: #cdebd4; font-weight: 600; }
    tr.state-needs-review td.state span { background: #fff0d6; }
    tr.state-needs-translation td.state span, tr.state-new td.state span { background: #f1f2f4; }
    mark.term { background: var(--term); border-bottom: 1px dotted #9a7b00; padding: 0 1px; color: inherit; }
    mark.term.dnt { background: var(--dnt); border-bottom-color: #2a5db0; }
    code.tag { font: 11px ui-monospace, "DejaVu Sans Mono", monospace; background: #eceff3; color: #4a5563; border-radius: 3px; padding: 0 3px; white-space: pre-wrap; overflow-wrap: anywhere; }
    tr.details td { border-bottom: 1px solid var(--line); padding-top: 0; font-size: 13px; color: var(--muted); }
    tr.unit.has-details td { border-bottom: none; }
    ul.notes, ul.findings { margin: 0; padding-left: 18px; }
    ul.findings li.error { color: #a11d1d; } ul.findings li.warning { color: #8a5a00; }
    ul.findings b { font-weight: 600; }
    .empty::after { content: "(empty)"; color: #9aa3ad; font-style: italic; }
    @media print {
      body { margin: 0; font-size: 11pt; }
      tr { page-break-inside: avoid; break-inside: avoid; }
      mark.term { background: none; text-decoration: underline dotted; }
      thead { display: table-header-group; }
    }
    """
}
