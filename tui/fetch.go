package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace"
)

type fetchedMsg struct {
	k        int
	trace    trace.Analyzed
	warnings []string
	err      error
}

// setResults lists search results; none is fetched until opened.
func (m *Model) setResults(results []trace.Summary) {
	m.traces = make([]trace.Analyzed, len(results))
	m.tracesGen++
	m.trace.reset(len(results))
	m.byID = make(map[string]int, len(results))
	for k, r := range results {
		m.byID[r.ID] = k
	}
	m.list.setAll(results)
	m.fetching = map[int]bool{}
	m.screen = screenList
	if len(results) == 0 {
		m.status = "no traces matched"
	}
}

// openOrFetch opens trace k, fetching it first when it is a search result
// not yet fetched; the row shows it is loading meanwhile.
func (m *Model) openOrFetch(k int) tea.Cmd {
	if m.ready(k) {
		m.lazy.opening = -1
		m.trace.openTrace(k)
		return nil
	}
	if m.lazy.analyze != nil {
		return m.analyzeThenOpen(k)
	}
	if m.opt.Fetch == nil || m.fetching[k] {
		return nil
	}
	m.fetching[k] = true
	id, fetch := m.list.all[k].ID, m.opt.Fetch
	m.status = "fetching trace " + id + " " + m.glyphs.Ellipsis
	return func() tea.Msg {
		t, warnings, err := fetch(id)
		return fetchedMsg{k: k, trace: t, warnings: warnings, err: err}
	}
}

// fetched stores a fetched trace and opens it if the user is still on its
// row; a failure stays in the status line and the row can be retried. The
// list's filter runs again: the trace is now matched on its spans.
func (m *Model) fetched(msg fetchedMsg) tea.Cmd {
	delete(m.fetching, msg.k)
	if msg.err != nil {
		m.status = msg.err.Error()
		return nil
	}
	m.traces[msg.k] = msg.trace
	m.tracesGen++
	m.list.all[msg.k] = msg.trace.ListLine()
	m.list.max = max(m.list.max, m.list.all[msg.k].Duration)
	l := &m.list
	onRow := m.screen == screenList && len(l.shown) > 0 && l.shown[l.cur] == msg.k
	cmd := l.runFilter()
	m.status = ""
	if len(msg.warnings) > 0 {
		m.warnings = append(m.warnings, msg.warnings...)
		m.status = warningStatus(len(msg.warnings), "warning", msg.warnings[0], m.keys.Global.Warnings)
	}
	if onRow {
		m.trace.openTrace(msg.k)
	}
	return cmd
}
