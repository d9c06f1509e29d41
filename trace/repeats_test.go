package trace

import (
	"testing"
	"time"
)

// Kind: the same data twice is still one trace. A span that arrives again
// with the same IDs and content counts once, with a warning; spans that
// share an ID but differ stay.

func TestABatchDeliveredTwiceIsOneTrace(t *testing.T) {
	root := with(in("web", sp(1, 0, 0, 100, "GET /")), KindServer)
	failed := in("db", sp(2, 1, 10, 50, "SELECT"))
	failed.Status, failed.StatusMessage = StatusError, "timeout"
	orig := &Trace{Spans: []Span{root, failed, root, failed}}
	got := AnalyzeOne(orig, PipelineOptions{Steps: StepSummary})
	if s := got.Summary; s.Spans != 2 || s.Errors != 1 {
		t.Errorf("summary: %d spans, %d errors; want 2 and 1", s.Spans, s.Errors)
	}
	tr := got.Tree
	if len(tr.Warnings) != 1 || tr.Warnings[0] != (Warning{Kind: WarnRepeats, Count: 2}) {
		t.Errorf("want only the repeats warning (no second root, no shared IDs): %v", tr.Warnings)
	}
	if len(orig.Spans) != 4 {
		t.Error("Build must not modify its input")
	}
}

func TestRepeatedZipkinHalvesStayOnePairedRPC(t *testing.T) {
	client := with(in("web", sp(2, 1, 10, 90, "get")), KindClient)
	server := with(in("api", sp(2, 1, 12, 88, "get")), KindServer)
	root := in("web", sp(1, 0, 0, 100, "root"))
	db := in("api", sp(3, 2, 20, 30, "query"))
	tr := Build(&Trace{Spans: []Span{root, client, server, db, root, client, server, db}})
	if len(tr.Trace.Spans) != 4 || tr.Marks[2]&MarkSharedRPC == 0 || tr.Parent[2] != 1 || tr.Parent[3] != 2 {
		t.Fatalf("want root → client → server → query once: %d spans, parents %v", len(tr.Trace.Spans), tr.Parent)
	}
	if !hasWarning(tr, Warning{Kind: WarnRepeats, Count: 4}) || hasWarningKind(tr, WarnDuplicateIDs) {
		t.Errorf("warnings = %v", tr.Warnings)
	}
}

func TestSameIDsWithOtherContentAreNotRepeats(t *testing.T) {
	a := in("web", sp(2, 1, 10, 20, "call"))
	b := a
	b.Attrs = []Attr{{Key: "attempt", Value: IntValue(2)}}
	c := a
	c.Resource = &Resource{Service: "other"}
	tr := Build(&Trace{Spans: []Span{in("web", sp(1, 0, 0, 100, "root")), a, b, c}})
	if len(tr.Trace.Spans) != 4 || hasWarningKind(tr, WarnRepeats) || !hasWarning(tr, Warning{Kind: WarnDuplicateIDs, Count: 2}) {
		t.Errorf("%d spans, warnings %v: differing spans must stay, as duplicate IDs", len(tr.Trace.Spans), tr.Warnings)
	}
}

func TestEqualResourcesFromTwoBatchesMakeARepeat(t *testing.T) {
	// Each decoded batch has its own *Resource; equal content is a repeat.
	a := sp(1, 0, 0, 100, "root")
	a.Resource = &Resource{Service: "web", Attrs: []Attr{{Key: "host", Value: StringValue("h1")}}}
	b := a
	b.Resource = &Resource{Service: "web", Attrs: []Attr{{Key: "host", Value: StringValue("h1")}}}
	if tr := Build(&Trace{Spans: []Span{a, b}}); len(tr.Trace.Spans) != 1 || !hasWarning(tr, Warning{Kind: WarnRepeats, Count: 1}) {
		t.Errorf("%d spans, warnings %v", len(tr.Trace.Spans), tr.Warnings)
	}
}

func TestManySpansSharingOneIDStayLinear(t *testing.T) {
	// Hostile: every span agrees in the cheap fields but differs in an
	// attribute; comparing each with all earlier ones would take minutes.
	spans := make([]Span, 10_000)
	for i := range spans {
		spans[i] = sp(2, 0, 0, 10, "x")
		spans[i].Attrs = []Attr{{Key: "i", Value: IntValue(int64(i))}}
	}
	start := time.Now()
	if tr := Build(&Trace{Spans: spans}); len(tr.Trace.Spans) != len(spans) {
		t.Errorf("%d spans kept of %d", len(tr.Trace.Spans), len(spans))
	}
	// Bounded, it takes a fraction of a second; all pairs, over a minute.
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Build took %s", d)
	}
}
