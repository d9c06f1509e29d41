package trace

import (
	"slices"
	"testing"
)

// oneSpan is a trace of one span named name, starting at start ms.
func oneSpan(id byte, start int64, name string) *Trace {
	s := sp(1, 0, start, start+10, name)
	s.TraceID[0] = id
	return &Trace{ID: s.TraceID, Spans: []Span{s}}
}

func TestAnalyzeAllOrdersByStartThenID(t *testing.T) {
	in := []*Trace{oneSpan(3, 20, "late"), oneSpan(2, 5, "tie b"), oneSpan(1, 5, "tie a"), oneSpan(4, 0, "first")}
	var got []string
	for _, a := range AnalyzeAll(in, PipelineOptions{}) {
		got = append(got, a.Tree.Span(0).Name)
	}
	if want := []string{"first", "tie a", "tie b", "late"}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestPipelineRunsOnlyTheStepsAsked(t *testing.T) {
	tr := oneSpan(1, 0, "root")
	if a := AnalyzeOne(tr, PipelineOptions{}); a.Tree == nil || a.Analysis == nil || a.Findings != nil || a.Summary != nil {
		t.Errorf("no steps: want tree and analysis only, got %+v", a)
	}
	a := AnalyzeOne(tr, PipelineOptions{Steps: StepFindings | StepSummary})
	if a.Findings == nil || a.Summary == nil {
		t.Fatalf("both steps: findings %v, summary %v", a.Findings, a.Summary)
	}
	if a.Summary.RootName != "root" || a.Summary.Duration != 10*ms || a.ListLine().ID != tr.DisplayID() {
		t.Errorf("summary = %+v", *a.Summary)
	}
	if got := AnalyzeOne(tr, PipelineOptions{}).ListLine(); got.RootName != "root" {
		t.Errorf("ListLine without StepSummary must summarize now, got %+v", got)
	}
}

func TestAnalyzeAllReportsProgressToTheEnd(t *testing.T) {
	in := make([]*Trace, 1001)
	for k := range in {
		in[k] = oneSpan(byte(k), int64(k), "t")
	}
	var calls [][2]int
	out := AnalyzeAll(in, PipelineOptions{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }})
	if want := [][2]int{{0, 1001}, {500, 1001}, {1000, 1001}, {1001, 1001}}; !slices.Equal(calls, want) {
		t.Errorf("progress = %v, want %v", calls, want)
	}
	if len(out) != len(in) {
		t.Errorf("analyzed %d of %d", len(out), len(in))
	}
}
