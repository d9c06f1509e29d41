package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source/load"
	"github.com/tracetui/tracetui/trace"
)

// Every trace of every input in testdata (the cases included) gets the
// same list line from trace.SummarizeTrace, which list and the explorer
// use, as from the full pipeline; both the one-pass and the tree path
// must be taken somewhere in the corpus.
func TestListLineOfEveryTestdataTrace(t *testing.T) {
	fast, slow, files := 0, 0, 0
	err := filepath.WalkDir(repoFile(), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		res, err := load.All([]load.Input{{Name: path}}, load.Options{})
		if err != nil || len(res.Traces) == 0 {
			return nil // not an input tracetui reads (goldens, notes)
		}
		files++
		for _, tr := range res.Traces {
			want := *trace.AnalyzeOne(tr, trace.PipelineOptions{Steps: trace.StepSummary}).Summary
			if got := trace.SummarizeTrace(tr); !reflect.DeepEqual(got, want) {
				t.Errorf("%s trace %s:\n got %+v\nwant %+v", path, tr.DisplayID(), got, want)
			}
			if _, ok := trace.SummarizeSpans(tr); ok {
				fast++
			} else {
				slow++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files: %d traces summarized in one pass, %d from the tree", files, fast, slow)
	if files < 30 || fast == 0 || slow == 0 {
		t.Errorf("%d files, %d one-pass, %d tree: the corpus no longer covers both paths", files, fast, slow)
	}
}

// The generated inputs the benchmarks read, decoded as list decodes them,
// take the one pass and give the same lines.
func TestListLineOfGeneratedTraces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gen.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// One trace past the context scan, many small ones.
	for _, cfg := range []tracegen.Config{{Spans: 5000, Traces: 1, Seed: 4}, {Spans: 20_000, Traces: 400, Seed: 5, ErrorRate: 0.05}} {
		if err := tracegen.WriteJSONLines(f, cfg); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	res, err := load.All([]load.Input{{Name: path}}, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range res.Traces {
		got, ok := trace.SummarizeSpans(tr)
		if !ok {
			t.Fatalf("trace %s went to the tree", tr.DisplayID())
		}
		if want := *trace.AnalyzeOne(tr, trace.PipelineOptions{Steps: trace.StepSummary}).Summary; !reflect.DeepEqual(got, want) {
			t.Fatalf("trace %s:\n got %+v\nwant %+v", tr.DisplayID(), got, want)
		}
	}
}
