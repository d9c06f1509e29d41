package render

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// timelineW is the timeline column's width in characters.
const timelineW = 24

// SpansMarkdown is spans of one trace as markdown to paste into an issue
// or a chat (`export --to markdown`, the explorer's copy): a heading
// naming the trace, a line of facts, then a table with one row per span
// (name indented under its parent, service, start as an offset from the
// trace's start, duration, a timeline drawn over the spans shown, status,
// span ID). A single span is followed by its details in a text fence.
// spans are span indexes of tr in pre-order; placeholders are skipped;
// nil is the whole trace. Every string from the trace is sanitized and
// escaped: a name cannot open a link, break out of a cell or close the
// fence.
func SpansMarkdown(tr *trace.Tree, a *trace.Analysis, spans []int32, opt Options) string {
	g := opt.Glyphs.or()
	if spans == nil {
		spans = tr.Order
	}
	real := spans[:0:0]
	for _, i := range spans {
		if !tr.Span(i).Placeholder {
			real = append(real, i)
		}
	}
	md := func(s string) string { return mdEscape(g.Clean(s)) }
	code := func(s string) string { return "`" + strings.ReplaceAll(g.Clean(s), "`", "'") + "`" }
	var b strings.Builder
	svc, name := RootLabel(tr)
	if len(real) > 0 && len(real) < len(tr.Trace.Spans) {
		s := tr.Span(real[0])
		svc, name = Sanitize(s.Service()), Sanitize(s.Name)
	}
	b.WriteString("### " + md(svc+" "+name) + g.Sep + "trace " + code(tr.Trace.DisplayID()) + "\n\n")
	winStart, winEnd, errs := int64(0), int64(0), 0
	services := map[string]bool{}
	for _, i := range real {
		s := tr.Span(i)
		services[s.Service()] = true
		if s.IsError() {
			errs++
		}
		if s.Start > 0 && (winStart == 0 || s.Start < winStart) {
			winStart = s.Start
		}
		winEnd = max(winEnd, s.End)
	}
	facts := []string{Plural(len(real), "span"), Plural(len(services), "service"), Plural(errs, "error")}
	if len(real) < len(tr.Trace.Spans) {
		facts = append(facts, "of "+Plural(len(tr.Trace.Spans), "span")+" in the trace")
	}
	if winStart > 0 && winEnd > winStart {
		facts = append(facts, g.Duration(winEnd-winStart), "started "+StartTime(winStart, opt.Loc))
	}
	b.WriteString(strings.Join(facts, g.Sep) + "\n\n")
	if len(real) == len(tr.Trace.Spans) {
		// The data problems print lists, in its words; a subtree has
		// them on its rows only (the trace's counts would not be its).
		for _, w := range tr.Warnings {
			b.WriteString(g.Warn + " " + md(WarningText(w)) + "  \n")
		}
		if len(tr.Warnings) > 0 {
			b.WriteString("\n")
		}
	}
	b.WriteString("| span | service | start | duration | timeline | status | span ID |\n|---|---|--:|--:|---|---|---|\n")
	// depth is each row's depth in the table: a span whose parent is not
	// shown (a missing parent's placeholder, or the subtree's top) starts
	// a root, as print draws an orphan apart from the root.
	depth := make(map[int32]int, len(real))
	for _, i := range real {
		if d, ok := depth[tr.Parent[i]]; ok && tr.Parent[i] >= 0 {
			depth[i] = d + 1
		} else {
			depth[i] = 0
		}
	}
	for _, i := range real {
		s := tr.Span(i)
		indent := ""
		if d := depth[i]; d > 0 {
			indent = strings.Repeat(mdIndent(g), d-1) + strings.TrimSpace(g.Elbow) + " "
		}
		start, dur := "", ""
		switch {
		case s.Start > 0 && s.Start == tr.Start:
			start = "0"
		case s.Start > 0 && tr.Start > 0:
			start = "+" + g.Duration(s.Start-tr.Start)
		}
		if s.Duration() > 0 || s.HasEnd() && s.End == s.Start {
			dur = g.Duration(s.Duration())
		}
		var status []string
		if s.IsError() {
			e := g.Failure + " error"
			if s.StatusMessage != "" {
				e += ": " + md(s.StatusMessage)
			}
			status = append(status, e)
		}
		for _, n := range tr.Notes(i) {
			text := NoteText(n, Options{Glyphs: g})
			if n.Kind == trace.MarkOrphan {
				text += ": " + code(s.DisplayParentID()) + " is not in this trace"
			}
			status = append(status, g.Warn+" "+text)
		}
		cells := []string{mdEscape(indent) + md(s.Name), md(s.Service()), start, dur,
			timeline(s, winStart, winEnd, g), strings.Join(status, "; "), code(s.DisplaySpanID())}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	if len(real) == 1 {
		lines := Details(tr, a, real[0], Options{Width: 100, Glyphs: g, Loc: opt.Loc})
		fence := strings.Repeat("`", max(3, longestRun(lines, '`')+1))
		b.WriteString("\n" + fence + "text\n" + strings.Join(lines, "\n") + "\n" + fence + "\n")
	}
	return b.String()
}

func mdIndent(g *Glyphs) string {
	if g.IsASCII() {
		return ". "
	}
	return "· "
}

// timeline is the span's bar over start..end of the spans shown, in
// inline code so it lines up in a monospace font.
func timeline(s *trace.Span, start, end int64, g *Glyphs) string {
	if s.Start <= 0 || end <= start {
		return ""
	}
	cells := make([]string, timelineW)
	pos := func(t int64) int { return int(float64(t-start) / float64(end-start) * timelineW) }
	lo, hi := min(pos(s.Start), timelineW-1), pos(max(s.End, s.Start))
	bg := "·"
	if g.IsASCII() {
		bg = "."
	}
	for k := range cells {
		cells[k] = bg
		if k >= lo && (k < hi || k == lo) {
			cells[k] = g.Full
		}
	}
	return "`" + strings.Join(cells, "") + "`"
}

// longestRun is the longest run of c in any line, so a fence can be made
// longer than anything inside it.
func longestRun(lines []string, c byte) int {
	best := 0
	for _, l := range lines {
		n := 0
		for k := 0; k < len(l); k++ {
			if l[k] == c {
				n++
				best = max(best, n)
			} else {
				n = 0
			}
		}
	}
	return best
}

// SafeJSON is encoded JSON with every character a terminal acts on or that
// makes text lie about itself (DEL, C1 controls, bidi overrides) written
// as a \u escape, as every JSON document tracetui writes: the data stays
// exact, and pasting or printing it cannot drive a terminal.
func SafeJSON(b []byte) []byte { return escapeControls(b) }
