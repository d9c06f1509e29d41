package render

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// The step summary's headings, one scheme for run and check: a section per
// part of the report at level 3 ("### tracetui checks: …", "### tracetui
// run: …"), an item in it (a rule, a test's trace) at level 4. Every name
// from a trace or a rule is escaped (MarkdownText) wherever it is not in a
// code block.

// MarkdownText escapes s for markdown outside code: a table cell, a
// heading, bold text. A "|" cannot open a column, "<" a tag, a backtick a
// code span, "&lt;" written in a name stays as written.
func MarkdownText(s string) string { return mdEscape(s) }

// CheckMarkdown is the report for a GitHub job summary: a table of rules,
// then per failing rule each trace it failed on with every assert that
// broke there and, folded, its pruned waterfall.
func CheckMarkdown(rep CheckReport, opt Options) string {
	opt.Glyphs, opt.Styles = Unicode, PlainStyles()
	var b strings.Builder
	b.WriteString("### tracetui checks: " + checkTotal(rep) + "\n\n| | check | result |\n|---|---|---|\n")
	for _, res := range rep.Results {
		mark := "✅"
		if !res.Passed() {
			mark = "❌"
		}
		b.WriteString("| " + mark + " | " + MarkdownText(res.Rule.Name) + " | " + MarkdownText(ruleOutcome(res)) + " |\n")
	}
	for _, res := range rep.Results {
		if len(res.Failures) == 0 {
			continue
		}
		b.WriteString("\n#### ❌ " + MarkdownText(res.Rule.Name) + "\n")
		for k, fs := range ByTrace(res.Failures) {
			t := rep.Traces[fs[0].Trace]
			b.WriteString("\n**" + MarkdownText(traceLabel(rep, fs[0].Trace, opt.Glyphs)) + "**\n\n```text\n")
			for _, f := range fs {
				for _, l := range FailureLines(t, f, opt.Glyphs) {
					b.WriteString(codeSafe(l) + "\n")
				}
			}
			b.WriteString("```\n")
			if k < MaxCheckWaterfalls {
				b.WriteString("<details><summary>waterfall</summary>\n\n```text\n")
				for _, l := range failureWaterfall(t, fs, opt) {
					b.WriteString(codeSafe(strings.TrimPrefix(l, "    ")) + "\n")
				}
				b.WriteString("```\n</details>\n")
			}
		}
	}
	return b.String()
}

// RunTraceMarkdown is one trace run prints to explain a failure, for the
// step summary: a level-4 heading of title (escaped here), then the trace
// as Markdown reports it under its own heading.
func RunTraceMarkdown(title string, t trace.Analyzed, opt Options) string {
	body := Markdown([]trace.Analyzed{t}, opt)
	head, rest, _ := strings.Cut(body, "\n")
	// Markdown heads a trace "### root · `id`": that becomes part of this
	// item's heading, one level under the section's.
	return "#### " + MarkdownText(title) + " · " + strings.TrimPrefix(head, "### ") + "\n" + rest
}

// codeSafe keeps a line from closing the code block it is in.
func codeSafe(s string) string { return strings.ReplaceAll(s, "```", "`\u200b``") }
