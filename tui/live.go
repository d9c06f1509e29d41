package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace"
)

// LiveUpdate is a new picture of a live receiver's traces.
type LiveUpdate struct {
	Traces []trace.Analyzed
	Status string // spans received, rate, traces, addresses
}

type liveMsg LiveUpdate

// waitFeed reads one update; Update re-issues it after each, so updates
// arrive as messages and no goroutine touches the model.
func (m Model) waitFeed() tea.Cmd {
	feed := m.opt.Feed
	if feed == nil {
		return nil
	}
	return func() tea.Msg {
		u, ok := <-feed
		if !ok {
			return nil
		}
		return liveMsg(u)
	}
}

// applyLive swaps in new traces, keeping the list cursor on the same trace
// and the open trace on the same span.
func (m *Model) applyLive(u liveMsg) {
	m.liveStatus = u.Status
	var listID, openID string
	var openSpan [8]byte
	if m.screen == screenList && len(m.list.shown) > 0 && m.list.cur < len(m.list.shown) {
		listID = m.list.all[m.list.shown[m.list.cur]].ID
	}
	wasTrace := m.screen == screenTrace
	var old *traceView
	if wasTrace {
		old = m.view()
		openID = old.tr.Trace.DisplayID()
		openSpan = old.tr.Span(old.selected()).SpanID
	}
	sortBy, filter := m.list.sortBy, m.list.filter
	// A trace that did not change keeps its tree, so its view (folds,
	// filter, search, zoom) carries over as it is.
	kept := make(map[*trace.Tree]*traceView)
	for _, v := range m.views {
		if v != nil {
			kept[v.tr] = v
		}
	}
	m.traces = u.Traces
	m.tracesGen++
	m.views = make([]*traceView, len(u.Traces))
	m.byID = make(map[string]int, len(u.Traces))
	for k, t := range u.Traces {
		m.byID[t.Tree.Trace.DisplayID()] = k
		m.views[k] = kept[t.Tree]
	}
	m.list = newListView(summaries(u.Traces))
	m.list.sortBy, m.list.filter = sortBy, filter
	m.list.refresh()
	for k, idx := range m.list.shown {
		if m.list.all[idx].ID == listID {
			m.list.cur = k
		}
	}
	m.list.move(0, m.listHeight())
	if !wasTrace {
		return
	}
	k, ok := m.byID[openID]
	if !ok { // evicted
		m.screen = screenList
		m.status = "trace " + openID + " was evicted (--max-spans)"
		return
	}
	details := m.details
	m.openTrace(k)
	m.details = details // the user's choice, not the width's default
	v := m.view()
	if v == old {
		return
	}
	v.st.Collapsed = remapCollapsed(old, v)
	for i := int32(0); i < int32(v.tr.Len()); i++ {
		if v.tr.Span(i).SpanID == openSpan {
			v.cur = v.tr.Pos[i]
			break
		}
	}
	v.top = min(old.top, v.cur)
	v.scroll(m.rowsHeight())
}

// remapCollapsed carries folded spans over to the rebuilt tree by span ID.
func remapCollapsed(old, v *traceView) map[int32]bool {
	out := map[int32]bool{}
	if len(old.st.Collapsed) == 0 {
		return out
	}
	ids := map[[8]byte]bool{}
	for i := range old.st.Collapsed {
		ids[old.tr.Span(i).SpanID] = true
	}
	for i := int32(0); i < int32(v.tr.Len()); i++ {
		if ids[v.tr.Span(i).SpanID] {
			out[i] = true
		}
	}
	return out
}
