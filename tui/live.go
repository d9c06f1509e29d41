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
func (m *Model) waitFeed() tea.Cmd {
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
// and the open trace on the same span. The list's filter runs again (off
// the UI loop when the traces are big).
func (m *Model) applyLive(u liveMsg) tea.Cmd {
	m.liveStatus = u.Status
	l, ts := &m.list, &m.trace
	var listID, openID string
	var openSpan [8]byte
	if m.screen == screenList && len(l.shown) > 0 && l.cur < len(l.shown) {
		listID = l.all[l.shown[l.cur]].ID
	}
	wasTrace := m.screen == screenTrace
	var old *traceView
	if wasTrace {
		old = ts.view()
		openID = old.tr.Trace.DisplayID()
		openSpan = old.tr.Span(old.selected()).SpanID
	}
	// A trace that did not change keeps its tree, so its view (folds,
	// filter, search, zoom) carries over as it is.
	kept := make(map[*trace.Tree]*traceView)
	for _, v := range ts.views {
		if v != nil {
			kept[v.tr] = v
		}
	}
	m.traces = u.Traces
	m.tracesGen++
	ts.reset(len(u.Traces))
	m.byID = make(map[string]int, len(u.Traces))
	for k, t := range u.Traces {
		m.byID[t.Tree.Trace.DisplayID()] = k
		ts.views[k] = kept[t.Tree]
	}
	cmd := l.setAll(summaries(u.Traces))
	for k, idx := range l.shown {
		if l.all[idx].ID == listID {
			l.cur = k
		}
	}
	l.move(0)
	if !wasTrace {
		return cmd
	}
	k, ok := m.byID[openID]
	if !ok { // evicted
		m.screen = screenList
		m.status = "trace " + openID + " was evicted (--max-spans)"
		return cmd
	}
	details, set, focus := ts.showDetails, ts.detailsSet, ts.focus
	ts.openTrace(k)
	ts.showDetails, ts.detailsSet, ts.focus = details, set, focus // the user's choice, not the width's default
	v := ts.view()
	if v == old {
		return cmd
	}
	v.st.Collapsed = remapCollapsed(old, v)
	for i := int32(0); i < int32(v.tr.Len()); i++ {
		if v.tr.Span(i).SpanID == openSpan {
			v.cur = v.tr.Pos[i]
			break
		}
	}
	v.top = min(old.top, v.cur)
	ts.scroll()
	return cmd
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
