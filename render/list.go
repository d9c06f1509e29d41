package render

import (
	"strconv"
	"strings"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// ListView is how a trace list is drawn. The zero value is print's table
// (`tracetui list`, search results): every trace, full IDs and start
// times. Interactive is the explorer's: IDs whole when there is room, else
// cut to the shortest prefix that tells them apart, a short start time, a
// bar of each duration against Slowest, a mark and highlight on the
// selected row, and only the rows in the window, every line cut to the
// width; at narrow widths the bar, then the start, give way to the names,
// and narrower still the root goes, then the ID is cut: never the counts.
type ListView struct {
	Interactive bool
	Order       []int        // traces to draw by index, in order; nil is all of them
	Top, Height int          // the window of Order drawn; Height 0 draws to the end
	Selected    int          // the index into Order of the selected row (Interactive)
	Fetching    map[int]bool // traces being fetched, by index: their root says so
	Slowest     int64        // ns: the duration of a full bar (Interactive)
	// IDPrefix is how many characters tell the IDs apart (UniquePrefixLen);
	// 0 works it out from traces on every call.
	IDPrefix int
	// P95 adds the "Δ P95" column (Interactive, with a baseline run
	// loaded): per trace index, its root operation's p95 in both runs.
	P95 []P95Change
}

// List is `tracetui list` and the search results table: one line per trace
// fitted to the width, names cut first so IDs, times and numbers stay
// whole. A store that did not say a start or a count shows it blank or "?".
func List(traces []trace.Summary, opt Options) string {
	return strings.Join(ListLines(traces, ListView{}, opt), "\n") + "\n"
}

const listBarW = 10

// listColumns are the explorer list's column widths at one width.
type listColumns struct {
	id, root, start int
	bar             bool
	p95             bool
}

// interactiveColumns gives the root at least minRoot columns when it can:
// whole IDs first if they leave it that much, else prefixes; then the bar
// and the start time give way, in that order.
func interactiveColumns(width, fullID, prefix, startW int, p95 bool) listColumns {
	const minRoot = 16
	fixed := func(c listColumns) int { // every column but the root, with the spaces between
		n := 2 + c.id + 1 + 1 + durW9 + 1 + 2*(listNumW+1)
		if c.p95 {
			n += p95W + 1
		}
		if c.start > 0 {
			n += c.start + 1
		}
		if c.bar {
			n += listBarW + 1
		}
		return n
	}
	c := listColumns{id: fullID, start: startW, bar: true, p95: p95}
	if width-fixed(c) < 2*minRoot {
		c.id = prefix
	}
	if width-fixed(c) < minRoot {
		c.bar = false
	}
	if width-fixed(c) < minRoot {
		c.start = 0
	}
	// Narrower still, the root goes, then the Δ P95, then the ID is cut
	// in the middle: the durations and the error count stay whole.
	c.root = width - fixed(c)
	if c.root >= minInteractiveRoot {
		return c
	}
	c.root = 0
	over := fixed(c) - 1 - width // no root, no space after it
	if over > 0 && c.p95 {
		c.p95 = false
		over -= p95W + 1
	}
	if over > 0 {
		c.id = max(c.id-over, len("TRACE"))
	}
	return c
}

// minInteractiveRoot is the narrowest root the explorer's list shows
// ("svc …"); narrower, the column goes.
const minInteractiveRoot = 5

const durW9, listNumW = 9, 6

// ListLines are the column heads, then one line per trace v draws.
func ListLines(traces []trace.Summary, v ListView, opt Options) []string {
	g, stl := opt.Glyphs.or(), opt.Styles
	order := v.Order
	if order == nil {
		order = make([]int, len(traces))
		for k := range order {
			order[k] = k
		}
	}
	end := len(order)
	if v.Height > 0 {
		end = min(end, v.Top+v.Height)
	}
	var cols listColumns
	idW := 0
	startFmt := ""
	if v.Interactive {
		fullID, prefix := 0, v.IDPrefix
		ids := make([]string, len(traces))
		for k, t := range traces {
			ids[k] = g.Clean(t.ID)
			fullID = max(fullID, Width(ids[k]))
		}
		if prefix == 0 {
			prefix = UniquePrefixLen(ids, MinIDPrefix)
		}
		startFmt = listStartFormat(traces, opt.Loc)
		cols = interactiveColumns(opt.Width, fullID, min(prefix, fullID), len(startFmt), v.P95 != nil)
		idW = cols.id
	} else {
		cols, idW = printColumns(traces, order, opt.Width, g)
	}
	var buf []byte // one line's bytes: a list of 100,000 lines makes one string per line
	line := func(mark, id, root, start, dur, bar, p95, spans, errs string) string {
		buf = append(append(append(buf[:0], mark...), g.Fit(id, idW)...), ' ')
		if cols.root > 0 {
			buf = append(append(buf, g.Fit(root, cols.root)...), ' ')
		}
		if cols.start > 0 {
			buf = append(append(buf, g.Fit(start, cols.start)...), ' ')
		}
		buf = append(append(buf, PadLeft(dur, durW9)...), ' ')
		if cols.bar {
			buf = append(append(buf, bar...), ' ')
		}
		if cols.p95 {
			buf = append(append(buf, p95...), ' ')
		}
		buf = append(append(append(buf, PadLeft(spans, listNumW)...), ' '), PadLeft(errs, listNumW)...)
		return string(buf)
	}
	lines := make([]string, 0, 2+max(end-v.Top, 0))
	if v.Interactive {
		head := line("  ", "TRACE", "ROOT", "START", "DURATION", strings.Repeat(" ", listBarW), p95Head(g), "SPANS", "ERRORS")
		lines = append(lines, stl.Paint(stl.Dim, g.Truncate(head, opt.Width)))
	} else {
		idHead := "TRACE ID"
		if idW < len(idHead) {
			idHead = "TRACE"
		}
		lines = append(lines, stl.Paint(stl.Header, line("", idHead, "ROOT", "START", "DURATION", "", "", "SPANS", "ERRORS")))
	}
	// Roots (and IDs cut below their unique prefix) are shortened alike
	// for every shown row, so two never read as one (FitNames).
	roots := make([]string, 0, max(end-v.Top, 0))
	ids := make([]string, 0, max(end-v.Top, 0))
	// A root narrower than this cannot say "(fetching…)" and still name
	// the trace: the duration cell says it instead.
	fetchInRoot := cols.root >= 16
	for n := v.Top; n < end; n++ {
		k := order[n]
		root := g.Clean(traces[k].RootService + " " + traces[k].RootName)
		if v.Fetching[k] && fetchInRoot {
			root = "(fetching" + g.Ellipsis + ") " + root
		}
		roots = append(roots, root)
		ids = append(ids, g.Clean(traces[k].ID))
	}
	roots = FitNames(roots, cols.root, g)
	cutIDs := UniquePrefixLen(ids, MinIDPrefix) > idW
	if cutIDs {
		ids = FitNames(ids, idW, g)
	}
	for n := v.Top; n < end; n++ {
		k := order[n]
		s := traces[k]
		root := roots[n-v.Top]
		start := ""
		if s.Start != 0 {
			start = StartTime(s.Start, opt.Loc)
			if v.Interactive {
				start = time.Unix(0, s.Start).In(orUTC(opt.Loc)).Format(startFmt)
			}
		}
		mark := ""
		if v.Interactive {
			mark = "  "
			if n == v.Selected {
				mark = "> "
			}
		}
		id := ids[n-v.Top]
		if !cutIDs && Width(id) > idW && isPlainASCII(id) {
			id = id[:idW] // a prefix no other trace shares, no ellipsis: it pastes into --trace
		}
		p95 := ""
		if k < len(v.P95) {
			p95 = p95Cell(v.P95[k], g)
		}
		dur := ListDuration(s, g)
		if v.Fetching[k] && !fetchInRoot {
			dur = g.Fit("fetching"+g.Ellipsis, durW9)
		}
		text := line(mark, id, root, start, dur, miniBar(s.Duration, v.Slowest, g, stl),
			p95, countText(s.Spans), countText(s.Errors))
		if v.Interactive {
			text = g.Truncate(text, opt.Width)
		}
		switch {
		case v.Interactive && n == v.Selected && stl.Enabled():
			text = stl.Selected + text + stl.Reset
		case s.Errors > 0:
			text = stl.Paint(stl.Error, text)
		}
		lines = append(lines, text)
	}
	if !v.Interactive && cols.start == 0 && end > v.Top {
		lines = append(lines, stl.Paint(stl.Dim, "START not shown at this width"))
	}
	return lines
}

// ListDuration is a trace's duration in a list, "untimed" for a trace
// none of whose spans has usable times (no start, no duration: as the
// waterfall says "duration unknown", never a 0 ns that reads as measured).
// A trace whose end is open has a lower bound: "≥30.0 ms".
func ListDuration(s trace.Summary, g *Glyphs) string {
	if s.Start == 0 && s.Duration == 0 {
		return "untimed"
	}
	if s.EndUnknown {
		return g.or().AtLeast + g.Duration(s.Duration)
	}
	return g.Duration(s.Duration)
}

// printColumns fits print's list (`tracetui list`, search results) to the
// width: whole IDs and start times when the root keeps minRoot columns,
// else IDs cut to the shortest prefix that tells them apart (it still
// pastes into --trace), then the start goes. Durations and counts stay.
func printColumns(traces []trace.Summary, order []int, width int, g *Glyphs) (listColumns, int) {
	const startW, minRoot = 24, 16
	idW := 0
	ids := make([]string, 0, len(order))
	for _, k := range order {
		ids = append(ids, g.Clean(traces[k].ID))
		idW = max(idW, Width(ids[len(ids)-1]))
	}
	idW = max(idW, len("TRACE ID"))
	c := listColumns{start: startW}
	rest := func() int { // what the fixed columns leave the root
		n := idW + 1 + 1 + durW9 + 1 + 2*listNumW + 1
		if c.start > 0 {
			n += c.start + 1
		}
		return width - n
	}
	if rest() < minRoot {
		idW = min(idW, max(UniquePrefixLen(ids, MinIDPrefix), len("TRACE")))
	}
	if rest() < minRoot {
		c.start = 0
	}
	if rest() < minListRoot {
		// IDs alike up to a long prefix: the ID gives way too, cut in
		// the middle where it differs (list shows it; --trace still takes
		// any unique prefix).
		idW = max(idW-(minListRoot-rest()), len("TRACE"))
	}
	c.root = max(rest(), minListRoot)
	return c, idW
}

// minListRoot is the narrowest root column of a list.
const minListRoot = 8

// listStartFormat is the explorer list's start time: the time of day when
// every trace started the same day, else the date too.
func listStartFormat(traces []trace.Summary, loc *time.Location) string {
	var lo, hi int64
	for _, t := range traces {
		if t.Start == 0 {
			continue
		}
		if lo == 0 || t.Start < lo {
			lo = t.Start
		}
		hi = max(hi, t.Start)
	}
	day := func(ns int64) string { return time.Unix(0, ns).In(orUTC(loc)).Format("2006-01-02") }
	if lo == 0 || day(lo) == day(hi) {
		return "15:04:05.000"
	}
	return "01-02 15:04:05"
}

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// miniBar is a duration as a share of the slowest, listBarW cells wide.
func miniBar(d, slowest int64, g *Glyphs, stl Styles) string {
	n := 0
	if slowest > 0 {
		n = int(min((d*listBarW+slowest-1)/slowest, listBarW))
	}
	return stl.Paint(stl.Dim, strings.Repeat(g.Full, n)) + strings.Repeat(" ", listBarW-n)
}

// countText shows a count a store may not have given (-1) as "?".
func countText(n int) string {
	if n < 0 {
		return "?"
	}
	return strconv.Itoa(n)
}
