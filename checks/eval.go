package checks

import (
	"github.com/tracetui/tracetui/trace"
)

// Result is one rule's verdict over every trace.
type Result struct {
	Rule     *Rule
	Applied  []int // indices (into Evaluate's traces) of the traces the rule applied to
	Failures []Failure
}

// Failure is one trace that broke one assert of the rule.
type Failure struct {
	Trace  int    // index into Evaluate's traces
	Assert string // the assert as written, or what the rule asks ("selects a span")
	// Expected is what the assert wants ("< 300ms"); Seen the value
	// found: for an aggregate or trace-wide rule the one value, else the
	// first failing span's (each span's is in Values).
	Expected string
	Seen     Value
	Spans    []int32 // the spans at fault; empty when the fault is a span missing
	Values   []Value // per span in Spans, for per-span asserts
	// Findings is how many findings --no-findings found.
	Findings []trace.Finding
}

// Passed reports whether the rule held everywhere it applied and applied
// somewhere (unless it is optional).
func (r Result) Passed() bool { return len(r.Failures) == 0 && (len(r.Applied) > 0 || r.Rule.Optional) }

// NoMatch reports whether the rule applied to no trace.
func (r Result) NoMatch() bool { return len(r.Applied) == 0 }

// Evaluate runs every rule on every trace. Findings must be set on the
// traces when NeedsFindings(rules).
func Evaluate(rules []*Rule, traces []trace.Analyzed) []Result {
	out := make([]Result, len(rules))
	for k, r := range rules {
		out[k].Rule = r
	}
	for ti, t := range traces {
		for k, r := range rules {
			res := &out[k]
			if r.Where != nil && !r.Where.MatchesTrace(t.Tree) {
				continue
			}
			fails, applied := r.eval(t)
			if applied {
				res.Applied = append(res.Applied, ti)
			}
			for _, f := range fails {
				f.Trace = ti
				res.Failures = append(res.Failures, f)
			}
		}
	}
	return out
}

// eval checks one trace; applied is false when the rule's spans are not
// in it (a per-span assert with nothing selected).
func (r *Rule) eval(t trace.Analyzed) (fails []Failure, applied bool) {
	tr := t.Tree
	switch {
	case r.MaxDuration > 0:
		if d := tr.Duration(); d > r.MaxDuration {
			var spans []int32
			if root := tr.NamingSpan(); root >= 0 {
				spans = []int32{root}
			}
			return []Failure{{Assert: "trace duration <= " + r.maxText, Expected: "<= " + r.maxText, Seen: Value{Dur: d, IsDur: true}, Spans: spans}}, true
		}
		return nil, true
	case r.NoFindings != "":
		var found []trace.Finding
		var spans []int32
		if t.Findings != nil {
			for _, f := range t.Findings.List {
				if r.NoFindings == FindingsAny || f.Kind == r.NoFindings {
					found = append(found, f)
					spans = append(spans, f.Span)
				}
			}
		}
		if len(found) > 0 {
			return []Failure{{Assert: "no findings", Expected: "0", Seen: Value{Num: float64(len(found)), IsNum: true}, Spans: spans, Findings: found}}, true
		}
		return nil, true
	}
	selected := r.selected(tr)
	if r.MustSelect {
		if len(selected) == 0 {
			return []Failure{{Assert: "selects a span", Expected: "at least 1 span", Seen: Value{Num: 0, IsNum: true}}}, true
		}
		return nil, true
	}
	onlyAggregates := true
	for _, a := range r.Asserts {
		onlyAggregates = onlyAggregates && a.Aggregate()
	}
	if len(selected) == 0 && !onlyAggregates {
		return nil, false
	}
	for _, a := range r.Asserts {
		if a.Aggregate() {
			if v, ok := a.aggregate(tr, selected); !ok {
				fails = append(fails, Failure{Assert: a.Text, Expected: a.Expected(), Seen: v, Spans: capSpans(selected)})
			}
			continue
		}
		f := Failure{Assert: a.Text, Expected: a.Expected()}
		for _, i := range selected {
			if !a.cond.Matches(tr, i) {
				f.Spans = append(f.Spans, i)
				f.Values = append(f.Values, a.Seen(tr.Span(i)))
			}
		}
		if len(f.Spans) > 0 {
			f.Seen = f.Values[0]
			fails = append(fails, f)
		}
	}
	return fails, true
}

// selected is the spans the rule's Select yields, or every real span.
func (r *Rule) selected(tr *trace.Tree) []int32 {
	if r.Select != nil {
		return r.Select.Eval(tr).Spans()
	}
	out := make([]int32, 0, tr.Len())
	for i := range tr.Len() {
		if !tr.Span(int32(i)).Placeholder {
			out = append(out, int32(i))
		}
	}
	return out
}

// maxFailureSpans bounds the spans an aggregate failure names: the count
// says how many there are, and a log needs only the first few.
const maxFailureSpans = 20

func capSpans(s []int32) []int32 {
	if len(s) > maxFailureSpans {
		return s[:maxFailureSpans]
	}
	return s
}
