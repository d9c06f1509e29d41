package render

import (
	"hash/fnv"
	"strconv"
)

// Styles are precomputed SGR sequences with semantic names. Rows are built
// by concatenating them around text, which costs a few string appends per
// row instead of a layout engine per cell. PlainStyles has every field
// empty, so its output holds no escape byte at all.
type Styles struct {
	Reset      string
	Dim        string // tree guides, ruler, legend
	Header     string
	Critical   string // names on the critical path
	Bottleneck string
	Error      string // error spans whose error propagated from below
	Origin     string // the failure point
	Warn       string // notes on broken data
	Selected   string // the TUI cursor row
	Bar        string // bar of a span off the critical path
	Slower     string // diff: B took longer (or failed where A did not)
	Faster     string // diff: B took less time
	palette    []string
}

// PlainStyles emits no escape sequences (NO_COLOR, pipes, --color never).
func PlainStyles() Styles { return Styles{} }

// DefaultStyles is the colour palette; dark selects colours readable on a
// dark background, else on a light one.
func DefaultStyles(dark bool) Styles {
	s := Styles{
		Reset:      "\x1b[0m",
		Dim:        "\x1b[2m",
		Header:     "\x1b[1m",
		Critical:   "\x1b[1m",
		Bottleneck: "\x1b[1;38;5;214m",
		Error:      "\x1b[38;5;203m",
		Origin:     "\x1b[1;38;5;196m",
		Warn:       "\x1b[38;5;178m",
		Selected:   "\x1b[7m",
		Bar:        "\x1b[2m",
		Slower:     "\x1b[38;5;203m",
		Faster:     "\x1b[38;5;78m",
	}
	// 256-colour indexes chosen to stay apart from red (errors) and to
	// read on the chosen background.
	codes := []int{39, 78, 170, 214, 111, 149, 208, 81, 141, 180, 44, 113}
	if !dark {
		codes = []int{25, 28, 90, 130, 61, 64, 166, 30, 97, 94, 31, 22}
		s.Bottleneck = "\x1b[1;38;5;166m"
		s.Warn = "\x1b[38;5;136m"
		s.Slower, s.Faster = "\x1b[38;5;160m", "\x1b[38;5;28m"
	}
	for _, c := range codes {
		s.palette = append(s.palette, "\x1b[38;5;"+strconv.Itoa(c)+"m")
	}
	return s
}

// Enabled reports whether the styles emit escapes.
func (s Styles) Enabled() bool { return s.Reset != "" }

// Service is the stable colour of a service: a hash of its name, so a
// service keeps its colour across traces, runs and machines.
func (s Styles) Service(name string) string {
	if len(s.palette) == 0 {
		return ""
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return s.palette[h.Sum32()%uint32(len(s.palette))]
}

// Paint wraps text in one of s's styles, reset after it; with no style it
// returns text unchanged.
func (s Styles) Paint(style, text string) string {
	if style == "" || text == "" {
		return text
	}
	return style + text + s.Reset
}
