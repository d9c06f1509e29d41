package render

import (
	"bufio"
	"io"

	"github.com/tracetui/tracetui/trace"
)

// PrintState is print's view of a trace: everything expanded, --where's
// spans marked, repeated calls folded unless --no-fold, and with --max-spans the spans outside
// the budget elided.
func PrintState(t trace.Analyzed, opt Options) ViewState {
	st := ViewState{Matched: matchedState(t.Tree, opt)}
	st.Budget = SpanBudget(t.Tree, t.Analysis, opt.MaxSpans, st.Matched)
	if !opt.NoFold && t.Findings != nil {
		st.Repeats = t.Findings.Folded
	}
	return st
}

// WriteText is `tracetui print`'s report: for each trace a header, the
// waterfall, the legend and the diagnosis, separated by blank lines. It is
// written trace by trace, so a million-span report is never one string.
func WriteText(w io.Writer, traces []trace.Analyzed, opt Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for k, t := range traces {
		if k > 0 {
			bw.WriteByte('\n')
		}
		for _, line := range TraceText(t, opt) {
			bw.WriteString(line)
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

// TraceText is one trace's section of the text report.
func TraceText(t trace.Analyzed, opt Options) []string {
	lines := Header(t.Tree, t.Analysis, opt)
	lines = append(lines, "")
	lines = append(lines, Waterfall(t.Tree, t.Analysis, PrintState(t, opt), opt)...)
	lines = append(lines, Legend(opt))
	lines = append(lines, matchedLine(t.Tree, opt)...)
	lines = append(lines, DiagnosisLines(t.Tree, t.Analysis, opt)...)
	return append(lines, FindingLines(t, opt)...)
}
