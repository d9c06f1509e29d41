package render

import (
	"strings"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// Options are the output settings shared by every renderer.
type Options struct {
	Width    int
	ASCII    bool
	Styles   Styles
	MaxSpans int            // print --max-spans; 0 shows every span
	Loc      *time.Location // for start times; nil is UTC
	NoFold   bool           // print --no-fold: show every repeated call
	// Matched selects the spans print marks and keeps (--where; see
	// matched.go); nil marks none.
	Matched func(tr *trace.Tree, span int32) bool
}

// ViewState is what the viewer changed; the zero value is print's view:
// everything expanded, no cursor, the whole trace on the time axis.
type ViewState struct {
	Collapsed    map[int32]bool
	HasSelection bool
	Selected     int32
	Fold         bool  // show expand/collapse markers (the TUI)
	WinStart     int64 // time window; both zero means the whole trace
	WinEnd       int64
	// Repeats folds each group of repeated sibling calls into one row
	// (every member maps to its group); nil shows every call.
	Repeats map[int32]*trace.Repeat
	// Matched marks spans (print --where, see matched.go); nil marks none.
	Matched func(span int32) bool
}

// Layout is the column geometry of one waterfall at one width.
type Layout struct {
	Width, NameW, BarW, DurW int
	WinStart, WinEnd         int64
	TraceStart               int64 // ruler labels are offsets from here
	sym                      *symbols
}

const durW = 8

// NewLayout splits the width between the name column (markers, tree guides,
// service and name), the bar and the duration.
func NewLayout(tr *trace.Tree, st ViewState, opt Options) Layout {
	w := max(opt.Width, 20)
	l := Layout{Width: w, DurW: durW, WinStart: tr.Start, WinEnd: tr.End, TraceStart: tr.Start, sym: symbolsFor(opt.ASCII)}
	if st.WinEnd > st.WinStart {
		l.WinStart, l.WinEnd = st.WinStart, st.WinEnd
	}
	l.NameW = w / 2
	if w >= 100 {
		l.NameW = min(w*2/5, 64)
	}
	l.BarW = w - l.NameW - l.DurW - 2
	if l.BarW < 6 {
		// Too narrow for a useful bar: give the room to the names.
		l.BarW = 0
		l.NameW = w - l.DurW - 1
	}
	return l
}

// symbols are the characters rows are drawn with; ASCII mode has an
// all-ASCII set so output survives any log viewer.
type symbols struct {
	bottleneck, critical                  string
	failure, origin, propagated, warn     string
	tee, elbow, pipe, blank, deep         string
	full, tiny, clipL, clipR, noEnd       string
	eighths                               []string
	folded, unfolded, ellipsis, rulerTick string
	times, async                          string
}

var unicodeSymbols = symbols{
	bottleneck: "◆", critical: "•",
	failure: "✗", origin: "x", propagated: "↑", warn: "⚠",
	tee: "├─ ", elbow: "└─ ", pipe: "│ ", blank: "  ", deep: "… ",
	full: "█", tiny: "▏", clipL: "◂", clipR: "▸", noEnd: "?",
	eighths: []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"},
	folded:  "▸ ", unfolded: "▾ ", ellipsis: "…", rulerTick: "╵",
	times: "×", async: "↪",
}

var asciiSymbols = symbols{
	bottleneck: "#", critical: "*",
	failure: "X", origin: "x", propagated: "^", warn: "!",
	tee: "|- ", elbow: "`- ", pipe: "| ", blank: "  ", deep: "~ ",
	full: "=", tiny: "|", clipL: "<", clipR: ">", noEnd: "?",
	eighths: []string{"", "-", "-", "-", "=", "=", "=", "="},
	folded:  "+ ", unfolded: "- ", ellipsis: "~", rulerTick: "'",
	times: "x", async: "~",
}

func symbolsFor(ascii bool) *symbols {
	if ascii {
		return &asciiSymbols
	}
	return &unicodeSymbols
}

// Legend explains the row symbols, for the line under a printed waterfall.
func Legend(opt Options) string {
	s := symbolsFor(opt.ASCII)
	parts := []string{s.bottleneck + " bottleneck", s.critical + " critical path", s.failure + " failure point",
		s.propagated + " error passed up", s.origin + " other error", s.async + " async", s.warn + " data warning"}
	lines := wrapJoin(parts, "  ", opt.Width, opt.ASCII)
	for k := range lines {
		lines[k] = opt.Styles.paint(opt.Styles.Dim, lines[k])
	}
	return strings.Join(lines, "\n")
}
