package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Update handles one message. It never does I/O: loading runs in a Cmd.
// A bug must not leave a stack trace on an on-call engineer's screen: a
// panic becomes an error the program exits with, terminal restored.
func (m Model) Update(msg tea.Msg) (out tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			m.err = fmt.Errorf("internal error: %v (please report it with the input that caused it)", r)
			out, cmd = m, tea.Quit
		}
	}()
	out, cmd = m.update(msg)
	if pc := out.(Model).panelCmd(); pc != nil {
		cmd = tea.Batch(cmd, pc)
	}
	return out, cmd
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 20), max(msg.Height, 5)
		m.help.SetWidth(m.width)
		if m.screen == screenTrace {
			m.view().scroll(m.rowsHeight())
		}
		return m, nil
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.setStyles()
		return m, nil
	case liveMsg:
		m.applyLive(msg)
		return m, m.waitFeed()
	case progressMsg:
		m.progress = Progress(msg)
		return m, m.waitProgress()
	case loadedMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, tea.Quit
		}
		m.setTraces(msg.traces, msg.warnings)
		return m, nil
	case fetchedMsg:
		m.fetched(msg)
		return m, nil
	case panelBuiltMsg:
		m.panelBuilt(msg)
		return m, nil
	case tea.MouseWheelMsg:
		if m.screen == screenTrace && !m.showHelp {
			switch msg.Button {
			case tea.MouseWheelUp:
				m.view().move(-3, m.rowsHeight())
			case tea.MouseWheelDown:
				m.view().move(3, m.rowsHeight())
			}
		} else if m.screen == screenList {
			if msg.Button == tea.MouseWheelUp {
				m.list.move(-3, m.listHeight())
			} else if msg.Button == tea.MouseWheelDown {
				m.list.move(3, m.listHeight())
			}
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if m.prompt != nil {
		return m.promptKey(msg)
	}
	k := m.keys
	switch {
	case msg.String() == "ctrl+c":
		return m, tea.Quit
	case m.showHelp:
		if key.Matches(msg, k.Help, k.Back, k.Quit) {
			m.showHelp = false
		}
		return m, nil
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil
	case m.panel != panelNone:
		return m.panelKey(msg)
	case m.openPanel(msg):
		return m, nil
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	}
	switch m.screen {
	case screenList:
		return m.listKey(msg)
	case screenTrace:
		return m.traceKey(msg)
	}
	return m, nil
}
