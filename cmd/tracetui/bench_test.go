package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/internal/naive"
	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

// BenchmarkList100k times `tracetui list` on a 100,000-span JSON lines
// file end to end, side by side with the naive protojson load of the same
// file (no tree, no analysis, no output): list must take at most half.
func BenchmarkList100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "t100k.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := tracegen.WriteJSONLines(f, tracegen.Config{Spans: 100_000, Traces: 10, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	f.Close()
	ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard,
		Getenv: func(string) string { return "" }, Now: time.Now}
	b.Run("tracetui_list", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if code := run([]string{"list", path}, ios); code != 0 {
				b.Fatalf("exit %d", code)
			}
		}
	})
	b.Run("naive_protojson_load", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			f, _ := os.Open(path)
			if _, err := naive.LoadJSONLines(f); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
}

// BenchmarkLiveRedraw is the work behind one live redraw while a receiver
// holds 1,000,000 spans in 200 traces and one of them just got a span:
// re-analyzing every trace (what the live view did first) against the
// cache that re-analyzes only the changed trace.
func BenchmarkLiveRedraw(b *testing.B) {
	store := receiver.NewStore(0)
	for k := 0; k < 200; k++ {
		t := tracegen.RandomTrace(5000, uint64(k))
		t.ID[0], t.ID[1] = 1, byte(k)
		store.Add([]*trace.Trace{t}, time.Now())
	}
	arrive := func(i int) {
		t := &trace.Trace{ID: trace.TraceID{1, byte(i % 200)}}
		t.Spans = []trace.Span{{SpanID: trace.SpanID{9, byte(i), byte(i >> 8), byte(i >> 16)}, ParentID: trace.SpanID{0, 0, 0, 0, 1},
			Start: 1e15, End: 1e15 + 1000, Name: "late"}}
		store.Add([]*trace.Trace{t}, time.Now())
	}
	b.Run("reanalyze_all", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			arrive(i)
			var all []*trace.Trace
			for _, v := range store.Versions() {
				all = append(all, v.Trace)
			}
			if got := trace.AnalyzeAll(all, trace.PipelineOptions{Steps: trace.StepFindings}); len(got) != 200 {
				b.Fatal(len(got))
			}
		}
	})
	b.Run("incremental", func(b *testing.B) {
		c := newLiveCache(trace.PipelineOptions{Steps: trace.StepFindings | trace.StepSummary})
		c.update(store.Versions())
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			arrive(i)
			if got, n := c.update(store.Versions()); len(got) != 200 || n != 1 {
				b.Fatal(len(got), n)
			}
		}
	})
}
