package render

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// Markdown is the report for a GitHub job summary: a heading and summary
// per trace, the waterfall in a text fence (never coloured), the diagnosis
// as bullets. Names outside the fence are escaped.
func Markdown(traces []trace.Analyzed, opt Options) string {
	var b strings.Builder
	WriteMarkdown(&b, traces, opt) // a strings.Builder never fails
	return b.String()
}

// WriteMarkdown writes Markdown's report to w line by line as it is drawn,
// so a million-span waterfall is never held in memory; the error is w's.
func WriteMarkdown(w io.Writer, traces []trace.Analyzed, opt Options) error {
	opt.Styles = PlainStyles()
	g := opt.Glyphs.or()
	md := func(s string) string { return mdEscape(g.Clean(s)) }
	b := bufio.NewWriterSize(w, 64<<10)
	for _, t := range traces {
		tr, a := t.Tree, t.Analysis
		svc, name := RootLabel(tr)
		b.WriteString("### " + md(svc+" "+name) + g.Sep + "`" + strings.ReplaceAll(g.Clean(tr.Trace.DisplayID()), "`", "'") + "`\n\n")
		start, dur := traceTimes(tr, opt)
		facts := []string{dur, Plural(len(tr.Trace.Spans), "span"),
			Plural(len(a.Services), "service"), Plural(a.Errors, "error")}
		if start != "" {
			facts = append(facts, "started "+start)
		}
		b.WriteString(strings.Join(facts, g.Sep) + "\n\n")
		for _, d := range g.ReportDiagnosis(tr, a) {
			label, rest, _ := strings.Cut(d, ": ")
			b.WriteString("- **" + label + "**: " + md(rest) + "\n")
		}
		for _, warn := range tr.Warnings {
			b.WriteString("- " + g.Warn + " " + md(WarningText(warn)) + "\n")
		}
		if t.Findings != nil {
			for _, sf := range capFindings(t.Findings.List) {
				var text string
				if sf.More > 0 {
					text = moreFindings(sf.Finding.Kind, sf.More, g)
				} else {
					text = FindingSummary(tr, sf.Finding, g)
				}
				b.WriteString("- **" + string(sf.Finding.Kind) + "**: " + md(text) + "\n")
			}
		}
		b.WriteString("\n```text\n")
		eachWaterfallLine(tr, a, PrintState(t, opt), opt, func(line []byte) {
			// A line cannot close the fence: rows never start with ```.
			b.Write(bytes.TrimRight(line, " "))
			b.WriteByte('\n')
		})
		b.WriteString(Legend(opt) + "\n```\n\n")
	}
	return b.Flush()
}

var mdReplacer = strings.NewReplacer(
	"&", "&amp;", // "&lt;" in a name shows as written, not as "<"
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`, "~", `\~`,
)

// mdEscape makes trace text inert in GitHub-flavoured markdown: no
// emphasis, table cell, HTML, entity or link, and no autolink either (a
// span named after a URL or an e-mail address must not become a link in a
// job summary).
func mdEscape(s string) string { return autolinks.Replace(mdReplacer.Replace(Sanitize(s))) }

// autolinks are the starts of what GitHub's markdown makes a link of
// even in escaped text (its autolink extension). A URL's or www.'s
// punctuation becomes an entity: that trigger never sees it, and the page
// shows the text as written. An e-mail address is linked after entities
// are decoded (cmark-gfm links "a&#64;b.c" and "a\@b.c" alike), so its
// "@" starts a text node of its own after an empty HTML comment, which
// the page does not show: the part before "@" is no longer beside it.
var autolinks = strings.NewReplacer("://", "&#58;//", "www.", "www&#46;", "WWW.", "WWW&#46;", "Www.", "Www&#46;", "@", "<!-- -->@")

// ListMarkdown is `tracetui list --format markdown`: the trace list as a
// table for a job summary, one row per trace, names and IDs escaped so a
// span name cannot open a column or a link.
func ListMarkdown(traces []trace.Summary, opt Options) string {
	g := opt.Glyphs.or()
	md := func(s string) string { return mdEscape(g.Clean(s)) }
	var b strings.Builder
	b.WriteString("| trace ID | root | start | duration | spans | errors |\n|---|---|---|---:|---:|---:|\n")
	for _, s := range traces {
		start := ""
		if s.Start != 0 {
			start = StartTime(s.Start, opt.Loc)
		}
		cells := []string{md(s.ID), md(s.RootService + " " + s.RootName), start, ListDuration(s, g),
			countText(s.Spans), countText(s.Errors)}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	return b.String()
}
