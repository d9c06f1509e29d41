package render

import (
	"strings"
	"time"

	"github.com/tracetui/tracetui/trace"
)

// Options are the output settings shared by every renderer.
type Options struct {
	// Width is in terminal columns; the commands never ask for under 40.
	Width int
	// Glyphs draw every symbol and clean every name; nil is Unicode.
	Glyphs   *Glyphs
	Styles   Styles
	MaxSpans int            // print --max-spans (see PrintState); 0 shows every span
	Loc      *time.Location // for start times; nil is UTC
	NoFold   bool           // print --no-fold: show every repeated call
	// FullNames widens a table's name column to its longest name instead
	// of cutting names to Width: output that is not a terminal (a pipe,
	// a file, a CI log) is read by tools, and two names that differ only
	// past the cut must not print as the same row.
	FullNames bool
	// Matched selects the spans print marks and keeps (--where; see
	// matched.go); nil marks none.
	Matched func(tr *trace.Tree, span int32) bool
	// MatchedBy names what selected them in the line under the legend;
	// "" is --where. check says which rule's spans are marked.
	MatchedBy string
}

// ViewState is what the viewer changed; the zero value shows every span
// expanded, no cursor, the whole trace on the time axis. Spans are
// numbered by their index in the trace (trace.Tree's span indexes).
type ViewState struct {
	Collapsed    map[int32]bool // spans whose subtree is one row
	HasSelection bool
	Selected     int32
	Fold         bool // show expand/collapse markers (the TUI)
	// WinStart and WinEnd are the time window in unix nanoseconds; both
	// zero means the whole trace.
	WinStart, WinEnd int64
	// Repeats folds each group of repeated sibling calls into one row
	// (every member maps to its group); nil shows every call.
	Repeats map[int32]*trace.Repeat
	// Unfolded are the groups of Repeats the viewer opened again.
	Unfolded map[*trace.Repeat]bool
	// Keep is a filter's keep set by span index (see FilterKeep); spans
	// outside it are elided as "N hidden". nil shows every span.
	Keep []bool
	// Budget is --max-spans' keep set (see SpanBudget); spans outside it
	// are elided as "N more spans". nil shows every span.
	Budget []bool
	// Matched marks spans (print --where, see matched.go); nil marks none.
	Matched func(span int32) bool
	// Pinned are the spans no fold of repeated calls hides (see
	// PinnedSpans): a pinned call of a folded run is drawn as its own row
	// after the run's row. nil pins none.
	Pinned []bool
	// FoldAll: fold all was the last fold (the explorer's -), so a
	// baseline's "−" rows with no B call beside them to fold with are
	// folded too (see WaterfallDiff).
	FoldAll bool
	// Baseline is the diff the trace is drawn against in the explorer:
	// its "−" rows count as siblings for the tree guides of B's rows
	// (set while drawing). RemovedKeep is a filter's keep set over those
	// rows (WaterfallDiff.FilterRemoved). nil: none.
	Baseline    *WaterfallDiff
	RemovedKeep *RemovedKeep
	// RemovedMatched marks "−" rows by diff row, as Matched marks B's
	// spans (the explorer's search); nil marks none.
	RemovedMatched func(row int32) bool
}

// Layout is the column geometry of one waterfall at one width, in columns.
type Layout struct {
	Width, NameW, BarW, DurW int
	FoldW                    int // the fold markers' share of NameW (the explorer's)
	WinStart, WinEnd         int64
	TraceStart               int64 // ruler labels are offsets from here
	g                        *Glyphs
}

const durW = 8

// FoldWidth is how many columns the explorer's fold markers add to a row.
const FoldWidth = 2

// NewLayout splits the width between the name column (markers, tree guides,
// service and name), the bar and the duration. With st.Fold the rows are
// FoldWidth columns wider than opt.Width: the fold markers sit beside the
// names, outside print's columns, so the explorer's row is print's row at
// the same width with its markers added.
func NewLayout(tr *trace.Tree, st ViewState, opt Options) Layout {
	w := max(opt.Width, 20)
	l := Layout{Width: w, DurW: durW, WinStart: tr.Start, WinEnd: tr.End, TraceStart: tr.Start, g: opt.Glyphs.or()}
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
	if st.Fold {
		l.FoldW = FoldWidth
		l.NameW += FoldWidth
		l.Width += FoldWidth
	}
	return l
}

// Legend explains the row symbols, for the line under a printed waterfall.
func Legend(opt Options) string {
	g := opt.Glyphs.or()
	parts := []string{g.Bottleneck + " bottleneck", g.Critical + " critical path", g.Failure + " failure point",
		g.Propagated + " error passed up", g.Origin + " other error", g.Async + " async", g.Warn + " data warning"}
	lines := wrapJoin(parts, "  ", opt.Width, g)
	for k := range lines {
		lines[k] = opt.Styles.Paint(opt.Styles.Dim, lines[k])
	}
	return strings.Join(lines, "\n")
}
