package render

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// Row is one line of a waterfall: a span, or an elision line standing for
// sibling subtrees a filter or --max-spans left out. Every row that hides
// spans (an elision line, a collapsed subtree, a folded run) says what it
// hides the same way.
type Row struct {
	Span     int32 // the span; for an elision line, the first span left out
	Last     int32 // for an elision line or a run, the last sibling in it
	Elided   bool
	Filtered bool          // the elision is a filter's: "N hidden"
	Group    *trace.Repeat // a folded run of repeated calls, drawn as one row

	Hidden          int  // spans the row stands for besides its own span
	HiddenErrors    int  // error spans among them
	HidesFailure    bool // the trace's failure point is among them
	HidesBottleneck bool // the bottleneck is among them

	// A folded run's error spans and whether it holds the failure point,
	// counting its pinned calls, which are drawn as rows of their own.
	RunErrors  int
	RunFailure bool
}

// RenderRow draws one row. Its cost depends on the row's depth, never on
// the size of the trace, so a viewer can draw only what is on screen.
func RenderRow(tr *trace.Tree, a *trace.Analysis, r Row, st ViewState, l Layout, opt Options) string {
	return string(appendRow(make([]byte, 0, l.Width+64), tr, a, r, st, l, opt))
}

// appendRow is RenderRow appending to dst: print's walk draws every row
// into one buffer, so a row costs a few small strings (its label and
// duration), not the row's text and bar cells each time.
func appendRow(dst []byte, tr *trace.Tree, a *trace.Analysis, r Row, st ViewState, l Layout, opt Options) []byte {
	return appendRowFit(dst, tr, a, r, st, l, opt, nil)
}

// appendRowFit is appendRow telling fit (when not nil) about a label cut
// short, or drawing fit's label instead (see labelFit).
func appendRowFit(dst []byte, tr *trace.Tree, a *trace.Analysis, r Row, st ViewState, l Layout, opt Options, fit *labelFit) []byte {
	sy, stl := l.g, opt.Styles
	start := len(dst)
	selected := st.HasSelection && !r.Elided && st.Selected == r.Span && stl.Enabled()

	// A row hiding the failure point or the bottleneck wears its mark, so
	// folding or filtering never makes the answer disappear.
	errMark, cpMark := " ", " "
	errStyle, cpStyle := "", ""
	own := !r.Elided
	switch {
	case r.HidesFailure || r.RunFailure || own && a.Failure != nil && a.Failure.Span == r.Span:
		errMark, errStyle = sy.Failure, stl.Origin
	case own && a.Roles[r.Span] == trace.RolePropagated:
		errMark, errStyle = sy.Propagated, stl.Error
	case own && a.Roles[r.Span] == trace.RoleOrigin:
		errMark, errStyle = sy.Origin, stl.Error
	case r.HiddenErrors > 0 || r.RunErrors > 0: // errors other than the failure point
		errMark, errStyle = sy.Origin, stl.Error
	}
	switch {
	case r.HidesBottleneck || own && a.Bottleneck == r.Span:
		cpMark, cpStyle = sy.Bottleneck, stl.Bottleneck
	case own && a.OnCriticalPath(r.Span):
		cpMark, cpStyle = sy.Critical, stl.Critical
	}
	dst = stl.appendPaint(dst, errStyle, errMark)
	dst = stl.appendPaint(dst, cpStyle, cpMark)
	dst = append(dst, matchMark(r, st, opt)...)

	room := l.NameW - 3
	guideRoom := room - l.FoldW // as in print: the fold markers come after the guides
	c := NewCursor(tr, a, st)
	var w int
	dst, w = appendGuides(dst, &c, r, sy, stl, guideLevels(guideRoom), guideRoom)
	room -= w
	dst = appendLabel(dst, tr, a, r, st, sy, opt, room, fit)

	if l.BarW > 0 {
		dst = append(dst, ' ')
		switch {
		case r.Elided:
			dst = appendSpaces(dst, l.BarW)
		case r.Group != nil:
			dst = appendGroupBar(dst, tr, a, r, l, stl)
		default:
			dst = appendBar(dst, tr, a, r.Span, l, stl)
		}
	}
	dst = append(dst, ' ')
	dst = appendPadLeft(dst, durationText(tr, r, opt), l.DurW)
	if selected {
		body := strings.ReplaceAll(string(dst[start:]), stl.Reset, stl.Reset+stl.Selected)
		dst = append(append(append(dst[:start], stl.Selected...), body...), stl.Reset...)
	}
	return dst
}

// appendGuides appends r's tree guides (appendGuidePrefix), dimmed and
// cut to room columns, and says how many columns they take.
func appendGuides(dst []byte, c *Cursor, r Row, sy *Glyphs, stl Styles, maxLevels, room int) ([]byte, int) {
	start := len(dst)
	dst = stl.open(dst, stl.Dim, true)
	at := len(dst)
	dst, w := appendGuidePrefix(dst, c, r, sy, maxLevels)
	if w > room { // a name column narrower than the guides: rare
		guides := sy.Truncate(string(dst[at:]), room)
		dst, w = append(dst[:at], guides...), Width(guides)
	}
	if len(dst) == at { // Paint leaves "" bare
		return dst[:start], 0
	}
	return stl.close(dst, stl.Dim, true), w
}

// guideOwn is the tee or elbow before r's own span: an elbow when no
// later sibling row follows it.
func guideOwn(c *Cursor, r Row, sy *Glyphs) string {
	last := r.Span
	if r.Elided {
		last = r.Last
		// "−" rows placed among the elided siblings are drawn after the line.
		if w := c.st.Baseline; w != nil && w.removedAfter(c, c.tr.Parent[r.Span], c.tr.Pos[r.Span]+1) {
			return sy.Tee
		}
	}
	if c.lastRow(last) {
		return sy.Elbow
	}
	return sy.Tee
}

// guideLevels is how many tree levels are drawn as guides in guideRoom
// columns: at most about half of them, so that at the deepest indentation
// a row keeps room for its service and name (at least 12 columns on a
// narrow screen, up to 24 on a wide one).
func guideLevels(guideRoom int) int {
	label := min(max(guideRoom/2, 12), 24)
	return max(guideRoom-label, 0) / 2
}

// appendGuidePrefix appends the tree guides of r's span and says how
// many columns they take: one column pair per ancestor level (a pipe where
// that ancestor has later sibling rows) and a tee or elbow for the span
// itself. A row deeper than maxLevels keeps its guide at the column of the
// deepest indented rows, after its depth ("…17 └─ "): drawing only the
// deepest levels at that width would put a child's guides left of its
// parent's and eat its name, and walking up to the shallow levels would
// cost a 20,000-deep chain 20,000 steps a row. Every glyph is one column
// a rune, so the columns add up as the guides are drawn.
func appendGuidePrefix(dst []byte, c *Cursor, r Row, sy *Glyphs, maxLevels int) ([]byte, int) {
	tr := c.tr
	i := r.Span
	depth := int(tr.Depth[i])
	if depth == 0 {
		return dst, 0
	}
	own := guideOwn(c, r, sy)
	levels := max(maxLevels, 1)
	if depth > levels {
		deep := strings.TrimRight(sy.Deep, " ")
		digits := 1
		for d := depth; d >= 10; d /= 10 {
			digits++
		}
		tagW := Width(deep) + digits + 1
		pad := max(2*(levels-1)-tagW, 0)
		dst = append(appendSpaces(dst, pad), deep...)
		dst = append(strconv.AppendInt(dst, int64(depth), 10), ' ')
		return append(dst, own...), pad + tagW + Width(own)
	}
	// The ancestors' columns are found from the deepest up and drawn from
	// the root down.
	var stack [32]bool
	last := stack[:0]
	if depth-1 > len(stack) {
		last = make([]bool, 0, depth-1)
	}
	for p, k := tr.Parent[i], depth-2; k >= 0; p, k = tr.Parent[p], k-1 {
		last = append(last, c.lastRow(p))
	}
	w := 0
	for k := len(last) - 1; k >= 0; k-- {
		g := sy.Pipe
		if last[k] {
			g = sy.Blank
		}
		dst, w = append(dst, g...), w+Width(g)
	}
	return append(dst, own...), w + Width(own)
}

// appendLabel appends "service name" plus fold marker and notes, fitted
// to room; fit as appendRowFit says.
func appendLabel(dst []byte, tr *trace.Tree, a *trace.Analysis, r Row, st ViewState, sy *Glyphs, opt Options, room int, fit *labelFit) []byte {
	stl := opt.Styles
	if r.Elided {
		text := sy.Ellipsis + " " + Plural(r.Hidden, "more span")
		if r.Filtered {
			text = sy.Ellipsis + " " + strconv.Itoa(r.Hidden) + " hidden"
		}
		if r.HiddenErrors > 0 {
			text += " (" + Plural(r.HiddenErrors, "error") + ")"
		}
		if st.Fold { // aligned with the names, which follow a fold marker
			text = "  " + text
		}
		return stl.appendPaint(dst, stl.Dim, opt.Glyphs.Fit(text, room))
	}
	s := tr.Span(r.Span)
	fold := ""
	if st.Fold {
		switch {
		case r.Group != nil:
			fold = sy.Folded
		case st.Collapsed[r.Span] && tr.Size[r.Span] > 1:
			fold = sy.Folded
		case tr.Size[r.Span] > 1:
			fold = sy.Unfolded
		default:
			fold = "  "
		}
	}
	if tr.Marks[r.Span]&trace.MarkAsync != 0 {
		fold += sy.Async + " "
	}
	var service, name string
	if s.Placeholder {
		service, name = "", "missing parent "+s.SpanID.String()
	} else {
		service, name = opt.Glyphs.Clean(clipLine(s.Service(), room)), opt.Glyphs.Clean(clipLine(s.Name, room))
	}
	suffix := ""
	if g := r.Group; g != nil {
		// The errors right after the count: when the name column is
		// narrow, the timings are cut first.
		name += " " + groupLabel(g, r.RunErrors, opt.Glyphs)
	}
	switch {
	case r.Group == nil && r.Hidden > 0:
		suffix = " [+" + strconv.Itoa(r.Hidden)
		if r.HiddenErrors > 0 {
			suffix += ", " + strconv.Itoa(r.HiddenErrors) + " err"
		}
		suffix += "]"
	}
	note := ""
	if notes := tr.Notes(r.Span); len(notes) > 0 && !s.Placeholder {
		note = " " + sy.Warn + " " + NoteText(notes[0], opt)
		if len(notes) > 1 {
			note += " +" + strconv.Itoa(len(notes)-1)
		}
	}
	// Fit by priority: the name, then the hidden count, then the note.
	sep := ""
	if service != "" {
		sep = " "
	}
	fitted := ""
	if fit != nil {
		fitted = fit.note(fold, room, service, sep, name, suffix, note)
	}
	if !stl.Enabled() {
		if fitted != "" {
			return append(append(dst, fold...), fitted...)
		}
		if fit != nil && fit.Cut { // where the label lies, to put another in its place
			fit.at = len(dst) + len(fold)
			dst = opt.Glyphs.appendFit(dst, room, fold, service, sep, name, suffix, note)
			fit.end = len(dst)
			return dst
		}
		return opt.Glyphs.appendFit(dst, room, fold, service, sep, name, suffix, note)
	}
	full := opt.Glyphs.Truncate(fold+service+sep+name+suffix+note, room)
	if fitted != "" {
		full = fold + strings.TrimRight(fitted, " ")
	}
	// Colour the service, the name (bold on the critical path) and the note.
	nameStyle := ""
	if a.OnCriticalPath(r.Span) {
		nameStyle = stl.Critical
	}
	if s.IsError() {
		nameStyle = stl.Error
	}
	if s.Placeholder {
		nameStyle = stl.Warn
	}
	rest := full
	take := func(part, style string) {
		if rest == "" || part == "" {
			return
		}
		n := min(len(part), len(rest))
		if !strings.HasPrefix(rest, part) {
			dst = stl.appendPaint(dst, style, rest)
			rest = ""
			return
		}
		dst = stl.appendPaint(dst, style, rest[:n])
		rest = rest[n:]
	}
	take(fold, stl.Dim)
	if service != "" {
		take(service+" ", stl.Service(s.Service()))
	}
	take(name, nameStyle)
	take(suffix, stl.Dim)
	take(note, stl.Warn)
	dst = append(dst, rest...)
	return appendSpaces(dst, room-Width(full))
}

func durationText(tr *trace.Tree, r Row, opt Options) string {
	if r.Elided {
		return ""
	}
	s := tr.Span(r.Span)
	if r.Group != nil {
		return groupDuration(r.Group, opt.Glyphs)
	}
	if !s.Timed() {
		return opt.Glyphs.or().NoEnd
	}
	return opt.Glyphs.Duration(s.Duration())
}
