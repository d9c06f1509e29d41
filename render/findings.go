package render

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// FindingLines is the "findings:" block under a waterfall, one line each,
// kinds aligned; nil when nothing was found.
func FindingLines(t trace.Analyzed, opt Options) []string {
	if t.Findings == nil || len(t.Findings.List) == 0 {
		return nil
	}
	lines := []string{opt.Styles.paint(opt.Styles.Header, "findings:")}
	const indent = 13 // "  " + kind column + " "
	for _, x := range t.Findings.List {
		text := FindingSummary(t.Tree, x, opt.ASCII)
		if opt.ASCII {
			text = ASCIIOnly(text)
		}
		for k, part := range wrap(text, max(opt.Width-indent, 20)) {
			head := strings.Repeat(" ", indent)
			if k == 0 {
				head = "  " + Fit(string(x.Kind), 10, opt.ASCII) + " "
			}
			lines = append(lines, head+part)
		}
	}
	return lines
}

// FindingSummary says what was found in one line, naming the spans; the
// JSON report carries the same words.
func FindingSummary(tr *trace.Tree, x trace.Finding, ascii bool) string {
	d := func(ns int64) string { return durationFor(ns, ascii) }
	who := func(i int32) string {
		s := tr.Span(i)
		return clean(s.Service(), ascii) + " " + clean(s.Name, ascii)
	}
	arrow := "→"
	if ascii {
		arrow = "->"
	}
	switch x.Kind {
	case trace.FindingNPlusOne:
		call := tr.Span(x.Spans[0])
		return who(x.Span) + " " + arrow + " " + strconv.Itoa(x.Count) + " × " + strconv.Quote(clean(call.Name, ascii)) +
			" sequential, " + d(x.Time) + " of " + d(x.Of) + " (max " + d(x.Max) + " each)"
	case trace.FindingDuplicate:
		key, value := trace.CallIdentity(tr.Span(x.Span))
		return who(x.Span) + " called " + strconv.Itoa(x.Count) + " times with the same " + key + " " +
			strconv.Quote(Truncate(clean(value, ascii), 60, ascii)) + ", " + d(x.Time) + " in all (spans " + spanIDs(tr, x.Spans, ascii) + ")"
	case trace.FindingCycle:
		path := make([]string, len(x.Path))
		for k, s := range x.Path {
			path[k] = clean(s, ascii)
		}
		return strings.Join(path, " "+arrow+" ") + " (spans " + spanIDs(tr, x.Spans, ascii) + ")"
	case trace.FindingGap:
		where := "before its first child"
		if x.After >= 0 {
			where = "after " + clean(tr.Span(x.After).Name, ascii)
		}
		return who(x.Span) + ": " + d(x.Time) + " with no child span (" + where + ")"
	case trace.FindingSequential:
		var targets []string
		for _, c := range x.Spans {
			targets = append(targets, clean(trace.CallTarget(tr, c), ascii))
		}
		return who(x.Span) + ": " + strconv.Itoa(x.Count) + " calls one after another (" + strings.Join(targets, ", ") +
			"); in parallel they would end " + d(x.Time) + " sooner"
	case trace.FindingSelf:
		return who(x.Span) + ": " + d(x.Time) + " of its own time on the critical path, not in its " +
			strconv.Itoa(x.Count) + " child spans"
	}
	return string(x.Kind)
}

// spanIDs abbreviates span IDs the way a reader searches for them.
func spanIDs(tr *trace.Tree, idx []int32, ascii bool) string {
	ell := "…"
	if ascii {
		ell = "~"
	}
	parts := make([]string, 0, len(idx))
	for _, i := range idx {
		id := clean(tr.Span(i).DisplaySpanID(), ascii)
		if len(id) > 6 {
			id = id[:6] + ell
		}
		parts = append(parts, id)
	}
	return strings.Join(parts, ", ")
}
