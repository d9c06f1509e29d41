package render

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// FindingLines is the "findings:" block of the explorer's findings panel,
// one line each, kinds aligned, every finding (the panel scrolls); nil
// when nothing was found.
func FindingLines(t trace.Analyzed, opt Options) []string {
	return findingLines(t, opt, false)
}

// findingLines is FindingLines, with capped at most FindingsPerKind of a
// kind (capFindings): the block under print's waterfall.
func findingLines(t trace.Analyzed, opt Options, capped bool) []string {
	if t.Findings == nil || len(t.Findings.List) == 0 {
		return nil
	}
	lines := []string{opt.Styles.Paint(opt.Styles.Header, "findings:")}
	const indent = 13 // "  " + kind column + " "
	shown := allFindings(t.Findings.List)
	if capped {
		shown = capFindings(t.Findings.List)
	}
	for _, sf := range shown {
		x := sf.Finding
		var text string
		if sf.More > 0 {
			text = moreFindings(x.Kind, sf.More, opt.Glyphs)
		} else {
			text = FindingSummary(t.Tree, x, opt.Glyphs)
		}
		if opt.Glyphs.IsASCII() {
			text = ASCIIOnly(text)
		}
		for k, part := range wrap(text, max(opt.Width-indent, 20)) {
			head := strings.Repeat(" ", indent)
			if k == 0 {
				head = "  " + opt.Glyphs.Fit(string(x.Kind), 10) + " "
			}
			lines = append(lines, head+part)
		}
	}
	return lines
}

// FindingSummary says what was found in one line, naming the spans; the
// JSON report carries the same words.
func FindingSummary(tr *trace.Tree, x trace.Finding, g *Glyphs) string {
	g = g.or()
	d := g.Duration
	who := func(i int32) string {
		s := tr.Span(i)
		return g.Clean(s.Service()) + " " + g.Clean(s.Name)
	}
	arrow, times := g.Arrow, g.Times
	switch x.Kind {
	case trace.FindingNPlusOne:
		call := tr.Span(x.Spans[0])
		return who(x.Span) + " " + arrow + " " + strconv.Itoa(x.Count) + " " + times + " " + strconv.Quote(g.Clean(call.Name)) +
			" sequential, " + d(x.Time) + " of " + d(x.Of) + " (max " + d(x.Max) + " each)"
	case trace.FindingDuplicate:
		key, value := trace.CallIdentity(tr.Span(x.Span))
		return who(x.Span) + " called " + strconv.Itoa(x.Count) + " times with the same " + key + " " +
			strconv.Quote(g.Truncate(g.Clean(value), 60)) + ", " + d(x.Time) + " in all (spans " + spanIDs(tr, x.Spans, g) + ")"
	case trace.FindingCycle:
		path := make([]string, len(x.Path))
		for k, s := range x.Path {
			path[k] = g.Clean(s)
		}
		return strings.Join(path, " "+arrow+" ") + " (spans " + spanIDs(tr, x.Spans, g) + ")"
	case trace.FindingGap:
		where := "before its first child"
		if x.After >= 0 {
			where = "after " + g.Clean(tr.Span(x.After).Name)
		}
		return who(x.Span) + ": " + d(x.Time) + " with no child span (" + where + ")"
	case trace.FindingSequential:
		var targets []string
		for _, c := range x.Spans {
			targets = append(targets, g.Clean(trace.CallTarget(tr, c)))
		}
		return who(x.Span) + ": " + strconv.Itoa(x.Count) + " calls one after another (" + strings.Join(targets, ", ") +
			"); in parallel they would end " + d(x.Time) + " sooner"
	case trace.FindingQueueWait:
		return who(x.Spans[1]) + " started " + d(x.Time) + " after " + who(x.Spans[0]) + " ended (" +
			percent(x.Time, x.Of) + " of " + d(x.Of) + ")"
	case trace.FindingSelf:
		return who(x.Span) + ": " + d(x.Time) + " of its own time on the critical path, not in its " +
			strconv.Itoa(x.Count) + " child spans"
	}
	return string(x.Kind)
}

// spanIDs names spans by the shortest prefix of their IDs that no other
// span of the trace shares (as git abbreviates), so two can never read
// alike and each can be pasted into search.
func spanIDs(tr *trace.Tree, idx []int32, g *Glyphs) string {
	parts := make([]string, 0, len(idx))
	for _, i := range idx {
		parts = append(parts, g.Clean(spanIDPrefix(tr, i)))
	}
	return strings.Join(parts, ", ")
}
