package render

import (
	"strconv"
	"strings"
)

// List is `tracetui list`: one line per trace fitted to the width, names
// cut first so IDs, times and numbers stay whole.
func List(traces []Analyzed, opt Options) string {
	idW := 32
	for _, t := range traces {
		idW = max(idW, Width(clean(t.Tree.Trace.DisplayID(), opt.ASCII)))
	}
	const startW, durW, numW = 24, 9, 6
	fixed := idW + startW + durW + 2*numW + 5
	rootW := max(opt.Width-fixed, 10)
	var b strings.Builder
	head := Fit("TRACE ID", idW, opt.ASCII) + " " + Fit("ROOT", rootW, opt.ASCII) + " " + Fit("START", startW, opt.ASCII) +
		" " + PadLeft("DURATION", durW) + " " + PadLeft("SPANS", numW) + " " + PadLeft("ERRORS", numW)
	b.WriteString(opt.Styles.paint(opt.Styles.Header, head) + "\n")
	for _, t := range traces {
		svc, name := RootLabel(t.Tree)
		root := clean(svc+" "+name, opt.ASCII)
		line := Fit(clean(t.Tree.Trace.DisplayID(), opt.ASCII), idW, opt.ASCII) + " " + Fit(root, rootW, opt.ASCII) + " " +
			Fit(StartTime(t.Tree.Start, opt.Loc), startW, opt.ASCII) + " " + PadLeft(durationFor(t.Tree.Duration(), opt.ASCII), durW) +
			" " + PadLeft(strconv.Itoa(len(t.Tree.Trace.Spans)), numW) + " " + PadLeft(strconv.Itoa(t.Analysis.Errors), numW)
		if t.Analysis.Errors > 0 {
			line = opt.Styles.paint(opt.Styles.Error, line)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
