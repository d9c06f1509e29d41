package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tracetui/tracetui/internal/tracegen"
)

func genFile(b *testing.B, name string, cfg tracegen.Config) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := tracegen.WriteJSONLines(f, cfg); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

func benchIO() *IOStreams {
	return &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard,
		Getenv: func(string) string { return "" }, Now: time.Now}
}

// BenchmarkDiffRuns is `tracetui diff A.jsonl B.jsonl` end to end on two
// runs of 10,000 traces × 20 spans (two seeds of the same shape): loading
// both files, analysis with findings, the per-operation comparison and the
// text output. Issue 18: under 3 s.
func BenchmarkDiffRuns(b *testing.B) {
	a := genFile(b, "a.jsonl", tracegen.Config{Spans: 200_000, Traces: 10_000, Seed: 1})
	c := genFile(b, "b.jsonl", tracegen.Config{Spans: 200_000, Traces: 10_000, Seed: 2})
	ios := benchIO()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if code := run([]string{"diff", "--width", "140", a, c}, ios); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkDiffTraces100k is `tracetui diff` of two 100,000-span traces
// end to end (load, analysis with findings, alignment, text output).
// Issue 18: under 1 s.
func BenchmarkDiffTraces100k(b *testing.B) {
	a := genFile(b, "a.jsonl", tracegen.Config{Spans: 100_000, Traces: 1, Seed: 1})
	c := genFile(b, "b.jsonl", tracegen.Config{Spans: 100_000, Traces: 1, Seed: 2})
	ios := benchIO()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if code := run([]string{"diff", "--width", "140", a, c}, ios); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
