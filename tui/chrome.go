package tui

import (
	"charm.land/bubbles/v2/key"
)

// The lines every screen shares: status and key hints.

// statusLine shows a message if there is one, else fallback.
func (m *Model) statusLine(fallback string, w int) string {
	if m.status != "" {
		return m.styles.Paint(m.styles.Warn, m.glyphs.Truncate(m.glyphs.Clean(m.status), w))
	}
	fallback = m.glyphs.Clean(fallback)
	return m.styles.Paint(m.styles.Header, m.glyphs.Truncate(fallback, w))
}

// hintLine is one line of key hints.
func (m *Model) hintLine(bindings []key.Binding, w int) string {
	if bindings == nil {
		return ""
	}
	h := m.helpModel
	h.SetWidth(w)
	return m.glyphs.Truncate(h.ShortHelpView(bindings), w)
}
