package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// LogText is a log record as print and the explorer's details read it:
// its severity, then its body, sanitized.
func LogText(l trace.LogRecord, g *Glyphs) string {
	text := l.Body
	if l.Severity != "" {
		text = l.Severity + " " + text
	}
	return g.or().Clean(text)
}

// spanLogs are a trace's log records by span, each span's in time order;
// nil when the trace has none, so a trace without logs costs nothing.
func spanLogs(t *trace.Trace) map[trace.SpanID][]trace.LogRecord {
	if len(t.Logs) == 0 {
		return nil
	}
	out := map[trace.SpanID][]trace.LogRecord{}
	for _, l := range t.Logs {
		out[l.SpanID] = append(out[l.SpanID], l)
	}
	for _, ls := range out {
		slices.SortStableFunc(ls, func(a, b trace.LogRecord) int { return cmp.Compare(a.Time, b.Time) })
	}
	return out
}

// maxPrintLogs bounds the log lines print writes under one span; the
// explorer's details pane shows up to maxLogs.
const maxPrintLogs = 5

// logLines are the lines print writes under span k's row: "↳ log: WARN
// cache miss", indented past the row's tree guides, each cut to the width.
func logLines(tr *trace.Tree, k int32, logs []trace.LogRecord, opt Options) []string {
	g := opt.Glyphs.or()
	indent := strings.Repeat(" ", 3+3*int(tr.Depth[k]))
	var out []string
	for i, l := range logs {
		if i == maxPrintLogs {
			out = append(out, g.Truncate(indent+g.Log+" "+strconv.Itoa(len(logs)-i)+" more log records", max(opt.Width, 20)))
			break
		}
		out = append(out, opt.Styles.Paint(opt.Styles.Dim, g.Truncate(indent+g.Log+" log: "+LogText(l, g), max(opt.Width, 20))))
	}
	return out
}
