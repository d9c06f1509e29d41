package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace"
)

// A trace opened at once arrives with only the findings its waterfall
// needs (the folded runs, trace.Fold); Loaded.Find looks for the rest,
// which costs as much as building and analyzing the trace, in a Cmd after
// the first frame. Meanwhile the header says "finding…" and the findings
// panel waits; once they land every screen is what it would have been
// with them from the start.

// foundMsg carries the completed findings of tree, trace k's.
type foundMsg struct {
	k    int
	tree *trace.Tree
	f    *trace.Findings
}

// startFind runs l.Find in a Cmd for trace 0, the only one.
func (m *Model) startFind(l Loaded) tea.Cmd {
	if l.Find == nil || len(m.traces) != 1 {
		return nil
	}
	tree, find := m.traces[0].Tree, l.Find
	m.finding = tree
	return func() tea.Msg { return foundMsg{0, tree, find()} }
}

// found shows the completed findings, unless the traces were replaced
// meanwhile.
func (m *Model) found(msg foundMsg) {
	if m.finding != msg.tree || msg.k >= len(m.traces) || m.traces[msg.k].Tree != msg.tree {
		return
	}
	m.traces[msg.k].Findings = msg.f
	m.finding = nil
}

// findingTrace reports whether trace k's findings are still being looked for.
func (m *Model) findingTrace(k int) bool {
	return m.finding != nil && k < len(m.traces) && m.traces[k].Tree == m.finding
}

// findingAny reports whether some trace's findings are still being looked for.
func (m *Model) findingAny() bool { return m.finding != nil }
