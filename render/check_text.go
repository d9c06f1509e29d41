package render

import (
	"strconv"
	"strings"

	"github.com/tracetui/tracetui/checks"
	"github.com/tracetui/tracetui/trace"
)

// CheckReport is what check and run --check report: each rule's result
// over Traces, which the results index.
type CheckReport struct {
	Results []checks.Result
	Traces  []trace.Analyzed
	// TestAttr names the attribute that says which test a trace belongs
	// to ("" is test.case.name); failures name the test when there is one.
	TestAttr string
}

// Failed counts the rules that did not pass.
func (r CheckReport) Failed() int {
	n := 0
	for _, res := range r.Results {
		if !res.Passed() {
			n++
		}
	}
	return n
}

// MaxCheckWaterfalls is how many failing traces of one rule get their
// waterfall in the text report; the rest get their lines only, so a rule
// broken by 2,000 traces still fits a CI log.
const MaxCheckWaterfalls = 3

// checkWaterfallSpans is --max-spans for a failure's waterfall: the spans
// at fault, the critical path and their ancestors stay regardless.
const checkWaterfallSpans = 12

// CheckText is the text report: per rule PASS or FAIL, and for each
// failure the trace, the spans and values, and (for the first few) the
// waterfall pruned to the spans at fault; then a total.
func CheckText(rep CheckReport, opt Options) []string {
	var lines []string
	g := opt.Glyphs.or()
	for _, res := range rep.Results {
		lines = append(lines, ruleHeadline(res, opt))
		for k, f := range res.Failures {
			t := rep.Traces[f.Trace]
			lines = append(lines, "  "+traceLabel(rep, f.Trace, g))
			for _, l := range FailureLines(t.Tree, f, g) {
				lines = append(lines, "    "+l)
			}
			if k < MaxCheckWaterfalls {
				lines = append(lines, failureWaterfall(t, f, opt)...)
				lines = append(lines, "")
			} else if k == MaxCheckWaterfalls {
				lines = append(lines, "    (waterfalls of the first "+strconv.Itoa(MaxCheckWaterfalls)+" failing traces only)")
			}
		}
	}
	lines = append(lines, "", checkTotal(rep))
	return lines
}

func ruleHeadline(res checks.Result, opt Options) string {
	st := opt.Styles
	word, style := "PASS", st.Dim
	if !res.Passed() {
		word, style = "FAIL", st.Error
	}
	where := ""
	if res.Rule.Origin != "" {
		where = " (" + opt.Glyphs.or().Clean(res.Rule.Origin) + ")"
	}
	return st.Paint(style, word) + "  " + opt.Glyphs.or().Clean(res.Rule.Name) + where + ": " + ruleOutcome(res)
}

// ruleOutcome says how the rule did in a few words.
func ruleOutcome(res checks.Result) string {
	switch {
	case res.NoMatch() && res.Rule.Optional:
		return "matched no trace (optional)"
	case res.NoMatch():
		return "matched no trace"
	case len(res.Failures) == 0:
		return Plural(len(res.Applied), "trace") + " checked"
	}
	traces := map[int]bool{}
	for _, f := range res.Failures {
		traces[f.Trace] = true
	}
	return strconv.Itoa(len(traces)) + " of " + Plural(len(res.Applied), "trace") + " failed"
}

func checkTotal(rep CheckReport) string {
	failed := rep.Failed()
	if failed == 0 {
		return "all " + Plural(len(rep.Results), "check") + " passed on " + Plural(len(rep.Traces), "trace")
	}
	return strconv.Itoa(failed) + " of " + Plural(len(rep.Results), "check") + " failed on " + Plural(len(rep.Traces), "trace")
}

// traceLabel names a trace: ID, root, and its test when it has one.
func traceLabel(rep CheckReport, i int, g *Glyphs) string {
	t := rep.Traces[i]
	svc, name := RootLabel(t.Tree)
	s := "trace " + g.Clean(t.Tree.Trace.DisplayID()) + "  " + g.Clean(svc) + " " + g.Clean(name)
	errs := 0
	if t.Analysis != nil {
		errs = t.Analysis.Errors
	}
	if test, ok := checks.TestOf(t.Tree, rep.TestAttr, errs); ok {
		s += "  (test " + TestName(test, g) + ")"
	}
	return s
}

// TestName is a test as its runner names it: suite › name.
func TestName(t checks.Test, g *Glyphs) string {
	g = g.or()
	if t.Suite != "" && !strings.HasPrefix(t.Name, t.Suite) {
		return g.Clean(t.Suite) + g.PathSep + g.Clean(t.Name)
	}
	return g.Clean(t.Name)
}

// maxFailureSpanLines bounds the spans one failure lists.
const maxFailureSpanLines = 8

// FailureLines say what broke: each span at fault with the value seen,
// and what was expected. Every format words failures with these lines.
func FailureLines(tr *trace.Tree, f checks.Failure, g *Glyphs) []string {
	g = g.or()
	who := func(i int32) string { s := tr.Span(i); return g.Clean(s.Service()) + " " + g.Clean(s.Name) }
	switch {
	case len(f.Findings) > 0:
		out := make([]string, 0, len(f.Findings))
		for _, x := range f.Findings {
			out = append(out, string(x.Kind)+": "+FindingSummary(tr, x, g))
		}
		return out
	case len(f.Values) > 0:
		out := []string{g.Clean(f.Assert) + " failed on " + Plural(len(f.Spans), "span") + ":"}
		for k, i := range f.Spans {
			if k == maxFailureSpanLines {
				out = append(out, "  "+g.Ellipsis+" "+strconv.Itoa(len(f.Spans)-k)+" more")
				break
			}
			out = append(out, "  "+who(i)+": "+ValueText(f.Values[k], g)+", expected "+g.Clean(f.Expected))
		}
		return out
	}
	line := g.Clean(f.Assert) + ": saw " + ValueText(f.Seen, g) + ", expected " + g.Clean(f.Expected)
	if len(f.Spans) == 0 {
		return []string{line}
	}
	names := make([]string, 0, min(len(f.Spans), maxFailureSpanLines))
	for k, i := range f.Spans {
		if k == maxFailureSpanLines {
			names = append(names, g.Ellipsis)
			break
		}
		names = append(names, who(i))
	}
	return []string{line, "  spans: " + strings.Join(names, ", ")}
}

// ValueText words a value a check saw.
func ValueText(v checks.Value, g *Glyphs) string {
	g = g.or()
	switch {
	case v.Absent:
		return "nothing (absent)"
	case v.IsDur:
		return g.Duration(v.Dur)
	case v.IsNum:
		return strconv.FormatFloat(v.Num, 'g', 6, 64)
	}
	return strconv.Quote(g.Clean(v.Text))
}

// failureWaterfall is the trace's waterfall with the spans at fault
// marked and kept, the rest folded down to a few rows.
func failureWaterfall(t trace.Analyzed, f checks.Failure, opt Options) []string {
	if t.Analysis == nil {
		return nil
	}
	at := map[int32]bool{}
	for _, i := range f.Spans {
		at[i] = true
	}
	opt.MaxSpans = checkWaterfallSpans
	opt.Matched = func(_ *trace.Tree, i int32) bool { return at[i] }
	opt.MatchedBy = "the check"
	opt.Width = max(opt.Width-4, 20)
	st := PrintState(t, opt)
	var out []string
	for _, l := range Waterfall(t.Tree, t.Analysis, st, opt) {
		out = append(out, "    "+l)
	}
	for _, l := range matchedLine(t.Tree, opt) {
		out = append(out, "    "+l)
	}
	return out
}
