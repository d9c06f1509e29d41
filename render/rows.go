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
	sy, stl := l.g, opt.Styles
	var b strings.Builder
	b.Grow(l.Width + 64)
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
	b.WriteString(stl.Paint(errStyle, errMark))
	b.WriteString(stl.Paint(cpStyle, cpMark))
	b.WriteString(matchMark(r, st, opt))

	room := l.NameW - 3
	guideRoom := room - l.FoldW // as in print: the fold markers come after the guides
	c := NewCursor(tr, a, st)
	guides := guidePrefix(&c, r, sy, guideLevels(guideRoom))
	guides = sy.Truncate(guides, guideRoom)
	b.WriteString(stl.Paint(stl.Dim, guides))
	room -= Width(guides)
	b.WriteString(label(tr, a, r, st, sy, opt, room))

	if l.BarW > 0 {
		b.WriteByte(' ')
		switch {
		case r.Elided:
			b.WriteString(strings.Repeat(" ", l.BarW))
		case r.Group != nil:
			b.WriteString(groupBar(tr, a, r, l, stl))
		default:
			b.WriteString(bar(tr, a, r.Span, l, stl))
		}
	}
	b.WriteByte(' ')
	b.WriteString(PadLeft(durationText(tr, r, opt), l.DurW))
	if selected {
		return stl.Selected + strings.ReplaceAll(b.String(), stl.Reset, stl.Reset+stl.Selected) + stl.Reset
	}
	return b.String()
}

// guideLevels is how many tree levels are drawn as guides in guideRoom
// columns: at most about half of them, so that at the deepest indentation
// a row keeps room for its service and name (at least 12 columns on a
// narrow screen, up to 24 on a wide one).
func guideLevels(guideRoom int) int {
	label := min(max(guideRoom/2, 12), 24)
	return max(guideRoom-label, 0) / 2
}

// guidePrefix draws the tree guides of r's span: one column pair per
// ancestor level (a pipe where that ancestor has later sibling rows) and a
// tee or elbow for the span itself. A row deeper than maxLevels keeps its
// guide at the column of the deepest indented rows, after its depth
// ("…17 └─ "): drawing only the deepest levels at that width would put a
// child's guides left of its parent's and eat its name, and walking up to
// the shallow levels would cost a 20,000-deep chain 20,000 steps a row.
func guidePrefix(c *Cursor, r Row, sy *Glyphs, maxLevels int) string {
	tr := c.tr
	i := r.Span
	depth := int(tr.Depth[i])
	if depth == 0 {
		return ""
	}
	last := r.Span
	if r.Elided {
		last = r.Last
	}
	own := sy.Tee
	if c.lastRow(last) {
		own = sy.Elbow
	}
	levels := max(maxLevels, 1)
	if depth > levels {
		tag := strings.TrimRight(sy.Deep, " ") + strconv.Itoa(depth) + " "
		return strings.Repeat(" ", max(2*(levels-1)-Width(tag), 0)) + tag + own
	}
	parts := make([]string, depth)
	parts[depth-1] = own
	p := tr.Parent[i]
	for k := depth - 2; k >= 0; k-- {
		if c.lastRow(p) {
			parts[k] = sy.Blank
		} else {
			parts[k] = sy.Pipe
		}
		p = tr.Parent[p]
	}
	return strings.Join(parts, "")
}

// label is "service name" plus fold marker and notes, fitted to room.
func label(tr *trace.Tree, a *trace.Analysis, r Row, st ViewState, sy *Glyphs, opt Options, room int) string {
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
		return stl.Paint(stl.Dim, opt.Glyphs.Fit(text, room))
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
	plain := fold + service
	if service != "" {
		plain += " "
	}
	plain += name
	full := opt.Glyphs.Truncate(plain+suffix+note, room)
	if !stl.Enabled() {
		return opt.Glyphs.Fit(full, room)
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
	var out strings.Builder
	rest := full
	take := func(part, style string) {
		if rest == "" || part == "" {
			return
		}
		n := min(len(part), len(rest))
		if !strings.HasPrefix(rest, part) {
			out.WriteString(stl.Paint(style, rest))
			rest = ""
			return
		}
		out.WriteString(stl.Paint(style, rest[:n]))
		rest = rest[n:]
	}
	take(fold, stl.Dim)
	if service != "" {
		take(service+" ", stl.Service(s.Service()))
	}
	take(name, nameStyle)
	take(suffix, stl.Dim)
	take(note, stl.Warn)
	if rest != "" {
		out.WriteString(rest)
	}
	if n := Width(full); n < room {
		out.WriteString(strings.Repeat(" ", room-n))
	}
	return out.String()
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
