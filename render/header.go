package render

import (
	"strconv"
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
	if loc == nil {
		loc = time.UTC
	}
	return time.Unix(0, ns).In(loc).Format("2006-01-02T15:04:05.000Z07:00")
}

// Header describes a trace in a few lines fitted to the width: identity,
// size, and the tree builder's warnings.
func Header(tr *trace.Tree, a *trace.Analysis, opt Options) []string {
	stl := opt.Styles
	svc, name := RootLabel(tr)
	first := "trace " + tr.Trace.DisplayID() + "  " + svc + " " + name
	facts := []string{
		StartTime(tr.Start, opt.Loc),
		durationFor(tr.Duration(), opt.ASCII),
		Plural(len(tr.Trace.Spans), "span"),
		Plural(len(a.Services), "service"),
		Plural(a.Errors, "error"),
	}
	sep := " · "
	if opt.ASCII {
		sep = " - "
	}
	out := []string{stl.paint(stl.Header, Truncate(clean(first, opt.ASCII), opt.Width, opt.ASCII))}
	out = append(out, wrapJoin(facts, sep, opt.Width, opt.ASCII)...)
	var ctx []string
	for _, a := range append(tr.Context(), tr.Sampling()...) {
		ctx = append(ctx, clean(a.Key+"="+a.Value.AsString(), opt.ASCII))
	}
	if len(ctx) > 0 {
		out = append(out, wrapJoin(ctx, sep, opt.Width, opt.ASCII)...)
	}
	for _, w := range tr.Warnings {
		out = append(out, stl.paint(stl.Warn, Truncate(symbolsFor(opt.ASCII).warn+" "+WarningText(w), opt.Width, opt.ASCII)))
	}
	return out
}

func durationFor(ns int64, ascii bool) string {
	if ascii {
		return DurationASCII(ns)
	}
	return Duration(ns)
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
func wrapJoin(parts []string, sep string, width int, ascii bool) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur == "":
			cur = p
		case Width(cur)+Width(sep)+Width(p) <= width:
			cur += sep + p
		default:
			lines = append(lines, Truncate(cur, width, ascii))
			cur = p
		}
	}
	if cur != "" {
		lines = append(lines, Truncate(cur, width, ascii))
	}
	return lines
}
