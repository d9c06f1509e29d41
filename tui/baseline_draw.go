package tui

import (
	"github.com/tracetui/tracetui/render"
)

// The waterfall against a baseline: the diff columns, the "−" rows of
// calls only the baseline made, and the header's baseline and verdict.

// diffOverlay is the open trace's diff and the columns it takes out of a
// waterfall ww columns wide; nil and no columns when there is none.
func (s *traceScreen) diffOverlay(ww int) (*render.WaterfallDiff, render.DiffColumns, int) {
	wd := s.m.base.current()
	if wd == nil {
		return nil, render.DiffColumns{}, 0
	}
	cols := wd.ColumnsFor(ww, s.m.glyphs)
	return wd, cols, cols.Width()
}

// diffExtra is how much wider a window must be, while a trace is compared
// with the baseline, for the details pane to be on by default: the diff
// columns take the room it would.
func (s *traceScreen) diffExtra() int {
	if s.m.base.comparing() {
		return 40
	}
	return 0
}

// removedLines draws the rows only the baseline has that go between the
// row at p and the next row, at q (p -1: above the first row).
func (s *traceScreen) removedLines(wd *render.WaterfallDiff, c *render.Cursor, p, q int32, l render.Layout, cols render.DiffColumns, opt render.Options) []string {
	var out []string
	for _, r := range wd.Removed(c, p, q) {
		out = append(out, " "+wd.RemovedRow(r, l, cols, opt))
	}
	return out
}

// fitRemoved keeps the cursor row on screen when "−" rows above it push
// it down: the top row moves down until it fits. It runs in Update (from
// scroll), never while drawing.
func (s *traceScreen) fitRemoved() {
	wd := s.m.base.current()
	if wd == nil {
		return
	}
	v, h := s.view(), s.size().rows
	c := v.rows()
	for v.top < v.cur {
		line := 0
		if v.top == 0 {
			line = len(wd.Removed(&c, -1, 0))
		}
		for p := v.top; p < v.cur && line < h; {
			q := c.Next(p)
			line += 1 + len(wd.Removed(&c, p, q))
			p = q
		}
		if line < h {
			return
		}
		v.top = c.Next(v.top)
	}
}

// baselineHeader puts the baseline into the header's lines. Compared with
// it, the two lines under the title (facts, services) give way to the
// baseline and the verdict; else its name goes before the facts and the
// third line says what is being done, or that the open trace is the
// baseline.
func (s *traceScreen) baselineHeader(lines []string, w int) []string {
	b, m := &s.m.base, s.m
	if b.trace == nil || len(lines) < 3 {
		return lines
	}
	g, stl := m.glyphs, m.styles
	if wd := b.current(); wd != nil {
		v := wd.BaselineVerdict(b.label(), w, m.renderOptions(w))
		return append(lines[:1], v...)
	}
	lines[1] = g.Truncate("baseline: "+b.label()+g.Sep+lines[1], w)
	third := "comparing with the baseline" + g.Ellipsis
	if b.isOpen() {
		third = "this trace is the baseline: open another trace to compare it with (" +
			m.keys.Trace.Baseline.Help().Key + " again clears it)"
	}
	lines[2] = stl.Paint(stl.Header, g.Truncate(third, w))
	return lines
}

// diffHead is the ruler line's end over the diff columns.
func diffHead(cols render.DiffColumns, n int, opt render.Options) string {
	if n == 0 {
		return ""
	}
	return cols.Head(opt)
}
