package tui

import (
	"slices"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/query"
)

// traceView is the state of one open trace. Rows are never materialised:
// the cursor and the top of the screen are pre-order positions of rows of
// render's Cursor, which steps over hidden subtrees by their size, so a
// keypress costs the same on a million spans as on a hundred.
type traceView struct {
	tr *trace.Tree
	a  *trace.Analysis

	// st is what the user folded, unfolded, filtered and zoomed to; the
	// selection is added when drawing.
	st      render.ViewState
	filter  query.Query
	hiddenN int // spans the filter hides

	search  query.Query
	found   query.Set // the spans the search selects, marked on their rows
	matches []int32   // their pre-order positions, for n/N
	// Against a baseline, the "−" rows the search found and the filter
	// keeps, and the diff each was run against (see refreshQueries).
	hits                   []render.RemovedHit
	foundA                 query.Set // the search's spans in the baseline
	searchDiff, filterDiff *render.WaterfallDiff

	// seq counts the queries started on this view: an answer from a Cmd
	// applies only if no newer one was started. busy: one is running.
	seq  int
	busy bool

	errors, critical []int32 // pre-order positions, for e/E and c/C

	context []trace.Attr // the header's context and sampling attributes

	cur, top  int32 // pre-order positions of the cursor row and the first row shown
	detailTop int
	// sub puts the cursor on a "−" row of the baseline's diff (see
	// baseline_cursor.go): 0 on cur's row, k > 0 on the k-th "−" row
	// after it, k < 0 on the lines above the first row (cur 0). It counts
	// only while subAt is cur: a key that moves cur leaves it.
	sub   int
	subAt int32
}

func newTraceView(t trace.Analyzed) *traceView {
	v := &traceView{tr: t.Tree, a: t.Analysis}
	v.st = render.BaseState(t) // print's view: folds, and the answer pinned
	v.context = append(v.tr.Context(), v.tr.Sampling()...)
	for p, i := range v.tr.Order {
		if v.a.Roles[i] != trace.RoleNone {
			v.errors = append(v.errors, int32(p))
		}
		if v.a.OnCriticalPath(i) {
			v.critical = append(v.critical, int32(p))
		}
	}
	return v
}

// rows walks the rows as the view shows them now.
func (v *traceView) rows() render.Cursor { return render.NewCursor(v.tr, v.a, v.st) }

// move steps the cursor by delta visible rows and keeps it on screen.
func (v *traceView) move(delta, height int) {
	c := v.rows()
	for ; delta > 0; delta-- {
		if q := c.Next(v.cur); q < c.Len() {
			v.cur = q
		}
	}
	for ; delta < 0; delta++ {
		v.cur = c.Prev(v.cur)
	}
	v.scroll(height)
}

// scroll keeps the cursor within the height rows starting at top, and
// the screen full: after a resize, a fold or a filter shortens what lies
// below top, top moves up so no blank row shows while rows exist above
// (issue 15 item 3). It steps over at most 2×height rows, so it costs the
// same on a million spans.
func (v *traceView) scroll(height int) {
	c := v.rows()
	if v.cur < v.top {
		v.top = v.cur
	} else {
		p := v.top
		for k := 1; k < height && p < v.cur; k++ {
			p = c.Next(p)
		}
		for p < v.cur {
			p = c.Next(p)
			v.top = c.Next(v.top)
		}
	}
	n, p := 0, v.top
	for ; n < height && p < c.Len(); n++ {
		p = c.Next(p)
	}
	for ; n < height && v.top > 0; n++ {
		v.top = c.Prev(v.top)
	}
}

// jump selects span i, unfolding and unfiltering what hides it, and puts
// it in the middle of the screen.
func (v *traceView) jump(i int32, height int) {
	// A pinned span is drawn out of its folded run already, ancestors
	// included: unfolding would bury the answer among the run's rows.
	// The run's own row stands where its first call would, so jumping to
	// that call needs no unfolding either; reaching into a call's subtree does.
	unfold := func(x int32, rowIsRun bool) {
		if g := v.st.Repeats[x]; g != nil && !v.pinned(x) && !(rowIsRun && g.Members[0] == x) {
			v.st.Unfolded[g] = true
		}
	}
	for x := v.tr.Parent[i]; x >= 0; x = v.tr.Parent[x] {
		delete(v.st.Collapsed, x)
		unfold(x, false)
	}
	unfold(i, true)
	if v.st.Keep != nil && !v.st.Keep[i] {
		v.clearFilter()
	}
	c := v.rows()
	v.cur, v.sub = v.tr.Pos[i], 0
	v.top = v.cur
	for k := 0; k < height/2; k++ {
		v.top = c.Prev(v.top)
	}
	v.scroll(height)
}

// nextIn finds the next (dir 1) or previous (dir -1) position in sorted
// list after the cursor, wrapping around.
func (v *traceView) nextIn(list []int32, dir int) (int32, bool) {
	if len(list) == 0 {
		return 0, false
	}
	k, found := slices.BinarySearch(list, v.cur)
	if dir > 0 {
		if found {
			k++
		}
		return list[k%len(list)], true
	}
	k--
	if k < 0 {
		k = len(list) - 1
	}
	return list[k], true
}

func (v *traceView) pinned(i int32) bool { return v.st.Pinned != nil && v.st.Pinned[i] }

func (v *traceView) selected() int32 { return v.tr.Order[v.cur] }

func (v *traceView) toggle(i int32) {
	c := v.rows()
	if g := c.FoldedRun(i); g != nil {
		v.st.Unfolded[g] = true
		return
	}
	if v.tr.Size[i] <= 1 {
		return
	}
	if v.st.Collapsed[i] {
		delete(v.st.Collapsed, i)
	} else {
		v.st.Collapsed[i] = true
	}
}

// collapseAll folds every root's children, so the screen shows the
// top-level calls; expandAll unfolds everything.
func (v *traceView) collapseAll() {
	v.st.Collapsed = map[int32]bool{}
	v.st.Unfolded = map[*trace.Repeat]bool{}
	for _, r := range v.tr.Roots {
		for _, c := range v.tr.Children(r) {
			if v.tr.Size[c] > 1 {
				v.st.Collapsed[c] = true
			}
		}
	}
	v.st.FoldAll = true
	c := v.rows()
	v.cur = c.RowStart(v.cur)
	v.top = c.RowStart(v.top)
}

func (v *traceView) expandAll() {
	v.st.FoldAll = false
	v.st.Collapsed = map[int32]bool{}
	for _, g := range v.st.Repeats {
		v.st.Unfolded[g] = true
	}
}

func (v *traceView) clearSearch() {
	v.search, v.found, v.matches = query.Query{}, query.Set{}, nil
	v.hits, v.foundA, v.searchDiff = nil, query.Set{}, nil
}

func (v *traceView) clearFilter() {
	v.filter, v.st.Keep, v.hiddenN = query.Query{}, nil, 0
	v.st.RemovedKeep, v.filterDiff = nil, nil
}

func (v *traceView) filtered() bool { return v.st.Keep != nil }
