package main

import (
	"reflect"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/trace"
)

// A trace opened at once goes to the explorer with its folds and a way to
// complete its findings, with the loading screen's progress as before.
func TestFirstFrameHandsOverTheRestOfTheFindings(t *testing.T) {
	tr := tracegen.RandomTrace(2_000, 3)
	opt := trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary}
	var reports [][2]int
	opt.Progress = func(done, total int) { reports = append(reports, [2]int{done, total}) }
	l := firstFrame(tr, opt, []string{"w"})
	if len(l.Traces) != 1 || l.Find == nil || !reflect.DeepEqual(reports, [][2]int{{0, 1}, {1, 1}}) || len(l.Warnings) != 1 {
		t.Fatalf("%d traces, Find set: %v, progress %v", len(l.Traces), l.Find != nil, reports)
	}
	if got, want := l.Find(), trace.AnalyzeOne(tr, opt).Findings; !reflect.DeepEqual(got, want) {
		t.Errorf("completed findings: %d, eager %d", len(got.List), len(want.List))
	}
}
