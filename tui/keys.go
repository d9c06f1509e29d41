package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/tracetui/tracetui/render"
)

// KeyMap is every binding, as data: Update matches against it and the help
// screen and hint line are generated from it, so they cannot drift apart.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Back, Quit, Help                  key.Binding
	Toggle, Collapse, Expand                key.Binding
	CollapseAll, ExpandAll                  key.Binding
	Bottleneck, NextError, PrevError        key.Binding
	NextCritical, PrevCritical              key.Binding
	Search, NextMatch, PrevMatch, Filter    key.Binding
	Details, Focus                          key.Binding
	Zoom, ZoomReset, PanLeft, PanRight      key.Binding
	FollowLink, Sort                        key.Binding
	Findings, ServiceMap, Stats             key.Binding
}

// DefaultKeyMap is tracetui's bindings: vi keys and arrows both work.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:           b("↑/k", "up", "up", "k"),
		Down:         b("↓/j", "down", "down", "j"),
		PageUp:       b("pgup", "page up", "pgup", "ctrl+b", "ctrl+u"),
		PageDown:     b("pgdn", "page down", "pgdown", "ctrl+f", "ctrl+d"),
		Top:          b("g", "first", "g", "home"),
		Bottom:       b("G", "last", "G", "end"),
		Open:         b("enter", "open trace", "enter"),
		Back:         b("esc", "back / clear", "esc"),
		Quit:         b("q", "quit", "q", "ctrl+c"),
		Help:         b("?", "help", "?"),
		Toggle:       b("space", "fold/unfold", "space", "enter"),
		Collapse:     b("←/h", "fold / parent", "left", "h"),
		Expand:       b("→/l", "unfold", "right", "l"),
		CollapseAll:  b("-", "fold all", "-"),
		ExpandAll:    b("+", "unfold all", "+", "="),
		Bottleneck:   b("b", "bottleneck", "b"),
		NextError:    b("e", "next error", "e"),
		PrevError:    b("E", "prev error", "E"),
		NextCritical: b("c", "next critical", "c"),
		PrevCritical: b("C", "prev critical", "C"),
		Search:       b("/", "search", "/"),
		NextMatch:    b("n", "next match", "n"),
		PrevMatch:    b("N", "prev match", "N"),
		Filter:       b("f", "filter", "f"),
		Details:      b("d", "details", "d"),
		Focus:        b("tab", "scroll details", "tab"),
		Zoom:         b("z", "zoom to span", "z"),
		ZoomReset:    b("Z", "reset zoom", "Z"),
		PanLeft:      b("[", "pan left", "["),
		PanRight:     b("]", "pan right", "]"),
		FollowLink:   b("o", "follow link", "o"),
		Sort:         b("s", "sort", "s"),
		Findings:     b("F", "findings", "F"),
		ServiceMap:   b("M", "service map", "M"),
		Stats:        b("T", "statistics", "T"),
	}
}

// setGlyphs spells the arrow keys in the glyph set, so --ascii help is ASCII.
func (k *KeyMap) setGlyphs(g *render.Glyphs) {
	k.Up.SetHelp(g.Up+"/k", k.Up.Help().Desc)
	k.Down.SetHelp(g.Down+"/j", k.Down.Help().Desc)
	k.Collapse.SetHelp(g.Left+"/h", k.Collapse.Help().Desc)
	k.Expand.SetHelp(g.Right+"/l", k.Expand.Help().Desc)
}

// ShortHelp is the one-line hint for the trace view.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Help, k.Bottleneck, k.NextError, k.Search, k.Filter, k.Toggle, k.Details, k.Back, k.Quit}
}

// FullHelp is the help screen, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Toggle, k.Collapse, k.Expand, k.CollapseAll, k.ExpandAll, k.FollowLink},
		{k.Bottleneck, k.NextError, k.PrevError, k.NextCritical, k.PrevCritical},
		{k.Search, k.NextMatch, k.PrevMatch, k.Filter, k.Details, k.Focus},
		{k.Zoom, k.ZoomReset, k.PanLeft, k.PanRight, k.Open, k.Sort},
		{k.Findings, k.ServiceMap, k.Stats, k.Back, k.Quit},
	}
}

// listHelp is the hint line of the trace list.
func (k KeyMap) listHelp() []key.Binding {
	return []key.Binding{k.Open, k.Filter, k.Sort, k.ServiceMap, k.Stats, k.Help, k.Quit}
}
