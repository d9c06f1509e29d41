package tui

import (
	"slices"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/query"
)

// traceView is the state of one open trace. Rows are never materialised:
// the cursor and the top of the screen are pre-order positions, and moving
// between visible rows skips collapsed subtrees by their size, so a
// keypress costs the same on a million spans as on a hundred.
type traceView struct {
	tr *trace.Tree
	a  *trace.Analysis

	collapsed map[int32]bool
	keep      []bool // filter: spans shown (matches and their ancestors); nil shows all
	filter    query.Query
	hiddenN   int

	search  query.Query
	matches []int32 // pre-order positions of search matches

	errors, critical []int32 // pre-order positions, for e/E and c/C

	cur, top int32 // pre-order positions of the cursor row and the first row shown

	winStart, winEnd int64 // zoom window; zero is the whole trace
	detailTop        int

	// repeats maps each member of a run of repeated calls to its run;
	// a run shows as one row until unfolded.
	repeats  map[int32]*trace.Repeat
	unfolded map[*trace.Repeat]bool
}

func newTraceView(t trace.Analyzed) *traceView {
	v := &traceView{tr: t.Tree, a: t.Analysis, collapsed: map[int32]bool{}, unfolded: map[*trace.Repeat]bool{}}
	if t.Findings != nil {
		v.repeats = t.Findings.Folded
	}
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

func (v *traceView) n() int32 { return int32(len(v.tr.Order)) }

// row describes the visible row starting at position p and where the next
// row starts.
func (v *traceView) row(p int32) (render.Row, int32) {
	i := v.tr.Order[p]
	if v.keep != nil && !v.keep[i] {
		r := render.Row{Span: i, Last: i, Elided: true, Filtered: true}
		d := v.tr.Depth[i]
		q := p
		for q < v.n() {
			j := v.tr.Order[q]
			if v.keep[j] || v.tr.Depth[j] != d {
				break
			}
			r.Last = j
			r.Hidden += int(v.tr.Size[j])
			q += v.tr.Size[j]
		}
		return r, q
	}
	if g := v.foldedRun(i); g != nil && g.Members[0] == i {
		r := render.Row{Span: i, Group: g, Last: g.Members[len(g.Members)-1]}
		for _, m := range g.Members {
			r.HiddenErrors += int(v.a.ErrorsBelow[m])
			if m != i && v.a.Roles[m] != trace.RoleNone {
				r.HiddenErrors++
			}
		}
		return r, v.skipHidden(p + v.tr.Size[i])
	}
	r := render.Row{Span: i}
	if v.collapsed[i] && v.tr.Size[i] > 1 {
		r.Hidden = int(v.tr.Size[i]) - 1
		r.HiddenErrors = int(v.a.ErrorsBelow[i])
		return r, v.skipHidden(p + v.tr.Size[i])
	}
	return r, v.skipHidden(p + 1)
}

// foldedRun is the folded run span i belongs to, nil if none.
func (v *traceView) foldedRun(i int32) *trace.Repeat {
	if g := v.repeats[i]; g != nil && !v.unfolded[g] {
		return g
	}
	return nil
}

// hiddenMember: i is in a folded run and not the run's first call, so its
// subtree is inside the run's row.
func (v *traceView) hiddenMember(i int32) bool {
	g := v.foldedRun(i)
	return g != nil && g.Members[0] != i
}

// skipHidden moves past the subtrees of hidden run members starting at q.
func (v *traceView) skipHidden(q int32) int32 {
	for q < v.n() && v.hiddenMember(v.tr.Order[q]) {
		q += v.tr.Size[v.tr.Order[q]]
	}
	return q
}

func (v *traceView) next(p int32) int32 {
	_, q := v.row(p)
	return q
}

// rowStart is the start of the visible row that contains position p: the
// topmost collapsed or filtered-out ancestor decides.
func (v *traceView) rowStart(p int32) int32 {
	if p <= 0 {
		return 0
	}
	i := v.tr.Order[p]
	var chain []int32
	for x := i; x >= 0; x = v.tr.Parent[x] {
		chain = append(chain, x)
	}
	for k := len(chain) - 1; k >= 0; k-- {
		x := chain[k]
		if v.hiddenMember(x) {
			// Inside a folded run's row: the row before is the answer.
			if v.tr.Pos[x] == 0 {
				return 0
			}
			return v.rowStart(v.tr.Pos[x] - 1)
		}
		if v.keep != nil && !v.keep[x] {
			return v.runStart(x)
		}
		if x != i && (v.collapsed[x] || v.foldedRun(x) != nil) {
			return v.tr.Pos[x]
		}
	}
	return p
}

// runStart is where the run of filtered-out siblings holding x starts.
func (v *traceView) runStart(x int32) int32 {
	var sibs []int32
	if p := v.tr.Parent[x]; p >= 0 {
		sibs = v.tr.Children(p)
	} else {
		sibs = v.tr.Roots
	}
	k, _ := slices.BinarySearchFunc(sibs, v.tr.Pos[x], func(s, pos int32) int { return int(v.tr.Pos[s] - pos) })
	for k > 0 && !v.keep[sibs[k-1]] {
		k--
	}
	return v.tr.Pos[sibs[k]]
}

func (v *traceView) prev(p int32) int32 {
	if p <= 0 {
		return 0
	}
	return v.rowStart(p - 1)
}

func (v *traceView) last() int32 { return v.rowStart(v.n() - 1) }

// move steps the cursor by delta visible rows and keeps it on screen.
func (v *traceView) move(delta, height int) {
	for ; delta > 0; delta-- {
		if q := v.next(v.cur); q < v.n() {
			v.cur = q
		}
	}
	for ; delta < 0; delta++ {
		v.cur = v.prev(v.cur)
	}
	v.scroll(height)
}

// scroll keeps the cursor within the height rows starting at top.
func (v *traceView) scroll(height int) {
	if v.cur < v.top {
		v.top = v.cur
		return
	}
	p := v.top
	for k := 1; k < height && p < v.cur; k++ {
		p = v.next(p)
	}
	for p < v.cur {
		p = v.next(p)
		v.top = v.next(v.top)
	}
}

// jump selects span i, unfolding and unfiltering what hides it, and puts
// it in the middle of the screen.
func (v *traceView) jump(i int32, height int) {
	for x := v.tr.Parent[i]; x >= 0; x = v.tr.Parent[x] {
		delete(v.collapsed, x)
		if g := v.repeats[x]; g != nil {
			v.unfolded[g] = true
		}
	}
	if v.hiddenMember(i) {
		v.unfolded[v.repeats[i]] = true
	}
	if v.keep != nil && !v.keep[i] {
		v.clearFilter()
	}
	v.cur = v.tr.Pos[i]
	v.top = v.cur
	for k := 0; k < height/2; k++ {
		v.top = v.prev(v.top)
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

func (v *traceView) selected() int32 { return v.tr.Order[v.cur] }

func (v *traceView) toggle(i int32) {
	if g := v.foldedRun(i); g != nil {
		v.unfolded[g] = true
		return
	}
	if v.tr.Size[i] <= 1 {
		return
	}
	if v.collapsed[i] {
		delete(v.collapsed, i)
	} else {
		v.collapsed[i] = true
	}
}

// collapseAll folds every root's children, so the screen shows the
// top-level calls; expandAll unfolds everything.
func (v *traceView) collapseAll() {
	v.collapsed = map[int32]bool{}
	v.unfolded = map[*trace.Repeat]bool{}
	for _, r := range v.tr.Roots {
		for _, c := range v.tr.Children(r) {
			if v.tr.Size[c] > 1 {
				v.collapsed[c] = true
			}
		}
	}
	v.cur = v.rowStart(v.cur)
	v.top = v.rowStart(v.top)
}

func (v *traceView) expandAll() {
	v.collapsed = map[int32]bool{}
	for _, g := range v.repeats {
		v.unfolded[g] = true
	}
}

func (v *traceView) runSearch(q query.Query) {
	v.search, v.matches = q, nil
	if q.Empty() {
		return
	}
	for p, i := range v.tr.Order {
		if q.Matches(v.tr, i) {
			v.matches = append(v.matches, int32(p))
		}
	}
}

func (v *traceView) applyFilter(q query.Query) {
	if q.Empty() {
		v.clearFilter()
		return
	}
	keep := make([]bool, v.tr.Len())
	shown := 0
	for _, i := range v.tr.Order {
		if keep[i] || !q.Matches(v.tr, i) {
			continue
		}
		for x := i; x >= 0 && !keep[x]; x = v.tr.Parent[x] {
			keep[x] = true
			shown++
		}
	}
	v.filter, v.keep, v.hiddenN = q, keep, v.tr.Len()-shown
	v.cur, v.top = v.rowStart(v.cur), v.rowStart(v.top)
}

func (v *traceView) clearFilter() {
	v.filter, v.keep, v.hiddenN = query.Query{}, nil, 0
}
