package tui

import (
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/trace/query"
)

type promptKind int

const (
	promptList promptKind = iota
	promptSearch
	promptFilter
)

// prompt is the one-line input for search and filter queries.
type prompt struct {
	kind promptKind
	text string
}

func (p *prompt) label() string {
	switch p.kind {
	case promptSearch:
		return "search: "
	case promptFilter:
		return "filter: "
	}
	return "filter traces: "
}

func (m Model) promptKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	p := m.prompt
	switch msg.String() {
	case "esc":
		m.prompt = nil
		return m, nil
	case "enter":
		m.prompt = nil
		m.submit(p)
		return m, nil
	case "backspace":
		if r := []rune(p.text); len(r) > 0 {
			p.text = string(r[:len(r)-1])
		}
	case "ctrl+u":
		p.text = ""
	default:
		if msg.Text != "" {
			p.text += msg.Text
		}
	}
	if p.kind == promptList {
		m.list.filter = p.text
		m.list.refresh()
		m.list.move(0, m.listHeight())
	}
	return m, nil
}

// submit runs a query once, on Enter: matching a million spans takes tens
// of milliseconds, too slow to redo on every keystroke.
func (m *Model) submit(p *prompt) {
	switch p.kind {
	case promptSearch:
		v := m.view()
		v.runSearch(query.Parse(p.text))
		if pos, ok := v.nextIn(v.matches, 1); ok {
			v.jump(v.tr.Order[pos], m.rowsHeight())
		}
		m.status = matchStatus(v)
	case promptFilter:
		v := m.view()
		v.applyFilter(query.Parse(p.text))
		v.scroll(m.rowsHeight())
		if v.filtered() {
			m.status = "filter " + strconv.Quote(v.filter.Text) + ": " + strconv.Itoa(v.hiddenN) + " spans hidden (esc clears)"
		}
	}
}

func matchStatus(v *traceView) string {
	if v.search.Empty() {
		return ""
	}
	if len(v.matches) == 0 {
		return "no span matches " + strconv.Quote(v.search.Text)
	}
	k := 0
	for k < len(v.matches) && v.matches[k] < v.cur {
		k++
	}
	return "match " + strconv.Itoa(k+1) + "/" + strconv.Itoa(len(v.matches)) + " for " + strconv.Quote(v.search.Text) + " (n/N)"
}

func (m Model) promptLine() string {
	return m.glyphs.Truncate(m.prompt.label()+m.glyphs.Clean(m.prompt.text)+m.glyphs.Caret, m.width)
}
