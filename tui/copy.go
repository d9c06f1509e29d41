package tui

import (
	"errors"
	"io/fs"
	"os"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tracetui/tracetui/render"
	"github.com/tracetui/tracetui/trace"
)

// SpanEncoder writes spans in an interchange format. cmd injects the OTLP
// JSON one (Options.OTLPJSON): tui does not import source/.
type SpanEncoder func(spans []*trace.Span) []byte

// copyState is what the copy (y) and write (w) keys keep: the menu line
// while it is open, and the format last chosen, kept for the next copy.
type copyState struct {
	menu     *copyScreen
	markdown bool
}

// Scopes, in the order of render.CopyScopes.
const (
	scopeSpan = iota
	scopeSubtree
	scopeTrace
)

// copyScreen is the menu of y and w, drawn over the status line (and the
// lines above it when the terminal is too narrow for one): pick the span,
// its subtree or the whole trace (tab switches the format); for w, then
// type the file name, and confirm replacing a file that exists. It takes
// every key but ctrl+c.
type copyScreen struct {
	m       *Model
	table   []binding[*copyScreen] // choosing the scope
	naming  []binding[*copyScreen] // typing the file name (w)
	asking  []binding[*copyScreen] // the file exists: overwrite?
	write   bool
	scope   int // chosen, once naming
	typing  bool
	confirm bool // the file named exists; y overwrites it
	path    string
}

func newCopyScreen(m *Model, write bool) *copyScreen {
	k, p := m.keys.Copy, m.keys.Prompt
	pick := func(scope int) func(*copyScreen) tea.Cmd {
		return func(c *copyScreen) tea.Cmd { return c.pick(scope) }
	}
	closeMenu := func(c *copyScreen) tea.Cmd { c.m.copy.menu = nil; return nil }
	return &copyScreen{m: m, write: write,
		table: []binding[*copyScreen]{
			{k.Span, pick(scopeSpan)},
			{k.Subtree, pick(scopeSubtree)},
			{k.Trace, pick(scopeTrace)},
			{k.Format, func(c *copyScreen) tea.Cmd {
				c.m.copy.markdown = !c.m.copy.markdown || c.m.opt.OTLPJSON == nil
				return nil
			}},
			{k.Cancel, closeMenu},
		},
		naming: []binding[*copyScreen]{
			{p.Cancel, closeMenu},
			{p.Submit, func(c *copyScreen) tea.Cmd {
				if strings.TrimSpace(c.path) == "" {
					return nil
				}
				c.m.copy.menu = nil
				return c.m.copyCmd(c.scope, c.path, false)
			}},
			{p.Erase, func(c *copyScreen) tea.Cmd {
				if r := []rune(c.path); len(r) > 0 {
					c.path = string(r[:len(r)-1])
				}
				return nil
			}},
			{p.Clear, func(c *copyScreen) tea.Cmd { c.path = ""; return nil }},
		},
		asking: []binding[*copyScreen]{
			{k.Overwrite, func(c *copyScreen) tea.Cmd {
				c.m.copy.menu = nil
				return c.m.copyCmd(c.scope, c.path, true)
			}},
			{k.Rename, func(c *copyScreen) tea.Cmd { c.confirm = false; return nil }},
		},
	}
}

func (c *copyScreen) overStatusLine() {}

func (c *copyScreen) HandleKey(msg tea.KeyPressMsg) (bool, tea.Cmd) {
	if key.Matches(msg, c.m.keys.Global.Interrupt) {
		return false, nil
	}
	if c.confirm {
		_, cmd := handle(c, c.asking, msg)
		return true, cmd
	}
	if !c.typing {
		_, cmd := handle(c, c.table, msg)
		return true, cmd
	}
	if ok, cmd := handle(c, c.naming, msg); ok {
		return true, cmd
	}
	if msg.Text != "" {
		c.path += msg.Text
	}
	return true, nil
}

func (c *copyScreen) Bindings() []key.Binding {
	if c.confirm {
		return keysOf(c.asking)
	}
	if c.typing {
		return keysOf(c.naming)
	}
	return keysOf(c.table)
}

// pick copies the scope now, or for w asks for the file name first.
func (c *copyScreen) pick(scope int) tea.Cmd {
	if !c.write {
		c.m.copy.menu = nil
		return c.m.copyCmd(scope, "", false)
	}
	c.scope, c.typing = scope, true
	c.path = c.m.copyFileName(scope)
	return nil
}

// Render is the menu in lines of at most w columns, no more than h.
func (c *copyScreen) Render(w, h int) string {
	m, g := c.m, c.m.glyphs
	counts := m.copyCounts()
	var lines []string
	switch {
	case c.confirm:
		lines = render.CopyOverwrite(c.path, w, g)
	case c.typing:
		lines = render.CopyFilePrompt(counts[c.scope], m.copyFormatName(), c.path, w, g)
	default:
		lines = render.CopyMenu(c.write, counts, m.copyFormatName(), m.copyOtherFormat(), w, g)
	}
	return strings.Join(lines[max(0, len(lines)-max(h, 1)):], "\n")
}

// clipboardMax is the most y hands the terminal: the escape is base64 (a
// third bigger) and terminals cap or choke on huge ones; w has no limit.
const clipboardMax = 8 << 20

// copiedMsg is a finished copy or write: the text (for the clipboard), or
// the error writing it.
type copiedMsg struct {
	text   string
	spans  int
	format string
	path   string // "" for the clipboard
	err    error
	scope  int
	exists bool // path exists and was left alone: ask before replacing it
}

func (m *Model) openCopy(write bool) tea.Cmd {
	if m.opt.OTLPJSON == nil {
		m.copy.markdown = true
	}
	m.copy.menu = newCopyScreen(m, write)
	return nil
}

func (m *Model) copyFormatName() string {
	if m.copy.markdown {
		return "markdown"
	}
	return "OTLP JSON"
}

// copyOtherFormat is what tab switches to; "" with markdown the only one.
func (m *Model) copyOtherFormat() string {
	switch {
	case m.opt.OTLPJSON == nil:
		return ""
	case m.copy.markdown:
		return "OTLP JSON"
	}
	return "markdown"
}

// copyCounts are the spans each scope holds; placeholders for missing
// parents are not spans of the input and are never copied.
func (m *Model) copyCounts() [3]int {
	v := m.trace.view()
	return [3]int{len(scopeSpans(v.tr, v.selected(), scopeSpan)), len(scopeSpans(v.tr, v.selected(), scopeSubtree)), len(v.tr.Trace.Spans)}
}

// scopeSpans are the span indexes a scope takes, in pre-order.
func scopeSpans(tr *trace.Tree, sel int32, scope int) []int32 {
	idx := tr.Order
	switch scope {
	case scopeSpan:
		idx = []int32{sel}
	case scopeSubtree:
		p := tr.Pos[sel]
		idx = tr.Order[p : p+tr.Size[sel]]
	}
	out := make([]int32, 0, len(idx))
	for _, i := range idx {
		if !tr.Span(i).Placeholder {
			out = append(out, i)
		}
	}
	return out
}

// copyFileName suggests a file for w: what is written and whose ID, in the
// current directory.
func (m *Model) copyFileName(scope int) string {
	v := m.trace.view()
	id := v.tr.Trace.DisplayID()
	if scope != scopeTrace {
		id = v.tr.Span(v.selected()).DisplaySpanID()
	}
	safe := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return -1
	}, id)
	ext := ".json"
	if m.copy.markdown {
		ext = ".md"
	}
	return render.CopyScopes[scope] + "-" + safe[:min(len(safe), 16)] + ext
}

// copyCmd encodes the scope off the UI loop and, with a path, writes it
// there: a big trace takes a while to encode, and a file system may hang.
// A file that exists is replaced only with overwrite; else the message
// says it exists, and the menu asks.
func (m *Model) copyCmd(scope int, path string, overwrite bool) tea.Cmd {
	v := m.trace.view()
	tr, a, sel := v.tr, v.a, v.selected()
	markdown, enc, format := m.copy.markdown, m.opt.OTLPJSON, m.copyFormatName()
	glyphs := m.glyphs
	return func() tea.Msg {
		idx := scopeSpans(tr, sel, scope)
		if len(idx) == 0 {
			return copiedMsg{format: format, path: path}
		}
		var text []byte
		if markdown {
			text = []byte(render.SpansMarkdown(tr, a, idx, render.Options{Width: 100, Glyphs: glyphs}))
		} else {
			spans := make([]*trace.Span, len(idx))
			for k, i := range idx {
				spans[k] = tr.Span(i)
			}
			text = render.SafeJSON(enc(spans))
		}
		msg := copiedMsg{text: string(text), spans: len(idx), format: format, path: path, scope: scope}
		if path != "" {
			msg.exists, msg.err = writeNew(path, text, overwrite)
		}
		return msg
	}
}

// copied reports a copy or a write on the status line; a copy is handed
// to the terminal as an OSC 52 clipboard escape (tea.SetClipboard), which
// reaches the local clipboard over SSH, and in tmux with set-clipboard on.
func (m *Model) copied(msg copiedMsg) tea.Cmd {
	switch {
	case msg.exists:
		c := newCopyScreen(m, true)
		c.scope, c.typing, c.confirm, c.path = msg.scope, true, true, msg.path
		m.copy.menu = c
	case msg.spans == 0:
		m.status = render.CopyNothing
	case msg.err != nil:
		m.status = render.CopyFailed(msg.path, errText(msg.err))
	case msg.path == "" && len(msg.text) > clipboardMax:
		m.status = render.CopyTooBig(msg.spans, len(msg.text), clipboardMax)
	default:
		m.status = render.CopyDone(msg.spans, len(msg.text), msg.format, msg.path)
		if msg.path == "" {
			return tea.SetClipboard(msg.text)
		}
	}
	return nil
}

// writeNew writes text to path; a file already there is left alone
// (exists) unless overwrite. O_EXCL asks in the same step as the create,
// so nothing written between a check and the write is lost.
func writeNew(path string, text []byte, overwrite bool) (exists bool, err error) {
	if overwrite {
		return false, os.WriteFile(path, text, 0o644)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	_, err = f.Write(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return false, err
}

// errText is an error without the path os puts in front (the status names it).
func errText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
