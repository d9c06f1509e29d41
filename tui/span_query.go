package tui

import (
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
	"github.com/tracetui/tracetui/trace/query"
)

// Search (/) and filter (f) in the open trace. Both run a query once, on
// Enter: inline on a small trace, in a Cmd on one of more than asyncSpans
// spans, the last result staying on screen, marked updating, until the new
// one lands.

// spanQueryMsg is a search's or a filter's answer for one trace view.
// quiet: a query run again because the baseline's diff changed, which
// neither moves the cursor nor says anything.
type spanQueryMsg struct {
	v     *traceView
	seq   int
	kind  promptKind
	q     query.Query
	res   spanResult
	quiet bool
}

// spanResult is what a query selects in one tree: for a search the set
// and its pre-order positions, for a filter the keep set. Against a
// baseline (wd), the "−" rows it selects too: a search's hits, a filter's
// keep set over them (whose callers in B it keeps).
type spanResult struct {
	found   query.Set
	foundA  query.Set // in the baseline's tree, for the "−" rows
	matches []int32
	keep    []bool
	hidden  int
	wd      *render.WaterfallDiff
	hits    []render.RemovedHit
	removed *render.RemovedKeep
}

// evalSpans reads only the trees, the diff and the query, so it can run
// off the UI loop.
func evalSpans(tr *trace.Tree, wd *render.WaterfallDiff, kind promptKind, q query.Query) spanResult {
	set := q.Eval(tr)
	var inA query.Set
	if wd != nil {
		inA = q.Eval(wd.Diff.A.Tree)
	}
	if kind == promptFilter {
		keep, hidden := render.FilterKeep(tr, set.Has)
		r := spanResult{found: set, keep: keep, hidden: hidden, wd: wd}
		if wd != nil {
			var added int
			r.removed, added = wd.FilterRemoved(inA.Has, keep)
			r.hidden -= added
		}
		return r
	}
	r := spanResult{found: set, foundA: inA, wd: wd}
	for p, i := range tr.Order {
		if set.Has(i) {
			r.matches = append(r.matches, int32(p))
		}
	}
	if wd != nil {
		r.hits = wd.RemovedHits(inA.Has)
	}
	return r
}

func (s *traceScreen) search(q query.Query) tea.Cmd { return s.runQuery(promptSearch, q) }
func (s *traceScreen) filter(q query.Query) tea.Cmd { return s.runQuery(promptFilter, q) }

func (s *traceScreen) runQuery(kind promptKind, q query.Query) tea.Cmd {
	return s.startQuery(kind, q, false)
}

func (s *traceScreen) startQuery(kind promptKind, q query.Query, quiet bool) tea.Cmd {
	v := s.view()
	v.seq++
	v.busy = false
	if q.Empty() {
		if kind == promptFilter {
			v.clearFilter()
			s.scroll()
		} else {
			v.clearSearch()
		}
		return nil
	}
	wd := s.m.base.current()
	spans := v.tr.Len()
	if wd != nil {
		spans += wd.Diff.A.Tree.Len()
	}
	msg := spanQueryMsg{v: v, seq: v.seq, kind: kind, q: q, quiet: quiet}
	if spans <= asyncSpans {
		msg.res = evalSpans(v.tr, wd, kind, q)
		s.queryDone(msg)
		return nil
	}
	v.busy = true
	if !quiet {
		s.m.status = busyStatus(kind, q, v.tr.Len(), s.m.glyphs)
	}
	tr := v.tr
	return func() tea.Msg {
		msg.res = evalSpans(tr, wd, kind, q)
		return msg
	}
}

// refreshQueries runs the open view's filter and search again when the
// diff they were run against is no longer the one drawn (the baseline was
// marked, cleared or its diff has just been built): its "−" rows are
// filtered and searched too.
func (s *traceScreen) refreshQueries() tea.Cmd {
	if s.m.screen != screenTrace || len(s.views) == 0 {
		return nil
	}
	v := s.view()
	if v == nil || v.busy {
		return nil
	}
	wd := s.m.base.current()
	switch {
	case v.filtered() && v.filterDiff != wd:
		return s.startQuery(promptFilter, v.filter, true)
	case !v.search.Empty() && v.searchDiff != wd:
		return s.startQuery(promptSearch, v.search, true)
	}
	return nil
}

func busyStatus(kind promptKind, q query.Query, spans int, g *render.Glyphs) string {
	what := "searching"
	if kind == promptFilter {
		what = "filtering"
	}
	return what + " " + render.Plural(spans, "span") + " for " + quoteQuery(q.Text) + g.Ellipsis + " (the last result stays until then)"
}

// queryDone applies an answer to the view it was asked for, unless a newer
// query was started there since; the cursor and the status line follow
// only when that view is on screen.
func (s *traceScreen) queryDone(msg spanQueryMsg) {
	v := msg.v
	if msg.seq != v.seq {
		return
	}
	v.busy = false
	onScreen := s.m.screen == screenTrace && s.view() == v && !msg.quiet
	h := s.size().rows
	if msg.kind == promptSearch {
		v.search, v.found, v.matches = msg.q, msg.res.found, msg.res.matches
		v.hits, v.foundA, v.searchDiff = msg.res.hits, msg.res.foundA, msg.res.wd
		if !onScreen {
			return
		}
		s.nextHit(1)
		s.m.status = s.matchStatus()
		return
	}
	// The "−" row the cursor is on stays under it if the filter keeps it.
	wd, row := s.onRemoved()
	v.filter, v.st.Keep, v.hiddenN = msg.q, msg.res.keep, msg.res.hidden
	v.st.RemovedKeep, v.filterDiff = msg.res.removed, msg.res.wd
	c := v.rows()
	v.cur, v.top = c.RowStart(v.cur), c.RowStart(v.top)
	v.place(v.cur, 0)
	if wd != nil && wd == msg.res.wd && msg.res.removed.Kept(row) && s.view() == v {
		if p, sub, ok := wd.RemovedPlace(&c, row); ok {
			v.place(max(p, 0), sub)
		}
	}
	v.scroll(h)
	if onScreen {
		s.m.status = "filter " + quoteQuery(v.filter.Text) + ": " + strconv.Itoa(v.hiddenN) + " spans hidden (esc clears)"
	}
}

// matchStatus says which match the cursor is on and how many there are,
// the "−" rows a search found counted in.
func (s *traceScreen) matchStatus() string {
	v := s.view()
	if v.search.Empty() {
		return ""
	}
	busy := ""
	if v.busy {
		busy = " (updating" + s.m.glyphs.Ellipsis + ")"
	}
	hits := s.liveHits()
	if len(v.matches)+len(hits) == 0 {
		return "no span matches " + quoteQuery(v.search.Text) + busy
	}
	k := s.hitsBefore()
	return "match " + strconv.Itoa(k+1) + "/" + strconv.Itoa(len(v.matches)+len(hits)) + " for " + quoteQuery(v.search.Text) + " (n/N)" + busy
}

// quoteQuery sets a query apart in a message: TraceQL's braces already do
// (and its strings would come out escaped), the shorthand gets quotes.
func quoteQuery(text string) string {
	if query.IsTraceQL(text) {
		return text
	}
	return strconv.Quote(text)
}
