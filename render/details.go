package render

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// Details describes span i for the details pane: what it is, when it ran
// relative to the trace, what it cost, and everything it carries, every
// line fitted (long values wrapped) to opt.Width.
func Details(tr *trace.Tree, a *trace.Analysis, i int32, opt Options) []string {
	return DetailsWindow(tr, a, i, opt, 0, math.MaxInt)
}

// DetailsWindow is the height lines of Details from line top (clamped to
// the last line, so a pane scrolled past the end shows that line): what a
// details pane shows. Only those lines are built, and no value is laid out
// past maxValueBytes, so selecting a span with a megabyte attribute costs
// what selecting any other span costs.
func DetailsWindow(tr *trace.Tree, a *trace.Analysis, i int32, opt Options, top, height int) []string {
	d := &detailWriter{opt: opt, top: max(top, 0), height: height}
	d.span(tr, a, i)
	if d.n > 0 && d.top >= d.n { // scrolled past the end: the last line
		d = &detailWriter{opt: opt, top: d.n - 1, height: height}
		d.span(tr, a, i)
	}
	return d.lines
}

func (d *detailWriter) span(tr *trace.Tree, a *trace.Analysis, i int32) {
	s := tr.Span(i)
	opt := d.opt
	if s.Placeholder {
		d.kv("span", "missing parent "+s.SpanID.String())
		d.line("This span never arrived; the spans below name it as their parent.")
		return
	}
	d.kv("service", s.Service())
	d.kv("name", s.Name)
	d.kv("kind", s.Kind.String())
	status := s.Status.String()
	if s.StatusMessage != "" {
		status += ": " + s.StatusMessage
	}
	d.kv("status", status)
	switch {
	case a.Failure != nil && a.Failure.Span == i:
		d.kv("error", "failure point: "+a.Failure.Message)
	case a.Roles[i] == trace.RolePropagated:
		d.kv("error", "passed up from a child span")
	case a.Roles[i] == trace.RoleOrigin:
		d.kv("error", "started here (not the trace's failure point)")
	}
	d.kv("start", detailStart(tr, s, opt))
	d.kv("duration", detailDuration(tr, i, opt))
	d.kv("self time", detailSelf(tr, a, i, opt))
	if crit := detailCritical(tr, a, i, opt); crit != "" {
		d.kv("critical", crit)
	}
	d.kv("span id", s.DisplaySpanID())
	if !s.ParentID.IsZero() || s.Raw != nil && s.Raw.ParentID != "" {
		d.kv("parent id", s.DisplayParentID())
	}
	d.kv("trace id", tr.Trace.DisplayID())
	if w := tr.QueueWait(i); w > 0 {
		d.kv("queue wait", QueueWaitText(tr, i, w, opt))
	}
	for _, n := range tr.Notes(i) {
		d.kv("warning", NoteText(n, opt))
	}
	if s.TraceState != "" {
		d.kv("trace state", s.TraceState)
	}
	if s.Flags != 0 {
		d.kv("flags", flagText(s.Flags, tr.Parent[i] >= 0 || !s.ParentID.IsZero()))
	}
	d.attrs("attributes", s.Attrs, s.DroppedAttrs)
	if s.Resource != nil {
		d.attrs("resource", s.Resource.Attrs, s.Resource.DroppedAttrs)
	}
	if sc := s.Scope; sc != nil && (sc.Name != "" || len(sc.Attrs) > 0) {
		d.section("scope")
		d.kv("  name", strings.TrimSpace(sc.Name+" "+sc.Version))
		d.attrList("  ", sc.Attrs)
	}
	if len(s.Events) > 0 || s.DroppedEvents > 0 {
		d.section("events" + dropped(s.DroppedEvents))
		for _, e := range s.Events {
			d.kv("  "+eventTime(timeAnchor(tr, s), e.Time, opt), e.Name)
			d.attrList("    ", e.Attrs)
		}
	}
	d.logs(tr.Trace.LogsFor(s.SpanID), timeAnchor(tr, s))
	if len(s.Links) > 0 || s.DroppedLinks > 0 {
		d.section("links" + dropped(s.DroppedLinks))
		for _, l := range s.Links {
			// IDs whole, as values (wrapped, never cut): a key is cut to
			// half the pane, and a cut ID cannot be looked up.
			d.kv("  trace", l.TraceID.String())
			d.kv("    span", l.SpanID.String())
			d.attrList("    ", l.Attrs)
		}
	}
}

// maxLogs bounds the log lines per span: a chatty span could otherwise
// bury its own details under thousands of lines.
const maxLogs = 50

func (d *detailWriter) logs(logs []trace.LogRecord, start int64) {
	if len(logs) == 0 {
		return
	}
	slices.SortStableFunc(logs, func(a, b trace.LogRecord) int { return cmp.Compare(a.Time, b.Time) })
	d.section("logs (" + strconv.Itoa(len(logs)) + ")")
	for i, l := range logs {
		if i == maxLogs {
			d.line("  … " + strconv.Itoa(len(logs)-maxLogs) + " more")
			break
		}
		d.kv("  "+eventTime(start, l.Time, d.opt), LogText(l, d.opt.Glyphs))
		d.attrList("    ", l.Attrs)
	}
}

// signedOffset is a time relative to the span's start; a record logged
// before the span began (clock skew, a parent's log) keeps its minus sign.
func signedOffset(ns int64, g *Glyphs) string {
	if ns < 0 {
		return "-" + g.Duration(-ns)
	}
	return "+" + g.Duration(ns)
}

func dropped(n uint32) string {
	if n == 0 {
		return ""
	}
	return " (" + strconv.FormatUint(uint64(n), 10) + " dropped)"
}

// flagText says what the W3C and OTLP flag bits mean. The is-remote bits
// describe the context the span started from: for a span with no parent
// that is no parent at all, so it must not read "local parent".
func flagText(f uint32, hasParent bool) string {
	out := "0x" + strconv.FormatUint(uint64(f), 16)
	if f&trace.TraceFlagSampled != 0 {
		out += " sampled"
	} else {
		out += " not sampled"
	}
	if f&trace.SpanFlagsContextHasIsRemoteMask != 0 {
		remote := f&trace.SpanFlagsContextIsRemoteMask != 0
		switch {
		case hasParent && remote:
			out += ", parent in another process"
		case hasParent:
			out += ", parent in this process"
		case remote:
			out += ", started from another process's context"
		default:
			out += ", no remote caller (started here)"
		}
	}
	return out
}

// detailWriter counts every line of the details and builds only those in
// the window [top, top+height).
type detailWriter struct {
	opt         Options
	top, height int
	n           int // lines so far
	lines       []string
}

// shown: the next line is in the window.
func (d *detailWriter) shown() bool { return d.n >= d.top && d.n-d.top < d.height }

// full: the window has all its lines, so nothing after it is laid out
// (and top is known to be within the details, as the clamp needs).
func (d *detailWriter) full() bool { return d.n-d.top >= d.height }

func (d *detailWriter) add(line func() string) {
	if d.shown() {
		d.lines = append(d.lines, line())
	}
	d.n++
}

func (d *detailWriter) line(text string) {
	if d.full() {
		return
	}
	wrapEach(d.opt.Glyphs.Clean(clipText(text)), d.opt.Width, func(l string) bool {
		d.add(func() string { return l })
		return !d.full()
	})
}

func (d *detailWriter) section(title string) {
	d.add(func() string {
		return d.opt.Styles.Paint(d.opt.Styles.Header, d.opt.Glyphs.Truncate(title, d.opt.Width))
	})
}

// kv writes "key: value", wrapping the value under itself.
func (d *detailWriter) kv(key, value string) { d.kvClipped(key, clipText(value)) }

// kvClipped is kv for a value already cut to maxValueBytes (typed's).
func (d *detailWriter) kvClipped(key, value string) {
	key = d.opt.Glyphs.Clean(clipText(key))
	head := key + ": "
	if Width(head) > d.opt.Width/2 {
		head = d.opt.Glyphs.Truncate(key, d.opt.Width/2-2) + ": "
	}
	hw := Width(head)
	if d.full() {
		return
	}
	first := true
	wrapEach(d.opt.Glyphs.Clean(value), d.opt.Width-hw, func(b string) bool {
		if first {
			d.add(func() string { return d.opt.Styles.Paint(d.opt.Styles.Dim, head) + b })
		} else {
			d.add(func() string { return strings.Repeat(" ", hw) + b })
		}
		first = false
		return !d.full()
	})
}

func (d *detailWriter) attrs(title string, attrs []trace.Attr, droppedN uint32) {
	if len(attrs) == 0 && droppedN == 0 {
		return
	}
	d.section(title + dropped(droppedN))
	d.attrList("  ", attrs)
}

// attrList writes attributes sorted by key, typed: strings quoted, bytes
// as hex, numbers and booleans bare.
func (d *detailWriter) attrList(indent string, attrs []trace.Attr) {
	sorted := slices.Clone(attrs)
	slices.SortStableFunc(sorted, func(x, y trace.Attr) int { return strings.Compare(x.Key, y.Key) })
	for _, a := range sorted {
		d.kvClipped(indent+a.Key, typed(a.Value))
	}
}
