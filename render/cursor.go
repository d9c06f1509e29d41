package render

import (
	"slices"

	"github.com/tracetui/tracetui/trace"
)

// Cursor walks the rows of one trace as a ViewState shows them: folded
// runs of repeated calls, collapsed subtrees, a filter's elisions and
// --max-spans' elisions. Rows are never materialised: a row is found from
// the pre-order position it starts at, and stepping skips hidden subtrees
// by their size, so the explorer's keypress costs the same on a million
// spans as on a hundred. Rows walks the same cursor from the top for
// print, so print and the explorer cannot disagree about a row.
type Cursor struct {
	tr *trace.Tree
	a  *trace.Analysis
	st ViewState
}

// NewCursor walks tr under st. The cursor reads st's maps and sets; it sees
// later changes to them, not to st's other fields.
func NewCursor(tr *trace.Tree, a *trace.Analysis, st ViewState) Cursor {
	return Cursor{tr: tr, a: a, st: st}
}

// Len is the number of pre-order positions (spans) in the trace.
func (c *Cursor) Len() int32 { return int32(len(c.tr.Order)) }

// Row is the row starting at pre-order position p and the position the
// next row starts at (Len() after the last row). p must start a row: 0,
// or a position Next, Prev, RowStart or Last returned.
func (c *Cursor) Row(p int32) (Row, int32) {
	tr := c.tr
	i := tr.Order[p]
	if c.elided(i) {
		// One line for the run of elided siblings starting here.
		r := Row{Span: i, Last: i, Elided: true, Filtered: c.st.Keep != nil}
		d := tr.Depth[i]
		q := p
		for q < c.Len() {
			j := tr.Order[q]
			if tr.Depth[j] != d {
				break
			}
			if c.inRunRow(j) { // drawn in its run's row already
				q += tr.Size[j]
				continue
			}
			if !c.elided(j) {
				break
			}
			r.Last = j
			c.hide(&r, j, true)
			q += tr.Size[j]
		}
		return r, c.skipRunRows(q)
	}
	if g := c.FoldedRun(i); g != nil {
		// The run's first call not pinned stands for all; the other calls
		// not pinned and what they called are in its row. RunErrors and
		// RunFailure count the whole run, pinned calls too, so the row
		// reads "×6, 2 errors" with the failure's mark although the
		// failing call is drawn after it.
		r := Row{Span: i, Group: g, Last: g.Members[len(g.Members)-1]}
		var all Row
		for _, m := range g.Members {
			if !c.pinned(m) {
				c.hide(&r, m, m != i)
			}
			c.hide(&all, m, true)
		}
		r.RunErrors, r.RunFailure = all.HiddenErrors, all.HidesFailure
		return r, c.skipRunRows(p + tr.Size[i])
	}
	r := Row{Span: i}
	if c.st.Collapsed[i] && tr.Size[i] > 1 {
		c.hide(&r, i, false)
		return r, c.skipRunRows(p + tr.Size[i])
	}
	return r, c.skipRunRows(p + 1)
}

// Next is where the row after the one starting at p starts (Len() at the
// end).
func (c *Cursor) Next(p int32) int32 {
	_, q := c.Row(p)
	return q
}

// Prev is where the row before the one starting at p starts (0 at the top).
func (c *Cursor) Prev(p int32) int32 {
	if p <= 0 {
		return 0
	}
	return c.RowStart(p - 1)
}

// Last is where the last row starts.
func (c *Cursor) Last() int32 { return c.RowStart(c.Len() - 1) }

// RowStart is the start of the row that draws position p: the topmost
// collapsed, folded or elided ancestor decides. A call inside a folded
// run's row maps to the row before it (the run's row, or the last row of
// a pinned call drawn after it), so Prev steps over the run.
func (c *Cursor) RowStart(p int32) int32 {
	if p <= 0 {
		return 0
	}
	tr := c.tr
	i := tr.Order[p]
	var chain []int32
	for x := i; x >= 0; x = tr.Parent[x] {
		chain = append(chain, x)
	}
	for k := len(chain) - 1; k >= 0; k-- {
		x := chain[k]
		if c.inRunRow(x) {
			if tr.Pos[x] == 0 {
				return 0
			}
			return c.RowStart(tr.Pos[x] - 1)
		}
		if c.elided(x) {
			return c.runStart(x)
		}
		if x != i && (c.st.Collapsed[x] || c.FoldedRun(x) != nil) {
			return tr.Pos[x]
		}
	}
	return p
}

// FoldedRun is the folded run span i belongs to, nil if none, if the run
// is unfolded, or if i is pinned (drawn as its own row, see PinnedSpans).
func (c *Cursor) FoldedRun(i int32) *trace.Repeat {
	if g := c.st.Repeats[i]; g != nil && !c.st.Unfolded[g] && !c.pinned(i) {
		return g
	}
	return nil
}

func (c *Cursor) pinned(i int32) bool { return c.st.Pinned != nil && c.st.Pinned[i] }

// anchor is the call whose position a folded run's row takes: its first
// call not pinned. It costs the pinned calls before it, not the run.
func (c *Cursor) anchor(g *trace.Repeat) int32 {
	for _, m := range g.Members {
		if !c.pinned(m) {
			return m
		}
	}
	return -1 // never asked: FoldedRun is nil when every call is pinned
}

// shown: neither the filter nor the budget leaves span i out.
func (c *Cursor) shown(i int32) bool {
	return (c.st.Keep == nil || c.st.Keep[i]) && (c.st.Budget == nil || c.st.Budget[i])
}

// runShown: a folded run keeps its row while any of its calls is shown.
func (c *Cursor) runShown(g *trace.Repeat) bool {
	if c.st.Keep == nil && c.st.Budget == nil {
		return true
	}
	for _, m := range g.Members {
		if c.shown(m) {
			return true
		}
	}
	return false
}

// elided: span i goes into an elision line.
func (c *Cursor) elided(i int32) bool {
	if g := c.FoldedRun(i); g != nil {
		return !c.runShown(g)
	}
	return !c.shown(i)
}

// inRunRow: span i is a later call of a folded run that has a row, so it
// and its subtree are drawn as part of that row.
func (c *Cursor) inRunRow(i int32) bool {
	g := c.FoldedRun(i)
	return g != nil && c.anchor(g) != i && c.runShown(g)
}

// lastRow: no row after span i's subtree draws one of i's siblings, so its
// guide is an elbow, not a tee. Later calls of a folded run are in the
// run's row, not rows of their own: a pinned call drawn after its run's row
// can be the last row of its level although later calls follow it. The
// next sibling is found in pre-order (right after i's subtree), so the cost
// is the later calls of a run at most, one step otherwise.
func (c *Cursor) lastRow(i int32) bool {
	tr := c.tr
	// "−" rows are drawn after the row that starts before them: any
	// among i's siblings placed after i's start follows i's row.
	if w := c.st.Baseline; w != nil && w.removedAfter(c, tr.Parent[i], tr.Pos[i]+1) {
		return false
	}
	return c.lastFrom(tr.Parent[i], tr.Pos[i]+tr.Size[i])
}

// lastFrom: no row from pre-order position q on draws a child of parent
// (-1: a root).
func (c *Cursor) lastFrom(parent, q int32) bool {
	tr := c.tr
	for q < c.Len() {
		s := tr.Order[q]
		if tr.Parent[s] != parent {
			return true
		}
		if !c.inRunRow(s) {
			return false
		}
		q += tr.Size[s]
	}
	return true
}

// skipRunRows moves past the subtrees drawn in folded runs' rows from q.
func (c *Cursor) skipRunRows(q int32) int32 {
	for q < c.Len() && c.inRunRow(c.tr.Order[q]) {
		q += c.tr.Size[c.tr.Order[q]]
	}
	return q
}

// runStart is where the elision line holding span x starts: its first
// elided sibling before x with nothing shown between them.
func (c *Cursor) runStart(x int32) int32 {
	tr := c.tr
	sibs := tr.Roots
	if p := tr.Parent[x]; p >= 0 {
		sibs = tr.Children(p)
	}
	k, _ := slices.BinarySearchFunc(sibs, tr.Pos[x], func(s, pos int32) int { return int(tr.Pos[s] - pos) })
	first := k
	for j := k - 1; j >= 0; j-- {
		s := sibs[j]
		if c.inRunRow(s) {
			continue
		}
		if !c.elided(s) {
			break
		}
		first = j
	}
	return tr.Pos[sibs[first]]
}

// hide adds span j's subtree (j itself too when withRoot) to what row r
// hides: spans, error spans, and whether the failure point or the
// bottleneck is among them. Every kind of hiding row counts the same way.
func (c *Cursor) hide(r *Row, j int32, withRoot bool) {
	tr, a := c.tr, c.a
	lo, hi := tr.Pos[j]+1, tr.Pos[j]+tr.Size[j]
	r.Hidden += int(tr.Size[j]) - 1
	r.HiddenErrors += int(a.ErrorsBelow[j])
	if withRoot {
		lo--
		r.Hidden++
		if a.Roles[j] != trace.RoleNone {
			r.HiddenErrors++
		}
	}
	within := func(s int32) bool { return s >= 0 && tr.Pos[s] >= lo && tr.Pos[s] < hi }
	if a.Failure != nil && within(a.Failure.Span) {
		r.HidesFailure = true
	}
	if within(a.Bottleneck) {
		r.HidesBottleneck = true
	}
}

// Rows lists every row in order: print's eager walk of the explorer's
// cursor.
func Rows(tr *trace.Tree, a *trace.Analysis, st ViewState) []Row {
	c := NewCursor(tr, a, st)
	var rows []Row
	for p := int32(0); p < c.Len(); {
		r, q := c.Row(p)
		rows = append(rows, r)
		p = q
	}
	return rows
}

// FilterKeep is a filter's keep set for ViewState.Keep: the spans match
// accepts and all their ancestors, so a match keeps its path to the root.
// hidden counts the spans left out.
func FilterKeep(tr *trace.Tree, match func(i int32) bool) (keep []bool, hidden int) {
	keep = make([]bool, tr.Len())
	shown := 0
	for _, i := range tr.Order {
		if keep[i] || !match(i) {
			continue
		}
		for x := i; x >= 0 && !keep[x]; x = tr.Parent[x] {
			keep[x] = true
			shown++
		}
	}
	return keep, tr.Len() - shown
}
