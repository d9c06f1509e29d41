package render

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// ListView is how a trace list is drawn. The zero value is print's table
// (`tracetui list`, search results): every trace, full IDs and start
// times. Interactive is the explorer's: short IDs, a bar of each duration
// against Slowest, a mark and highlight on the selected row, and only the
// rows in the window, every line cut to the width.
type ListView struct {
	Interactive bool
	Order       []int        // traces to draw by index, in order; nil is all of them
	Top, Height int          // the window of Order drawn; Height 0 draws to the end
	Selected    int          // the index into Order of the selected row (Interactive)
	Fetching    map[int]bool // traces being fetched, by index: their root says so
	Slowest     int64        // ns: the duration of a full bar (Interactive)
}

// List is `tracetui list` and the search results table: one line per trace
// fitted to the width, names cut first so IDs, times and numbers stay
// whole. A store that did not say a start or a count shows it blank or "?".
func List(traces []trace.Summary, opt Options) string {
	return strings.Join(ListLines(traces, ListView{}, opt), "\n") + "\n"
}

const listBarW = 10

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
	const startW, durW, numW = 24, 9, 6
	idW := 32
	if v.Interactive {
		idW = 16
	} else {
		for _, k := range order {
			idW = max(idW, Width(g.Clean(traces[k].ID)))
		}
	}
	// The root gets what the fixed columns leave.
	rootW := max(opt.Width-idW-startW-durW-2*numW-5, 10)
	if v.Interactive {
		rootW = max(opt.Width-idW-durW-listBarW-2*numW-7, 8)
	}
	line := func(mark, id, root, start, dur, bar, spans, errs string) string {
		out := mark + g.Fit(id, idW) + " " + g.Fit(root, rootW) + " "
		if !v.Interactive {
			out += g.Fit(start, startW) + " "
		}
		out += PadLeft(dur, durW) + " "
		if v.Interactive {
			out += bar + " "
		}
		return out + PadLeft(spans, numW) + " " + PadLeft(errs, numW)
	}
	var lines []string
	if v.Interactive {
		head := line("  ", "TRACE", "ROOT", "", "DURATION", strings.Repeat(" ", listBarW), "SPANS", "ERRORS")
		lines = append(lines, stl.Paint(stl.Dim, g.Truncate(head, opt.Width)))
	} else {
		lines = append(lines, stl.Paint(stl.Header, line("", "TRACE ID", "ROOT", "START", "DURATION", "", "SPANS", "ERRORS")))
	}
	for n := v.Top; n < end; n++ {
		k := order[n]
		s := traces[k]
		root := g.Clean(s.RootService + " " + s.RootName)
		if v.Fetching[k] {
			root = "(fetching" + g.Ellipsis + ") " + root
		}
		start := ""
		if s.Start != 0 {
			start = StartTime(s.Start, opt.Loc)
		}
		mark := ""
		if v.Interactive {
			mark = "  "
			if n == v.Selected {
				mark = "> "
			}
		}
		text := line(mark, g.Clean(s.ID), root, start, g.Duration(s.Duration), miniBar(s.Duration, v.Slowest, g, stl),
			countText(s.Spans), countText(s.Errors))
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
	return lines
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
