package render

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// Analyzed is one trace ready to report: its tree and analysis.
type Analyzed struct {
	Tree     *trace.Tree
	Analysis *trace.Analysis
	Findings *trace.Findings // nil when not computed
}

// printState is print's view: everything expanded, repeated calls folded
// unless --no-fold.
func printState(t Analyzed, opt Options) ViewState {
	if opt.NoFold || t.Findings == nil {
		return ViewState{}
	}
	return ViewState{Repeats: t.Findings.Folded}
}

// Text is `tracetui print`'s report: for each trace a header, the
// waterfall, the legend and the diagnosis, separated by blank lines.
func Text(traces []Analyzed, opt Options) string {
	var b strings.Builder
	for k, t := range traces {
		if k > 0 {
			b.WriteByte('\n')
		}
		for _, line := range TraceText(t, opt) {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TraceText is one trace's section of the text report.
func TraceText(t Analyzed, opt Options) []string {
	lines := Header(t.Tree, t.Analysis, opt)
	lines = append(lines, "")
	lines = append(lines, Waterfall(t.Tree, t.Analysis, printState(t, opt), opt)...)
	lines = append(lines, Legend(opt))
	for _, d := range Diagnosis(t.Tree, t.Analysis) {
		if opt.ASCII {
			d = ASCIIOnly(d)
		}
		lines = append(lines, opt.Styles.paint(opt.Styles.Header, d))
	}
	return append(lines, FindingLines(t, opt)...)
}
