package render

import (
	"hash/fnv"
	"strconv"
	"sync"

	"github.com/tracetui/tracetui/trace"
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
	services   *serviceColours // shared by copies: a name keeps its colour
}

// serviceColours remembers which palette entry each service was given.
// The explorer assigns on the UI loop while panels render off it, hence
// the lock.
type serviceColours struct {
	mu   sync.Mutex
	of   map[string]int
	next int // the palette entry the next new name tries first
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
	// 256-colour indexes chosen to stay apart from red (errors) and from
	// the bottleneck's and warnings' orange and gold, to read on the
	// chosen background, and ordered so the first few (a trace's usual
	// count) differ most in hue: blue, green, magenta, cyan, purple, lime.
	codes := []int{39, 78, 170, 44, 141, 149, 211, 111, 180, 35, 99, 152}
	if !dark {
		codes = []int{25, 28, 90, 30, 55, 64, 162, 31, 94, 22, 61, 23}
		s.Bottleneck = "\x1b[1;38;5;166m"
		s.Warn = "\x1b[38;5;136m"
		s.Slower, s.Faster = "\x1b[38;5;160m", "\x1b[38;5;28m"
	}
	for _, c := range codes {
		s.palette = append(s.palette, "\x1b[38;5;"+strconv.Itoa(c)+"m")
	}
	s.services = &serviceColours{of: map[string]int{}}
	return s
}

// SameServiceColours gives s the colour assignments of from, so a new
// palette (the terminal's background turned out light) keeps every
// service's place in it.
func (s Styles) SameServiceColours(from Styles) Styles {
	if from.services != nil && s.services != nil {
		s.services = from.services
	}
	return s
}

// AssignTrace gives the services of one trace distinct colours, in the
// order they first appear in its waterfall. A name that already has a
// colour keeps it (a service looks the same in every trace of a session);
// a new one takes the next palette entry no other service of this trace
// holds. Only past len(palette) services in one trace do colours repeat.
func (s Styles) AssignTrace(tr *trace.Tree, a *trace.Analysis) {
	if s.services == nil || len(s.palette) == 0 {
		return
	}
	names := make([]string, 0, len(a.Services))
	seen := make(map[string]bool, len(a.Services))
	for _, i := range tr.Order {
		if len(names) == len(a.Services) {
			break
		}
		if sp := tr.Span(i); !sp.Placeholder && !seen[sp.Service()] {
			seen[sp.Service()] = true
			names = append(names, sp.Service())
		}
	}
	c := s.services
	c.mu.Lock()
	defer c.mu.Unlock()
	used := make([]bool, len(s.palette))
	for _, n := range names {
		if k, ok := c.of[n]; ok {
			used[k] = true
		}
	}
	for _, n := range names {
		if _, ok := c.of[n]; ok {
			continue
		}
		k := c.next
		for try := 0; try < len(s.palette) && used[k]; try++ {
			k = (k + 1) % len(s.palette)
		}
		c.of[n], used[k] = k, true
		c.next = (k + 1) % len(s.palette)
	}
}

// Enabled reports whether the styles emit escapes.
func (s Styles) Enabled() bool { return s.Reset != "" }

// Service is the colour of a service: the one AssignTrace gave it, else
// (a view that assigned none) a hash of its name, stable across runs.
func (s Styles) Service(name string) string {
	if len(s.palette) == 0 {
		return ""
	}
	if c := s.services; c != nil {
		c.mu.Lock()
		k, ok := c.of[name]
		c.mu.Unlock()
		if ok {
			return s.palette[k]
		}
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

// appendPaint is Paint appending to dst.
func (s Styles) appendPaint(dst []byte, style, text string) []byte {
	return s.close(append(s.open(dst, style, text != ""), text...), style, text != "")
}

// open and close put Paint's style and reset around text appended to dst
// between them; some says the text is not empty (Paint leaves "" bare).
func (s Styles) open(dst []byte, style string, some bool) []byte {
	if style == "" || !some {
		return dst
	}
	return append(dst, style...)
}

func (s Styles) close(dst []byte, style string, some bool) []byte {
	if style == "" || !some {
		return dst
	}
	return append(dst, s.Reset...)
}
