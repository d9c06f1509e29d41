package render

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// RootLabel is "service name" of the span that names the trace.
func RootLabel(tr *trace.Tree) (service, name string) {
	r := tr.NamingSpan()
	if r < 0 {
		return "", ""
	}
	s := tr.Span(r)
	return Sanitize(s.Service()), Sanitize(s.Name)
}

// StartTime formats a unix-nanosecond time as RFC 3339 in loc (UTC if nil).
func StartTime(ns int64, loc *time.Location) string {
	if ns == 0 { // not recorded (no span of the trace has usable times): never 1970
		return "start unknown"
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Unix(0, ns).In(loc).Format("2006-01-02T15:04:05.000Z07:00")
}

// Header describes a trace in a few lines fitted to the width, for print:
// identity, facts, context attributes, and the tree builder's warnings.
func Header(tr *trace.Tree, a *trace.Analysis, opt Options) []string {
	g, stl := opt.Glyphs.or(), opt.Styles
	stl.AssignTrace(tr, a) // before any row: print colours as the explorer does
	out := []string{headerTitle(tr, opt)}
	out = append(out, wrapJoin(headerFacts(tr, a, opt), g.Sep, opt.Width, g)...)
	if ctx := contextFacts(tr, g); len(ctx) > 0 {
		out = append(out, wrapJoin(ctx, g.Sep, opt.Width, g)...)
	}
	for _, w := range tr.Warnings {
		out = append(out, stl.Paint(stl.Warn, g.Truncate(g.Warn+" "+WarningText(w), opt.Width)))
	}
	return out
}

// HeaderExtras are what the explorer's header adds to print's facts.
type HeaderExtras struct {
	Findings    int    // findings in the trace
	FindingsKey string // the key that lists them, shown as a hint
	Zoom        int64  // the zoom window's length in ns; 0 when not zoomed
	// Context is tr.Context() then tr.Sampling(). Looking them up scans up
	// to 2,000 spans, so the explorer does it once per trace, not per frame.
	Context []trace.Attr
	// Finding says the findings are still being looked for (the explorer
	// completes them after a big trace's first frame): "finding…".
	Finding bool
}

// CompactHeader is the explorer's header: always three lines, so the rows
// below never move. The identity; print's facts, then the first warning,
// the findings, the context attributes and the zoom on one line cut to the
// width; and the services in their colours.
func CompactHeader(tr *trace.Tree, a *trace.Analysis, x HeaderExtras, opt Options) []string {
	g := opt.Glyphs.or()
	facts := headerFacts(tr, a, opt)
	if n := len(tr.Warnings); n > 0 {
		facts = append(facts, Plural(n, "warning")+": "+WarningText(tr.Warnings[0]))
	}
	switch {
	case x.Finding:
		facts = append(facts, "finding"+g.Ellipsis)
	case x.Findings > 0:
		facts = append(facts, Plural(x.Findings, "finding")+" ("+x.FindingsKey+")")
	}
	for _, a := range x.Context {
		facts = append(facts, g.Clean(clipLine(a.Key+"="+typedLine(a.Value, opt.Width), opt.Width)))
	}
	if x.Zoom > 0 {
		facts = append(facts, "zoomed to "+g.Duration(x.Zoom))
	}
	return []string{headerTitle(tr, opt), g.Truncate(strings.Join(facts, g.Sep), opt.Width), ServiceLegend(a, opt)}
}

func headerTitle(tr *trace.Tree, opt Options) string {
	svc, name := RootLabel(tr)
	g := opt.Glyphs.or()
	return opt.Styles.Paint(opt.Styles.Header, g.Truncate(g.Clean("trace "+tr.Trace.DisplayID()+"  "+clipLine(svc, opt.Width)+" "+clipLine(name, opt.Width)), opt.Width))
}

// DurationKnown reports whether a trace has a duration: some span of it
// has both times (tr.Start is 0 when none has) and no span that never
// ended leaves the trace's end open (tr.EndUnknown: then the figure is only
// a lower bound, worded by DurationAtLeast, and never compared).
func DurationKnown(tr *trace.Tree) bool {
	return !tr.EndUnknown && (tr.End > tr.Start || (tr.Start != 0 && tr.End == tr.Start))
}

// DurationAtLeast is the lower bound on a trace's duration whose end is
// open ("at least 30.0 ms"), "" when the duration is known or untimed.
func DurationAtLeast(tr *trace.Tree, g *Glyphs) string {
	if !tr.EndUnknown {
		return ""
	}
	return "at least " + g.or().Duration(tr.Duration())
}

// traceTimes are a trace's start and duration as every view words them
// (print, markdown, diff): with no timed span both are unknown, said once
// as "duration unknown" with no start (""), since "0 ns" would read as a
// measurement; a trace whose end is open has a start and a lower bound
// ("at least 30.0 ms").
func traceTimes(tr *trace.Tree, opt Options) (start, dur string) {
	if least := DurationAtLeast(tr, opt.Glyphs); least != "" {
		return StartTime(tr.Start, opt.Loc), least
	}
	if !DurationKnown(tr) {
		return "", "duration unknown"
	}
	return StartTime(tr.Start, opt.Loc), opt.Glyphs.Duration(tr.Duration())
}

// headerFacts are when the trace started, how long it took and how big it
// is (traceTimes).
func headerFacts(tr *trace.Tree, a *trace.Analysis, opt Options) []string {
	start, dur := traceTimes(tr, opt)
	when := []string{dur}
	if start != "" {
		when = []string{start, dur}
	}
	return append(when,
		Plural(len(tr.Trace.Spans), "span"),
		Plural(len(a.Services), "service"),
		Plural(a.Errors, "error"),
	)
}

// contextFacts are who and what the request was about, when the root span
// or its resource says so, and how it was sampled.
func contextFacts(tr *trace.Tree, g *Glyphs) []string {
	var out []string
	for _, a := range append(tr.Context(), tr.Sampling()...) {
		out = append(out, g.Clean(clipLine(a.Key+"="+typedLine(a.Value, 1024), 1024)))
	}
	return out
}

// ServiceLegend names a trace's services in their colours, busiest first,
// as many as fit the width.
func ServiceLegend(a *trace.Analysis, opt Options) string {
	g := opt.Glyphs.or()
	var b strings.Builder
	used := 0
	for _, s := range a.Services {
		name := g.Clean(s.Name)
		n := Width(g.Box) + 1 + Width(name) + 2
		if used+n > opt.Width {
			break
		}
		used += n
		b.WriteString(opt.Styles.Paint(opt.Styles.Service(s.Name), g.Box+" ") + name + "  ")
	}
	return b.String()
}

// Path is the way from the root down to span i, "service name" per span,
// cut from the left to the width so the nearest ancestors stay.
func Path(tr *trace.Tree, i int32, opt Options) string {
	g := opt.Glyphs.or()
	var parts []string
	for x := i; x >= 0 && len(parts) < 64; x = tr.Parent[x] {
		s := tr.Span(x)
		parts = append(parts, clipLine(s.Service(), opt.Width)+" "+clipLine(s.Name, opt.Width))
	}
	slices.Reverse(parts)
	text := g.Clean(strings.Join(parts, g.PathSep))
	if over := Width(text) - opt.Width; over > 0 {
		r := []rune(text)
		text = g.Ellipsis + string(r[min(over+1, len(r)):])
	}
	return opt.Styles.Paint(opt.Styles.Dim, g.Truncate(text, opt.Width))
}

// Plural counts in words: "1 span", "3 spans".
func Plural[N ~int | ~int64](n N, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.FormatInt(int64(n), 10) + " " + word + "s"
}

// wrapJoin joins parts with sep into as few lines of at most width columns
// as it can, never splitting a part (a part wider than the line is cut).
func wrapJoin(parts []string, sep string, width int, g *Glyphs) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur == "":
			cur = p
		case Width(cur)+Width(sep)+Width(p) <= width:
			cur += sep + p
		default:
			lines = append(lines, g.Truncate(cur, width))
			cur = p
		}
	}
	if cur != "" {
		lines = append(lines, g.Truncate(cur, width))
	}
	return lines
}
