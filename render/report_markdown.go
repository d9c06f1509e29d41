package render

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// Markdown is the report for a GitHub job summary: a heading and summary
// per trace, the waterfall in a text fence (never coloured), the diagnosis
// as bullets. Names outside the fence are escaped.
func Markdown(traces []trace.Analyzed, opt Options) string {
	opt.Styles = PlainStyles()
	var b strings.Builder
	for _, t := range traces {
		tr, a := t.Tree, t.Analysis
		svc, name := RootLabel(tr)
		b.WriteString("### " + mdEscape(svc+" "+name) + " · `" + strings.ReplaceAll(Sanitize(tr.Trace.DisplayID()), "`", "'") + "`\n\n")
		facts := []string{Duration(tr.Duration()), Plural(len(tr.Trace.Spans), "span"),
			Plural(len(a.Services), "service"), Plural(a.Errors, "error"), "started " + StartTime(tr.Start, opt.Loc)}
		b.WriteString(strings.Join(facts, " · ") + "\n\n")
		for _, d := range Diagnosis(tr, a) {
			label, rest, _ := strings.Cut(d, ": ")
			b.WriteString("- **" + label + "**: " + mdEscape(rest) + "\n")
		}
		for _, w := range tr.Warnings {
			b.WriteString("- ⚠ " + mdEscape(WarningText(w)) + "\n")
		}
		if t.Findings != nil {
			for _, x := range t.Findings.List {
				b.WriteString("- **" + string(x.Kind) + "**: " + mdEscape(FindingSummary(tr, x, opt.Glyphs)) + "\n")
			}
		}
		b.WriteString("\n```text\n")
		for _, line := range Waterfall(tr, a, PrintState(t, opt), opt) {
			// A line cannot close the fence: rows never start with ```.
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
		b.WriteString(Legend(opt) + "\n```\n\n")
	}
	return b.String()
}

var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`, "~", `\~`,
)

func mdEscape(s string) string { return mdReplacer.Replace(Sanitize(s)) }
