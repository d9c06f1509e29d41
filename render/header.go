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
		opt.Glyphs.Duration(tr.Duration()),
		Plural(len(tr.Trace.Spans), "span"),
		Plural(len(a.Services), "service"),
		Plural(a.Errors, "error"),
	}
	sep := opt.Glyphs.or().Sep
	out := []string{stl.paint(stl.Header, opt.Glyphs.Truncate(opt.Glyphs.Clean(first), opt.Width))}
	out = append(out, wrapJoin(facts, sep, opt.Width, opt.Glyphs)...)
	var ctx []string
	for _, a := range append(tr.Context(), tr.Sampling()...) {
		ctx = append(ctx, opt.Glyphs.Clean(a.Key+"="+a.Value.AsString()))
	}
	if len(ctx) > 0 {
		out = append(out, wrapJoin(ctx, sep, opt.Width, opt.Glyphs)...)
	}
	for _, w := range tr.Warnings {
		out = append(out, stl.paint(stl.Warn, opt.Glyphs.Truncate(opt.Glyphs.or().Warn+" "+WarningText(w), opt.Width)))
	}
	return out
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
