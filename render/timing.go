package render

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// This file words the timing facts every view shares: the bottleneck line,
// the critical path's entries, and a span's times when some are unknown.
// One definition (README "Definitions") behind print, JSON and the explorer.

// bottleneckLine is the diagnosis line for the path entry holding the most
// of the critical path: that time, the path's length, and its self time
// (which the time on the path never exceeds).
//
//	bottleneck: shipping GET /v2/rates 5.20 s on the critical path of 5.60 s (93%), self 5.20 s
func bottleneckLine(tr *trace.Tree, a *trace.Analysis, g *Glyphs) (string, bool) {
	b := a.Bottleneck
	if b < 0 || a.PathTime <= 0 {
		return "", false
	}
	s := tr.Span(b)
	path := a.PathTime + a.UnknownPathTime
	return fmt.Sprintf("bottleneck: %s %s %s on the critical path of %s (%s), self %s",
		g.Clean(clipLine(s.Service(), 256)), g.Clean(clipLine(s.Name, 256)), g.Duration(a.Critical[b]), g.Duration(path),
		percent(a.Critical[b], path), g.Duration(a.Self[b])), true
}

// unknownLine is the diagnosis line for the critical path's time nobody
// can attribute: stretches after an unended span (a start, no usable end)
// started, which no timed span covers. It names the unended span holding
// the most of them and counts the others.
//
//	unknown: 800 ms of the critical path of 1.00 s (80%), after api B started (no end time)
//
// With locate (locatedUnknownLine), a span whose service and name another span shares (one of
// a run's thousand calls, folded away) is named by its span ID too, as
// the explorer's --span and search take it:
//
//	unknown: 1.03 ms of the critical path of 10.0 s (<1%), after api SELECT items (span 0000000000011176) started (no end time)
func unknownLine(tr *trace.Tree, a *trace.Analysis, g *Glyphs) (string, bool) {
	return locatedUnknownLine(tr, a, g, false)
}

// locatedUnknownLine is unknownLine, with locate as it says.
func locatedUnknownLine(tr *trace.Tree, a *trace.Analysis, g *Glyphs, locate bool) (string, bool) {
	if a.UnknownPathTime <= 0 {
		return "", false
	}
	by := map[int32]int64{}
	most := int32(-1)
	for _, seg := range a.UnknownPath {
		by[seg.Span] += seg.End - seg.Start
		if t := by[seg.Span]; most < 0 || t > by[most] || t == by[most] && tr.Pos[seg.Span] < tr.Pos[most] {
			most = seg.Span
		}
	}
	s := tr.Span(most)
	path := a.PathTime + a.UnknownPathTime
	where := ""
	if locate && !uniqueName(tr, most) {
		where = " (span " + g.Clean(spanIDPrefix(tr, most)) + ")"
	}
	line := fmt.Sprintf("unknown: %s of the critical path of %s (%s), after %s %s%s started (%s)",
		g.Duration(a.UnknownPathTime), g.Duration(path), percent(a.UnknownPathTime, path),
		g.Clean(clipLine(s.Service(), 256)), g.Clean(clipLine(s.Name, 256)), where, untimedWhy(tr, most))
	if n := len(by) - 1; n > 0 {
		line += " and " + Plural(n, "more span") + " with no usable end"
	}
	return line, true
}

// uniqueName says whether no other span of the trace has span i's
// service and name: one pass over the spans.
func uniqueName(tr *trace.Tree, i int32) bool {
	s := tr.Span(i)
	for j := range tr.Trace.Spans {
		o := &tr.Trace.Spans[j]
		if int32(j) != i && o.Name == s.Name && o.Service() == s.Service() {
			return false
		}
	}
	return true
}

// unknownJSON is the report's unknown: per unended span, the critical
// path's time after it started that no timed span covers (see unknownLine),
// most first; nil when none.
func unknownJSON(tr *trace.Tree, a *trace.Analysis) []UnknownJSON {
	if a.UnknownPathTime <= 0 {
		return nil
	}
	by := map[int32]int64{}
	var order []int32
	for _, seg := range a.UnknownPath {
		if _, ok := by[seg.Span]; !ok {
			order = append(order, seg.Span)
		}
		by[seg.Span] += seg.End - seg.Start
	}
	slices.SortStableFunc(order, func(x, y int32) int {
		if c := cmp.Compare(by[y], by[x]); c != 0 {
			return c
		}
		return cmp.Compare(tr.Pos[x], tr.Pos[y])
	})
	out := make([]UnknownJSON, len(order))
	for k, i := range order {
		s := tr.Span(i)
		out[k] = UnknownJSON{AfterSpanID: s.DisplaySpanID(), Service: s.Service(), Name: s.Name, Why: untimedWhy(tr, i), PathMS: ms(by[i])}
	}
	return out
}

// criticalPathJSON is the report's critical_path: the entries root first,
// each with its time on the path (they add up to the path's length) and
// its self time.
func criticalPathJSON(tr *trace.Tree, a *trace.Analysis) []PathSpan {
	path := make([]PathSpan, 0, len(a.Path))
	for _, i := range a.Path {
		s := tr.Span(i)
		path = append(path, PathSpan{SpanID: s.DisplaySpanID(), Service: s.Service(), Name: s.Name,
			PathMS: ms(a.Critical[i]), SelfMS: ms(a.Self[i])})
	}
	return path
}

// reportStart is the report's start: RFC 3339, or "" when no span of the
// trace has usable times (never 1970).
func reportStart(tr *trace.Tree) string {
	if tr.Start == 0 {
		return ""
	}
	return time.Unix(0, tr.Start).UTC().Format(time.RFC3339Nano)
}

// untimedWhy says which of a span's times is missing or impossible.
func untimedWhy(tr *trace.Tree, i int32) string {
	m := tr.Marks[i]
	switch {
	case m&trace.MarkNoStart != 0:
		return "no start time"
	case m&trace.MarkEndBeforeStart != 0:
		return "ends before it starts"
	}
	return "no end time"
}

// detailStart is the details pane's start line: the offset from the
// trace's start and the time, or "unknown" with the reason. A span that
// has a start but no usable end may start before the timed spans: its
// offset keeps its sign.
func detailStart(tr *trace.Tree, s *trace.Span, opt Options) string {
	switch {
	case s.Start == 0:
		return "unknown (no start time)"
	case tr.Start == 0:
		return StartTime(s.Start, opt.Loc)
	}
	return signedOffset(s.Start-tr.Start, opt.Glyphs) + " (" + StartTime(s.Start, opt.Loc) + ")"
}

// detailDuration and detailSelf are "unknown" for an untimed span: its
// self time is no measurement.
func detailDuration(tr *trace.Tree, i int32, opt Options) string {
	if s := tr.Span(i); !s.Timed() {
		return "unknown (" + untimedWhy(tr, i) + ")"
	}
	return opt.Glyphs.Duration(tr.Span(i).Duration())
}

// A span with an unended span under it says how much of its time is
// unknown, and after whose start.
func detailSelf(tr *trace.Tree, a *trace.Analysis, i int32, opt Options) string {
	if !tr.Span(i).Timed() {
		return "unknown"
	}
	self := opt.Glyphs.Duration(a.Self[i])
	if u, ok := a.UnknownOf(i); ok {
		self += " and " + opt.Glyphs.Duration(u.Time) + " unknown, " + unknownAfter(tr, u.After)
	}
	return self
}

// unknownAfter names the unended span whose start unknown time follows:
// "after api B started (no end time)".
func unknownAfter(tr *trace.Tree, after int32) string {
	s := tr.Span(after)
	return "after " + s.Service() + " " + s.Name + " started (" + untimedWhy(tr, after) + ")"
}

// detailCritical is the span's part in the critical path; "" when it has
// none. An entry with 0 ns is one the path passes through: a child holds
// all of its stretch, or the stretch is time nobody can attribute (after
// an unended span under it started), which it says as the self time line
// and print's unknown line do: "0 ns on the critical path and 700 ms
// unknown, after api E started (no end time)".
func detailCritical(tr *trace.Tree, a *trace.Analysis, i int32, opt Options) string {
	if !a.OnCriticalPath(i) {
		return ""
	}
	g := opt.Glyphs
	text := g.Duration(a.Critical[i]) + " on the critical path"
	unknown, u := pathUnknownOf(tr, a, i)
	if unknown > 0 {
		text += " and " + g.Duration(unknown) + " unknown, " + unknownAfter(tr, u.After)
	}
	switch {
	case a.Critical[i] == 0 && unknown == 0:
		text += " (its children hold its stretch of it)"
	case a.Critical[i] == 0 && childOnPath(tr, a, i):
		text += "; its children hold the rest"
	}
	if a.Bottleneck == i {
		text += " (the bottleneck)"
	}
	return text
}

// pathUnknownOf is how much of span i's own unknown time (Analysis.Unknown,
// the self time line's) lies on the critical path, ns: the part of it the
// path's unknown stretches cover within the span's times.
func pathUnknownOf(tr *trace.Tree, a *trace.Analysis, i int32) (int64, trace.UnknownTime) {
	u, ok := a.UnknownOf(i)
	if !ok {
		return 0, u
	}
	s := tr.Span(i)
	// The stretches are disjoint, latest first: start at the first that
	// begins before the span ends, stop past its start or at its own
	// unknown time, so a frame never walks the whole path.
	segs := a.UnknownPath
	k, _ := slices.BinarySearchFunc(segs, s.End, func(seg trace.Segment, end int64) int { return cmp.Compare(end, seg.Start+1) })
	var on int64
	for ; k < len(segs) && segs[k].End > s.Start && on < u.Time; k++ {
		if lo, hi := max(segs[k].Start, s.Start), min(segs[k].End, s.End); hi > lo {
			on += hi - lo
		}
	}
	return min(on, u.Time), u
}

// childOnPath: a child of span i is a critical-path entry.
func childOnPath(tr *trace.Tree, a *trace.Analysis, i int32) bool {
	for _, c := range tr.Children(i) {
		if a.OnCriticalPath(c) {
			return true
		}
	}
	return false
}

// timeAnchor is what a span's events and logs are timed from: its start,
// else the trace's; 0 when neither is known.
func timeAnchor(tr *trace.Tree, s *trace.Span) int64 {
	if s.Start != 0 {
		return s.Start
	}
	return tr.Start
}

// eventTime is an event's or a log's time from the anchor, or its own
// time when there is no anchor (never an offset from 1970).
func eventTime(anchor, t int64, opt Options) string {
	if anchor == 0 {
		return StartTime(t, opt.Loc)
	}
	return signedOffset(t-anchor, opt.Glyphs)
}

// groupLabel describes a folded run of calls after its name: its error
// spans right after the count (a narrow column cuts the timings first),
// the times of its timed members (clipped to the parent), and how many had
// none, so a run of untimed calls never reads "0 ns total".
func groupLabel(g *trace.Repeat, errors int, gl *Glyphs) string {
	n := gl.or().Times + strconv.Itoa(len(g.Members))
	if errors > 0 {
		n += ", " + Plural(errors, "error")
	}
	if g.Timed == 0 {
		return n + " (untimed)"
	}
	n += " (" + gl.Duration(g.Total) + " total, max " + gl.Duration(g.Max)
	if !g.Sequential {
		n += ", parallel"
	}
	if u := len(g.Members) - g.Timed; u > 0 {
		n += ", " + strconv.Itoa(u) + " untimed"
	}
	return n + ")"
}

// appendGroupBar and groupDuration draw a folded run from its first timed start
// to its last timed end; nothing, and "?", when no member is timed.
func appendGroupBar(dst []byte, tr *trace.Tree, a *trace.Analysis, r Row, l Layout, stl Styles) []byte {
	if r.Group.Timed == 0 {
		return appendSpaces(dst, l.BarW)
	}
	return appendBarBetween(dst, tr, a, r.Span, r.Group.Start, r.Group.End, l, stl)
}

func groupDuration(g *trace.Repeat, gl *Glyphs) string {
	if g.Timed == 0 {
		return gl.or().NoEnd
	}
	return gl.Duration(g.End - g.Start)
}
