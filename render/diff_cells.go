package render

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace/diff"
)

// DiffColumns are the columns a waterfall row gains against a baseline, in
// columns: the change mark, A's time, the change, the change in percent,
// and the note (what else changed: calls, status, added, removed). Without
// the % column the note says the percent when nothing else changed.
// Narrow waterfalls drop the % column, then narrow the note, then drop the
// change, then A's time (a removed row keeps its time longest).
type DiffColumns struct {
	A, Change, Pct, Note bool
	NoteW                int // the note's width; 0 is noteW
}

// diffCellW is a time cell's width; pctW the percent's ("+5.00 ms" from
// 0, "×10801"); noteW the narrow note's, for "ok→error" in ASCII too
// ("ok->error"); maxNoteW caps the wide one ("×100→×250 ok→error").
const diffCellW, pctW, noteW, maxNoteW = 8, 8, 9, 20

// keepWaterfall is what the diff columns leave the waterfall at least;
// keepWithPct what they leave it when the % column is drawn too.
const keepWaterfall, keepWithPct = 36, 48

// DiffColumnsFor picks the columns that leave a waterfall of width columns
// at least 36 for itself, with the narrow note.
func DiffColumnsFor(width int) DiffColumns { return columnsFor(width, noteW) }

// ColumnsFor is DiffColumnsFor with the note as wide as w's widest one
// (when there is room), so a row that changed both its calls and its
// status says both.
func (w *WaterfallDiff) ColumnsFor(width int, g *Glyphs) DiffColumns {
	need := w.noteNeed[0]
	if g.IsASCII() {
		need = w.noteNeed[1]
	}
	return columnsFor(width, min(max(need, noteW), maxNoteW))
}

func columnsFor(width, wide int) DiffColumns {
	// The % column is a nicety (A, B and the change say it): it waits
	// for a waterfall that keeps room for names.
	if c := (DiffColumns{A: true, Change: true, Pct: true, Note: true, NoteW: wide}); width-c.Width() >= keepWithPct {
		return c
	}
	for _, c := range []DiffColumns{
		{A: true, Change: true, Note: true, NoteW: wide},
		{A: true, Change: true, Note: true, NoteW: noteW},
		{A: true, Note: true, NoteW: noteW},
	} {
		if width-c.Width() >= keepWaterfall {
			return c
		}
	}
	return DiffColumns{Note: true, NoteW: noteW}
}

func (c DiffColumns) noteW() int {
	if c.NoteW > 0 {
		return c.NoteW
	}
	return noteW
}

// Width is the columns they take, the space before them included.
func (c DiffColumns) Width() int {
	n := 2 // a space and the mark
	for _, on := range []bool{c.A, c.Change} {
		if on {
			n += 1 + diffCellW
		}
	}
	if c.Pct {
		n += 1 + pctW
	}
	if c.Note {
		n += 1 + c.noteW()
	}
	return n
}

// Head labels the columns, for the end of the ruler line.
func (c DiffColumns) Head(opt Options) string {
	s := "  "
	if c.A {
		s += " " + PadLeft("A", diffCellW)
	}
	if c.Change {
		s += " " + PadLeft("change", diffCellW)
	}
	if c.Pct {
		s += " " + PadLeft("%", pctW)
	}
	if c.Note {
		head := "%"
		if c.Pct {
			head = ""
		}
		s += " " + PadLeft(head, c.noteW())
	}
	return opt.Styles.Paint(opt.Styles.Dim, s)
}

// Cells are the diff columns of waterfall row r: its merged row's A time,
// change, percent and note. A folded run's row carries the run's numbers
// (its calls' total time, as tracetui diff counts it, and ×6 → ×25); the
// separate rows of a run that is unfolded, and elision lines, are left
// blank.
func (w *WaterfallDiff) Cells(c *Cursor, r Row, cols DiffColumns, opt Options) string {
	if r.Elided || int(r.Span) >= len(w.rowOf) || w.rowOf[r.Span] < 0 {
		return strings.Repeat(" ", cols.Width())
	}
	k := w.rowOf[r.Span]
	row := &w.Diff.Rows[k]
	if row.Run && r.Group == nil && (row.B.Spans[0] != r.Span || c.FoldedRun(row.B.Spans[0]) != nil) {
		return strings.Repeat(" ", cols.Width())
	}
	// The first call of an unfolded run carries the run's words (×6→×25)
	// but not its times: its duration is one call's, and A's and the
	// change would not add up with it.
	return w.cells(row, cols, opt, row.Run && r.Group == nil && row.B.Count() > 1)
}

// RemovedCells are the diff columns of a row only A has.
func (w *WaterfallDiff) RemovedCells(row int32, cols DiffColumns, opt Options) string {
	return w.cells(&w.Diff.Rows[row], cols, opt, false)
}

func (w *WaterfallDiff) cells(r *diff.Row, cols DiffColumns, opt Options, wordsOnly bool) string {
	g, stl := opt.Glyphs.or(), opt.Styles
	changed := r.Changed(diff.Threshold{})
	mark := rowMark(r, g, stl)
	cell := func(s string, w int) string { return " " + PadLeft(g.Truncate(s, w), w) }
	out := " " + mark
	if cols.A {
		a := ""
		if !wordsOnly {
			a = SideDuration(r.A, g)
		}
		out += stl.Paint(stl.Dim, cell(a, diffCellW))
	}
	both := r.A.Present() && r.B.Present() && !wordsOnly
	pct := ""
	switch {
	case both && r.Timed():
		pct = PercentChange(float64(r.A.Dur), float64(r.B.Dur), g)
	case both:
		pct = "untimed"
	}
	if cols.Change {
		ch := ""
		if both && r.Timed() {
			ch = SignedDuration(r.DurChange(), g)
		}
		out += changeStyle(stl, r, changed, cell(ch, diffCellW))
	}
	if cols.Pct {
		out += changeStyle(stl, r, changed, cell(pct, pctW))
	}
	if cols.Note {
		nw := cols.noteW()
		parts := fitNote(noteParts(r, g, stl), nw)
		if len(parts) == 0 && !cols.Pct {
			return out + changeStyle(stl, r, changed, cell(pct, nw))
		}
		out += " " + strings.Repeat(" ", nw-partsWidth(parts)) + paintParts(parts, stl)
	}
	return out
}

// notePart is one word of the note, with its style.
type notePart struct {
	text, style string
	rank        int // which words stay when the note is too narrow for all: lower first
}

// noteParts are what changed other than time, in reading order (calls,
// added or removed, status); rank says what matters most: the status
// change (loud), then another number of calls, then added or removed.
func noteParts(r *diff.Row, g *Glyphs, stl Styles) []notePart {
	var out []notePart
	x := g.Times
	if r.A.Present() && r.B.Present() && r.A.Count() != r.B.Count() {
		out = append(out, notePart{x + strconv.Itoa(r.A.Count()) + arrow(g) + x + strconv.Itoa(r.B.Count()), stl.Slower, 1})
	}
	switch {
	case r.Added() && r.NewError():
		// "added, error", as tracetui diff says: it was not there to be
		// ok; narrow, "error" stays.
		out = append(out, notePart{"added,", "", 2})
	case r.Added():
		out = append(out, notePart{"added", "", 2})
	case r.RemovedError():
		// "removed, error": it failed in A and B does not call it, so
		// nothing was fixed (never "error→ok").
		out = append(out, notePart{"removed,", stl.Dim, 2})
	case r.Removed():
		out = append(out, notePart{"removed", stl.Dim, 2})
	}
	switch {
	case r.NewError() && r.Added(): // not "ok→error": it was not there
		out = append(out, notePart{"error", stl.Origin, 0})
	case r.RemovedError():
		out = append(out, notePart{"error", stl.Dim, 0})
	case r.NewError():
		out = append(out, notePart{"ok" + arrow(g) + "error", stl.Origin, 0})
	case r.FixedError():
		out = append(out, notePart{"error" + arrow(g) + "ok", stl.Faster, 0})
	}
	return out
}

// fitNote keeps the parts that fit w columns, most important first, in
// reading order.
func fitNote(parts []notePart, w int) []notePart {
	if partsWidth(parts) <= w {
		return parts
	}
	keep := map[int]bool{}
	used := -1
	for rank := 0; rank <= 3; rank++ {
		for k, p := range parts {
			if p.rank == rank && used+1+Width(p.text) <= w {
				keep[k], used = true, used+1+Width(p.text)
			}
		}
	}
	var out []notePart
	for k, p := range parts {
		if keep[k] {
			out = append(out, p)
		}
	}
	return out
}

func partsWidth(parts []notePart) int {
	n := -1
	for _, p := range parts {
		n += 1 + Width(p.text)
	}
	return max(n, 0)
}

func paintParts(parts []notePart, stl Styles) string {
	var b strings.Builder
	for k, p := range parts {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(stl.Paint(p.style, p.text))
	}
	return b.String()
}

// notesWidth is the widest note of d's rows with glyphs g.
func notesWidth(d *diff.Diff, g *Glyphs) int {
	n := 0
	for k := range d.Rows {
		r := &d.Rows[k]
		if r.A.Count() == r.B.Count() && !r.NewError() && !r.FixedError() {
			continue // at most "added" or "removed", or a percent
		}
		n = max(n, partsWidth(noteParts(r, g, Styles{})))
	}
	return n
}

func changeStyle(stl Styles, r *diff.Row, changed bool, txt string) string {
	if !changed {
		return stl.Paint(stl.Dim, txt)
	}
	return paintChange(stl, r, false, txt)
}

// RenderRow is render.RenderRow for B's row r with the diff's words: a
// folded run's duration is its calls' total, as the A and change columns
// count it (and tracetui diff does), not the run's first start to last end.
func (w *WaterfallDiff) RenderRow(c *Cursor, r Row, st ViewState, l Layout, opt Options) string {
	tr, a := c.tr, c.a
	s := RenderRow(tr, a, r, st, l, opt)
	if r.Group == nil || r.Elided || int(r.Span) >= len(w.rowOf) || w.rowOf[r.Span] < 0 {
		return s
	}
	row := &w.Diff.Rows[w.rowOf[r.Span]]
	if !row.Run || !row.B.Present() || r.Group.Timed == 0 {
		return s
	}
	g := opt.Glyphs.or()
	was := PadLeft(durationText(tr, r, opt), l.DurW)
	now := PadLeft(g.Truncate(SideDuration(row.B, g), l.DurW), l.DurW)
	// The duration is the row's last text, before any closing style.
	if i := strings.LastIndex(s, was); i >= 0 {
		return s[:i] + now + s[i+len(was):]
	}
	return s
}
