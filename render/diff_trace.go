package render

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// DiffView says which rows of a trace diff to show.
type DiffView struct {
	Threshold   diff.Threshold
	OnlyChanged bool // --changed: changed rows and their ancestors
}

// diffCols are the numeric columns of a trace diff, right-aligned.
var diffCols = []struct {
	head string
	w    int
}{{"A", 8}, {"B", 8}, {"change", 9}, {"%", 6}, {"self Δ", 9}}

// statusW is the status column's least width ("added, error"; "ok ->
// error" in ASCII); a "removed, error" widens it.
const statusW = 12

// TraceDiffLines is the text of a trace diff: both traces' headers, the
// verdict, the merged tree with A's and B's numbers per row, the
// bottleneck of both and a legend. Unchanged rows are dimmed so the
// changes stand out; signs and markers say the same without colour.
func TraceDiffLines(d *diff.Diff, view DiffView, opt Options) []string {
	g := opt.Glyphs.or()
	stl, w := opt.Styles, max(opt.Width, 40)
	v := d.Verdict(view.Threshold)
	out := append(diffTraceHeaderLines("A", d.A, opt), diffTraceHeaderLines("B", d.B, opt)...)
	out = append(out, "")
	// The verdict is the answer: wrapped, never cut.
	for _, l := range wrapJoin(strings.Fields(VerdictLine(d, v, g)), " ", w, g) {
		out = append(out, stl.Paint(stl.Header, l))
	}
	out = append(out, "")
	return append(out, traceDiffTable(d, view, opt)...)
}

// traceDiffDrop is which numbers give way first on a short line: the
// change and the status are the answer and stay.
var traceDiffDrop = []string{"self Δ", "%", "A", "B"}

// traceDiffTable is the merged tree under its column heads, the
// bottleneck line and the legend, fitted to the width: the status column
// only when a row has a status, and columns giving way (traceDiffDrop)
// while the tree column is under 24.
func traceDiffTable(d *diff.Diff, view DiffView, opt Options) []string {
	g := opt.Glyphs.or()
	stl, w := opt.Styles, max(opt.Width, 40)
	var out []string
	show := d.Visible(view.Threshold, view.OnlyChanged)
	status, statusWidth := false, statusW
	for i := range d.Rows {
		if show[i] {
			if st := rowStatus(&d.Rows[i], g, PlainStyles()); st != "" {
				status, statusWidth = true, max(statusWidth, Width(st))
			}
		}
	}
	cols := make([]bool, len(diffCols))
	fixed := 3
	if status {
		fixed += statusWidth + 1
	}
	for k, c := range diffCols {
		cols[k] = true
		fixed += c.w + 1
	}
	labels, guides := make([]string, len(d.Rows)), make([]string, len(d.Rows))
	longest := 0
	last := lastChildren(d, show)
	for i := range d.Rows {
		if show[i] {
			guides[i], labels[i] = diffGuides(d, last, int32(i), g), rowLabel(&d.Rows[i], g)
			longest = max(longest, Width(guides[i])+Width(labels[i]))
		}
	}
	var dropped []string
	for k, name := range traceDiffDrop {
		// self Δ and % give way before a name is cut; A and B only
		// below 24 columns of tree.
		if w-fixed >= 24 && (k >= 2 || w-fixed >= longest) {
			continue
		}
		for k, c := range diffCols {
			if c.head == name {
				cols[k] = false
				fixed -= c.w + 1
				dropped = append(dropped, c.head)
			}
		}
	}
	nameW := max(w-fixed, 12)
	head := "   " + g.Fit("span", nameW)
	for k, c := range diffCols {
		if !cols[k] {
			continue
		}
		h := c.head
		if g.IsASCII() && h == "self Δ" {
			h = "self d"
		}
		head += " " + PadLeft(h, c.w)
	}
	if status {
		head += " status"
	}
	out = append(out, stl.Paint(stl.Dim, head))
	// Labels are fitted to what their guides leave: the tree stays drawn.
	ws := make([]int, len(d.Rows))
	for i := range ws {
		ws[i] = max(nameW-Width(guides[i]), 1)
	}
	fitted := fitNamesEach(labels, ws, g)
	for i := range d.Rows {
		if show[i] {
			out = append(out, diffRow(d, int32(i), view.Threshold, g.Fit(guides[i]+fitted[i], nameW), cols, opt))
		}
	}
	if len(dropped) > 0 {
		if g.IsASCII() {
			for k := range dropped {
				dropped[k] = strings.ReplaceAll(dropped[k], "self Δ", "self d")
			}
		}
		for _, l := range wrapJoin(strings.Fields(strings.Join(dropped, ", ")+" not shown at this width"), " ", w, g) {
			out = append(out, stl.Paint(stl.Dim, l))
		}
	}
	out = append(out, wrapIndent(strings.Fields(BottleneckLine(d, g)), " ", w, "  ", g)...)
	sy := opt.Glyphs.or()
	// Parts short enough for any width: the legend wraps, never cut.
	legend := []string{"+ only in B", minus(g) + " only in A", "! new error",
		"left/right: A/B", sy.Bottleneck + " bottleneck", sy.Critical + " critical path"}
	for _, l := range wrapJoin(legend, "  ", w, g) {
		out = append(out, stl.Paint(stl.Dim, l))
	}
	return out
}

// diffTraceHeaderLines is a side's trace: its ID, root, duration, spans,
// errors and start, wrapped to the width (the start last: it is what a
// narrow line can best do without, so it goes to the next line first),
// then print's line on the critical path's unknown time, indented, when
// it has some.
func diffTraceHeaderLines(side string, t trace.Analyzed, opt Options) []string {
	g := opt.Glyphs.or()
	w := max(opt.Width, 40)
	out := wrapIndent(diffTraceFacts(side, t, opt), g.Sep, w, "  ", g)
	if line, ok := unknownLine(t.Tree, t.Analysis, g); ok {
		// Wrapped, never cut: it says how far the durations can be trusted.
		for _, l := range wrapWords(line, w-2, "  ") {
			out = append(out, "  "+l)
		}
	}
	return out
}

// diffTraceFacts are a side's header facts in the words print uses for
// them (traceTimes: "duration unknown", never "0 ns").
func diffTraceFacts(side string, t trace.Analyzed, opt Options) []string {
	g := opt.Glyphs.or()
	svc, name := RootLabel(t.Tree)
	start, dur := traceTimes(t.Tree, opt)
	parts := []string{side + " trace " + g.Clean(t.Tree.Trace.DisplayID()), g.Clean(svc + " " + name),
		dur, Plural(len(t.Tree.Trace.Spans), "span"), Plural(t.Analysis.Errors, "error")}
	if start != "" {
		parts = append(parts, start)
	}
	return parts
}

// diffRow draws one merged row: a change marker, A's and B's critical
// path markers, the tree guides and label (name, fitted), then the numbers.
func diffRow(d *diff.Diff, i int32, th diff.Threshold, name string, cols []bool, opt Options) string {
	g := opt.Glyphs.or()
	stl, sy := opt.Styles, opt.Glyphs.or()
	r := &d.Rows[i]
	changed := r.Changed(th)
	mark := rowMark(r, g, stl)
	pathMark := func(s diff.Side) string {
		switch {
		case s.Bottle:
			return stl.Paint(stl.Bottleneck, sy.Bottleneck)
		case s.Critical:
			return sy.Critical
		}
		return " "
	}
	cells := []string{SideDuration(r.A, g), SideDuration(r.B, g), "", "", ""}
	if r.A.Present() && r.B.Present() && !r.Timed() {
		cells[2] = "untimed"
	}
	if r.Timed() {
		cells[2] = SignedDuration(r.DurChange(), g)
		cells[3] = PercentChange(float64(r.A.Dur), float64(r.B.Dur), g)
		cells[4] = SignedDuration(r.SelfChange(), g)
		if !r.SelfKnown() {
			// Part of a side's time may be an unended child's: no change to say.
			cells[4] = "?"
		}
	}
	line := name
	for k, c := range diffCols {
		if !cols[k] {
			continue
		}
		txt := PadLeft(g.Truncate(cells[k], c.w), c.w)
		if k >= 2 && changed && cells[k] != "" {
			txt = paintChange(stl, r, k == 4, txt)
		}
		line += " " + txt
	}
	status := rowStatus(r, g, stl)
	if status == "" {
		line = strings.TrimRight(line, " ")
	}
	if !changed {
		line = stl.Paint(stl.Dim, line)
	}
	if status == "" {
		return mark + pathMark(r.A) + pathMark(r.B) + line
	}
	return mark + pathMark(r.A) + pathMark(r.B) + line + " " + status
}

// rowStatus is a row's status change: "ok → error", "error → ok",
// "added, error" (a span only B has, failed: the explorer's words too),
// "removed, error" (only A has it, failed there: not fixed, not called),
// "error", or "" for ok.
func rowStatus(r *diff.Row, g *Glyphs, stl Styles) string {
	switch {
	case r.NewError() && r.Added():
		return stl.Paint(stl.Origin, "added, error")
	case r.RemovedError():
		return "removed, error"
	case r.NewError():
		return stl.Paint(stl.Origin, "ok "+arrow(g)+" error")
	case r.FixedError():
		return stl.Paint(stl.Faster, "error "+arrow(g)+" ok")
	case r.B.Errors > 0:
		return "error"
	}
	return ""
}

// paintChange colours a change cell: slower red, faster green.
func paintChange(stl Styles, r *diff.Row, self bool, txt string) string {
	c := r.DurChange()
	if self {
		c = r.SelfChange()
	}
	switch {
	case c > 0:
		return stl.Paint(stl.Slower, txt)
	case c < 0:
		return stl.Paint(stl.Faster, txt)
	}
	return txt
}

// diffGuides draws the tree guides of row i from the rows' parents: "│ "
// where an ancestor has siblings still to come, "├─ " or "└─ " at the row.
// Deep rows keep the last few levels, as the waterfall does.
func diffGuides(d *diff.Diff, last []bool, i int32, sy *Glyphs) string {
	return diffGuidesBy(d, i, sy, func(x int32) bool { return last[x] })
}

// diffGuidesBy is diffGuides with last saying whether a row is the last
// of its parent's rows drawn (the explorer's folds and filter decide).
func diffGuidesBy(d *diff.Diff, i int32, sy *Glyphs, last func(int32) bool) string {
	r := &d.Rows[i]
	if r.Depth == 0 {
		return ""
	}
	const maxLevels = 12
	levels := min(int(r.Depth), maxLevels)
	parts := make([]string, levels)
	cur := i
	for k := levels - 1; k >= 0; k-- {
		if k == levels-1 {
			parts[k] = sy.Tee
			if last(cur) {
				parts[k] = sy.Elbow
			}
		} else {
			parts[k] = sy.Pipe
			if last(cur) {
				parts[k] = sy.Blank
			}
		}
		cur = d.Rows[cur].Parent
	}
	prefix := ""
	if int(r.Depth) > maxLevels {
		prefix = sy.Deep
	}
	return prefix + strings.Join(parts, "")
}

// lastChildren marks each shown row that is its parent's last shown
// child, in one pass: rows come in pre-order, so the last one seen under a
// parent is it.
func lastChildren(d *diff.Diff, show []bool) []bool {
	lastOf := make(map[int32]int32, len(d.Rows)/2+1)
	for i := range d.Rows {
		if show[i] {
			lastOf[d.Rows[i].Parent] = int32(i)
		}
	}
	last := make([]bool, len(d.Rows))
	for _, i := range lastOf {
		last[i] = true
	}
	return last
}

// SideDuration is one side's duration cell: "" when the span is not on
// that side, "?" when it is untimed (as print draws an untimed span: no
// 0 ns that reads as measured).
func SideDuration(s diff.Side, g *Glyphs) string {
	switch {
	case !s.Present():
		return ""
	case !s.Timed():
		return "?"
	}
	return g.Duration(s.Dur)
}

// rowMark is a diff row's first column: ! a new error (loud), + added,
// − removed, blank otherwise; tracetui diff and the explorer share it.
func rowMark(r *diff.Row, g *Glyphs, stl Styles) string {
	switch {
	case r.NewError():
		return stl.Paint(stl.Origin, "!")
	case r.Added():
		return "+"
	case r.Removed():
		return minus(g)
	}
	return " "
}
