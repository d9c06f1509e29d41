package render

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// List is `tracetui list` and the search results table: one line per trace
// fitted to the width, names cut first so IDs, times and numbers stay
// whole. A store that did not say a start or a count shows it blank or "?".
func List(traces []trace.Summary, opt Options) string {
	idW := 32
	for _, s := range traces {
		idW = max(idW, Width(opt.Glyphs.Clean(s.ID)))
	}
	const startW, durW, numW = 24, 9, 6
	rootW := max(opt.Width-idW-startW-durW-2*numW-5, 10)
	var b strings.Builder
	head := opt.Glyphs.Fit("TRACE ID", idW) + " " + opt.Glyphs.Fit("ROOT", rootW) + " " + opt.Glyphs.Fit("START", startW) +
		" " + PadLeft("DURATION", durW) + " " + PadLeft("SPANS", numW) + " " + PadLeft("ERRORS", numW)
	b.WriteString(opt.Styles.paint(opt.Styles.Header, head) + "\n")
	for _, s := range traces {
		start := ""
		if s.Start != 0 {
			start = StartTime(s.Start, opt.Loc)
		}
		line := opt.Glyphs.Fit(opt.Glyphs.Clean(s.ID), idW) + " " + opt.Glyphs.Fit(opt.Glyphs.Clean(s.RootService+" "+s.RootName), rootW) + " " +
			opt.Glyphs.Fit(start, startW) + " " + PadLeft(opt.Glyphs.Duration(s.Duration), durW) + " " +
			PadLeft(countText(s.Spans), numW) + " " + PadLeft(countText(s.Errors), numW)
		if s.Errors > 0 {
			line = opt.Styles.paint(opt.Styles.Error, line)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func countText(n int) string {
	if n < 0 {
		return "?"
	}
	return strconv.Itoa(n)
}
