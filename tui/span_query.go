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
type spanQueryMsg struct {
	v    *traceView
	seq  int
	kind promptKind
	q    query.Query
	res  spanResult
}

// spanResult is what a query selects in one tree: for a search the set
// and its pre-order positions, for a filter the keep set.
type spanResult struct {
	found   query.Set
	matches []int32
	keep    []bool
	hidden  int
}

// evalSpans reads only the tree and the query, so it can run off the UI
// loop.
func evalSpans(tr *trace.Tree, kind promptKind, q query.Query) spanResult {
	set := q.Eval(tr)
	if kind == promptFilter {
		keep, hidden := render.FilterKeep(tr, set.Has)
		return spanResult{found: set, keep: keep, hidden: hidden}
	}
	r := spanResult{found: set}
	for p, i := range tr.Order {
		if set.Has(i) {
			r.matches = append(r.matches, int32(p))
		}
	}
	return r
}

func (s *traceScreen) search(q query.Query) tea.Cmd { return s.runQuery(promptSearch, q) }
func (s *traceScreen) filter(q query.Query) tea.Cmd { return s.runQuery(promptFilter, q) }

func (s *traceScreen) runQuery(kind promptKind, q query.Query) tea.Cmd {
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
	if v.tr.Len() <= asyncSpans {
		s.queryDone(spanQueryMsg{v: v, seq: v.seq, kind: kind, q: q, res: evalSpans(v.tr, kind, q)})
		return nil
	}
	v.busy = true
	s.m.status = busyStatus(kind, q, v.tr.Len(), s.m.glyphs)
	msg := spanQueryMsg{v: v, seq: v.seq, kind: kind, q: q}
	tr := v.tr
	return func() tea.Msg {
		msg.res = evalSpans(tr, kind, q)
		return msg
	}
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
	onScreen := s.m.screen == screenTrace && s.view() == v
	h := s.size().rows
	if msg.kind == promptSearch {
		v.search, v.found, v.matches = msg.q, msg.res.found, msg.res.matches
		if !onScreen {
			return
		}
		if pos, ok := v.nextIn(v.matches, 1); ok {
			v.jump(v.tr.Order[pos], h)
		}
		s.m.status = matchStatus(v, s.m.glyphs.Ellipsis)
		return
	}
	v.filter, v.st.Keep, v.hiddenN = msg.q, msg.res.keep, msg.res.hidden
	c := v.rows()
	v.cur, v.top = c.RowStart(v.cur), c.RowStart(v.top)
	v.scroll(h)
	if onScreen {
		s.m.status = "filter " + quoteQuery(v.filter.Text) + ": " + strconv.Itoa(v.hiddenN) + " spans hidden (esc clears)"
	}
}

func matchStatus(v *traceView, ellipsis string) string {
	if v.search.Empty() {
		return ""
	}
	busy := ""
	if v.busy {
		busy = " (updating" + ellipsis + ")"
	}
	if len(v.matches) == 0 {
		return "no span matches " + quoteQuery(v.search.Text) + busy
	}
	k := 0
	for k < len(v.matches) && v.matches[k] < v.cur {
		k++
	}
	return "match " + strconv.Itoa(k+1) + "/" + strconv.Itoa(len(v.matches)) + " for " + quoteQuery(v.search.Text) + " (n/N)" + busy
}

// quoteQuery sets a query apart in a message: TraceQL's braces already do
// (and its strings would come out escaped), the shorthand gets quotes.
func quoteQuery(text string) string {
	if query.IsTraceQL(text) {
		return text
	}
	return strconv.Quote(text)
}
