package render

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// Analyzed is one trace ready to report: its tree and analysis.
type Analyzed struct {
	Tree     *trace.Tree
	Analysis *trace.Analysis
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
	lines = append(lines, Waterfall(t.Tree, t.Analysis, ViewState{}, opt)...)
	lines = append(lines, Legend(opt))
	for _, d := range Diagnosis(t.Tree, t.Analysis) {
		if opt.ASCII {
			d = ASCIIOnly(d)
		}
		lines = append(lines, opt.Styles.paint(opt.Styles.Header, d))
	}
	return lines
}
