package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace/query"
)

type promptKind int

const (
	promptList promptKind = iota
	promptSearch
	promptFilter
)

// promptScreen is the one-line input for search and filter queries, drawn
// over the status line of the screen below. It takes every key but
// ctrl+c: what is not an editing key is typed.
type promptScreen struct {
	m     *Model
	table []binding[*promptScreen]
	kind  promptKind
	text  string
	err   error // why text does not parse, shown after it as the user types
}

func newPrompt(m *Model, kind promptKind, text string) *promptScreen {
	k := m.keys.Prompt
	p := &promptScreen{m: m, kind: kind, text: text, table: []binding[*promptScreen]{
		{k.Cancel, func(p *promptScreen) tea.Cmd { p.m.prompt = nil; return nil }},
		{k.Submit, (*promptScreen).submit},
		{k.Erase, func(p *promptScreen) tea.Cmd {
			if r := []rune(p.text); len(r) > 0 {
				return p.edit(string(r[:len(r)-1]))
			}
			return nil
		}},
		{k.Clear, func(p *promptScreen) tea.Cmd { return p.edit("") }},
	}}
	p.check()
	return p
}

// overStatusLine marks the prompt as a line screen.
func (p *promptScreen) overStatusLine() {}

// HandleKey edits; ctrl+c goes through to quit.
func (p *promptScreen) HandleKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if key.Matches(msg, p.m.keys.Global.Interrupt) {
		return false, nil
	}
	if ok, cmd := handle(p, p.table, msg); ok {
		return true, cmd
	}
	if msg.Text != "" {
		return true, p.edit(p.text + msg.Text)
	}
	return true, nil
}

// Bindings are the prompt's editing keys.
func (p *promptScreen) Bindings() []key.Binding { return keysOf(p.table) }

// edit changes the text; the list filters as the user types (a list is
// short, or its filter runs off the UI loop), a trace on Enter.
func (p *promptScreen) edit(text string) tea.Cmd {
	p.text = text
	p.check()
	if p.kind == promptList {
		return p.m.list.setFilter(text)
	}
	return nil
}

func (p *promptScreen) check() {
	p.err = nil
	if p.kind == promptList {
		p.err = parseListFilter(p.text).err
	} else if q := query.Parse(p.text); !q.Empty() {
		p.err = q.Err()
	}
}

// submit runs a query once, on Enter: matching a million spans takes tens
// of milliseconds, too slow to redo on every keystroke. A query that does
// not parse keeps the prompt open, its error beside it, to be fixed.
func (p *promptScreen) submit() tea.Cmd {
	if p.err != nil {
		return nil
	}
	p.m.prompt = nil
	switch p.kind {
	case promptSearch:
		return p.m.trace.search(query.Parse(p.text))
	case promptFilter:
		return p.m.trace.filter(query.Parse(p.text))
	}
	return nil
}

func (p *promptScreen) label() string {
	switch p.kind {
	case promptSearch:
		return "search: "
	case promptFilter:
		return "filter: "
	}
	return "filter traces: "
}

// Render is the prompt's line: label, text, caret, and why the text does
// not parse, beside it or, too long for the line, whole on the lines
// below (at most h-1 of them, the screen's title stays).
func (p *promptScreen) Render(w, h int) string {
	g, stl := p.m.glyphs, p.m.styles
	line := p.label() + g.Clean(p.text) + g.Caret
	if p.err == nil {
		return g.Truncate(line, w)
	}
	why := g.Clean(p.err.Error())
	if render.Width(line)+2+render.Width(why) <= w {
		return line + "  " + stl.Paint(stl.Warn, why)
	}
	out := []string{g.Truncate(line, w)}
	wrapped := render.WrapName(why, w-2, g)
	if room := max(h-2, 1); len(wrapped) > room {
		wrapped = wrapped[len(wrapped)-room:] // the reason's end says what to type
	}
	for _, l := range wrapped {
		out = append(out, "  "+stl.Paint(stl.Warn, strings.TrimRight(l, " ")))
	}
	return strings.Join(out, "\n")
}
