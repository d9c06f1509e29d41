package render

import (
	"sort"
)

// The explorer's "−" rows under the user's filter, search and folds: a
// filter hides the ones that do not match (keeping a match's callers, as
// FilterKeep keeps B's), a search finds them, and the tree guides around
// them are drawn as tracetui diff draws them: a B row followed by a "−"
// sibling is not its parent's last.

// RemovedKeep is a filter's keep set over the rows of one WaterfallDiff
// (see FilterRemoved); a nil *RemovedKeep keeps every row.
type RemovedKeep struct {
	w      *WaterfallDiff
	before []int32 // per row k: kept rows among rows [0, k); len(rows)+1
	last   []bool  // per kept row: its parent's last kept row
}

// FilterRemoved is a filter's keep set over w's "−" rows: a row is kept
// when one of its A calls matches (matchA gets A's span indexes) or a row
// under it is kept. The B spans the kept rows hang from, and their
// callers, are added to keepB (a FilterKeep set over B's tree, nil for
// none), so a matching "−" row is drawn where it was; added counts them.
// It costs one pass over the rows and the kept rows' callers.
func (w *WaterfallDiff) FilterRemoved(matchA func(span int32) bool, keepB []bool) (rk *RemovedKeep, added int) {
	d := w.Diff
	kept := make([]bool, len(d.Rows))
	for k := range d.Rows {
		r := &d.Rows[k]
		if !r.Removed() || kept[k] || !anyMatch(r.A.Spans, matchA) {
			continue
		}
		x := int32(k)
		for x >= 0 && d.Rows[x].Removed() && !kept[x] {
			kept[x] = true
			x = d.Rows[x].Parent
		}
		if x >= 0 && keepB != nil && d.Rows[x].B.Present() {
			tr := d.B.Tree
			for s := d.Rows[x].B.Spans[0]; s >= 0 && !keepB[s]; s = tr.Parent[s] {
				keepB[s] = true
				added++
			}
		}
	}
	rk = &RemovedKeep{w: w, before: make([]int32, len(kept)+1), last: lastChildren(d, kept)}
	for k, ok := range kept {
		rk.before[k+1] = rk.before[k]
		if ok {
			rk.before[k+1]++
		}
	}
	return rk, added
}

func anyMatch(spans []int32, match func(int32) bool) bool {
	for _, s := range spans {
		if match(s) {
			return true
		}
	}
	return false
}

// Kept reports whether the filter keeps row (true for a nil keep set).
func (rk *RemovedKeep) Kept(row int32) bool { return rk.kept(row) }

// For reports whether the keep set was made for w: a keep set of another
// diff (the baseline changed since the filter ran) keeps every row.
func (rk *RemovedKeep) For(w *WaterfallDiff) bool { return rk != nil && rk.w == w }

func (w *WaterfallDiff) keepOf(c *Cursor) *RemovedKeep {
	if rk := c.st.RemovedKeep; rk.For(w) {
		return rk
	}
	return nil
}

func (rk *RemovedKeep) kept(row int32) bool {
	return rk == nil || rk.before[row+1] > rk.before[row]
}

// count is how many of rows [first, end) are kept.
func (rk *RemovedKeep) count(first, end int32) int {
	if rk == nil {
		return int(end - first)
	}
	return int(rk.before[end] - rk.before[first])
}

// nth is the n-th kept row (from 0) of rows [first, end), end if none.
func (rk *RemovedKeep) nth(first, end int32, n int) int32 {
	if rk == nil {
		return min(first+int32(n), end)
	}
	base := rk.before[first]
	k := sort.Search(int(end-first), func(k int) bool { return int(rk.before[first+int32(k)+1]-base) > n })
	return first + int32(k)
}

// removedAfter: a "−" row is drawn among parent's children (parent -1:
// the roots) from B's pre-order position q on; the blocks are looked at
// from the last, so this costs one step unless a filter hides them.
func (w *WaterfallDiff) removedAfter(c *Cursor, parent, q int32) bool {
	list := w.byParent[parent]
	rk := w.keepOf(c)
	for k := len(list) - 1; k >= 0; k-- {
		b := &w.blocks[list[k]]
		if b.at < q {
			return false
		}
		if rk.kept(b.first) {
			return true
		}
	}
	return false
}

// lastShown: row is the last of its parent's rows drawn, B's and "−"
// rows alike (tracetui diff's guides, under the explorer's folds and
// filter).
func (w *WaterfallDiff) lastShown(c *Cursor, row int32) bool {
	r := &w.Diff.Rows[row]
	if r.B.Present() {
		if c.st.Baseline != w {
			st := c.st
			st.Baseline = w
			c = &Cursor{tr: c.tr, a: c.a, st: st}
		}
		return c.lastRow(r.B.Spans[0])
	}
	k, ok := w.blockOf[row]
	if !ok { // inside a block: its siblings are in the block too
		if rk := w.keepOf(c); rk != nil {
			return rk.last[row]
		}
		return w.last[row]
	}
	b := &w.blocks[k]
	list := w.byParent[b.parent]
	rk := w.keepOf(c)
	for j := sort.Search(len(list), func(j int) bool { return list[j] > k }); j < len(list); j++ {
		if rk.kept(w.blocks[list[j]].first) {
			return false
		}
	}
	// B's row holding position at (an elision line, a folded run's row)
	// may start before it: it is drawn before the block.
	q := b.at
	if q < c.Len() {
		if p := c.RowStart(q); p < q {
			q = c.Next(p)
		}
	}
	return c.lastFrom(b.parent, q)
}

// callsUnder is how many calls A made under row's calls: what its row
// hides when folded, as "[+N]" says on B's rows.
func (w *WaterfallDiff) callsUnder(row int32) int {
	n := 0
	for _, s := range w.Diff.Rows[row].A.Spans {
		n += int(w.Diff.A.Tree.Size[s]) - 1
	}
	return n
}

// RemovedHit is a "−" row a search found, placed in drawing order: before
// B's row at pre-order position At (len: after the last), after the rows
// of earlier blocks there (Block), at Row.
type RemovedHit struct {
	At, Block, Row int32
}

// Before reports whether hit h is drawn before B's row at pre-order
// position p.
func (h RemovedHit) Before(p int32) bool { return h.At <= p }

// Less orders two hits as they are drawn.
func (h RemovedHit) Less(o RemovedHit) bool {
	if h.Block != o.Block {
		return h.Block < o.Block
	}
	return h.Row < o.Row
}

// RemovedHits are the "−" rows (drawn or folded away) whose A calls
// match, in drawing order; one pass over the rows.
func (w *WaterfallDiff) RemovedHits(matchA func(span int32) bool) []RemovedHit {
	var out []RemovedHit
	for k, b := range w.blocks {
		for r := b.first; r < b.end; r++ {
			if anyMatch(w.Diff.Rows[r].A.Spans, matchA) {
				out = append(out, RemovedHit{At: b.at, Block: int32(k), Row: r})
			}
		}
	}
	return out
}

// HitOf is row's place in drawing order (RemovedHit); row must be a "−"
// row. It walks up to its block's first row.
func (w *WaterfallDiff) HitOf(row int32) RemovedHit {
	x := row
	for {
		if k, ok := w.blockOf[x]; ok {
			return RemovedHit{At: w.blocks[k].at, Block: k, Row: row}
		}
		x = w.Diff.Rows[x].Parent
	}
}

// Reveal unfolds what keeps "−" row from being drawn: its B caller and
// the caller's callers collapsed or in folded runs, and its block folded
// by fold all. A filter that hides it is the caller's to clear.
func (w *WaterfallDiff) Reveal(st *ViewState, row int32) {
	h := w.HitOf(row)
	b := w.blocks[h.Block]
	tr := w.Diff.B.Tree
	for x := b.parent; x >= 0; x = tr.Parent[x] {
		delete(st.Collapsed, x)
		if g := st.Repeats[x]; g != nil && !(st.Pinned != nil && st.Pinned[x]) && st.Unfolded != nil {
			st.Unfolded[g] = true
		}
	}
	if row == b.first {
		return
	}
	if kids := w.levels[b.parent]; len(kids) > 0 {
		delete(st.Collapsed, kids[0])
	} else {
		st.FoldAll = false
	}
}

// RemovedPlace is where the cursor stands on a drawn "−" row: the B row
// p it follows (-1: above the first row) and its place among the "−"
// rows after p (1 for the first), or among those above the first row
// counted back from it (-1 for the last of them); ok is false when the
// row is not drawn.
func (w *WaterfallDiff) RemovedPlace(c *Cursor, row int32) (p int32, sub int, ok bool) {
	h := w.HitOf(row)
	b := w.blocks[h.Block]
	p = -1
	if b.at > 0 {
		p = c.RowStart(b.at - 1)
	}
	q := int32(0)
	if p >= 0 {
		q = c.Next(p)
	}
	rk := w.keepOf(c)
	if !rk.kept(row) {
		return p, 0, false
	}
	idx := 0
	w.eachBlock(c, p, q, func(first, end int32) bool {
		if first != b.first {
			idx += rk.count(first, end)
			return true
		}
		if row < end {
			idx, ok = idx+rk.count(first, row), true
		}
		return false
	})
	if !ok {
		return p, 0, false
	}
	if p < 0 {
		return p, idx - w.RemovedCount(c, -1, 0), true
	}
	return p, idx + 1, true
}
