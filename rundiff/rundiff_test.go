package rundiff

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// request is one trace: api GET / over db SELECT taking dbMS (plus n
// repeated SELECT item calls when n > 0), the query failing with errMsg.
func request(k int, dbMS float64, n int, errMsg string) trace.Analyzed {
	base := int64(1_790_000_000_000_000_000) + int64(k)*int64(60e9)
	id := trace.TraceID{byte(k >> 8), byte(k), 7}
	api, db := &trace.Resource{Service: "api"}, &trace.Resource{Service: "db"}
	dbNS := int64(dbMS * 1e6)
	t := &trace.Trace{ID: id}
	t.Spans = append(t.Spans,
		trace.Span{TraceID: id, SpanID: trace.SpanID{1}, Name: "GET /", Start: base, End: base + dbNS + 10e6 + int64(n)*2e6, Resource: api},
		trace.Span{TraceID: id, SpanID: trace.SpanID{2}, ParentID: trace.SpanID{1}, Name: "SELECT", Start: base + 5e6, End: base + 5e6 + dbNS, Resource: db})
	if errMsg != "" {
		t.Spans[1].Status, t.Spans[1].StatusMessage = trace.StatusError, errMsg
	}
	for j := range n {
		at := base + 6e6 + dbNS + int64(j)*2e6
		t.Spans = append(t.Spans, trace.Span{TraceID: id, SpanID: trace.SpanID{3, byte(j)}, ParentID: trace.SpanID{1},
			Name: "SELECT item", Start: at, End: at + 1e6, Resource: db})
	}
	return trace.AnalyzeOne(t, trace.PipelineOptions{Steps: trace.StepFindings})
}

// runOf is n traces whose query takes around meanMS (exponential spread).
func runOf(seed uint64, n int, meanMS float64, nPlus1 int, errMsg string) *Run {
	r := rand.New(rand.NewPCG(seed, 1))
	run := NewRun(false)
	for k := range n {
		run.Add(request(k, 5+r.ExpFloat64()*meanMS, nPlus1, errMsg))
	}
	return run
}

func op(t *testing.T, res *Result, label string) *OpDiff {
	t.Helper()
	for i := range res.Ops {
		if res.Ops[i].Key.Label() == label {
			return &res.Ops[i]
		}
	}
	t.Fatalf("no operation %q", label)
	return nil
}

func TestSameDistributionIsNoise(t *testing.T) {
	res := Compare(runOf(1, 200, 20, 0, ""), runOf(2, 200, 20, 0, ""), Options{})
	o := op(t, res, "db SELECT")
	if o.Flagged || o.Test == nil || o.Test.Significant() || o.Test.TooFew {
		t.Errorf("same distribution flagged=%v test=%+v; want tested and not flagged", o.Flagged, o.Test)
	}
	if o.Change() == 0 {
		t.Error("the samples differ, so the medians should too: the test, not equality, must call it noise")
	}
	rules := mustRules(t, "p95 > +1%", "p50 > +1%")
	if v := res.Check(rules); len(v) != 0 {
		t.Errorf("gates fired on noise: %+v", v)
	}
}

func TestRealChangeIsFlaggedWithItsInterval(t *testing.T) {
	res := Compare(runOf(1, 200, 20, 0, ""), runOf(2, 200, 40, 0, ""), Options{})
	o := op(t, res, "db SELECT")
	if !o.Flagged || !o.Test.Significant() || o.Test.P > 0.001 {
		t.Fatalf("doubled latency: flagged=%v test=%+v; want flagged with p < 0.001", o.Flagged, o.Test)
	}
	for _, m := range []Interval{o.A.Median, o.B.Median} {
		if !(m.Lo < m.Center && m.Center < m.Hi) {
			t.Errorf("median interval %+v should surround its center", m)
		}
	}
	// The median beside the interval is the table's p50, not a second one.
	if o.A.Median.Center != float64(o.A.P50) || o.B.Median.Center != float64(o.B.P50) {
		t.Errorf("medians %v, %v differ from the p50s %d, %d printed beside them", o.A.Median.Center, o.B.Median.Center, o.A.P50, o.B.P50)
	}
	if o.A.Median.Hi >= o.B.Median.Lo {
		t.Errorf("intervals %+v and %+v overlap for a doubled latency", o.A.Median, o.B.Median)
	}
	// The whole trace is slower too, and a gate on it fires.
	v := res.Check(mustRules(t, "overall: p95 > +20%", "p50 > +20%"))
	var got []string
	for _, x := range v {
		label := "overall"
		if !strings.EqualFold(x.Rule.Scope, "overall") {
			label = x.Op.Key.Label()
		}
		got = append(got, x.Rule.Metric+" "+label)
	}
	slices.Sort(got)
	if strings.Join(got, ", ") != "p50 api GET /, p50 db SELECT, p95 overall" {
		t.Errorf("violations %v", got)
	}
}

func TestTooFewSamplesAreSaidNotGuessed(t *testing.T) {
	res := Compare(runOf(1, 2, 20, 0, ""), runOf(2, 2, 400, 0, ""), Options{})
	o := op(t, res, "db SELECT")
	if !o.Test.TooFew || o.Flagged || o.Test.Note == "" {
		t.Errorf("2 against 2 samples: %+v flagged=%v; want 'too few' with a note", o.Test, o.Flagged)
	}
	// A gate still judges what was measured, and says it could not test it.
	v := res.Check(mustRules(t, "db SELECT: p50 > +100%"))
	if len(v) != 1 || !v[0].Untested {
		t.Errorf("violations %+v; want one, untested", v)
	}
}

func TestNewErrorKindsAndFindings(t *testing.T) {
	a := runOf(1, 20, 20, 0, "")
	b := NewRun(false)
	for k := range 20 {
		msg := ""
		if k%4 == 0 {
			msg = "deadlock detected"
		}
		b.Add(request(k, 20, 8, msg))
	}
	res := Compare(a, b, Options{})
	o := op(t, res, "db SELECT")
	if o.NewErrors != 5 || o.NewKinds["deadlock detected"] != 5 {
		t.Errorf("new errors %d %v; want 5 deadlocks", o.NewErrors, o.NewKinds)
	}
	if n := op(t, res, "db SELECT item"); !n.New() || n.B.Count != 160 {
		t.Errorf("SELECT item new=%v count %d; want a new operation with 160 calls", n.New(), n.B.Count)
	}
	if len(res.NewFindings) != 1 || res.NewFindings[0].Key.Kind != trace.FindingNPlusOne ||
		res.NewFindings[0].Key.Detail != "db SELECT item" || res.NewFindings[0].TracesB != 20 {
		t.Errorf("new findings %+v; want the N+1 of SELECT item in 20 traces", res.NewFindings)
	}
	if v := res.Check(mustRules(t, "errors > 0")); len(v) != 1 || v[0].Op.Key.Label() != "db SELECT" {
		t.Errorf("errors gate: %+v", v)
	}
	// Errors A already had are not new.
	if v := Compare(b, b, Options{}).Check(mustRules(t, "errors > 0")); len(v) != 0 {
		t.Errorf("the same run against itself has no new errors: %+v", v)
	}
}

func TestCountGate(t *testing.T) {
	a, b := NewRun(false), NewRun(false)
	for k := range 10 {
		a.Add(request(k, 20, 5, ""))
		b.Add(request(k, 20, 9, ""))
	}
	v := Compare(a, b, Options{}).Check(mustRules(t, "count > +50%"))
	if len(v) != 1 || v[0].Op.Key.Name != "SELECT item" || v[0].Change != 80 {
		t.Errorf("count gate %+v; want SELECT item +80%%", v)
	}
}

func TestParseRuleErrors(t *testing.T) {
	for _, bad := range []string{"p95 > ", "p42 > +20%", "p95 => 20%", "p95 > fast", "errors > 10%",
		"errors > -1", "errors > 1.5", "errors >= 1e3", "p95 = 20%"} {
		if _, err := ParseRule(bad); err == nil {
			t.Errorf("ParseRule(%q) accepted", bad)
		}
	}
	r, err := ParseRule("checkout POST /checkout: p99 >= +250ms")
	if err != nil || r.Scope != "checkout POST /checkout" || r.Value != 250e6 || r.Pct || r.Op != ">=" {
		t.Errorf("parsed %+v, %v", r, err)
	}
	// Spaces around the operator are optional.
	for _, text := range []string{"p95>+20%", "p95 >+20%", "p95> +20%", "overall:p95>=+20%"} {
		r, err := ParseRule(text)
		if err != nil || r.Metric != "p95" || r.Value != 20 || !r.Pct || !strings.HasPrefix(r.Op, ">") {
			t.Errorf("ParseRule(%q) = %+v, %v; want p95 > +20%%", text, r, err)
		}
	}
	if r, err := ParseRule("errors > 0"); err != nil || r.Value != 0 {
		t.Errorf("errors > 0: %+v, %v", r, err)
	}
}

func mustRules(t *testing.T, texts ...string) []Rule {
	t.Helper()
	var out []Rule
	for _, s := range texts {
		r, err := ParseRule(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}
