package render

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/diff"
)

// WaterfallDiff lays a trace diff over B's waterfall: the explorer's
// baseline. Each waterfall row of B gets the numbers of the merged row its
// span belongs to (VerdictLine's and TraceDiffLines' words, drawn as
// columns), and the rows only A has are drawn as "−" lines where they used
// to be. It is built once per (baseline, trace) pair, off the UI loop for
// big traces; drawing a row then costs a lookup.
type WaterfallDiff struct {
	Diff    *diff.Diff
	Verdict diff.Verdict
	rowOf   []int32        // per B span: its merged row
	blocks  []removedBlock // by insertion point, deeper first
	last    []bool         // per merged row: its parent's last child (tree guides)
	// levels are, per B span a removed block sits under, its B children
	// with callees: when all of them are folded (fold all), the removed
	// calls among them are folded too. blockOf is the block a row starts.
	levels  map[int32][]int32
	blockOf map[int32]int32
	// byParent are, per B span (-1: the roots), the blocks under it in
	// drawing order, for the tree guides.
	byParent map[int32][]int32
	// noteNeed is the widest note of any row, columns, in Unicode and in
	// ASCII: the note column is made that wide when there is room.
	noteNeed [2]int
}

// removedBlock is a row only A has and the rows under it (all only in A):
// rows [first, end) of the diff. at is the position in B's pre-order it
// is drawn before: right after the subtree of the sibling it followed in
// A, or right after its parent's row when it came first. parent is the B
// span whose children it sits among, -1 for a root.
type removedBlock struct {
	at, parent int32
	first, end int32
	depth      int32
}

// NewWaterfallDiff indexes d for drawing over B's waterfall; th is what
// counts as a change (the zero Threshold: any).
func NewWaterfallDiff(d *diff.Diff, th diff.Threshold) *WaterfallDiff {
	tr := d.B.Tree
	w := &WaterfallDiff{Diff: d, Verdict: d.Verdict(th), rowOf: make([]int32, tr.Len())}
	for i := range w.rowOf {
		w.rowOf[i] = -1
	}
	for k := range d.Rows {
		for _, s := range d.Rows[k].B.Spans {
			w.rowOf[s] = int32(k)
		}
	}
	all := make([]bool, len(d.Rows))
	for k := range all {
		all[k] = true
	}
	w.last = lastChildren(d, all)
	w.noteNeed = [2]int{notesWidth(d, Unicode), notesWidth(d, ASCII)}
	// lastB is, per parent row, the most recent child row present in B:
	// a removed row follows it.
	lastB := map[int32]int32{}
	for k := 0; k < len(d.Rows); k++ {
		r := &d.Rows[k]
		if !r.Removed() {
			if r.B.Present() {
				lastB[r.Parent] = int32(k)
			}
			continue
		}
		b := removedBlock{first: int32(k), depth: r.Depth, parent: -1}
		end := k + 1
		for end < len(d.Rows) && d.Rows[end].Depth > r.Depth {
			end++
		}
		b.end = int32(end)
		if r.Parent >= 0 {
			b.parent = d.Rows[r.Parent].B.Spans[0] // a removed row's parent is in B, else it is in a block
		}
		if prev, ok := lastB[r.Parent]; ok {
			b.at = subtreeEnd(tr, d.Rows[prev].B.Spans)
		} else if b.parent >= 0 { // first among its siblings: right under the parent's row
			b.at = tr.Pos[b.parent] + 1
		}
		w.blocks = append(w.blocks, b)
		k = end - 1
	}
	sort.SliceStable(w.blocks, func(x, y int) bool {
		bx, by := w.blocks[x], w.blocks[y]
		if bx.at != by.at {
			return bx.at < by.at
		}
		return bx.depth > by.depth // a block inside a subtree before one after it
	})
	w.levels, w.blockOf, w.byParent = map[int32][]int32{}, make(map[int32]int32, len(w.blocks)), map[int32][]int32{}
	for k, b := range w.blocks {
		w.blockOf[b.first] = int32(k)
		w.byParent[b.parent] = append(w.byParent[b.parent], int32(k))
		if _, ok := w.levels[b.parent]; ok || b.parent < 0 {
			continue
		}
		var kids []int32
		for _, ch := range tr.Children(b.parent) {
			if tr.Size[ch] > 1 {
				kids = append(kids, ch)
			}
		}
		w.levels[b.parent] = kids
	}
	return w
}

// folded reports whether block b is drawn as its first row only: its
// B siblings with callees are all folded, as fold all leaves them. Among
// thousands of siblings only the first and last foldCheck are looked at,
// so a frame costs the same whatever the fan-out.
func (w *WaterfallDiff) folded(c *Cursor, b removedBlock) bool {
	kids := w.levels[b.parent]
	if b.end-b.first < 2 {
		return false
	}
	if len(kids) == 0 { // no B call beside it to fold with: fold all folds it
		return c.st.FoldAll
	}
	if len(c.st.Collapsed) < len(kids) {
		return false
	}
	head, tail := kids, []int32(nil)
	if len(kids) > 2*foldCheck {
		head, tail = kids[:foldCheck], kids[len(kids)-foldCheck:]
	}
	for _, part := range [][]int32{head, tail} {
		for _, i := range part {
			if !c.st.Collapsed[i] {
				return false
			}
		}
	}
	return true
}

const foldCheck = 128

// subtreeEnd is the pre-order position right after the last of spans'
// subtrees.
func subtreeEnd(tr *trace.Tree, spans []int32) int32 {
	end := int32(0)
	for _, s := range spans {
		end = max(end, tr.Pos[s]+tr.Size[s])
	}
	return end
}

// Removed lists the rows only A has that are drawn between the waterfall
// row starting at pre-order position p and the next one, starting at q
// (c.Len() after the last row; p -1 for the lines above the first row).
// A block is left out when its parent's children are not shown (folded,
// collapsed or inside something that is), and shows its first row only
// when the calls beside it in B are all folded.
func (w *WaterfallDiff) Removed(c *Cursor, p, q int32) []int32 {
	return w.RemovedWindow(c, p, q, 0, math.MaxInt)
}

// RemovedWindow is Removed's rows from the from-th on, at most n of them:
// what a screen shows of a long run of them, at the cost of the screen.
func (w *WaterfallDiff) RemovedWindow(c *Cursor, p, q int32, from, n int) []int32 {
	var out []int32
	rk := w.keepOf(c)
	w.eachBlock(c, p, q, func(first, end int32) bool {
		if k := rk.count(first, end); from >= k {
			from -= k
			return true
		}
		for r := rk.nth(first, end, from); r < end && len(out) < n; r = rk.nth(r+1, end, 0) {
			out = append(out, r)
		}
		from = 0
		return len(out) < n
	})
	return out
}

// RemovedCount is len(Removed(c, p, q)), without listing them.
func (w *WaterfallDiff) RemovedCount(c *Cursor, p, q int32) int {
	n := 0
	rk := w.keepOf(c)
	w.eachBlock(c, p, q, func(first, end int32) bool { n += rk.count(first, end); return true })
	return n
}

// eachBlock calls f with the rows [first, end) of each block drawn between
// p and q, until f returns false; a filter's keep set may leave some of
// them out (RemovedKeep).
func (w *WaterfallDiff) eachBlock(c *Cursor, p, q int32, f func(first, end int32) bool) {
	k := sort.Search(len(w.blocks), func(k int) bool { return w.blocks[k].at > p })
	rk := w.keepOf(c)
	for ; k < len(w.blocks) && w.blocks[k].at <= q; k++ {
		b := w.blocks[k]
		if !childrenShown(c, b.parent) || !rk.kept(b.first) {
			continue
		}
		end := b.end
		if w.folded(c, b) {
			end = b.first + 1
		}
		if !f(b.first, end) {
			return
		}
	}
}

// childrenShown: span i's row is drawn and shows its children.
func childrenShown(c *Cursor, i int32) bool {
	if i < 0 {
		return true
	}
	tr := c.tr
	return c.RowStart(tr.Pos[i]) == tr.Pos[i] && !c.elided(i) && c.FoldedRun(i) == nil &&
		!c.st.Collapsed[i]
}

// RemovedRow draws a row only A has in B's waterfall at layout l: its
// place in the tree and its name, dim, no bar (it did not run in B), and
// its diff cells; a folded block's row wears the fold marker. selected
// draws it as the cursor's row, as RenderRow draws B's.
func (w *WaterfallDiff) RemovedRow(c *Cursor, row int32, l Layout, cols DiffColumns, opt Options, selected bool) string {
	g, stl := opt.Glyphs.or(), opt.Styles
	r := &w.Diff.Rows[row]
	room := l.NameW - 3
	guideRoom := room - l.FoldW
	// The merged tree's guides: B's rows draw B's tree, so where a
	// removed call was the last, the guides around it can differ by one.
	guides := g.Truncate(diffGuidesBy(w.Diff, row, g, func(x int32) bool { return w.lastShown(c, x) }), guideRoom)
	fold := strings.Repeat(" ", l.FoldW)
	name := rowLabel(r, g)
	if k, ok := w.blockOf[row]; ok && w.folded(c, w.blocks[k]) {
		if l.FoldW > 0 {
			fold = g.Folded
		}
		// As a folded row of B's says what it hides.
		if n := w.callsUnder(row); n > 0 {
			name += " [+" + strconv.Itoa(n) + "]"
		}
	}
	name = fold + name
	match := " " // the match column, as B's rows have it
	if m := c.st.RemovedMatched; m != nil && m(row) {
		match = g.Match
	}
	left := "  " + match + guides + g.Fit(name, room-Width(guides))
	if l.BarW > 0 {
		left += " " + strings.Repeat(" ", l.BarW)
	}
	left += " " + strings.Repeat(" ", l.DurW)
	if selected && stl.Enabled() {
		return stl.Selected + stl.Paint(stl.Dim, left) + stl.Reset + w.RemovedCells(row, cols, opt)
	}
	return stl.Paint(stl.Dim, left) + w.RemovedCells(row, cols, opt)
}

// BaselineVerdict is the explorer header's two lines while a trace is
// compared with the baseline: the baseline named, then VerdictLine's
// answer, wrapped at words into w columns and cut after the second line.
func (w *WaterfallDiff) BaselineVerdict(label string, width int, opt Options) []string {
	g, stl := opt.Glyphs.or(), opt.Styles
	// However long the baseline's name, the verdict starts on the first
	// line or the second.
	label = MiddleCut(label, max(width-20, 24), g)
	text := "against baseline " + label + ": " + VerdictLine(w.Diff, w.Verdict, g)
	lines := wrapJoin(strings.Fields(text), " ", width, g)
	if len(lines) > 2 {
		// Cut where the width ends, with the ellipsis: more was said.
		lines = []string{lines[0], g.Truncate(strings.Join(lines[1:], " "), width)}
	}
	for len(lines) < 2 {
		lines = append(lines, "")
	}
	for k := range lines {
		lines[k] = stl.Paint(stl.Header, lines[k])
	}
	return lines
}

// BaselineLabel names a baseline trace in the explorer's header and list:
// "checkout POST /checkout 4bf92f3 5.60 s" (the ID cut to prefix
// characters, service and name to baselineNameW columns in the middle).
func BaselineLabel(svc, name, id string, dur int64, prefix int, g *Glyphs) string {
	id = g.Clean(id)
	if prefix > 0 && len(id) > prefix {
		id = id[:prefix]
	}
	root := MiddleCut(g.Clean(strings.TrimSpace(svc+" "+name)), baselineNameW, g)
	return root + " " + id + " " + g.Duration(dur)
}

// baselineNameW is how much of a title or header line a baseline's
// service and name may take, columns.
const baselineNameW = 40

// MiddleCut fits a sanitized s into w columns by cutting its middle,
// keeping both ends (a route usually differs at its end): "checkout
// POST /v1/ord…/items". Strings that fit are returned as they are.
func MiddleCut(s string, w int, g *Glyphs) string {
	if Width(s) <= w {
		return s
	}
	ell := g.or().Ellipsis
	tailW := (w - Width(ell)) / 2
	r := []rune(s)
	k, n := len(r), 0
	for k > 0 && n+Width(string(r[k-1])) <= tailW {
		k--
		n += Width(string(r[k]))
	}
	return g.Truncate(string(r[:k]), w-n) + string(r[k:])
}
