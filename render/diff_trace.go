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

const statusW = 11 // "ok → error"

// TraceDiffLines is the text of a trace diff: both traces' headers, the
// verdict, the merged tree with A's and B's numbers per row, the
// bottleneck of both and a legend. Unchanged rows are dimmed so the
// changes stand out; signs and markers say the same without colour.
func TraceDiffLines(d *diff.Diff, view DiffView, opt Options) []string {
	g := opt.Glyphs.or()
	stl, w := opt.Styles, max(opt.Width, 40)
	v := d.Verdict(view.Threshold)
	out := []string{diffTraceHeader("A", d.A, opt), diffTraceHeader("B", d.B, opt), ""}
	// The verdict is the answer: wrapped, never cut.
	for _, l := range wrapJoin(strings.Fields(VerdictLine(d, v, g)), " ", w, g) {
		out = append(out, stl.Paint(stl.Header, l))
	}
	out = append(out, "")
	return append(out, traceDiffTable(d, view, opt)...)
}

// traceDiffTable is the merged tree under its column heads, the
// bottleneck line and the legend.
func traceDiffTable(d *diff.Diff, view DiffView, opt Options) []string {
	g := opt.Glyphs.or()
	stl, w := opt.Styles, max(opt.Width, 40)
	var out []string
	fixed := 3 + statusW + 1
	for _, c := range diffCols {
		fixed += c.w + 1
	}
	nameW := max(w-fixed, 12)
	head := "   " + g.Fit("span", nameW)
	for _, c := range diffCols {
		h := c.head
		if g.IsASCII() && h == "self Δ" {
			h = "self d"
		}
		head += " " + PadLeft(h, c.w)
	}
	out = append(out, stl.Paint(stl.Dim, head+" status"))
	show := d.Visible(view.Threshold, view.OnlyChanged)
	last := lastChildren(d, show)
	for i := range d.Rows {
		if show[i] {
			out = append(out, diffRow(d, last, int32(i), view.Threshold, nameW, opt))
		}
	}
	out = append(out, g.Truncate(BottleneckLine(d, g), w))
	sy := opt.Glyphs.or()
	legend := []string{"+ only in B", minus(g) + " only in A", "! new error",
		"left/right: A/B " + sy.Bottleneck + " bottleneck " + sy.Critical + " critical path"}
	for _, l := range wrapJoin(legend, "  ", w, g) {
		out = append(out, stl.Paint(stl.Dim, l))
	}
	return out
}

func diffTraceHeader(side string, t trace.Analyzed, opt Options) string {
	g := opt.Glyphs.or()
	svc, name := RootLabel(t.Tree)
	sep := g.Sep
	// The start comes last: it is what a narrow line can best do without.
	s := side + " trace " + g.Clean(t.Tree.Trace.DisplayID()) + "  " + g.Clean(svc+" "+name) + sep +
		g.Duration(t.Tree.Duration()) + sep + Plural(len(t.Tree.Trace.Spans), "span") + sep +
		Plural(t.Analysis.Errors, "error") + sep + StartTime(t.Tree.Start, opt.Loc)
	return g.Truncate(s, max(opt.Width, 40))
}

// diffRow draws one merged row: a change marker, A's and B's critical
// path markers, the tree guides and label, then the numbers.
func diffRow(d *diff.Diff, last []bool, i int32, th diff.Threshold, nameW int, opt Options) string {
	g := opt.Glyphs.or()
	stl, sy := opt.Styles, opt.Glyphs.or()
	r := &d.Rows[i]
	changed := r.Changed(th)
	mark := " "
	switch {
	case r.NewError():
		mark = stl.Paint(stl.Origin, "!")
	case r.Added():
		mark = "+"
	case r.Removed():
		mark = minus(g)
	}
	pathMark := func(s diff.Side) string {
		switch {
		case s.Bottle:
			return stl.Paint(stl.Bottleneck, sy.Bottleneck)
		case s.Critical:
			return sy.Critical
		}
		return " "
	}
	name := g.Fit(diffGuides(d, last, i, sy)+rowLabel(r, g), nameW)
	cell := func(s diff.Side) string {
		if !s.Present() {
			return ""
		}
		return g.Duration(s.Dur)
	}
	cells := []string{cell(r.A), cell(r.B), "", "", ""}
	if r.A.Present() && r.B.Present() {
		cells[2] = SignedDuration(r.DurChange(), g)
		cells[3] = PercentChange(float64(r.A.Dur), float64(r.B.Dur), g)
		cells[4] = SignedDuration(r.SelfChange(), g)
	}
	line := name
	for k, c := range diffCols {
		txt := PadLeft(g.Truncate(cells[k], c.w), c.w)
		if k >= 2 && changed && cells[k] != "" {
			txt = paintChange(stl, r, k == 4, txt)
		}
		line += " " + txt
	}
	status := ""
	switch {
	case r.NewError():
		status = stl.Paint(stl.Origin, "ok "+arrow(g)+" error")
	case r.FixedError():
		status = stl.Paint(stl.Faster, "error "+arrow(g)+" ok")
	case r.B.Errors > 0 || (!r.B.Present() && r.A.Errors > 0):
		status = "error"
	}
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
			if last[cur] {
				parts[k] = sy.Elbow
			}
		} else {
			parts[k] = sy.Pipe
			if last[cur] {
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
