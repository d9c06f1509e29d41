package trace_test

import (
	"fmt"

	"github.com/tracetui/tracetui/trace"
)

// A decoder fills a Collector; AnalyzeAll turns its traces into Analyzed
// values, earliest first: the tree, the analysis, and the optional steps.
func ExampleAnalyzeAll() {
	const ms = int64(1e6)
	checkout := &trace.Resource{Service: "checkout"}
	payment := &trace.Resource{Service: "payment"}
	c := trace.NewCollector()
	add := func(traceID, spanID, parentID byte, res *trace.Resource, name string, start, end int64) *trace.Span {
		const t0 = int64(1_795_168_800) * 1e9 // a start of 0 would mean "not recorded"
		s := trace.Span{Resource: res, Name: name, Start: t0 + start*ms, End: t0 + end*ms}
		s.TraceID[15], s.SpanID[7], s.ParentID[7] = traceID, spanID, parentID
		return c.Add(&s)
	}
	// Trace 2 starts later than trace 1 but arrives first.
	add(2, 1, 0, checkout, "GET /cart", 1000, 1020)
	add(1, 1, 0, checkout, "POST /checkout", 0, 300)
	add(1, 2, 1, payment, "POST /v1/charges", 150, 280).Status = trace.StatusError

	all := trace.AnalyzeAll(c.Traces(), trace.PipelineOptions{
		Steps:    trace.StepSummary | trace.StepFindings,
		Progress: func(done, total int) { fmt.Printf("analyzed %d of %d\n", done, total) },
	})
	for _, a := range all {
		s := a.Summary
		fmt.Printf("%s %s: %d ms, spans=%d errors=%d\n", s.RootService, s.RootName, s.Duration/ms, s.Spans, s.Errors)
		b := a.Tree.Span(a.Analysis.Bottleneck)
		fmt.Printf("  bottleneck %s (%d ms on the critical path)\n", b.Name, a.Analysis.Critical[a.Analysis.Bottleneck]/ms)
		if f := a.Analysis.Failure; f != nil {
			fmt.Printf("  failed at %s\n", a.Tree.Span(f.Span).Name)
		}
		for _, f := range a.Findings.List {
			fmt.Printf("  finding: %s at %s\n", f.Kind, a.Tree.Span(f.Span).Name)
		}
	}
	// Output:
	// analyzed 0 of 2
	// analyzed 2 of 2
	// checkout POST /checkout: 300 ms, spans=2 errors=1
	//   bottleneck POST /checkout (170 ms on the critical path)
	//   failed at POST /v1/charges
	//   finding: gap at POST /checkout
	// checkout GET /cart: 20 ms, spans=1 errors=0
	//   bottleneck GET /cart (20 ms on the critical path)
}
