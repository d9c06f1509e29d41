package render

import (
	"slices"
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
// trace it failed on, the trace once, every assert it broke there with
// the spans and values, and (for the first few traces) the waterfall
// pruned to the spans at fault; then a total. Every line fits opt.Width:
// a long one wraps under its own indentation, never cut.
func CheckText(rep CheckReport, opt Options) []string {
	var lines []string
	g := opt.Glyphs.or()
	for _, res := range rep.Results {
		lines = append(lines, ruleHeadline(res, opt))
		for k, fs := range ByTrace(res.Failures) {
			t := rep.Traces[fs[0].Trace]
			lines = append(lines, "  "+traceLabel(rep, fs[0].Trace, g))
			for _, f := range fs {
				for _, l := range FailureLines(t, f, g) {
					lines = append(lines, "    "+l)
				}
			}
			if k < MaxCheckWaterfalls {
				lines = append(lines, failureWaterfall(t, fs, opt)...)
				lines = append(lines, "")
			} else if k == MaxCheckWaterfalls {
				lines = append(lines, "    (waterfalls of the first "+strconv.Itoa(MaxCheckWaterfalls)+" failing traces only)")
			}
		}
	}
	lines = append(lines, "", checkTotal(rep))
	return FitLines(lines, opt.Width)
}

// ByTrace groups a rule's failures by trace, in the order the traces
// first failed: one group per trace, every assert that broke on it.
func ByTrace(fs []checks.Failure) [][]checks.Failure {
	at := map[int]int{}
	var out [][]checks.Failure
	for _, f := range fs {
		k, ok := at[f.Trace]
		if !ok {
			k = len(out)
			at[f.Trace] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], f)
	}
	return out
}

// FitLines wraps each line wider than w columns (0: no limit) at its
// spaces, the continuation indented two columns past the line's own
// indentation; a word wider than the line is broken, never cut.
func FitLines(lines []string, w int) []string {
	if w <= 0 {
		return lines
	}
	out := lines[:0:0]
	for _, l := range lines {
		if strings.Contains(l, "\n") {
			// A block already laid out in lines (a legend wrapped item by
			// item): each of its lines is fitted on its own, never joined.
			out = append(out, FitLines(strings.Split(l, "\n"), w)...)
			continue
		}
		if Width(l) <= w {
			out = append(out, l)
			continue
		}
		body := strings.TrimLeft(l, " ")
		indent := l[:min(len(l)-len(body), w/2)]
		for _, p := range wrapWords(body, w-len(indent), "  ") {
			out = append(out, strings.TrimRight(indent+p, " "))
		}
	}
	return out
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
	// The traces that failed, not those read: "failed on 2 traces" read as
	// two failures when one of two traces failed.
	bad := map[int]bool{}
	for _, res := range rep.Results {
		for _, f := range res.Failures {
			bad[f.Trace] = true
		}
	}
	return strconv.Itoa(failed) + " of " + Plural(len(rep.Results), "check") + " failed, on " +
		strconv.Itoa(len(bad)) + " of " + Plural(len(rep.Traces), "trace")
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
// and what was expected; an error span with its status message or
// exception, the trace's failure point first. Every format words failures
// with these lines.
func FailureLines(t trace.Analyzed, f checks.Failure, g *Glyphs) []string {
	g = g.or()
	tr := t.Tree
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
			out = append(out, "  "+who(i)+": "+ValueText(f.Values[k], g)+", expected "+g.Clean(f.Expected)+spanError(t, i, g))
		}
		return out
	}
	line := g.Clean(f.Assert) + ": saw " + ValueText(f.Seen, g) + ", expected " + g.Clean(f.Expected)
	if len(f.Spans) == 0 {
		return []string{line}
	}
	if spans, ok := errorSpansFirst(t, f.Spans); ok {
		// Error spans: one line each, so every status message is read.
		out := []string{line}
		for k, i := range spans {
			if k == maxFailureSpanLines {
				out = append(out, "  "+g.Ellipsis+" "+strconv.Itoa(len(spans)-k)+" more")
				break
			}
			out = append(out, "  "+who(i)+spanError(t, i, g))
		}
		return out
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

// errorSpansFirst orders spans for reading when any is an error: the
// trace's failure point first, then the other errors, then the rest.
func errorSpansFirst(t trace.Analyzed, spans []int32) ([]int32, bool) {
	point := int32(-1)
	if t.Analysis != nil && t.Analysis.Failure != nil {
		point = t.Analysis.Failure.Span
	}
	var first, errs, rest []int32
	for _, i := range spans {
		switch {
		case i == point:
			first = append(first, i)
		case t.Tree.Span(i).IsError():
			errs = append(errs, i)
		default:
			rest = append(rest, i)
		}
	}
	if len(first)+len(errs) == 0 {
		return nil, false
	}
	return append(append(first, errs...), rest...), true
}

// spanError is what an error span says went wrong, for a failure line:
// ": error \"502 Bad Gateway\" (failure point)", ": error (passed up)";
// "" for a span without an error.
func spanError(t trace.Analyzed, i int32, g *Glyphs) string {
	s := t.Tree.Span(i)
	if !s.IsError() {
		return ""
	}
	out := ": error"
	if msg := errorText(s); msg != "" {
		out += " " + strconv.Quote(g.Clean(msg))
	}
	if a := t.Analysis; a != nil && a.Failure != nil {
		switch {
		case a.Failure.Span == i:
			out += " (failure point)"
		case slices.Contains(a.Failure.Propagated, i):
			out += " (passed up from " + g.Clean(t.Tree.Span(a.Failure.Span).Name) + ")"
		}
	}
	return out
}

// errorText is an error span's own words: its status message, else its
// exception event's type and message (OpenTelemetry's exception.type,
// exception.message).
func errorText(s *trace.Span) string {
	if s.StatusMessage != "" {
		return s.StatusMessage
	}
	for _, e := range s.Events {
		if e.Name != "exception" {
			continue
		}
		typ, _ := trace.Lookup(e.Attrs, "exception.type")
		msg, _ := trace.Lookup(e.Attrs, "exception.message")
		if ty, m := typ.AsString(), msg.AsString(); ty != "" && m != "" {
			return ty + ": " + m
		} else if ty+m != "" {
			return ty + m
		}
	}
	return ""
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

// failureWaterfall is the trace's waterfall with the spans at fault in
// any of fs marked and kept, the rest folded down to a few rows.
func failureWaterfall(t trace.Analyzed, fs []checks.Failure, opt Options) []string {
	if t.Analysis == nil {
		return nil
	}
	at := map[int32]bool{}
	for _, f := range fs {
		for _, i := range f.Spans {
			at[i] = true
		}
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
