package rundiff

import (
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// untimedRun is n traces of api GET / over db SELECT where the query span
// has no end time (a producer that never ended it).
func untimedRun(n int) *Run {
	run := NewRun(false)
	for k := range n {
		run.Add(untimedTrace(k))
	}
	return run
}

func untimedTrace(k int) trace.Analyzed {
	base := int64(1_790_000_000_000_000_000) + int64(k)*int64(60e9)
	id := trace.TraceID{byte(k >> 8), byte(k), 9}
	api, db := &trace.Resource{Service: "api"}, &trace.Resource{Service: "db"}
	t := &trace.Trace{ID: id, Spans: []trace.Span{
		{TraceID: id, SpanID: trace.SpanID{1}, Name: "GET /", Start: base, End: base + 40e6, Resource: api},
		{TraceID: id, SpanID: trace.SpanID{2}, ParentID: trace.SpanID{1}, Name: "SELECT", Start: base + 5e6, Resource: db},
	}}
	return trace.AnalyzeOne(t, trace.PipelineOptions{Steps: trace.StepFindings})
}

// An operation whose calls in B are all untimed has nothing to compare:
// no −100% change, no flag, no gate broken by a time rule.
func TestUntimedCallsAreNotZeroMS(t *testing.T) {
	res := Compare(runOf(1, 50, 20, 0, ""), untimedRun(50), Options{})
	o := op(t, res, "db SELECT")
	if !o.Untimed() || o.B.Untimed != 50 || o.B.Count != 50 || o.B.Timed() != 0 {
		t.Fatalf("B = %+v, untimed=%v; want 50 calls, all untimed", o.B, o.Untimed())
	}
	if o.Flagged || o.Test != nil || o.Change() != 0 || o.New() || o.Vanished() {
		t.Errorf("untimed operation flagged=%v test=%+v change=%d; want nothing measured", o.Flagged, o.Test, o.Change())
	}
	for _, rule := range []string{"db SELECT: p95 > +10%", "db SELECT: p50 < -10%", "db SELECT: mean < -1ms", "db: p99 < -50%"} {
		r, err := ParseRule(rule)
		if err != nil {
			t.Fatal(err)
		}
		if vs := res.Check([]Rule{r}); len(vs) > 0 {
			t.Errorf("%s broke on untimed calls: %+v", rule, vs[0])
		}
	}
	if r, _ := ParseRule("count > +10%"); len(res.Check([]Rule{r})) != 0 {
		t.Errorf("count rule broke though both sides have 50 calls")
	}
}

// Some untimed calls among timed ones leave the times to the timed ones.
func TestSomeUntimedCallsLeaveTheTimes(t *testing.T) {
	b := untimedRun(10)
	for k := range 40 {
		b.Add(request(k, 20, 0, ""))
	}
	res := Compare(runOf(3, 40, 0, 0, ""), b, Options{})
	o := op(t, res, "db SELECT")
	if o.B.Count != 50 || o.B.Untimed != 10 || o.Untimed() {
		t.Fatalf("B = %+v; want 50 calls, 10 untimed", o.B)
	}
	if o.B.P50 < 19e6 || o.B.Mean < 19e6 {
		t.Errorf("B p50 %d mean %d ns: untimed calls dragged the times toward 0", o.B.P50, o.B.Mean)
	}
}

// Too few timed calls to test, with others untimed: which calls lost their
// times decides the percentiles, so no time gate breaks on them (a p50 of
// the one slow call left would read as +1765%).
func TestFewTimedCallsAmongUntimedBreakNoGate(t *testing.T) {
	a := NewRun(false)
	a.Add(request(1, 2, 0, ""))
	a.Add(request(2, 200, 0, ""))
	b := NewRun(false)
	b.Add(request(3, 200, 0, ""))
	b.Add(untimedTrace(4))
	res := Compare(a, b, Options{})
	o := op(t, res, "db SELECT")
	if o.B.Untimed != 1 || o.Test == nil || !o.Test.TooFew {
		t.Fatalf("B = %+v test %+v; want 1 untimed call and too few samples", o.B, o.Test)
	}
	for _, rule := range []string{"db SELECT: p50 > +10%", "db SELECT: p95 > +10%", "db: mean > +1ms"} {
		r, _ := ParseRule(rule)
		if vs := res.Check([]Rule{r}); len(vs) > 0 {
			t.Errorf("%s broke on a few timed calls among untimed ones: %+v", rule, vs[0])
		}
	}
}
