package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// Update handles one message. It never does I/O: loading, fetching, big
// queries and big panels run in Cmds and come back as messages.
// A bug must not leave a stack trace on an on-call engineer's screen: a
// panic becomes an error the program exits with, terminal restored.
func (m *Model) Update(msg tea.Msg) (out tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			m.err = fmt.Errorf("internal error: %v (please report it with the input that caused it)", r)
			out, cmd = m, tea.Quit
		}
	}()
	cmd = m.update(msg)
	// The diff against the baseline first: its "−" rows take screen lines.
	if bc := m.base.sync(); bc != nil {
		cmd = tea.Batch(cmd, bc)
	}
	// Whatever changed the rows or the room for them (a resize, a fold, a
	// filter, the details pane, a live update), the selected row stays on
	// screen and the screen stays full.
	if m.screen == screenTrace {
		m.trace.scroll()
	}
	m.list.fit()
	// Whatever changed (a key, a resize, new traces), the open panel's
	// content is brought up to date here, never while drawing.
	if pc := m.panel.sync(); pc != nil {
		cmd = tea.Batch(cmd, pc)
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 20), max(msg.Height, 5)
		m.helpModel.SetWidth(m.width)
		if m.screen == screenTrace {
			m.trace.scroll()
		}
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.setStyles()
	case liveMsg:
		return tea.Batch(m.applyLive(msg), m.waitFeed())
	case progressMsg:
		m.progress = Progress(msg)
		return m.waitProgress()
	case loadedMsg:
		if msg.err != nil {
			m.err = msg.err
			return tea.Quit
		}
		m.setLoaded(msg.Loaded)
		return m.startFind(msg.Loaded)
	case foundMsg:
		m.found(msg)
	case fetchedMsg:
		return m.fetched(msg)
	case analyzedMsg:
		m.analyzed(msg)
	case lazyProgressMsg:
		m.lazy.done = msg.done
		return m.lazy.wait()
	case lazyDoneMsg:
		return m.lazyDone(msg)
	case baselineMsg:
		return msg.apply(&m.base)
	case panelBuiltMsg:
		m.panel.built(msg)
	case spanQueryMsg:
		m.trace.queryDone(msg)
	case listFilterMsg:
		m.list.filterDone(msg)
	case copiedMsg:
		return m.copied(msg)
	case tea.MouseWheelMsg:
		m.wheel(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return nil
}

// wheel scrolls what is on top: the panel, the waterfall or the list.
func (m *Model) wheel(msg tea.MouseWheelMsg) {
	delta := 0
	switch msg.Button {
	case tea.MouseWheelUp:
		delta = -3
	case tea.MouseWheelDown:
		delta = 3
	}
	switch {
	case m.help.shown || delta == 0:
	case m.panel.kind != panelNone:
		m.panel.scroll(delta)
	case m.screen == screenTrace:
		m.trace.move(delta)
	case m.screen == screenList:
		m.list.move(delta)
	}
}
