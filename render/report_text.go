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

// budgetNote says why more rows than --max-spans are shown, when they
// are: the spans that must stay outnumbered the budget. rows are the span
// rows drawn, held the spans they stand for (a folded run's row holds its
// calls), of total. When runs fold spans into rows, it counts both, so
// neither number reads as the other. "" otherwise.
func budgetNote(opt Options, rows, held, total int) string {
	if opt.MaxSpans <= 0 || rows <= opt.MaxSpans {
		return ""
	}
	must := "the critical path, errors and their ancestors"
	if opt.Matched != nil && opt.MatchedBy == "" {
		must = "the critical path, errors, --where matches and their ancestors"
	} else if opt.Matched != nil {
		must = "the critical path, errors, the spans at fault and their ancestors"
	}
	if held == rows {
		return fmt.Sprintf("%d spans shown with --max-spans %d: %s always stay", rows, opt.MaxSpans, must)
	}
	of := fmt.Sprintf("%d of the %d spans", held, total)
	if held >= total {
		of = fmt.Sprintf("all %d spans", total)
	}
	return fmt.Sprintf("%d rows shown with --max-spans %d, holding %s (a run of repeated calls is one row): %s always stay",
		rows, opt.MaxSpans, of, must)
}

// WriteText is `tracetui print`'s report: for each trace a header, the
// waterfall, the legend and the diagnosis, separated by blank lines. Each
// line is written as it is drawn, so a million-span report is never held
// in memory, as one string or as lines.
func WriteText(w io.Writer, traces []trace.Analyzed, opt Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for k, t := range traces {
		if k > 0 {
			bw.WriteByte('\n')
		}
		eachTraceLine(t, opt, func(line []byte) {
			bw.Write(line)
			bw.WriteByte('\n')
		})
	}
	return bw.Flush()
}

// TraceText is one trace's section of the text report.
func TraceText(t trace.Analyzed, opt Options) []string {
	var lines []string
	eachTraceLine(t, opt, func(line []byte) { lines = append(lines, string(line)) })
	return lines
}

// eachTraceLine hands emit the lines of one trace's section, in order,
// in a buffer emit must not keep (see eachWaterfallLine).
func eachTraceLine(t trace.Analyzed, opt Options, emit func([]byte)) {
	var buf []byte
	line := func(l string) {
		buf = append(buf[:0], l...)
		emit(buf)
	}
	each := func(lines []string) {
		for _, l := range lines {
			line(l)
		}
	}
	st := PrintState(t, opt)
	each(Header(t.Tree, t.Analysis, opt))
	line("")
	rows, held := eachWaterfallLine(t.Tree, t.Analysis, st, opt, emit)
	line(Legend(opt))
	each(matchedLine(t.Tree, opt))
	if note := budgetNote(opt, rows, held, t.Tree.Len()); note != "" {
		for _, l := range wrapWords(note, max(opt.Width, 20), "  ") {
			line(opt.Styles.Paint(opt.Styles.Dim, l))
		}
	}
	each(DiagnosisLines(t.Tree, t.Analysis, opt))
	each(findingLines(t, opt, true))
}
