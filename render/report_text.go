package render

import (
	"bufio"
	"fmt"
	"io"

	"github.com/tracetui/tracetui/trace"
)

// PrintState is print's view of a trace: everything expanded, --where's
// spans marked, repeated calls folded unless --no-fold, and with --max-spans the spans outside
// the budget elided.
func PrintState(t trace.Analyzed, opt Options) ViewState {
	st := BaseState(t)
	st.Matched = matchedState(t.Tree, opt)
	st.Budget = SpanBudget(t.Tree, t.Analysis, opt.MaxSpans, st.Matched)
	if opt.NoFold {
		st.Repeats = nil
	}
	return st
}

// budgetNote says why more spans than --max-spans are shown, when they
// are: the spans that must stay outnumbered the budget. "" otherwise.
func budgetNote(st ViewState, opt Options) string {
	kept := 0
	for _, k := range st.Budget {
		if k {
			kept++
		}
	}
	if opt.MaxSpans <= 0 || kept <= opt.MaxSpans {
		return ""
	}
	must := "the critical path, errors and their ancestors"
	if opt.Matched != nil && opt.MatchedBy == "" {
		must = "the critical path, errors, --where matches and their ancestors"
	} else if opt.Matched != nil {
		must = "the critical path, errors, the spans at fault and their ancestors"
	}
	return fmt.Sprintf("%d spans shown with --max-spans %d: %s always stay", kept, opt.MaxSpans, must)
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
	st := PrintState(t, opt)
	lines := Header(t.Tree, t.Analysis, opt)
	lines = append(lines, "")
	lines = append(lines, Waterfall(t.Tree, t.Analysis, st, opt)...)
	lines = append(lines, Legend(opt))
	lines = append(lines, matchedLine(t.Tree, opt)...)
	if note := budgetNote(st, opt); note != "" {
		for _, l := range wrapWords(note, max(opt.Width, 20), "  ") {
			lines = append(lines, opt.Styles.Paint(opt.Styles.Dim, l))
		}
	}
	lines = append(lines, DiagnosisLines(t.Tree, t.Analysis, opt)...)
	return append(lines, FindingLines(t, opt)...)
}
