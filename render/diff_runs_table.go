package render

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/rundiff"
)

// runHeads are the run diff's columns after the operation, "A → B" each.
var runHeads = []string{"COUNT", "P50", "P95", "CHANGE", "NOISE", "P99", "MEAN"}

// runDropOrder is which columns give way first on a short line. P50,
// CHANGE and NOISE never go: with the operation they are the answer (what
// the median did, by how much, and whether it is beyond noise).
var runDropOrder = []string{"MEAN", "P99", "COUNT", "P95"}

// runMinName is the operation column's share worth dropping a column for;
// below runStackName even with every droppable column gone, each row
// takes two lines: the operation whole, its numbers under it.
const runMinName, runStackName = 24, 16

// runTable is the run diff's table at width w: number columns as wide as
// their widest value, the least important giving way while the operation
// column is short (a last line says which went), operations cut to the
// same text cut in the middle so two never read alike.
func runTable(res *rundiff.Result, ops []rundiff.OpDiff, w int, opt Options) []string {
	g := opt.Glyphs.or()
	stl := opt.Styles
	first := "OPERATION"
	if res.ByService {
		first = "SERVICE"
	}
	names := make([]string, len(ops))
	cells := make([][]string, len(ops))
	colW := make([]int, len(runHeads))
	for k, h := range runHeads {
		colW[k] = len(h)
	}
	longest := len(first)
	for i := range ops {
		names[i] = g.Clean(ops[i].Key.Label())
		longest = max(longest, Width(names[i]))
		cells[i] = runCells(&ops[i], g)
		for c, cell := range cells[i] {
			colW[c] = max(colW[c], Width(cell))
		}
	}
	// fit drops columns, in order, until the numbers leave room columns.
	fit := func(room int) (show []bool, numbers int, dropped []string) {
		show = make([]bool, len(runHeads))
		for k := range show {
			show[k] = true
			numbers += colW[k] + 1
		}
		for _, d := range runDropOrder {
			if w-numbers >= room {
				break
			}
			for k, h := range runHeads {
				if h == d {
					show[k] = false
					numbers -= colW[k] + 1
					dropped = append(dropped, h)
				}
			}
		}
		return show, numbers, dropped
	}
	show, numbers, dropped := fit(min(longest, runMinName))
	nameW := min(w-numbers, longest) // the numbers next to the names, not across the line
	stacked := nameW < min(longest, runStackName)
	if stacked { // the numbers have a line of their own, under the name
		show, numbers, dropped = fit(2)
		nameW = w
	}
	numLine := func(cs []string, paintChange func(string) string) string {
		line := ""
		for k, c := range cs {
			if !show[k] {
				continue
			}
			txt := PadLeft(c, colW[k])
			if k == 3 && paintChange != nil {
				txt = paintChange(txt)
			}
			line += " " + txt
		}
		return line
	}
	var out []string
	if stacked {
		out = append(out, stl.Paint(stl.Header, first), stl.Paint(stl.Header, " "+numLine(runHeads, nil)))
	} else {
		out = append(out, stl.Paint(stl.Header, g.Fit(first, nameW)+numLine(runHeads, nil)))
	}
	fitted := FitNames(names, nameW, g)
	for i := range ops {
		o := &ops[i]
		var paint func(string) string
		if o.Flagged {
			paint = func(s string) string {
				if o.Change() > 0 {
					return stl.Paint(stl.Slower, s)
				}
				return stl.Paint(stl.Faster, s)
			}
		}
		dim := o.Test != nil && !o.Flagged && o.NewErrors == 0
		rows := []string{fitted[i] + numLine(cells[i], paint)}
		if stacked { // the name whole, wrapped, then its numbers
			rows = wrapIndent([]string{names[i]}, "", w, "  ", g)
			rows = append(rows, " "+numLine(cells[i], paint))
		}
		for _, r := range rows {
			if dim {
				r = stl.Paint(stl.Dim, r)
			}
			out = append(out, r)
		}
	}
	if len(dropped) > 0 {
		words := make([]string, 0, len(dropped)+5)
		for k, d := range dropped {
			if k < len(dropped)-1 {
				d += ","
			}
			words = append(words, d)
		}
		for _, l := range wrapJoin(append(words, "not", "shown", "at", "this", "width"), " ", w, g) {
			out = append(out, stl.Paint(stl.Dim, l))
		}
	}
	return out
}

// runCells are one operation's cells in runHeads' order.
func runCells(o *rundiff.OpDiff, g *Glyphs) []string {
	pair := func(x, y int64) string {
		switch {
		case o.A.Count == 0:
			return sideDuration(o.B, y, g)
		case o.B.Count == 0:
			return sideDuration(o.A, x, g)
		}
		return sideDuration(o.A, x, g) + " " + arrow(g) + " " + sideDuration(o.B, y, g)
	}
	count := strconv.Itoa(o.A.Count) + " " + arrow(g) + " " + strconv.Itoa(o.B.Count)
	change := ""
	if o.Test != nil && !o.Untimed() {
		change = PercentChange(float64(o.A.P50), float64(o.B.P50), g)
	}
	return []string{count, pair(o.A.P50, o.B.P50), pair(o.A.P95, o.B.P95), change, noiseWord(o),
		pair(o.A.P99, o.B.P99), pair(o.A.Mean, o.B.Mean)}
}

// sideDuration is a side's time, "?" when every call of the side is
// untimed (a 0 ns there would read as a measurement).
func sideDuration(s rundiff.Stat, ns int64, g *Glyphs) string {
	if s.Count > 0 && s.Timed() == 0 {
		return "?"
	}
	return g.Duration(ns)
}

// wrapIndent is wrapJoin with every line after the first indented, so a
// wrapped item reads as one; a part longer than a line (a long route) is
// broken across lines (WrapName), never cut.
func wrapIndent(parts []string, sep string, w int, indent string, g *Glyphs) []string {
	var lines []string
	cur := ""
	limit := func() int {
		if len(lines) == 0 {
			return w
		}
		return max(w-Width(indent), 1)
	}
	for _, p := range parts {
		switch {
		case cur == "" && Width(p) <= limit():
			cur = p
		case cur != "" && Width(cur)+Width(sep)+Width(p) <= limit():
			cur += sep + p
		case Width(p) <= max(w-Width(indent), 1):
			lines = append(lines, g.Truncate(cur, limit()))
			cur = p
		default: // too long for any line: its pieces, filling cur's line first
			if room := limit() - Width(cur) - Width(sep); cur != "" && room >= 8 {
				first := WrapName(p, room, g)[0]
				lines = append(lines, cur+sep+first)
				p, cur = strings.TrimLeft(p[len(first):], " "), ""
			} else if cur != "" {
				lines = append(lines, g.Truncate(cur, limit()))
				cur = ""
			}
			pieces := WrapName(p, max(w-Width(indent), 1), g)
			for _, pc := range pieces[:len(pieces)-1] {
				lines = append(lines, pc)
			}
			cur = pieces[len(pieces)-1]
		}
	}
	if cur != "" {
		lines = append(lines, g.Truncate(cur, limit()))
	}
	for k := 1; k < len(lines); k++ {
		lines[k] = indent + lines[k]
	}
	return lines
}
