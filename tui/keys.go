package tui

import (
	"charm.land/bubbles/v2/key"

	"github.com/tracetui/tracetui/render"
)

// KeyMap is every binding, as data, grouped by the screen that answers it
// (crush's KeyMap.Editor/Chat). Each screen pairs its group with handlers
// in one table (see binding), and the hint line and help screen are drawn
// from the same bindings, so dispatch, hints and help cannot drift apart.
// A key may mean different things on different screens (enter opens a
// trace on the list, folds a span in the waterfall): those are two
// bindings in two groups, never one shared entry.
type KeyMap struct {
	Global  GlobalKeys
	List    ListKeys
	Trace   TraceKeys
	Details DetailsKeys
	Panel   PanelKeys
	Prompt  PromptKeys
	Copy    CopyKeys
	Help    HelpKeys
}

// MoveKeys move a cursor or scroll; several screens have them.
type MoveKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// GlobalKeys work on every screen that lets them through (see screen).
type GlobalKeys struct {
	Interrupt, Quit, Help                 key.Binding
	Findings, ServiceMap, Stats, Warnings key.Binding
}

// ListKeys answer on the trace list.
type ListKeys struct {
	MoveKeys
	Open, Filter, Sort, Clear key.Binding
}

// TraceKeys answer in the waterfall of an open trace.
type TraceKeys struct {
	MoveKeys
	Toggle, Collapse, Expand, CollapseAll, ExpandAll key.Binding
	Bottleneck, NextError, PrevError                 key.Binding
	NextCritical, PrevCritical                       key.Binding
	Search, NextMatch, PrevMatch, Filter             key.Binding
	Details, Focus                                   key.Binding
	Zoom, ZoomReset, PanLeft, PanRight               key.Binding
	FollowLink, Back                                 key.Binding
	Baseline                                         key.Binding // compare every trace opened with this one
	Copy, Write                                      key.Binding
}

// DetailsKeys scroll the details pane while it has the keys (tab).
type DetailsKeys struct {
	Up, Down, PageUp, PageDown, Leave key.Binding
}

// PanelKeys answer in the findings, service map and statistics panels.
type PanelKeys struct {
	Up, Down, PageUp, PageDown, Sort, Close key.Binding
}

// PromptKeys edit the search and filter line; any other key with text types.
type PromptKeys struct {
	Cancel, Submit, Erase, Clear key.Binding
}

// CopyKeys pick what y copies and w writes, and its format.
type CopyKeys struct {
	Span, Subtree, Trace, Format, Cancel key.Binding
	Overwrite, Rename                    key.Binding // w's file exists: replace it, or type another name
}

// HelpKeys scroll and close the help screen.
type HelpKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Close key.Binding
}

func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

func moveKeys(g *render.Glyphs) MoveKeys {
	return MoveKeys{
		Up:       bind(g.Up+"/k", "up", "up", "k"),
		Down:     bind(g.Down+"/j", "down", "down", "j"),
		PageUp:   bind("pgup", "page up", "pgup", "ctrl+b", "ctrl+u"),
		PageDown: bind("pgdn", "page down", "pgdown", "ctrl+f", "ctrl+d"),
		Top:      bind("g", "first", "g", "home"),
		Bottom:   bind("G", "last", "G", "end"),
	}
}

// DefaultKeyMap is tracetui's bindings: vi keys and arrows both work.
func DefaultKeyMap() KeyMap { return keyMap(render.Unicode) }

// keyMap spells the arrow keys in the glyph set, so --ascii help is ASCII.
func keyMap(g *render.Glyphs) KeyMap {
	mv := moveKeys(g)
	return KeyMap{
		Global: GlobalKeys{
			Interrupt:  bind("ctrl+c", "quit", "ctrl+c"),
			Quit:       bind("q", "quit", "q"),
			Help:       bind("?", "help", "?"),
			Findings:   bind("F", "findings", "F"),
			ServiceMap: bind("M", "service map", "M"),
			Stats:      bind("T", "statistics", "T"),
			Warnings:   bind("W", "loader warnings", "W"),
		},
		List: ListKeys{
			MoveKeys: mv,
			Open:     bind("enter", "open trace", "enter"),
			Filter:   bind("f", "filter", "f", "/"),
			Sort:     bind("s", "sort", "s"),
			Clear:    bind("esc", "clear filter, then baseline", "esc"),
		},
		Trace: TraceKeys{
			MoveKeys:     mv,
			Toggle:       bind("space", "fold/unfold", "space", "enter"),
			Collapse:     bind(g.Left+"/h", "fold / parent", "left", "h"),
			Expand:       bind(g.Right+"/l", "unfold", "right", "l"),
			CollapseAll:  bind("-", "fold all", "-"),
			ExpandAll:    bind("+", "unfold all", "+", "="),
			Bottleneck:   bind("b", "bottleneck", "b"),
			NextError:    bind("e", "next error", "e"),
			PrevError:    bind("E", "prev error", "E"),
			NextCritical: bind("c", "next critical", "c"),
			PrevCritical: bind("C", "prev critical", "C"),
			Search:       bind("/", "search", "/"),
			NextMatch:    bind("n", "next match", "n"),
			PrevMatch:    bind("N", "prev match", "N"),
			Filter:       bind("f", "filter", "f"),
			Details:      bind("d", "details", "d"),
			Focus:        bind("tab", "keys to details", "tab"),
			Zoom:         bind("z", "zoom to span", "z"),
			ZoomReset:    bind("Z", "reset zoom", "Z"),
			PanLeft:      bind("[", "pan left", "["),
			PanRight:     bind("]", "pan right", "]"),
			FollowLink:   bind("o", "follow link", "o"),
			Back:         bind("esc", "back / clear", "esc"),
			Baseline:     bind("B", "baseline on/off", "B"),
			Copy:         bind("y", "copy to clipboard", "y"),
			Write:        bind("w", "write to a file", "w"),
		},
		Details: DetailsKeys{Up: mv.Up, Down: mv.Down, PageUp: mv.PageUp, PageDown: mv.PageDown,
			Leave: bind("tab", "back to waterfall", "tab", "esc")},
		Panel: PanelKeys{
			Up: mv.Up, Down: mv.Down, PageUp: mv.PageUp, PageDown: mv.PageDown,
			Sort:  bind("s", "sort", "s"),
			Close: bind("esc", "back / clear", "esc", "F", "M", "T", "W"),
		},
		Prompt: PromptKeys{
			Cancel: bind("esc", "cancel", "esc"),
			Submit: bind("enter", "run", "enter"),
			Erase:  bind("backspace", "erase", "backspace"),
			Clear:  bind("ctrl+u", "clear", "ctrl+u"),
		},
		Copy: CopyKeys{
			Span:      bind("s", "the span", "s"),
			Subtree:   bind("t", "its subtree", "t"),
			Trace:     bind("a", "the whole trace", "a"),
			Format:    bind("tab", "OTLP JSON / markdown", "tab"),
			Cancel:    bind("esc", "cancel", "esc"),
			Overwrite: bind("y", "overwrite", "y"),
			Rename:    bind("n", "another name", "n", "esc"),
		},
		Help: HelpKeys{Up: mv.Up, Down: mv.Down, PageUp: mv.PageUp, PageDown: mv.PageDown, Top: mv.Top, Bottom: mv.Bottom,
			Close: bind("?", "close", "?", "esc", "q")},
	}
}

// ShortHelp is the hint line of the trace view (help.KeyMap).
func (k KeyMap) ShortHelp() []key.Binding {
	t := k.Trace
	return []key.Binding{k.Global.Help, t.Bottleneck, t.NextError, t.Search, t.Filter, t.Toggle, t.Details, t.Back, k.Global.Quit}
}
