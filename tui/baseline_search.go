package tui

import (
	"sort"

	"github.com/tracetui/tracetui/render"
)

// Search (n/N) among B's rows and the "−" rows together, in the order
// they are drawn: B's matches are pre-order positions, the "−" rows'
// are render.RemovedHits, and a hit at At is drawn before B's row at At.

// liveHits are the search's "−" rows when they were found in the diff
// drawn now (refreshQueries runs the search again otherwise).
func (s *traceScreen) liveHits() []render.RemovedHit {
	v := s.view()
	if wd := s.m.base.current(); wd == nil || wd != v.searchDiff {
		return nil
	}
	return v.hits
}

// cursorHit is where the cursor is in drawing order: on a "−" row its
// hit, else ok is false and the cursor is on B's row at v.cur.
func (s *traceScreen) cursorHit() (render.RemovedHit, bool) {
	if wd, row := s.onRemoved(); wd != nil {
		return wd.HitOf(row), true
	}
	return render.RemovedHit{}, false
}

// split is how many of B's matches and of the hits are drawn before the
// cursor's line, and whether the cursor is on one of them.
func (s *traceScreen) split(hits []render.RemovedHit) (nb, nh int, on bool) {
	v := s.view()
	h, onHit := s.cursorHit()
	if !onHit {
		nb = sort.Search(len(v.matches), func(k int) bool { return v.matches[k] >= v.cur })
		nh = sort.Search(len(hits), func(k int) bool { return !hits[k].Before(v.cur) })
		return nb, nh, nb < len(v.matches) && v.matches[nb] == v.cur
	}
	nb = sort.Search(len(v.matches), func(k int) bool { return v.matches[k] >= h.At })
	nh = sort.Search(len(hits), func(k int) bool { return !hits[k].Less(h) })
	return nb, nh, nh < len(hits) && hits[nh] == h
}

// hitsBefore counts the matches drawn before the cursor's line.
func (s *traceScreen) hitsBefore() int {
	nb, nh, _ := s.split(s.liveHits())
	return nb + nh
}

// nextHit moves the cursor to the next match (dir 1) or the previous one
// (dir -1), B's rows and "−" rows alike, wrapping around; two binary
// searches, whatever the number of matches.
func (s *traceScreen) nextHit(dir int) {
	v := s.view()
	hits := s.liveHits()
	if len(v.matches)+len(hits) == 0 {
		return
	}
	i, j, on := s.split(hits) // the first of each at or after the cursor
	_, onHit := s.cursorHit()
	var hitFirst bool // the hit at j comes before B's match at i
	if dir > 0 {
		if on && onHit {
			j++
		} else if on {
			i++
		}
		if i == len(v.matches) && j == len(hits) {
			i, j = 0, 0
		}
		hitFirst = i == len(v.matches) || j < len(hits) && hits[j].Before(v.matches[i])
	} else {
		i, j = i-1, j-1
		if i < 0 && j < 0 {
			i, j = len(v.matches)-1, len(hits)-1
		}
		hitFirst = i < 0 || j >= 0 && !hits[j].Before(v.matches[i])
	}
	if !hitFirst {
		v.jump(v.tr.Order[v.matches[i]], s.size().rows)
		return
	}
	s.jumpRemoved(s.m.base.current(), hits[j].Row)
}

// jumpRemoved puts the cursor on "−" row row, unfolding what hides it and
// clearing a filter that does.
func (s *traceScreen) jumpRemoved(wd *render.WaterfallDiff, row int32) {
	v := s.view()
	wd.Reveal(&v.st, row)
	if v.filtered() && !(v.st.RemovedKeep.For(wd) && v.st.RemovedKeep.Kept(row)) {
		v.clearFilter()
	}
	c := v.rows()
	if p, sub, ok := wd.RemovedPlace(&c, row); ok {
		v.place(max(p, 0), sub)
		v.detailTop = 0
	}
	s.scroll()
}

// removedMatch: one of "−" row's calls in A is among the search's spans.
func removedMatch(wd *render.WaterfallDiff, row int32, has func(int32) bool) bool {
	for _, s := range wd.Diff.Rows[row].A.Spans {
		if has(s) {
			return true
		}
	}
	return false
}
